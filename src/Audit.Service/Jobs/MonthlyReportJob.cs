using System.Globalization;
using Audit.Service.Configuration;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Audit.Service.Jobs;

/// <summary>On the 1st, the monthly compliance report for the previous month, delivered to compliance.</summary>
public sealed class MonthlyReportJob(PeriodReports reports, ScheduledReports scheduled, IOptions<JobsOptions> options, IOptions<DeliveryOptions> audiences)
{
    public const string Name = "monthly-report";

    /// <param name="period">yyyy-MM to report on a chosen month; null for the month before the scheduled time.</param>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task ExecuteAsync(string? period, PerformContext context, CancellationToken cancellationToken)
    {
        var month = period is null
            ? Periods.PreviousMonth(OccurrenceFilter.ScheduledAt(context), Periods.Zone(options.Value.MonthlyReport.TimeZone, "Jobs:MonthlyReport:TimeZone"))
            : Parse(period);
        var report = new ScheduledReport(Name, month.ToString(), audiences.Value.Compliance, $"Monthly compliance report {month}",
            $"The monthly compliance report for {month} is attached: the PDF and the workbook with every finding.");
        await scheduled.RunAsync(report, context.BackgroundJob.Id, ct => reports.MonthlyAsync(month, ct), cancellationToken);
    }

    public static YearMonth Parse(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new YearMonth(day.Year, day.Month)
            : throw new ArgumentException($"'{period}' is not a month (yyyy-MM).", nameof(period));
}
