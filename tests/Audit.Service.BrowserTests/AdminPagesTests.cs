using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>The admin in a real browser: imports, jobs, API keys and the audit log.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(BrowserApp app)
{
    /// <summary>Issue 20: the users page lists an open session; disabling the account signs its browser out at its next click.</summary>
    [Fact]
    public async Task Users_AdminDisablesAnAccount_ItsOpenBrowserIsSentToSignInAtItsNextClick()
    {
        await app.Services.GetRequiredService<UserStore>().CreateAsync("temp-officer", Role.Compliance, BrowserApp.Password, "browser-tests");
        var officer = await app.SignInAsync("temp-officer");
        var admin = await app.SignInAsync(Role.Admin);
        await admin.GotoAsync("/admin/users");
        var row = admin.Locator("#users tr", new() { HasText = "temp-officer" });
        await Assertions.Expect(row).ToContainTextAsync("enabled");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync("1 (last seen");
        await BrowserApp.ScreenshotAsync(admin, "admin-users", fullPage: true);

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable temp-officer" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#users-message")).ToContainTextAsync("Disabled temp-officer");
        await officer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Findings" }).ClickAsync();
        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await officer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Import_RefusedFile_ShowsEveryProblemAsFileRowColumnAndWritesNothing()
    {
        var workersBefore = await CountAsync("SELECT COUNT(*) FROM Worker");
        var page = await app.SignInAsync(Role.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).First.ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "admin-home");
        await page.Locator(".subnav").GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        var csv = "worker_id,display_name,employment_type,hire_date,termination_date,termination_reason\n"
            + "W900001,New Hire,employee,2026-02-01,,\n"
            + "W900002,Second Hire,freelancer,2026-02-30,,\n";

        await page.GetByLabel("What the file holds").SelectOptionAsync("workers");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "new-workers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(page.Locator("#import-refused h2")).ToContainTextAsync("new-workers.csv was refused; nothing was imported");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("new-workers.csv:3:employment_type");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("new-workers.csv:3:hire_date");
        Assert.Equal(workersBefore, await CountAsync("SELECT COUNT(*) FROM Worker"));
        await BrowserApp.ScreenshotAsync(page, "admin-import-refused");

        await page.GetByLabel("What the file holds").SelectOptionAsync("workers");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "new-workers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.Replace("freelancer,2026-02-30", "contractor,2026-02-28", StringComparison.Ordinal)) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(page.Locator("#import-outcome")).ToContainTextAsync("2 record(s) read, 2 new");
        Assert.Equal(workersBefore + 2, await CountAsync("SELECT COUNT(*) FROM Worker"));
        await BrowserApp.ScreenshotAsync(page, "admin-import-accepted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Key_CreatedOnThePage_IsShownOnceWorksAndIsRevoked()
    {
        var page = await app.SignInAsync(Role.Admin);
        await page.GotoAsync("/admin/keys");
        await page.GetByLabel("Name").FillAsync("airflow-browser");
        await page.GetByLabel("Role").SelectOptionAsync("ingest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var token = await page.GetByLabel("The key", new() { Exact = true }).InputValueAsync();
        await BrowserApp.ScreenshotAsync(page, "admin-key-created");
        Assert.StartsWith("audit_", token, StringComparison.Ordinal);
        Assert.Equal(("airflow-browser", Role.Ingest), await CallerAsync(token));

        // Listed again without its secret, and with the call just made as its last use (to the minute); no expiry was set.
        await page.GotoAsync("/admin/keys");
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("#keys tbody tr", new() { HasText = "airflow-browser" });
        await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator("td").Nth(3)).Not.ToContainTextAsync("never");
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("no expiry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key airflow-browser" }).ClickAsync();

        await Assertions.Expect(page.Locator("#keys-message")).ToContainTextAsync("Revoked the key 'airflow-browser'");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key airflow-browser" })).ToHaveCountAsync(0);
        var key = (await app.Services.GetRequiredService<KeyStore>().ListAsync()).Single(k => k.Name == "airflow-browser");
        Assert.Equal(BrowserApp.UserName(Role.Admin), key.RevokedBy);
        await BrowserApp.ScreenshotAsync(page, "admin-keys", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditLog_ShowsADownloadWithTheHashOfTheBytesServed_FilteredByActorAndAction()
    {
        var page = await app.SignInAsync(Role.Admin);
        await page.GotoAsync("/reports/monthly");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#latest-report a[href$='.pdf']").ClickAsync());
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync((await download.PathAsync())!)));

        await page.GotoAsync("/admin/audit-log");
        await BrowserApp.ScreenshotAsync(page, "admin-audit-log");
        await page.GetByLabel("Actor").FillAsync(BrowserApp.UserName(Role.Admin));
        await page.GetByLabel("Action").SelectOptionAsync("download");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var rows = page.Locator("#audit-log tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync(sha);
        await Assertions.Expect(rows.First).ToContainTextAsync("compliance-report-2026-10.pdf");
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("download");
        }

        await BrowserApp.ScreenshotAsync(page, "admin-audit-log-filtered");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ScanNow_RunsInTheJobServer_PageShowsItUntilDoneAndTheRunIsListed()
    {
        var page = await app.SignInAsync(Role.Admin);
        await page.GotoAsync("/admin/jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "jobs dashboard", Exact = true })).ToHaveAttributeAsync("href", "/hangfire");
        await page.GetByLabel("As of").FillAsync("2026-08-31");

        await page.GetByRole(AriaRole.Button, new() { Name = "Scan now", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#scan-status")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#scan-status .status")).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#scan-status")).ToContainTextAsync("findings");
        await Assertions.Expect(page.Locator("#job-runs")).ToContainTextAsync("scan-as-of");
        await BrowserApp.ScreenshotAsync(page, "admin-jobs", fullPage: true);
        await page.Context.CloseAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        var database = app.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<(string, Role)?> CallerAsync(string token) =>
        await app.Services.GetRequiredService<ApiKeyValidator>().ValidateAsync(token) is { } caller ? (caller.Name, caller.Role) : null;
}
