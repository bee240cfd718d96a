using Audit.Service.Security;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>
/// The notices as workers read them, in a real browser (issue 24): compliance and counsel open "Notices", see the
/// security notice's sentence with its catch-all marked and the verdicts beside it; a misspelt notice id is a 404
/// naming it, never every notice; the board and the pipelines get no link and a 403.
/// </summary>
public sealed class DisclosuresPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(Role.Compliance)]
    [InlineData(Role.Counsel)]
    public async Task ComplianceAndCounsel_ReadTheNotices_WithThePhrasesMarked(Role role)
    {
        var page = await app.SignInAsync(role);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Notices" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What the notices say", Exact = true })).ToBeVisibleAsync();

        var sec = page.Locator("#notice-SEC-2024");
        await Assertions.Expect(sec.Locator("p.para").First).ToBeVisibleAsync();
        await Assertions.Expect(sec).ToContainTextAsync("Company devices are monitored for security and compliance purposes.");
        await Assertions.Expect(sec.Locator("mark.lx-catch_all").First).ToHaveTextAsync("security and compliance purposes");
        await Assertions.Expect(sec.GetByLabel("Verdicts for SEC-2024")).ToContainTextAsync("Vague");
        await Assertions.Expect(sec.Locator("li[data-code='vague-purpose'] blockquote")).ToHaveTextAsync("Company devices are monitored for security and compliance purposes.");
        await Assertions.Expect(page.Locator("#notice-ANN-2025").GetByLabel("Verdicts for ANN-2025")).ToContainTextAsync("Specific");
        await BrowserApp.ScreenshotAsync(page, $"{role.ToString().ToLowerInvariant()}-disclosures", fullPage: true);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Notice" }).FillAsync("SEC-2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.disclosure")).ToHaveCountAsync(1);

        Assert.Equal(404, await BrowserApp.StatusOfAsync(page, "/disclosures?notice=SEC-2042"));
        await page.GotoAsync("/disclosures?notice=SEC-2042");
        await Assertions.Expect(page.Locator("#disclosures-error")).ToContainTextAsync("no notice 'SEC-2042'");
        await Assertions.Expect(page.Locator("section.disclosure")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Role.Board)]
    [InlineData(Role.Ingest)]
    public async Task OtherRoles_HaveNoNoticesLink_AndAre403(Role role)
    {
        var page = await app.SignInAsync(role);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Notices" })).ToHaveCountAsync(0);
        Assert.Equal(403, await BrowserApp.StatusOfAsync(page, "/disclosures"));
        Assert.Equal(403, await BrowserApp.StatusOfAsync(page, "/api/v1/disclosures"));
        await page.Context.CloseAsync();
    }
}
