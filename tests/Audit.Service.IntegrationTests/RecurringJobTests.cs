using Audit.Service.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;

namespace Audit.Service.IntegrationTests;

public sealed class RecurringJobTests
{
    [Fact]
    public async Task RecurringOccurrence_TwoServersOverOneStorage_RunsOnceForThePeriodOfItsScheduledTime()
    {
        await using var world = new ServiceWorld();
        var storage = new InMemoryStorage();
        await world.StartHostAsync(storage, "server-a");
        await world.StartHostAsync(storage, "server-b");
        await Poll.UntilAsync(() => Task.FromResult(storage.GetMonitoringApi().Servers() is { Count: 2 } servers ? servers : null), "both servers to announce themselves");

        // The monthly report's 1 September occurrence comes due now, long after it was scheduled (the servers
        // were down): it must cover August, the month before its scheduled time, not the month before today.
        var occurrence = new DateTime(2026, 9, 1, 6, 0, 0, DateTimeKind.Utc);
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            // As if registered in August: Hangfire counts the next occurrence from the registration time.
            transaction.SetRangeInHash($"recurring-job:{MonthlyReportJob.Name}", [
                new("CreatedAt", JobHelper.SerializeDateTime(occurrence.AddDays(-1))),
                new("NextExecution", JobHelper.SerializeDateTime(occurrence)),
            ]);
            transaction.AddToSet("recurring-jobs", MonthlyReportJob.Name, JobHelper.ToTimestamp(occurrence));
            transaction.Commit();
        }

        var run = await Poll.UntilAsync(async () =>
            (await world.QueryAsync<(string Period, string Status)>("SELECT Period, Status FROM JobRun WHERE JobName = 'monthly-report' AND Status = 'completed'")) is [var done] ? Tuple.Create(done) : null,
            "the occurrence to complete");
        Assert.Equal("2026-08", run.Item1.Period);

        // One background job for the occurrence, whichever server made it; nothing else queued or running.
        var monitoring = storage.GetMonitoringApi();
        using var reader = storage.GetConnection();
        var succeeded = await Poll.UntilAsync(() => Task.FromResult(
            monitoring.SucceededJobs(0, 100).Where(j => reader.GetJobParameter(j.Key, "RecurringJobId") == $"\"{MonthlyReportJob.Name}\"").ToList() is { Count: > 0 } list ? list : null),
            "the occurrence's job to succeed");
        var job = Assert.Single(succeeded);
        Assert.Equal(0, monitoring.ProcessingCount());
        Assert.Equal(occurrence, OccurrenceOf(storage, job.Key));
        Assert.Equal(0, monitoring.EnqueuedCount("default"));
        Assert.Equal(["compliance-report-2026-08.pdf", "compliance-report-2026-08.xlsx"], ServiceWorld.FilesIn(world.ComplianceFolder));
        Assert.Equal(1L, (await world.QueryAsync<long>("SELECT Attempts FROM JobRun WHERE JobName = 'monthly-report'")).Single());
    }

    private static DateTime OccurrenceOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return SerializationHelper.Deserialize<DateTime>(connection.GetJobParameter(jobId, OccurrenceFilter.Parameter), SerializationOption.User);
    }
}
