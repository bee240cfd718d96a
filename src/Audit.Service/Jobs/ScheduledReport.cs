using Audit.Service.Configuration;

namespace Audit.Service.Jobs;

/// <summary>A scheduled report for one period: built, delivered to its audience, and done once.</summary>
public sealed record ScheduledReport(string JobName, string Period, AudienceOptions Audience, string Subject, string Body);

/// <summary>What the report jobs share: once per period, build the files, then deliver them.</summary>
public sealed class ScheduledReports(OncePerPeriod once, ReportDelivery delivery)
{
    public Task RunAsync(ScheduledReport report, string? backgroundJobId, Func<CancellationToken, Task<IReadOnlyList<string>>> build, CancellationToken cancellationToken) =>
        once.RunAsync(report.JobName, report.Period, backgroundJobId, async ct =>
        {
            var files = await build(ct);
            await delivery.DeliverAsync(new Delivery(report.JobName, report.Period, report.Audience, report.Subject, report.Body, files), ct);
            return $"{files.Count} files: {string.Join(", ", files.Select(Path.GetFileName))}";
        }, cancellationToken);
}
