using System.Globalization;
using Audit.Service.Scanning;
using Hangfire;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>An ad hoc scan as of a date, asked for by a person (CLI now, the API next): once per request.</summary>
public sealed class ScanAsOfJob(Scanner scanner, OncePerPeriod once, ILogger<ScanAsOfJob> logger)
{
    public const string Name = "scan-as-of";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ExecuteAsync(string asOf, PerformContext context, CancellationToken cancellationToken)
    {
        var day = DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var gate = ScanGate.TryEnter(context);
        if (gate is null)
        {
            JobLog.ScanSkipped(logger, Name, asOf);
            return;
        }

        await once.RunAsync(Name, $"{asOf} request {context.BackgroundJob.Id}", context.BackgroundJob.Id, async ct =>
        {
            var result = await scanner.ScanAsync(day, new JobProgress(context), ct);
            return FormattableString.Invariant($"scan {result.ScanId}: {result.Rules.Sum(r => r.Findings)} findings");
        }, cancellationToken);
    }
}
