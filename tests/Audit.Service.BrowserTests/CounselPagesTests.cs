using System.Security.Cryptography;
using System.Text.Json;
using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>Counsel in a real browser: ask for a lineage export, wait for it, download it, check it against its manifest.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounselPagesTests(BrowserApp app)
{
    [Fact]
    public async Task Export_RequestedOnThePage_RunsInTheBackground_DownloadsMatchTheManifestHashes()
    {
        var page = await app.SignInAsync(Role.Counsel);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lineage exports" }).First.ClickAsync();
        await page.GetByLabel("Matter").FillAsync("2026-CV-0113");
        await page.GetByLabel("Model").FillAsync("models/agent-cua-1");
        await page.GetByLabel("Captured from").FillAsync("2026-01-01");
        await page.GetByLabel("Captured to").FillAsync("2026-10-31");
        await BrowserApp.ScreenshotAsync(page, "counsel-exports-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Request export" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/counsel/exports/[^/]+$"));
        await BrowserApp.ScreenshotAsync(page, "counsel-export-in-progress");
        await Assertions.Expect(page.Locator("#export-status .status")).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        await BrowserApp.ScreenshotAsync(page, "counsel-export-done", fullPage: true);

        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hash in await page.Locator("#manifest-files code.hash").AllAsync())
        {
            shown[(await hash.GetAttributeAsync("data-file"))!] = await hash.InnerTextAsync();
        }

        var downloaded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var link in await page.Locator("#export-downloads a").AllAsync())
        {
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            downloaded[download.SuggestedFilename] = await File.ReadAllBytesAsync((await download.PathAsync())!);
        }

        Assert.Equal(["data-dictionary.csv", "lineage.csv", "lineage.xlsx", "manifest.json"], downloaded.Keys.Order(StringComparer.Ordinal));
        var manifest = JsonDocument.Parse(downloaded["manifest.json"]).RootElement;
        Assert.Equal("2026-CV-0113", manifest.GetProperty("request").GetProperty("matterId").GetString());
        Assert.True(manifest.GetProperty("rowCount").GetInt64() > 0, "the demo's commercial model has contributors in 2026");
        var listed = manifest.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!, f => f.GetProperty("sha256").GetString()!);
        Assert.Equal(["data-dictionary.csv", "lineage.csv", "lineage.xlsx"], listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, sha) in listed)
        {
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(downloaded[file])));
            Assert.Equal(sha, shown[file]);
        }

        // Every download went through the audited path, with the hash of the bytes served.
        var entries = await app.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: BrowserApp.UserName(Role.Counsel), Action: AuditActions.Download, Limit: 4));
        Assert.Equal(
            downloaded.Values.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).Order(StringComparer.Ordinal),
            entries.Select(e => e.Sha256!).Order(StringComparer.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Export_MistypedWorkerOrModel_IsRefusedNextToTheFieldAndNothingIsQueued()
    {
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var before = (await trail.ListAsync(new AuditQuery(Action: AuditActions.ExportRequest, Limit: 1000))).Count;
        var page = await app.SignInAsync(Role.Counsel);
        await page.GotoAsync("/counsel/exports");
        await page.GetByLabel("Matter").FillAsync("2026-CV-0200");
        await page.GetByLabel("Workers").FillAsync("W000001, w000002");
        await page.GetByLabel("Model").FillAsync("models/agent-cua-2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Request export" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not queued");
        await Assertions.Expect(page.Locator("#workers-error")).ToContainTextAsync("no worker 'w000002' in the data");
        await Assertions.Expect(page.Locator("#model-error")).ToContainTextAsync("no model 'models/agent-cua-2'");
        await Assertions.Expect(page.GetByLabel("Workers")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Workers")).ToHaveValueAsync("W000001, w000002");
        Assert.Equal(before, (await trail.ListAsync(new AuditQuery(Action: AuditActions.ExportRequest, Limit: 1000))).Count);
        await BrowserApp.ScreenshotAsync(page, "counsel-export-refused");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/imports")]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/keys")]
    [InlineData("/admin/audit-log")]
    public async Task AdminPages_ForCounsel_Are403AndNotInTheNavigation(string path)
    {
        var page = await app.SignInAsync(Role.Counsel);

        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        if (path == "/admin")
        {
            await BrowserApp.ScreenshotAsync(page, "counsel-admin-forbidden");
        }

        await page.Context.CloseAsync();
    }
}
