using Audit.Service.Scanning;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Audit.Service.Jobs;

/// <summary>Every night, a scan as of the day that has just ended in the schedule's time zone.</summary>
public sealed class NightlyScanJob(Scanner scanner, OncePerPeriod once, IOptions<JobsOptions> options, ILogger<NightlyScanJob> logger)
{
    public const string Name = "nightly-scan";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ExecuteAsync(PerformContext context, CancellationToken cancellationToken)
    {
        var zone = Periods.Zone(options.Value.NightlyScan.TimeZone, "Jobs:NightlyScan:TimeZone");
        var asOf = Periods.NightlyScanAsOf(OccurrenceFilter.ScheduledAt(context), zone);
        using var gate = ScanGate.TryEnter(context);
        if (gate is null)
        {
            JobLog.ScanSkipped(logger, Name, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        await once.RunAsync(Name, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), context.BackgroundJob.Id, async ct =>
        {
            var result = await scanner.ScanAsync(asOf, progress: null, ct);
            return FormattableString.Invariant($"scan {result.ScanId}: {result.Rules.Sum(r => r.Findings)} findings");
        }, cancellationToken);
    }
}
