using Audit.Service.Security;
using Audit.Service.Jobs;
using Audit.Service.Reporting;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>Counsel's scope: the matter, and optionally workers, a dataset, a model and capture days (yyyy-MM-dd, inclusive).</summary>
public sealed record ExportScope(string? MatterId, IReadOnlyList<string>? WorkerIds, string? Dataset, string? Model, string? From, string? To);

/// <summary>
/// Counsel's lineage exports under /api/v1/exports (counsel, admin): ask for one with a scope (the counsel
/// export job builds it in the background), follow it, download its files and manifest.
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").RequireAuthorization(Policies.Exports).WithTags("Exports");
        exports.MapPost("/", CreateAsync).WithSummary("Ask for a lineage export of a scope; the job server builds it.");
        exports.MapGet("/{exportId}", Status).WithName("Export").WithSummary("Where an export stands, and its files once done.");
        exports.MapGet("/{exportId}/files/{fileName}", DownloadAsync).WithSummary("Download one of an export's files or its manifest.json.");
        return api;
    }

    public static async Task<Results<AcceptedAtRoute<ExportStatus>, ProblemHttpResult>> CreateAsync(
        ExportScope? scope, HttpContext context, CounselExports exports, CancellationToken cancellationToken)
    {
        var parsed = ExportScopes.Parse(scope?.MatterId, scope?.WorkerIds, scope?.Dataset, scope?.Model, scope?.From, scope?.To);
        var (status, problems) = await exports.RequestAsync(parsed, context.User.Caller(), context.Request.Describe(), cancellationToken);
        if (status is null)
        {
            return TypedResults.Problem(string.Join(" ", problems.Select(p => p.ForApi)), statusCode: StatusCodes.Status400BadRequest, title: "Invalid export request");
        }

        return TypedResults.AcceptedAtRoute(status, "Export", new { exportId = status.Job.JobId });
    }

    public static Results<Ok<ExportStatus>, NotFound> Status(string exportId, CounselExports exports) =>
        exports.Find(exportId) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string exportId, string fileName, HttpContext context, CounselExports exports, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (exports.Find(exportId) is not { } found || OutputFiles.Resolve(exports.Folder(exportId), fileName) is not { } path)
        {
            return TypedResults.Problem($"No finished export {exportId} with a file '{fileName}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return await Downloads.ServeAsync(context, trail, path, $"export {exportId} ({found.Request.MatterId}): {fileName}", cancellationToken);
    }
}
