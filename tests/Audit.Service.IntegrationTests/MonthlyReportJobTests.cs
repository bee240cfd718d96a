using Audit.Service.Jobs;
using Hangfire;
using Hangfire.InMemory;

namespace Audit.Service.IntegrationTests;

public sealed class MonthlyReportJobTests
{
    [Fact]
    public async Task MonthlyReport_RunTwiceForOnePeriod_WritesOneReportAndSendsOneMail()
    {
        await using var smtp = new SmtpSink();
        await using var world = new ServiceWorld(smtp.Port, "officer@example.test", "deputy@example.test");
        var storage = new InMemoryStorage();
        await world.StartHostAsync(storage, "only");
        var client = new BackgroundJobClient(storage);

        var first = client.Enqueue<MonthlyReportJob>(j => j.ExecuteAsync("2026-10", null!, CancellationToken.None));
        Assert.Equal("Succeeded", Poll.State(await Poll.FinishedAsync(storage, first)));
        var second = client.Enqueue<MonthlyReportJob>(j => j.ExecuteAsync("2026-10", null!, CancellationToken.None));
        Assert.Equal("Succeeded", Poll.State(await Poll.FinishedAsync(storage, second)));

        Assert.Equal(["compliance-report-2026-10.pdf", "compliance-report-2026-10.xlsx"], ServiceWorld.FilesIn(world.ComplianceFolder));
        Assert.Equal(["compliance-report-2026-10.pdf", "compliance-report-2026-10.xlsx"], ServiceWorld.FilesIn(Path.Combine(world.OutputPath, "monthly", "2026-10")));
        Assert.Equal(1L, (await world.QueryAsync<long>("SELECT COUNT(*) FROM ReportRun WHERE Kind = 'monthly' AND Period = '2026-10'")).Single());

        // No nightly scan judged 31 October, so the job made that scan first, once.
        Assert.Equal(["2026-10-31"], await world.QueryAsync<string>("SELECT AsOf FROM ScanRun"));

        var (recipients, message) = Assert.Single(smtp.Received);
        // Both recipients in the envelope, neither in the headers: blind copies, addressed to the sender.
        Assert.Equal(["audit@example.test", "deputy@example.test", "officer@example.test"], recipients.Order(StringComparer.Ordinal));
        Assert.Empty(message.Bcc);
        Assert.Equal("audit@example.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Monthly compliance report 2026-10", message.Subject);
        var attachments = message.Attachments.OfType<MimeKit.MimePart>().ToList();
        Assert.Equal(["compliance-report-2026-10.pdf", "compliance-report-2026-10.xlsx"], attachments.Select(a => a.FileName!).Order(StringComparer.Ordinal));
        using var pdf = new MemoryStream();
        await attachments.Single(a => a.FileName!.EndsWith(".pdf", StringComparison.Ordinal)).Content!.DecodeToAsync(pdf);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(world.ComplianceFolder, "compliance-report-2026-10.pdf")), pdf.ToArray());

        var run = Assert.Single(await world.QueryAsync<(string Status, long Attempts)>("SELECT Status, Attempts FROM JobRun WHERE JobName = 'monthly-report'"));
        Assert.Equal(("completed", 1L), run);
        var mails = await world.QueryAsync<(string Target, string Status, long Attempts)>("SELECT Target, Status, Attempts FROM JobDelivery WHERE Channel = 'mail' ORDER BY Target");
        Assert.Equal([("deputy@example.test", "sent", 1L), ("officer@example.test", "sent", 1L)], mails);
    }
}
