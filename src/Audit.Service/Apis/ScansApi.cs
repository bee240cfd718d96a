using System.Globalization;
using Audit.Service.Jobs;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Scanning;
using Audit.Service.Web;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>A stored scan: the day it judged as of, and its summary (findings per rule, exposure).</summary>
public sealed record ScanInfo(long ScanId, DateOnly AsOf, ScanSummary Summary);

/// <summary>Asks for a scan as of a day (yyyy-MM-dd); the job server runs it.</summary>
public sealed record ScanRequest(string? AsOf);

/// <summary>Scans under /api/v1/scans (compliance, admin): list them, ask for one as of a date, follow it.</summary>
public static class ScansApi
{
    public static RouteGroupBuilder MapScansApi(this RouteGroupBuilder api)
    {
        var scans = api.MapGroup("/scans").RequireAuthorization(Policies.Compliance).WithTags("Scans");
        scans.MapGet("/", ListAsync).WithSummary("Stored scans, oldest first.");
        scans.MapPost("/", Enqueue).WithSummary("Queue a scan as of a date; the job server runs it.");
        scans.MapGet("/jobs/{jobId}", Status).WithName("ScanJob").WithSummary("Where a queued scan stands.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ScanInfo>>> ListAsync(ScanHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ScanInfo>>((await history.ListAsync(cancellationToken)).Select(s => new ScanInfo(s.ScanId, s.AsOf, s.Summary)).ToList());

    public static Results<AcceptedAtRoute<JobState>, ProblemHttpResult> Enqueue(ScanRequest? request, IBackgroundJobClient jobs, JobStorage storage)
    {
        if (request?.AsOf is not { } text || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return TypedResults.Problem("asOf: give the day to judge as of as yyyy-MM-dd, e.g. {\"asOf\":\"2026-10-31\"}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid scan request");
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (day > today)
        {
            return TypedResults.Problem($"asOf: {text} is after today ({today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, UTC); a scan judges what was known by a day that has come.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid scan request");
        }

        var asOf = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var jobId = jobs.Enqueue<ScanAsOfJob>(j => j.ExecuteAsync(asOf, null!, CancellationToken.None));
        var state = JobStates.Read<ScanAsOfJob>(storage, jobId)!.Value.State;
        return TypedResults.AcceptedAtRoute(state, "ScanJob", new { jobId });
    }

    public static Results<Ok<JobState>, NotFound> Status(string jobId, JobStorage storage) =>
        JobStates.Read<ScanAsOfJob>(storage, jobId) is { } found ? TypedResults.Ok(found.State) : TypedResults.NotFound();
}
