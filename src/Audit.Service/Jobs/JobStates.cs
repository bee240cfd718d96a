using System.Text.Json;
using Hangfire;

namespace Audit.Service.Jobs;

/// <summary>Where a background job stands, in words a user reads: queued, running, succeeded, failed (or deleted).</summary>
public sealed record JobState(string JobId, string Status, DateTime? CreatedAt, string? Reason);

/// <summary>Reads a queued job back from the job store, only when it is of the expected kind (ids of other jobs stay unknown).</summary>
internal static class JobStates
{
    public static (JobState State, IReadOnlyList<object?> Args, string? Result)? Read<TJob>(JobStorage storage, string jobId)
    {
        // Job ids are numbers in both stores; anything else names no job (and must not reach the store's parser).
        if (!IsJobId(jobId))
        {
            return null;
        }

        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId);
        if (data?.Job is null || data.Job.Type != typeof(TJob))
        {
            return null;
        }

        var state = connection.GetStateData(jobId);
        var status = data.State switch
        {
            "Enqueued" or "Scheduled" or "Awaiting" => "queued",
            "Processing" => "running",
            "Succeeded" => "succeeded",
            "Failed" => "failed",
            "Deleted" => "deleted",
            _ => data.State?.ToLowerInvariant() ?? "unknown",
        };
        string? result = null;
        if (status == "succeeded" && state?.Data is { } values && values.TryGetValue("Result", out var json) && !string.IsNullOrEmpty(json))
        {
            result = JsonSerializer.Deserialize<string?>(json);
        }

        var reason = status == "failed" && state?.Data is { } failed && failed.TryGetValue("ExceptionMessage", out var message) ? message : state?.Reason;
        return (new JobState(jobId, status, data.CreatedAt, reason), data.Job.Args.ToList(), result);
    }

    public static bool IsJobId(string? jobId) => jobId is { Length: > 0 and <= 18 } && jobId.All(char.IsAsciiDigit);
}
