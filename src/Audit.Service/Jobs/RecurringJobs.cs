using System.Linq.Expressions;
using Hangfire;

namespace Audit.Service.Jobs;

/// <summary>The recurring jobs: stable ids, crons and time zones in one place, registered at startup.</summary>
public static class RecurringJobs
{
    public static IReadOnlyList<string> Ids { get; } = [NightlyScanJob.Name, MonthlyReportJob.Name, QuarterlyBoardSummaryJob.Name];

    public static void Register(IRecurringJobManager manager, JobsOptions options)
    {
        Add<NightlyScanJob>(manager, NightlyScanJob.Name, j => j.ExecuteAsync(null!, CancellationToken.None), options.NightlyScan, "Jobs:NightlyScan");
        Add<MonthlyReportJob>(manager, MonthlyReportJob.Name, j => j.ExecuteAsync(null, null!, CancellationToken.None), options.MonthlyReport, "Jobs:MonthlyReport");
        Add<QuarterlyBoardSummaryJob>(manager, QuarterlyBoardSummaryJob.Name, j => j.ExecuteAsync(null, null!, CancellationToken.None), options.QuarterlyBoardSummary, "Jobs:QuarterlyBoardSummary");
    }

    private static void Add<TJob>(IRecurringJobManager manager, string id, Expression<Func<TJob, Task>> call, ScheduleOptions schedule, string setting)
    {
        var zone = Periods.Zone(schedule.TimeZone, setting + ":TimeZone");
        try
        {
            manager.AddOrUpdate(id, call, schedule.Cron, new RecurringJobOptions { TimeZone = zone });
        }
        catch (ArgumentException ex)
        {
            // Hangfire parses the cron here; the message names the setting the user has to fix.
            throw new InvalidOperationException($"{setting}:Cron: '{schedule.Cron}' is not a cron expression ({ex.InnerException?.Message ?? ex.Message}).", ex);
        }
    }
}
