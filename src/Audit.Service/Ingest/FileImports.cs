using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Security;

namespace Audit.Service.Ingest;

/// <summary>What an accepted import did (the same figures the CLI prints).</summary>
public sealed record ImportOutcome(string Kind, string File, long Rows, long Added, IReadOnlyList<string> Warnings);

/// <summary>
/// One uploaded file of one kind through the same all-or-nothing importer as `import`, for the API and the admin
/// page alike: the upload is spooled under its own name (which decides CSV or JSON and names the errors), imported
/// or refused whole, and the outcome written to the audit log either way.
/// </summary>
public sealed class FileImports(Importer importer, LineageIngestor lineage, AuditTrail trail)
{
    public const string OpenLineageKind = "openlineage";

    /// <summary>Every kind a file may be imported as, with what it holds.</summary>
    public static IReadOnlyList<(string Kind, string Description)> Kinds { get; } =
        ImportSpecs.All.Select(s => (s.Kind, s.Description)).Append((OpenLineageKind, "OpenLineage run events (NDJSON, one event a line; or a JSON event or array)")).ToList();

    public static bool IsKind(string kind) => kind == OpenLineageKind || ImportSpecs.Find(kind) is not null;

    public static string UnknownKind(string kind) => $"kind: '{kind}' is not an import kind; one of: {string.Join(", ", Kinds.Select(k => k.Kind))}.";

    /// <summary>The bare file name when its extension suits the kind (.csv or .json; .ndjson, .jsonl or .json for openlineage), else null.</summary>
    public static string? SafeName(string? name, string kind)
    {
        var bare = Path.GetFileName(name ?? string.Empty);
        var extension = Path.GetExtension(bare).ToLowerInvariant();
        var allowed = kind == OpenLineageKind ? extension is ".ndjson" or ".jsonl" or ".json" : extension is ".csv" or ".json";
        return allowed && bare.Length <= 200 && !bare.Any(char.IsControl) ? bare : null;
    }

    public static string BadName(string? name) => $"file: '{name}' needs a .csv or .json name (.ndjson or .jsonl for openlineage).";

    /// <summary>Imports the content as a file named <paramref name="name"/> (already checked by <see cref="SafeName"/>); a refused file throws <see cref="ImportRejectedException"/> with nothing written.</summary>
    public async Task<ImportOutcome> ImportAsync(string kind, string name, Func<Stream, CancellationToken, Task> writeContent, Caller caller, string request, CancellationToken cancellationToken)
    {
        var spec = ImportSpecs.Find(kind);
        var folder = Path.Combine(Path.GetTempPath(), "audit-imports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, name);
            await using (var target = File.Create(path))
            {
                await writeContent(target, cancellationToken);
            }

            try
            {
                // The accepted import's one audit entry is written inside its transaction, naming the caller.
                var actor = new AuditActor(caller.Name, caller.Role.Code(), request);
                ImportOutcome outcome;
                if (spec is null)
                {
                    var result = await lineage.IngestFileAsync(path, null, actor, cancellationToken);
                    outcome = new ImportOutcome(OpenLineageKind, name, result.Events, result.NewEvents, result.Warnings.Select(w => w.ToString()).ToList());
                }
                else
                {
                    var result = await importer.ImportAsync(spec, path, progress: null, actor, cancellationToken);
                    outcome = new ImportOutcome(spec.Kind, name, result.RowsRead, result.RowsAdded, []);
                }

                return outcome;
            }
            catch (ImportRejectedException ex)
            {
                await trail.ImportedAsync(caller, request, spec?.Kind ?? OpenLineageKind, name,
                    string.Create(CultureInfo.InvariantCulture, $"refused: {ex.Total} errors"), cancellationToken);
                throw;
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; the answer matters more.
            }
        }
    }
}
