using System.Text.Json;
using Audit.Service.Demo;
using Audit.Service.Reporting;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Security;
using Audit.Service.Hosting;
using Audit.Service.Web;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>
/// The real `serve` host on a free loopback port over a small demo organisation (scanned as of 2026-09-30 and
/// 2026-10-31, with the monthly report for 2026-10 and the board summary for 2026Q3 written), one local account
/// per role created as `users create` creates them, and Debian's chromium driven by Playwright. One per test
/// class (IClassFixture): the app and the browser start once and every test opens its own signed-in context.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Debian's chromium; Playwright's own browser download does not work here (.ci/run installs this one).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Every test account's password (at least <see cref="UserStore.MinimumPasswordLength"/> characters).</summary>
    public const string Password = "browser-test-password";

    public static readonly DateOnly LatestScan = new(2026, 10, 31);

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp()
    {
        Root = Path.Combine(Path.GetTempPath(), "audit-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "data", "audit.db");

    public string OutputPath => Path.Combine(Root, "out");

    /// <summary>Where screenshots go: a folder under the test output (bin/.../screenshots), kept after the run.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public JobStorage Storage { get; } = new InMemoryStorage();

    public IBrowser Browser => _browser!;

    /// <summary>The account of a role, as `users create --name {role}-user --role {role}` makes it.</summary>
    public static string UserName(Role role) => $"{role.Code()}-user";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Fail, never skip: CI installs it, and a missing browser must not pass as "no browser tests".
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath}; install it with `apt-get update && apt-get install -y chromium` (.ci/run does).");
        }

        File.WriteAllText(Path.Combine(Root, "appsettings.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Database"] = new { Provider = "Sqlite", ConnectionString = $"Data Source={DatabasePath};Pooling=False" },
            ["Audit"] = new { OutputPath },
            ["Jobs"] = new { PollingInterval = "00:00:01" },
            ["Delivery"] = new { Compliance = new { Folder = string.Empty }, Board = new { Folder = string.Empty } },
            ["Logging"] = new { LogLevel = new { Default = "Warning" } },
        }));
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.json")).Build();
        _app = AuditWebHost.Build(["--urls", "http://127.0.0.1:0", "--Jobs:ServerName=browser-tests"], configuration, Storage);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await Services.GetRequiredService<DemoSeeder>().SeedAsync(Path.Combine(Root, "demo"), new DemoOptions(Workers: 300, Seed: 42));
        var scanner = Services.GetRequiredService<Scanner>();
        await scanner.ScanAsync(new DateOnly(2026, 9, 30), progress: null, CancellationToken.None);
        await scanner.ScanAsync(LatestScan, progress: null, CancellationToken.None);
        var reports = Services.GetRequiredService<ReportService>();
        await reports.MonthlyAsync(new YearMonth(2026, 10));
        await reports.BoardAsync(Quarter.Containing(new DateOnly(2026, 9, 30)));

        var users = Services.GetRequiredService<UserStore>();
        foreach (var role in Enum.GetValues<Role>())
        {
            await users.CreateAsync(UserName(role), role, Password, "browser-tests");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context at 1280×800, not signed in.</summary>
    public async Task<IPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh context signed in through the sign-in page as the role's account; it lands on the home page.</summary>
    public Task<IPage> SignInAsync(Role role) => SignInAsync(UserName(role));

    /// <summary>A fresh context signed in through the sign-in page as the named account (password <see cref="Password"/>).</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var page = await OpenAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Signing in as {userName} did not leave the sign-in page; at {page.Url}: {await page.Locator("main").InnerTextAsync()}", ex);
        }

        return page;
    }

    /// <summary>The page as a user sees it, at 1280×800 (the viewport; the whole page when asked), under <see cref="ScreenshotFolder"/>.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>GET a path with the page's cookies (the signed-in session), e.g. to check a status code.</summary>
    public static async Task<int> StatusOfAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(path);
        return response.Status;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the OS temp cleaner gets it.
        }
    }
}

/// <summary>Browser test classes that share one app and one browser (started once for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
