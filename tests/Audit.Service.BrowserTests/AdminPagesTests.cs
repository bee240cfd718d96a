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

    /// <summary>Issue 20 (ASVS 2.1.5-2.1.7, 2.2.3): the holder changes their own password; a breached one is refused by field; other sessions end; the next sign-in is told.</summary>
    [Fact]
    public async Task Account_HolderChangesTheirPassword_OtherBrowserSignedOut_ABreachedOneRefused()
    {
        await app.Services.GetRequiredService<UserStore>().CreateAsync("self-service", Role.Counsel, BrowserApp.Password, "browser-tests");
        var other = await app.SignInAsync("self-service");
        var page = await app.SignInAsync("self-service");
        await page.Locator("header a.user").ClickAsync();
        await Assertions.Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#sessions")).ToContainTextAsync("(this one)");

        await page.GetByLabel("Current password").FillAsync(BrowserApp.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Password1234");
        await page.GetByLabel("New password again").FillAsync("Password1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-error")).ToContainTextAsync("new password: is on a list of breached or common passwords");

        await page.GetByLabel("Current password").FillAsync(BrowserApp.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("lantern orchard quietly");
        await page.GetByLabel("New password again").FillAsync("lantern orchard quietly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-message")).ToContainTextAsync("Your password is changed");
        await Assertions.Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("Password changed by you");
        await BrowserApp.ScreenshotAsync(page, "account", fullPage: true);

        await other.ReloadAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Issue 20 (ASVS 3.7.1): an admin whose sign-in is older than the window is asked to sign in again before changing an account.</summary>
    [Fact]
    public async Task Users_AnAdminSignedInLongAgo_IsAskedToSignInAgain_ThenTheChangeGoesThrough()
    {
        await app.Services.GetRequiredService<UserStore>().CreateAsync("stale-admin", Role.Admin, BrowserApp.Password, "browser-tests");
        var admin = await app.SignInAsync("stale-admin");
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE UserSession SET AuthenticatedAt = @At WHERE UserName = 'stale-admin' AND EndedAt IS NULL",
                new { At = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) });
        }

        await admin.GotoAsync("/admin/users");
        await admin.GetByLabel("User name").FillAsync("made-after-confirming");
        await admin.GetByLabel("Role").SelectOptionAsync("board");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync("violet tractor umbrella");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#signin-confirm")).ToContainTextAsync("need a sign-in within the last 15 minutes");
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM UserAccount WHERE UserName = 'made-after-confirming'"));
        await Assertions.Expect(admin.GetByLabel("User name")).ToHaveValueAsync("stale-admin");
        await admin.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/users$"));
        await admin.GetByLabel("User name").FillAsync("made-after-confirming");
        await admin.GetByLabel("Role").SelectOptionAsync("board");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync("violet tractor umbrella");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#users-message")).ToContainTextAsync("Created made-after-confirming");
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
