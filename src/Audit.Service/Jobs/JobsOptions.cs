namespace Audit.Service.Jobs;

/// <summary>When each recurring job runs. Bound from the "Jobs" configuration section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Every night: a scan as of the day that just ended.</summary>
    public ScheduleOptions NightlyScan { get; set; } = new() { Cron = "0 2 * * *" };

    /// <summary>On the 1st at 06:00: the monthly compliance report for the previous month.</summary>
    public ScheduleOptions MonthlyReport { get; set; } = new() { Cron = "0 6 1 * *" };

    /// <summary>On the first day of each quarter at 07:00: the board summary for the previous quarter.</summary>
    public ScheduleOptions QuarterlyBoardSummary { get; set; } = new() { Cron = "0 7 1 1,4,7,10 *" };

    /// <summary>Jobs run at once by one server; scans and reports are heavy, so few.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often the server looks for due recurring and scheduled jobs.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Embedded store only: a job fetched this long ago and not finished is handed out again. It must exceed
    /// the longest job (a scan or a report of the whole organisation), or a slow job would run twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Names this process among the servers sharing a SQL Server store (dashboard, health).</summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Crash testing only: a report job stops before it moves its files into the delivery folders and waits to
    /// be killed. The integration tests set it on a child `serve` to kill it mid-report.
    /// </summary>
    public bool HoldBeforePublishing { get; set; }
}

/// <summary>A cron expression and the IANA time zone it is read in.</summary>
public sealed class ScheduleOptions
{
    public string Cron { get; set; } = string.Empty;

    public string TimeZone { get; set; } = "UTC";
}
