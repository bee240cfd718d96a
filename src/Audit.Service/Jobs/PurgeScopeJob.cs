using Audit.Reports.Models;
using Audit.Service.Reporting;
using Hangfire;
using Hangfire.Server;

namespace Audit.Service.Jobs;

/// <summary>A purge scope counsel asked for over the API: built once per request, in the background.</summary>
public sealed class PurgeScopeJob(PurgeScopeBuilder purge, OncePerPeriod once)
{
    public const string Name = "purge-scope";

    /// <returns>The folder the purge scope was written to (the job's result, which the API serves from); null when an earlier attempt already completed it.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<string?> ExecuteAsync(PurgeScopeRequest request, PerformContext context, CancellationToken cancellationToken)
    {
        string? folder = null;
        await once.RunAsync(Name, $"{request.MatterId} request {context.BackgroundJob.Id}", context.BackgroundJob.Id, async ct =>
        {
            var result = await purge.ExportAsync(request, null, ct);
            folder = Path.GetDirectoryName(result.Paths[0]);
            return $"{result.Manifest.Batches} batches, {result.Manifest.Datasets.Count} datasets and models, in {folder}";
        }, cancellationToken);
        return folder;
    }
}
