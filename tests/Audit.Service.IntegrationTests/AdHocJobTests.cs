using Audit.Reports.Models;
using Audit.Service.Jobs;
using Hangfire;
using Hangfire.InMemory;

namespace Audit.Service.IntegrationTests;

public sealed class AdHocJobTests
{
    [Fact]
    public async Task ScanAsOf_WhileAnotherScanRuns_IsSkippedAndScansNothing()
    {
        await using var world = new ServiceWorld();
        var storage = new InMemoryStorage();
        await world.StartHostAsync(storage, "only");
        var client = new BackgroundJobClient(storage);

        string jobId;
        using (var connection = storage.GetConnection())
        using (connection.AcquireDistributedLock("audit:scan", TimeSpan.FromSeconds(5)))
        {
            // Another server's scan holds the scan lock for as long as this job runs.
            jobId = client.Enqueue<ScanAsOfJob>(j => j.ExecuteAsync("2026-06-30", null!, CancellationToken.None));
            Assert.Equal("Succeeded", Poll.State(await Poll.FinishedAsync(storage, jobId)));
        }

        Assert.Empty(await world.QueryAsync<long>("SELECT ScanId FROM ScanRun"));
        Assert.Empty(await world.QueryAsync<string>("SELECT Period FROM JobRun"));

        var again = client.Enqueue<ScanAsOfJob>(j => j.ExecuteAsync("2026-06-30", null!, CancellationToken.None));
        Assert.Equal("Succeeded", Poll.State(await Poll.FinishedAsync(storage, again)));
        Assert.Equal(["2026-06-30"], await world.QueryAsync<string>("SELECT AsOf FROM ScanRun"));
    }

    [Fact]
    public async Task CounselExport_Enqueued_WritesTheExportWithItsManifestOnce()
    {
        await using var world = new ServiceWorld();
        var storage = new InMemoryStorage();
        await world.StartHostAsync(storage, "only");
        var request = new LineageExportRequest("MATTER-7", [], null, null, null, null);

        var jobId = new BackgroundJobClient(storage).Enqueue<CounselExportJob>(j => j.ExecuteAsync(request, null!, CancellationToken.None));
        Assert.Equal("Succeeded", Poll.State(await Poll.FinishedAsync(storage, jobId)));

        var export = Assert.Single(Directory.GetDirectories(Path.Combine(world.OutputPath, "exports", "MATTER-7")));
        Assert.Contains("manifest.json", ServiceWorld.FilesIn(export));
        Assert.Equal(("completed", 1L), Assert.Single(await world.QueryAsync<(string, long)>("SELECT Status, Attempts FROM JobRun WHERE JobName = 'counsel-export'")));
    }
}
