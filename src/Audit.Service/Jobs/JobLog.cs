namespace Audit.Service.Jobs;

/// <summary>The service's structured log events (source-generated: no formatting when the level is off).</summary>
internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migrations {Scripts}")]
    public static partial void MigrationsApplied(ILogger logger, string scripts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs registered: {Ids}")]
    public static partial void RecurringRegistered(ILogger logger, string ids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{JobName} as of {AsOf} skipped: another scan is running")]
    public static partial void ScanSkipped(ILogger logger, string jobName, string asOf);

    [LoggerMessage(Level = LogLevel.Information, Message = "{JobName} {Period} was completed at {CompletedAt}: nothing to do")]
    public static partial void AlreadyCompleted(ILogger logger, string jobName, string period, DateTime? completedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{JobName} {Period}: attempt {Attempt}; an earlier attempt did not finish")]
    public static partial void Resuming(ILogger logger, string jobName, string period, long attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{JobName} {Period} completed: {Outcome}")]
    public static partial void Completed(ILogger logger, string jobName, string period, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holding {JobName} {Period} before publishing to {Folder} (Jobs:HoldBeforePublishing is set)")]
    public static partial void Holding(ILogger logger, string jobName, string period, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {File}")]
    public static partial void Delivered(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "{JobName} {Period}: every recipient already has the mail")]
    public static partial void AllMailed(ILogger logger, string jobName, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "{JobName} {Period}: mailed to {Count} recipient(s)")]
    public static partial void Mailed(ILogger logger, string jobName, string period, int count);
}
