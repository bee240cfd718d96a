using Audit.Reports.Models;
using Audit.Service.Jobs;
using Audit.Service.Reporting;
using Audit.Service.Security;
using Audit.Service.Web;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>Counsel's request for a purge scope: the matter and the findings whose data is to be deleted.</summary>
public sealed record PurgeScopeAsk(string? MatterId, IReadOnlyList<string>? FindingIds);

/// <summary>A purge scope request and where it stands; <see cref="Files"/> once it succeeded (manifest.json among them).</summary>
public sealed record PurgeScopeStatus(JobState Job, PurgeScopeRequest Request, IReadOnlyList<string> Files);

/// <summary>
/// Purge scopes under /api/v1/purge-scopes (counsel, admin), as `export purge-scope` makes them: ask for one (checked
/// before anything is queued; the job server builds it), follow it, download its files and manifest.
/// </summary>
public static class PurgeScopesApi
{
    public static RouteGroupBuilder MapPurgeScopesApi(this RouteGroupBuilder api)
    {
        var scopes = api.MapGroup("/purge-scopes").RequireAuthorization(Policies.Exports).WithTags("Exports");
        scopes.MapPost("/", CreateAsync).WithSummary("Ask for the purge scope of findings; the job server builds it.");
        scopes.MapGet("/{scopeId}", Status).WithName("PurgeScope").WithSummary("Where a purge scope stands, and its files once done.");
        scopes.MapGet("/{scopeId}/files/{fileName}", DownloadAsync).WithSummary("Download batches.csv, datasets.csv or manifest.json.");
        return api;
    }

    public static async Task<Results<AcceptedAtRoute<PurgeScopeStatus>, ProblemHttpResult>> CreateAsync(
        PurgeScopeAsk? ask, HttpContext context, PurgeScopeBuilder purge, IBackgroundJobClient jobs, JobStorage storage, AuditTrail trail, CancellationToken cancellationToken)
    {
        var request = new PurgeScopeRequest(ask?.MatterId ?? string.Empty, ask?.FindingIds?.Where(f => f is not null).ToList() ?? []);
        if (await purge.CheckAsync(request, cancellationToken) is { } problem)
        {
            // The builder words its problems for the command line; the API names its JSON fields.
            var detail = problem.Message.Replace("--matter:", "matterId:", StringComparison.Ordinal).Replace("--finding:", "findingIds:", StringComparison.Ordinal);
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid purge scope request");
        }

        var jobId = jobs.Enqueue<PurgeScopeJob>(j => j.ExecuteAsync(request, null!, CancellationToken.None));
        await trail.PurgeScopeRequestedAsync(context.User.Caller(), context.Request.Describe(), jobId, System.Text.Json.JsonSerializer.Serialize(request), cancellationToken);
        return TypedResults.AcceptedAtRoute(Find(storage, jobId)!, "PurgeScope", new { scopeId = jobId });
    }

    public static Results<Ok<PurgeScopeStatus>, NotFound> Status(string scopeId, JobStorage storage) =>
        Find(storage, scopeId) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string scopeId, string fileName, HttpContext context, JobStorage storage, AuditTrail trail, CancellationToken cancellationToken)
    {
        var job = JobStates.Read<PurgeScopeJob>(storage, scopeId);
        if (job is not { State.Status: "succeeded" } found || OutputFiles.Resolve(found.Result, fileName) is not { } path)
        {
            return TypedResults.Problem($"No finished purge scope {scopeId} with a file '{fileName}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return await Downloads.ServeAsync(context, trail, path, $"purge scope {scopeId} ({((PurgeScopeRequest)found.Args[0]!).MatterId}): {fileName}", cancellationToken);
    }

    private static PurgeScopeStatus? Find(JobStorage storage, string scopeId) =>
        JobStates.Read<PurgeScopeJob>(storage, scopeId) is { } found
            ? new PurgeScopeStatus(found.State, (PurgeScopeRequest)found.Args[0]!, OutputFiles.FilesIn(found.Result))
            : null;
}
