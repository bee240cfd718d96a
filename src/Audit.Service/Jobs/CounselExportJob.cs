using Audit.Reports.Models;
using Hangfire;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>A lineage export counsel asked for: built once per request, in the background.</summary>
public sealed class CounselExportJob(PeriodReports reports, OncePerPeriod once)
{
    public const string Name = "counsel-export";

    /// <returns>The folder the export was written to (kept by Hangfire as the job's result, which the API serves from); null when an earlier attempt already completed it.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<string?> ExecuteAsync(LineageExportRequest request, PerformContext context, CancellationToken cancellationToken)
    {
        string? folder = null;
        await once.RunAsync(Name, $"{request.MatterId} request {context.BackgroundJob.Id}", context.BackgroundJob.Id, async ct =>
        {
            var files = await reports.LineageExportAsync(request, ct);
            folder = Path.GetDirectoryName(files[0]);
            return $"{files.Count} files in {folder}";
        }, cancellationToken);
        return folder;
    }
}
