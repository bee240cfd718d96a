using System.Net.Http.Json;
using System.Text.Json;

namespace Audit.Service.IntegrationTests;

/// <summary>`audit serve` as a user runs it: a child process on the persistent embedded store.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_KilledMidReport_LeavesNoPartialFileAndRunsTheJobToCompletionOnceAfterRestart()
    {
        await using var world = new ServiceWorld();
        await using (var first = ServeProcess.Serve(world, new Dictionary<string, string> { ["AUDIT_Jobs__HoldBeforePublishing"] = "true" }))
        {
            await AssertHealthyAsync(await first.ListeningAsync());
            await using (var trigger = ServeProcess.Start(world, null, "jobs", "trigger", "monthly-report"))
            {
                Assert.Equal(0, await trigger.ExitAsync());
            }

            await first.LineAsync(l => l.Contains("Holding monthly-report", StringComparison.Ordinal), "the report to be held before publishing");
            await first.KillAsync();
        }

        var period = Periods();
        Assert.Empty(ServiceWorld.FilesIn(world.ComplianceFolder));
        Assert.DoesNotContain(ServiceWorld.FilesIn(Path.Combine(world.OutputPath, "monthly", period)), f => f.EndsWith(".partial", StringComparison.Ordinal));
        Assert.Equal(("running", 1L), Assert.Single(await world.QueryAsync<(string, long)>("SELECT Status, Attempts FROM JobRun WHERE JobName = 'monthly-report'")));

        await using var second = ServeProcess.Serve(world);
        await second.ListeningAsync();
        var run = await Poll.UntilAsync(async () =>
            (await world.QueryAsync<(string Period, string Status, long Attempts)>("SELECT Period, Status, Attempts FROM JobRun WHERE JobName = 'monthly-report' AND Status = 'completed'")) is [var done] ? Tuple.Create(done) : null,
            "the held job to complete after the restart");
        Assert.Equal((period, "completed", 2L), run.Item1);
        Assert.Equal([$"compliance-report-{period}.pdf", $"compliance-report-{period}.xlsx"], ServiceWorld.FilesIn(world.ComplianceFolder));
        Assert.Empty(ServiceWorld.FilesIn(Path.Combine(world.ComplianceFolder, ".staging")));

        // Stopped the way systemd or docker stop it: the host shuts down cleanly and exits 0.
        Assert.Equal(0, await second.TerminateAsync());
    }

    [Fact]
    public async Task Serve_SecondInstanceOnTheSameSqliteDatabase_ExitsNamingTheLock()
    {
        await using var world = new ServiceWorld();
        await using var first = ServeProcess.Serve(world);
        await first.ListeningAsync();

        await using var second = ServeProcess.Serve(world);
        Assert.Equal(75, await second.ExitAsync());
        Assert.Contains("Another `serve` is running", second.Errors, StringComparison.Ordinal);
        Assert.Contains(world.DatabasePath + ".serve-lock", second.Errors, StringComparison.Ordinal);
        Assert.Contains("several instances need SQL Server", second.Errors, StringComparison.Ordinal);

        Assert.Equal(0, await first.TerminateAsync());
    }

    [Fact]
    public async Task JobsTrigger_UnknownJobId_Exits64NamingTheKnownIds()
    {
        await using var world = new ServiceWorld();
        await using var trigger = ServeProcess.Start(world, null, "jobs", "trigger", "nightly-scna");
        Assert.Equal(64, await trigger.ExitAsync());
        Assert.Contains("'nightly-scna' is not a recurring job; one of: nightly-scan, monthly-report, quarterly-board-summary", trigger.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(world.Root, "data", "audit.hangfire.db")));
    }

    [Fact]
    public async Task Serve_UrlsThatAreNotHttp_Exits64BeforeStarting()
    {
        await using var world = new ServiceWorld();
        await using var serve = ServeProcess.Start(world, null, "serve", "--urls", "ftp://127.0.0.1:21");
        Assert.Equal(64, await serve.ExitAsync());
        Assert.Contains("--urls", serve.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(world.DatabasePath + ".serve-lock"));
    }

    [Theory]
    [InlineData("AUDIT_Jobs__MonthlyReport__TimeZone", "Europe/Atlantis", "setting Jobs:MonthlyReport:TimeZone")]
    [InlineData("AUDIT_Jobs__NightlyScan__Cron", "0 2 * *", "setting Jobs:NightlyScan:Cron")]
    [InlineData("AUDIT_Jobs__WorkerCount", "two", "setting Jobs:WorkerCount")]
    public async Task Serve_ScheduleSettingThatDoesNotParse_Exits78NamingTheSetting(string variable, string value, string named)
    {
        await using var world = new ServiceWorld();
        await using var serve = ServeProcess.Start(world, new Dictionary<string, string> { [variable] = value }, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(78, await serve.ExitAsync());
        Assert.Contains(named, serve.Errors, StringComparison.Ordinal);
    }

    private static async Task AssertHealthyAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        var health = await Poll.UntilAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.IsSuccessStatusCode ? Tuple.Create(body) : null;
        }, "/health to answer Healthy");
        Assert.Equal("Healthy", health.Item1.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "migrations", "jobs" })
        {
            Assert.Equal("Healthy", health.Item1.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    /// <summary>A triggered monthly report covers the month before the day it was triggered.</summary>
    private static string Periods()
    {
        var last = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
        return FormattableString.Invariant($"{last.Year:D4}-{last.Month:D2}");
    }
}
