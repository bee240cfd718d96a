using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>What an accepted import did (the same figures the CLI prints).</summary>
public sealed record ImportOutcome(string Kind, string File, long Rows, long Added, IReadOnlyList<string> Warnings);

/// <summary>
/// POST /api/v1/imports/{kind} (ingest, admin): one file of one kind through the same all-or-nothing importer
/// as `import`; a refused file answers 400 with its file:row:column errors and leaves the database as it was.
/// The file is the request body (its name in ?file=, which decides CSV or JSON and names the errors) or the
/// first file of a multipart form.
/// </summary>
public static class ImportsApi
{
    /// <summary>Largest upload (the setting Imports:MaxBytes): imports of a few hundred MB are normal.</summary>
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;

    private const string OpenLineageKind = "openlineage";

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/{kind}", ImportAsync).RequireAuthorization(Policies.Ingest).WithTags("Imports")
            .WithSummary("Import one CSV or JSON file of one kind (or an NDJSON file of OpenLineage events as 'openlineage'), all or nothing.");
        return api;
    }

    public static async Task<Results<Ok<ImportOutcome>, ProblemHttpResult>> ImportAsync(
        string kind, string? file, HttpContext context, Importer importer, LineageIngestor lineage, AuditTrail trail, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var spec = ImportSpecs.Find(kind);
        if (spec is null && kind != OpenLineageKind)
        {
            var kinds = string.Join(", ", ImportSpecs.All.Select(s => s.Kind).Append(OpenLineageKind));
            return TypedResults.Problem($"kind: '{kind}' is not an import kind; one of: {kinds}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown import kind");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = configuration.GetValue("Imports:MaxBytes", DefaultMaxBytes);
        }

        // The upload is spooled under its own name so the importer reads it as it reads a file given to the CLI.
        var folder = Path.Combine(Path.GetTempPath(), "audit-imports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (name, problem) = await SpoolAsync(context.Request, file, kind, folder, cancellationToken);
            if (problem is not null)
            {
                return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload");
            }

            var path = Path.Combine(folder, name!);
            var caller = context.User.Caller();
            try
            {
                ImportOutcome outcome;
                if (spec is null)
                {
                    var result = await lineage.IngestFileAsync(path, cancellationToken);
                    outcome = new ImportOutcome(OpenLineageKind, name!, result.Events, result.NewEvents, result.Warnings.Select(w => w.ToString()).ToList());
                }
                else
                {
                    var result = await importer.ImportAsync(spec, path, progress: null, cancellationToken);
                    outcome = new ImportOutcome(spec.Kind, name!, result.RowsRead, result.RowsAdded, []);
                }

                await trail.ImportedAsync(caller, context.Request.Describe(), outcome.Kind, name!,
                    string.Create(CultureInfo.InvariantCulture, $"imported: {outcome.Rows} records, {outcome.Added} new"), cancellationToken);
                return TypedResults.Ok(outcome);
            }
            catch (ImportRejectedException ex)
            {
                await trail.ImportedAsync(caller, context.Request.Describe(), spec?.Kind ?? OpenLineageKind, name!,
                    string.Create(CultureInfo.InvariantCulture, $"refused: {ex.Total} errors"), cancellationToken);
                return TypedResults.Problem(
                    $"{name} was refused and nothing was imported: {ex.Total} problem(s), the first {ex.Errors.Count} listed in 'errors' as file:row:column.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Import refused",
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = ex.Errors.Select(e => new { e.File, e.Row, e.Column, e.Message, located = e.ToString() }).ToList(),
                        ["total"] = ex.Total,
                    });
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

    private static async Task<(string? Name, string? Problem)> SpoolAsync(HttpRequest request, string? file, string kind, string folder, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count != 1)
            {
                return (null, "send exactly one file in the form (field 'file').");
            }

            var upload = form.Files[0];
            if (SafeName(upload.FileName, kind) is not { } formName)
            {
                return (null, $"file: '{upload.FileName}' needs a .csv or .json name (.ndjson or .jsonl for openlineage).");
            }

            await using var target = File.Create(Path.Combine(folder, formName));
            await upload.CopyToAsync(target, cancellationToken);
            return (formName, null);
        }

        var name = SafeName(file ?? DefaultName(request.ContentType, kind), kind);
        if (name is null)
        {
            return (null, $"file: give the file's name with a .csv or .json extension (?file=workers.csv), or send Content-Type text/csv or application/json.");
        }

        await using (var target = File.Create(Path.Combine(folder, name)))
        {
            await request.Body.CopyToAsync(target, cancellationToken);
        }

        return (name, null);
    }

    private static string? DefaultName(string? contentType, string kind) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => kind + ".csv",
            "application/json" => kind + ".json",
            "application/x-ndjson" => kind + ".ndjson",
            _ => null,
        };

    private static string? SafeName(string? name, string kind)
    {
        var bare = Path.GetFileName(name ?? string.Empty);
        var extension = Path.GetExtension(bare).ToLowerInvariant();
        var allowed = kind == OpenLineageKind ? extension is ".ndjson" or ".jsonl" or ".json" : extension is ".csv" or ".json";
        return allowed && bare.Length <= 200 && !bare.Any(char.IsControl) ? bare : null;
    }
}
