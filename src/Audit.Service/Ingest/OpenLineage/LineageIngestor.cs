using System.Data.Common;
using Audit.Service.Data;
using Audit.Service.Domain;
using Dapper;

namespace Audit.Service.Ingest.OpenLineage;

public sealed record LineageIngestResult(string File, int Events, int NewEvents, int Edges, int NewDatasets);

/// <summary>
/// Turns OpenLineage events into datasets and lineage edges. A file is all or nothing: every event is
/// parsed first and any malformed one rejects the file with its line and reason. Replays are harmless:
/// the event hash is the key of the stored event and edges only widen their first/last-seen window.
/// </summary>
public sealed class LineageIngestor
{
    /// <summary>Larger files are refused before reading: a lineage feed arrives in many small files.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    private readonly Database _database;
    private readonly AuditLog _auditLog;

    public LineageIngestor(Database database, AuditLog auditLog)
    {
        _database = database;
        _auditLog = auditLog;
    }

    public async Task<LineageIngestResult> IngestFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var events = ParseFile(path, file);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var datasetsBefore = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Dataset", transaction: transaction);
        var totals = new Totals();
        foreach (var ev in events)
        {
            await WriteAsync(connection, transaction, ev, totals);
        }

        var datasetsAfter = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Dataset", transaction: transaction);
        await _auditLog.AppendAsync(connection, transaction, "import", "openlineage", $"{file}: {events.Count} events, {totals.NewEvents} new");
        await transaction.CommitAsync(cancellationToken);
        return new LineageIngestResult(file, events.Count, totals.NewEvents, totals.Edges, (int)(datasetsAfter - datasetsBefore));
    }

    /// <summary>Ingests one event (the HTTP endpoint's path); a malformed event throws <see cref="FormatException"/>.</summary>
    public async Task<bool> IngestAsync(string json, CancellationToken cancellationToken = default)
    {
        var ev = LineageEventParser.Parse(json);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var totals = new Totals();
        await WriteAsync(connection, transaction, ev, totals);
        await transaction.CommitAsync(cancellationToken);
        return totals.NewEvents == 1;
    }

    /// <summary>
    /// A .json file holds one event or an array of events; .ndjson/.jsonl holds one event per line.
    /// </summary>
    public static List<LineageEvent> ParseFile(string path, string file)
    {
        var errors = new ImportErrorList(file);
        if (!File.Exists(path))
        {
            throw new ImportRejectedException(file, [new ImportError(file, 0, "-", "file not found")], 1);
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new ImportRejectedException(file, [new ImportError(file, 0, "-", $"larger than {MaxFileBytes / (1024 * 1024)} MB; split the feed into smaller files")], 1);
        }

        var events = new List<LineageEvent>();
        foreach (var (line, json) in Documents(path, errors))
        {
            try
            {
                events.Add(LineageEventParser.Parse(json));
            }
            catch (FormatException ex)
            {
                errors.Add(line, "event", ex.Message);
            }
        }

        if (!errors.Any && events.Count == 0)
        {
            errors.Add(1, "-", "the file holds no events");
        }

        return errors.Any ? throw new ImportRejectedException(file, errors.Kept, errors.Total) : events;
    }

    private static IEnumerable<(long Line, string Json)> Documents(string path, ImportErrorList errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (System.Text.DecoderFallbackException)
        {
            errors.Add(1, "-", "the file is not valid UTF-8");
            yield break;
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".json")
        {
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('['))
            {
                System.Text.Json.Nodes.JsonArray? array = null;
                try
                {
                    array = System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonArray;
                }
                catch (System.Text.Json.JsonException ex)
                {
                    errors.Add((ex.LineNumber ?? 0) + 1, "-", $"not valid JSON: {ex.Message.Split(" Path:")[0]}");
                }

                for (var i = 0; array is not null && i < array.Count; i++)
                {
                    yield return (i + 1, array[i]?.ToJsonString() ?? "null");
                }

                yield break;
            }

            yield return (1, text);
            yield break;
        }

        long number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, LineageEvent ev, Totals totals)
    {
        var inserted = await connection.ExecuteAsync(_database.Sql["LineageEvent_Insert"], new
        {
            EventHash = ev.Hash,
            RunId = ev.RunId ?? string.Empty,
            ev.EventType,
            ev.EventTime,
            ev.JobNamespace,
            ev.JobName,
            ev.Producer,
            ev.Payload,
            ReceivedAt = DateTime.UtcNow,
        }, transaction);
        totals.NewEvents += inserted > 0 ? 1 : 0;

        var ids = new Dictionary<(string, string), long>();
        foreach (var dataset in ev.Inputs.Concat(ev.Outputs))
        {
            ids[(dataset.Namespace, dataset.Name)] = await connection.ExecuteScalarAsync<long>(_database.Sql["Dataset_UpsertFromLineage"], new
            {
                dataset.Namespace,
                dataset.Name,
                Kind = dataset.Kind is { } k ? Codes.ToCode(k) : null,
                dataset.IsCommercial,
                SeenAt = ev.EventTime,
                Facets = dataset.FacetsJson,
            }, transaction);
        }

        if (!ev.MovesData)
        {
            return;
        }

        foreach (var input in ev.Inputs)
        {
            foreach (var output in ev.Outputs)
            {
                var transform = ev.Transforms.TryGetValue((input.Namespace, input.Name, output.Namespace, output.Name), out var t) ? t : TransformKind.Unknown;
                await connection.ExecuteAsync(_database.Sql["LineageEdge_UpsertFromLineage"], new
                {
                    SourceDatasetId = ids[(input.Namespace, input.Name)],
                    TargetDatasetId = ids[(output.Namespace, output.Name)],
                    ev.JobNamespace,
                    ev.JobName,
                    Transform = Codes.ToCode(transform),
                    SeenAt = ev.EventTime,
                    ev.RunId,
                    Facets = output.FacetsJson,
                }, transaction);
                totals.Edges++;
            }
        }
    }

    private sealed class Totals
    {
        public int NewEvents { get; set; }

        public int Edges { get; set; }
    }
}
