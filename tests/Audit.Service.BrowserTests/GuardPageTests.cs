using Audit.Service.Guard;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>
/// The guard's decision log in a real browser (issue 22): compliance sees every decision with who asked and why,
/// filters by answer, downloads an exclusions CSV; the other roles get no link and a 403.
/// </summary>
public sealed class GuardPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ProposedFlow Flow(string job, string input, string output) => new(
        new LineageName("ml", job), [new LineageName("s3://northwind-capture", input)], [new ProposedOutput(new LineageName("s3://northwind-ml", output), null)],
        Purpose.AiTraining, new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task Compliance_SeesTheDecisions_FiltersThem_AndDownloadsTheExclusions()
    {
        var guard = app.Services.GetRequiredService<GuardService>();
        var pipeline = new Caller("pipeline-key", Role.Ingest);
        var denied = await guard.DecideAsync(Flow("shadow-train", "dlp/incident-response", "training/agent-trajectories"), pipeline, GuardService.SourceApi, null);
        var excluded = await guard.DecideAsync(Flow("assist-sft-v3", "annotation/raw", "training/assist-sft-v3"), pipeline, GuardService.SourceApi, null);
        Assert.Equal(("deny", "allow_with_exclusions"), (denied.Decision, excluded.Decision));

        var page = await app.SignInAsync(Role.Compliance);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Guard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guard decisions" })).ToBeVisibleAsync();
        var row = page.Locator($"#decision-{denied.DecisionId}");
        await Assertions.Expect(row).ToContainTextAsync("Denied");
        await Assertions.Expect(row).ToContainTextAsync("pipeline-key");
        await row.GetByText("reason(s)").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("R1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "compliance-guard", fullPage: true);

        await page.GetByLabel("Answer").SelectOptionAsync("deny");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var answers = await page.Locator("#guard-decisions tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal("Denied", a.Trim()));

        await page.GotoAsync("/guard?decision=allow_with_exclusions");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#decision-{excluded.DecisionId}").GetByRole(AriaRole.Link).ClickAsync());
        var saved = Path.Combine(app.Root, "guard-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var lines = await File.ReadAllLinesAsync(saved);
        Assert.Equal(excluded.ExcludedBatches, lines.Length - 1);

        await page.GotoAsync("/guard?since=31-10-2026");
        await Assertions.Expect(page.Locator("#guard-error")).ToContainTextAsync("since");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Role.Board)]
    [InlineData(Role.Counsel)]
    [InlineData(Role.Ingest)]
    public async Task OtherRoles_HaveNoGuardLink_AndAre403(Role role)
    {
        var page = await app.SignInAsync(role);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Guard" })).ToHaveCountAsync(0);
        Assert.Equal(403, await BrowserApp.StatusOfAsync(page, "/guard"));
        await page.Context.CloseAsync();
    }
}
