using Audit.Reports.Models;
using Hangfire;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>A lineage export counsel asked for: built once per request, in the background.</summary>
public sealed class CounselExportJob(PeriodReports reports, OncePerPeriod once)
{
    public const string Name = "counsel-export";

    [AutomaticRetry(Attempts = 3)]
    public async Task ExecuteAsync(LineageExportRequest request, PerformContext context, CancellationToken cancellationToken) =>
        await once.RunAsync(Name, $"{request.MatterId} request {context.BackgroundJob.Id}", context.BackgroundJob.Id, async ct =>
        {
            var files = await reports.LineageExportAsync(request, ct);
            return $"{files.Count} files in {Path.GetDirectoryName(files[0])}";
        }, cancellationToken);
}
