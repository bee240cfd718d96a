using Audit.Service.Configuration;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Audit.Service.Jobs;

/// <summary>At the start of each quarter, the board summary for the previous quarter, delivered to the board.</summary>
public sealed class QuarterlyBoardSummaryJob(PeriodReports reports, ScheduledReports scheduled, IOptions<JobsOptions> options, IOptions<DeliveryOptions> audiences)
{
    public const string Name = "quarterly-board-summary";

    /// <param name="period">A quarter such as 2026Q3; null for the quarter before the scheduled time.</param>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task ExecuteAsync(string? period, PerformContext context, CancellationToken cancellationToken)
    {
        var quarter = period is null
            ? Periods.PreviousQuarter(OccurrenceFilter.ScheduledAt(context), Periods.Zone(options.Value.QuarterlyBoardSummary.TimeZone, "Jobs:QuarterlyBoardSummary:TimeZone"))
            : Quarter.TryParse(period, out var parsed) ? parsed : throw new ArgumentException($"'{period}' is not a quarter (e.g. 2026Q3).", nameof(period));
        var report = new ScheduledReport(Name, quarter.ToString(), audiences.Value.Board, $"Board summary {quarter}",
            $"The board summary for {quarter} is attached: exposure range, trend and the top risks.");
        await scheduled.RunAsync(report, context.BackgroundJob.Id, ct => reports.BoardAsync(quarter, ct), cancellationToken);
    }
}
