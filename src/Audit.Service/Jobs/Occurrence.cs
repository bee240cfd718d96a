using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>
/// Hangfire stamps a recurring job's background job with the time the scheduler noticed it ("Time"), which can be
/// minutes or days after the cron occurrence (a busy or stopped server). This filter reads the occurrence itself,
/// the recurring job's NextExecution, before the scheduler moves it on, and stores it with the job, so the job
/// computes its period from the time it was scheduled for. A manual trigger has no occurrence: its time is now.
/// </summary>
public sealed class OccurrenceFilter : JobFilterAttribute, IClientFilter
{
    public const string Parameter = "AuditScheduledAt";

    public void OnCreating(CreatingContext context)
    {
        if (!context.Parameters.TryGetValue("RecurringJobId", out var value) || value is not string recurringJobId)
        {
            return;
        }

        var triggeredAt = context.Parameters.TryGetValue("Time", out var time) && time is long seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : DateTime.UtcNow;
        var hash = context.Connection.GetAllEntriesFromHash($"recurring-job:{recurringJobId}");
        var next = hash is not null && hash.TryGetValue("NextExecution", out var text) ? JobHelper.DeserializeNullableDateTime(text) : null;
        context.SetJobParameter(Parameter, next is { } occurrence && occurrence <= triggeredAt ? occurrence : triggeredAt);
    }

    public void OnCreated(CreatedContext context)
    {
    }

    /// <summary>The time a job was scheduled for: its recurring occurrence, else when it was created.</summary>
    public static DateTime ScheduledAt(PerformContext context)
    {
        var stamped = context.GetJobParameter<DateTime?>(Parameter);
        return DateTime.SpecifyKind(stamped ?? context.BackgroundJob.CreatedAt, DateTimeKind.Utc);
    }
}
