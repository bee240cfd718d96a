using System.Linq.Expressions;
using Hangfire;

namespace Audit.Service.Jobs;

/// <summary>The recurring jobs: stable ids, crons and time zones in one place, registered at startup.</summary>
public static class RecurringJobs
{
    public static IReadOnlyList<string> Ids { get; } = [NightlyScanJob.Name, MonthlyReportJob.Name, QuarterlyBoardSummaryJob.Name];

    /// <summary>Refuses a schedule's unknown time zone before anything starts, naming its setting.</summary>
    public static void CheckTimeZones(JobsOptions options)
    {
        Periods.Zone(options.NightlyScan.TimeZone, "Jobs:NightlyScan:TimeZone");
        Periods.Zone(options.MonthlyReport.TimeZone, "Jobs:MonthlyReport:TimeZone");
        Periods.Zone(options.QuarterlyBoardSummary.TimeZone, "Jobs:QuarterlyBoardSummary:TimeZone");
    }

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
            throw new Configuration.ConfigurationException($"setting {setting}:Cron is '{schedule.Cron}', which is not a cron expression ({ex.InnerException?.Message ?? ex.Message}); expected 5 fields (or 6 with seconds), e.g. 0 6 1 * *", ex);
        }
    }
}
