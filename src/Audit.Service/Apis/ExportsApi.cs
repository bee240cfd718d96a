using System.Globalization;
using System.Text.Json;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Jobs;
using Audit.Service.Web;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>Counsel's scope: the matter, and optionally workers, a dataset, a model and capture days (yyyy-MM-dd, inclusive).</summary>
public sealed record ExportScope(string? MatterId, IReadOnlyList<string>? WorkerIds, string? Dataset, string? Model, string? From, string? To);

/// <summary>An export request and where it stands; <see cref="Files"/> once it succeeded (manifest.json among them).</summary>
public sealed record ExportStatus(JobState Job, LineageExportRequest Request, IReadOnlyList<string> Files);

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
        ExportScope? scope, HttpContext context, IBackgroundJobClient jobs, JobStorage storage, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (Request(scope) is not { } request)
        {
            return TypedResults.Problem(Problem(scope), statusCode: StatusCodes.Status400BadRequest, title: "Invalid export request");
        }

        var jobId = jobs.Enqueue<CounselExportJob>(j => j.ExecuteAsync(request, null!, CancellationToken.None));
        await trail.ExportRequestedAsync(context.User.Caller(), context.Request.Describe(), jobId, JsonSerializer.Serialize(request), cancellationToken);
        var found = JobStates.Read<CounselExportJob>(storage, jobId)!.Value;
        return TypedResults.AcceptedAtRoute(new ExportStatus(found.State, request, []), "Export", new { exportId = jobId });
    }

    public static Results<Ok<ExportStatus>, NotFound> Status(string exportId, JobStorage storage) =>
        JobStates.Read<CounselExportJob>(storage, exportId) is { } found
            ? TypedResults.Ok(new ExportStatus(found.State, (LineageExportRequest)found.Args[0]!, Downloads.FilesIn(found.Result)))
            : TypedResults.NotFound();

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string exportId, string fileName, HttpContext context, JobStorage storage, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (JobStates.Read<CounselExportJob>(storage, exportId) is not { } found || Downloads.Resolve(found.Result, fileName) is not { } path)
        {
            return TypedResults.Problem($"No finished export {exportId} with a file '{fileName}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var matter = ((LineageExportRequest)found.Args[0]!).MatterId;
        return await Downloads.ServeAsync(context, trail, path, $"export {exportId} ({matter}): {fileName}", cancellationToken);
    }

    private static LineageExportRequest? Request(ExportScope? scope)
    {
        if (scope is null || string.IsNullOrWhiteSpace(scope.MatterId) || Problem(scope) is not null)
        {
            return null;
        }

        return new LineageExportRequest(
            scope.MatterId.Trim(),
            (scope.WorkerIds ?? []).Order(StringComparer.Ordinal).ToList(),
            string.IsNullOrWhiteSpace(scope.Dataset) ? null : scope.Dataset,
            string.IsNullOrWhiteSpace(scope.Model) ? null : scope.Model,
            Day(scope.From) is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Day(scope.To) is { } to ? new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null);
    }

    private static string? Problem(ExportScope? scope)
    {
        if (scope is null || string.IsNullOrWhiteSpace(scope.MatterId))
        {
            return "matterId: give the matter this export is for, e.g. {\"matterId\":\"2026-CV-0113\"}.";
        }

        if (scope.WorkerIds?.Any(string.IsNullOrWhiteSpace) == true)
        {
            return "workerIds: an empty worker id; leave the list out to include every worker.";
        }

        foreach (var (name, value) in new[] { ("from", scope.From), ("to", scope.To) })
        {
            if (value is not null && Day(value) is null)
            {
                return $"{name}: '{value}' is not a date (yyyy-MM-dd).";
            }
        }

        return Day(scope.From) > Day(scope.To) ? $"from: {scope.From} is after to: {scope.To}." : null;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
