using System.Net;
using System.Net.Sockets;
using Audit.Service.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;

namespace Audit.Service.IntegrationTests;

public sealed class FailureTests
{
    [Fact]
    public async Task MonthlyReport_MailServerDown_RetriesThreeTimesThenFailsWithItsReasonAndRecordsEveryAttempt()
    {
        // A port nothing listens on: every attempt to mail is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var world = new ServiceWorld(closedPort, "officer@example.test");
        var storage = new InMemoryStorage();
        await world.StartHostAsync(storage, "only");
        var client = new BackgroundJobClient(storage);
        var jobId = client.Enqueue<MonthlyReportJob>(j => j.ExecuteAsync("2026-10", null!, CancellationToken.None));

        for (var retry = 1; retry <= 3; retry++)
        {
            // Hangfire schedules each retry minutes ahead; the test moves it to now instead of waiting.
            var scheduled = await Poll.UntilAsync(() => Task.FromResult(
                storage.GetMonitoringApi().JobDetails(jobId) is { } d && d.History.Count > 0 && d.History[0].StateName == ScheduledState.StateName && d.History[0].Reason.StartsWith($"Retry attempt {retry} of 3", StringComparison.Ordinal) ? d : null),
                $"retry {retry} to be scheduled");
            Assert.NotNull(scheduled);
            client.Requeue(jobId);
        }

        var final = await Poll.FinishedAsync(storage, jobId);
        Assert.Equal(FailedState.StateName, Poll.State(final));
        Assert.Contains("Connection refused", final.History[0].Data["ExceptionMessage"], StringComparison.OrdinalIgnoreCase);

        // The report itself is in place; the period is not done; the mail row says four attempts were made.
        Assert.Equal(["compliance-report-2026-10.pdf", "compliance-report-2026-10.xlsx"], ServiceWorld.FilesIn(world.ComplianceFolder));
        Assert.Equal(("running", 4L), Assert.Single(await world.QueryAsync<(string, long)>("SELECT Status, Attempts FROM JobRun WHERE JobName = 'monthly-report'")));
        Assert.Equal(("officer@example.test", "sending", 4L), Assert.Single(await world.QueryAsync<(string, string, long)>("SELECT Target, Status, Attempts FROM JobDelivery WHERE Channel = 'mail'")));
    }
}
