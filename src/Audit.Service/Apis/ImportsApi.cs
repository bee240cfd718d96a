using Audit.Service.Ingest;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

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

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/{kind}", ImportAsync).RequireAuthorization(Policies.Ingest).WithTags("Imports")
            .WithSummary("Import one CSV or JSON file of one kind (or an NDJSON file of OpenLineage events as 'openlineage'), all or nothing.");
        return api;
    }

    public static async Task<Results<Ok<ImportOutcome>, ProblemHttpResult>> ImportAsync(
        string kind, string? file, HttpContext context, FileImports imports, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!FileImports.IsKind(kind))
        {
            return TypedResults.Problem(FileImports.UnknownKind(kind), statusCode: StatusCodes.Status400BadRequest, title: "Unknown import kind");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = configuration.GetValue("Imports:MaxBytes", DefaultMaxBytes);
        }

        string name;
        Func<Stream, CancellationToken, Task> content;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            if (form.Files.Count != 1)
            {
                return TypedResults.Problem("send exactly one file in the form (field 'file').", statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload");
            }

            var upload = form.Files[0];
            if (FileImports.SafeName(upload.FileName, kind) is not { } formName)
            {
                return TypedResults.Problem(FileImports.BadName(upload.FileName), statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload");
            }

            (name, content) = (formName, (target, ct) => upload.CopyToAsync(target, ct));
        }
        else if (FileImports.SafeName(file ?? DefaultName(context.Request.ContentType, kind), kind) is { } bodyName)
        {
            (name, content) = (bodyName, (target, ct) => context.Request.Body.CopyToAsync(target, ct));
        }
        else
        {
            return TypedResults.Problem("file: give the file's name with a .csv or .json extension (?file=workers.csv), or send Content-Type text/csv or application/json.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid upload");
        }

        try
        {
            return TypedResults.Ok(await imports.ImportAsync(kind, name, content, context.User.Caller(), context.Request.Describe(), cancellationToken));
        }
        catch (ImportRejectedException ex)
        {
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

    private static string? DefaultName(string? contentType, string kind) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => kind + ".csv",
            "application/json" => kind + ".json",
            "application/x-ndjson" => kind + ".ndjson",
            _ => null,
        };
}
