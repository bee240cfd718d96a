using System.Globalization;
using System.Text;
using System.Text.Json;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Ingest.OpenLineage;

public sealed record LineageIngestResult(string File, int Events, int NewEvents, int Edges, int NewDatasets, IReadOnlyList<ImportError> Warnings);

/// <summary>
/// Imports a file of OpenLineage events, all or nothing: events are parsed and written one at a time inside
/// one transaction (so a file of any size streams), and any malformed event rolls the whole file back and is
/// reported with its file, line and field. Exact repeats are harmless (stored once, no new lineage).
/// </summary>
public sealed class LineageIngestor
{
    /// <summary>A .json file is read whole; feeds larger than this belong in NDJSON, which streams.</summary>
    public const long MaxJsonFileBytes = 64L * 1024 * 1024;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly Database _database;
    private readonly AuditLog _auditLog;
    private readonly LineageStore _store;

    public LineageIngestor(Database database, AuditLog auditLog)
    {
        _database = database;
        _auditLog = auditLog;
        _store = new LineageStore(database);
    }

    public Task<LineageIngestResult> IngestFileAsync(string path, CancellationToken cancellationToken) => IngestFileAsync(path, null, null, cancellationToken);

    /// <summary>A .json file holds one event or an array of events; .ndjson/.jsonl holds one event per line.</summary>
    /// <param name="actor">Who the audit entry names (default: the command line's user); written in the import's own transaction, once.</param>
    public async Task<LineageIngestResult> IngestFileAsync(string path, IProgress<long>? progress = null, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var errors = new ImportErrorList(file);
        var warnings = new ImportErrorList(file);
        if (!File.Exists(path))
        {
            throw new ImportRejectedException(file, [new ImportError(file, 0, "-", "file not found")], 1);
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var datasetsBefore = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Dataset", transaction: transaction);
        await using var session = _store.Begin(connection, transaction);
        int events = 0, newEvents = 0, edges = 0;
        await foreach (var (line, utf8, problem) in DocumentsAsync(path, file, cancellationToken))
        {
            if (problem is not null)
            {
                errors.Add(line + problem.Line - 1, problem.Field, problem.Reason);
                continue;
            }

            LineageEvent ev;
            try
            {
                ev = LineageEventParser.Parse(utf8);
            }
            catch (LineageFormatException ex)
            {
                errors.Add(line + ex.Line - 1, ex.Field, ex.Reason);
                continue;
            }

            events++;
            foreach (var warning in ev.Warnings)
            {
                var colon = warning.IndexOf(": ", StringComparison.Ordinal);
                warnings.Add(line, warning[..colon], warning[(colon + 2)..]);
            }

            if (errors.Any)
            {
                // The file is rejected anyway: keep reading only to report every error.
                continue;
            }

            var written = await session.WriteAsync(ev, cancellationToken);
            newEvents += written.IsNew ? 1 : 0;
            edges += written.EdgesTouched;
            if (events % 10_000 == 0)
            {
                progress?.Report(events);
            }
        }

        if (!errors.Any && events == 0)
        {
            errors.Add(1, "-", "the file holds no events");
        }

        if (errors.Any)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ImportRejectedException(file, errors.Kept, errors.Total);
        }

        var datasetsAfter = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Dataset", transaction: transaction);
        var by = actor ?? AuditActor.CommandLine;
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(by.Name, by.Role, AuditActions.Import, $"openlineage {file}",
            string.Create(CultureInfo.InvariantCulture, $"imported: {events} events, {newEvents} new"), by.Request));
        await transaction.CommitAsync(cancellationToken);
        return new LineageIngestResult(file, events, newEvents, edges, (int)(datasetsAfter - datasetsBefore), warnings.Kept);
    }

    /// <summary>Each event's first line and bytes, or a problem that keeps it from being read at all.</summary>
    private static async IAsyncEnumerable<(long Line, ReadOnlyMemory<byte> Utf8, LineageFormatException? Problem)> DocumentsAsync(
        string path, string file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".json")
        {
            if (new FileInfo(path).Length > MaxJsonFileBytes)
            {
                yield return (1, default, new LineageFormatException("-", $"a .json file over {MaxJsonFileBytes / (1024 * 1024)} MB; send large feeds as NDJSON (.ndjson, one event per line), which streams"));
                yield break;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var text = bytes.AsMemory(bytes.AsSpan().StartsWith(Bom) ? Bom.Length : 0);
            var first = text.Span.TrimStart(" \t\r\n"u8);
            if (first.Length > 0 && first[0] == (byte)'[')
            {
                foreach (var item in ArrayElements(text))
                {
                    yield return item;
                }

                yield break;
            }

            yield return (1, text, null);
            yield break;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var lines = new NdjsonLines(stream);
        while (true)
        {
            var (found, line, tooLong) = await lines.NextAsync(cancellationToken);
            if (!found)
            {
                yield break;
            }

            if (tooLong)
            {
                yield return (lines.LineNumber, default, new LineageFormatException("-", $"the line is longer than {NdjsonLines.MaxLineBytes / (1024 * 1024)} MB"));
                continue;
            }

            if (lines.LineNumber == 1 && line.Span.StartsWith(Bom))
            {
                line = line[Bom.Length..];
            }

            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                yield return (lines.LineNumber, line, null);
            }
        }
    }

    /// <summary>The events of a .json array, numbered from 1 as the rows of the array (the error row is the element).</summary>
    private static IEnumerable<(long Line, ReadOnlyMemory<byte> Utf8, LineageFormatException? Problem)> ArrayElements(ReadOnlyMemory<byte> text)
    {
        var elements = new List<ReadOnlyMemory<byte>>();
        LineageFormatException? problem = null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = true, MaxDepth = 64 });
            foreach (var element in document.RootElement.EnumerateArray())
            {
                elements.Add(Encoding.UTF8.GetBytes(element.GetRawText()));
            }
        }
        catch (JsonException ex)
        {
            problem = JsonProblems.Find(text.Span, 64) ?? new LineageFormatException("-", "not valid JSON: " + JsonProblems.Plain(ex.Message), (ex.LineNumber ?? 0) + 1);
        }

        if (problem is not null)
        {
            yield return (1, default, problem);
            yield break;
        }

        for (var i = 0; i < elements.Count; i++)
        {
            yield return (i + 1, elements[i], null);
        }
    }
}
