using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Audit.Service.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// The attacker's tests beside the user's (issue 20): each one is something that worked against the service before
/// and must not now. Cookies are handled by hand, so a test can copy one and replay it after the server ended it.
/// </summary>
public sealed class SecurityAttackTests(SecurityAttackTests.App fixture) : IClassFixture<SecurityAttackTests.App>
{
    private const string Password = "correct horse battery";
    private const string Own = "http://localhost";

    public sealed class App : IAsyncLifetime
    {
        // Every request of the test host comes from one address: its throttle is widened so the per-account one is what a test meets.
        public ApiApp Api { get; } = new(new Dictionary<string, string> { ["Authentication:SignIn:PerAddressBurst"] = "1000" });

        public Task InitializeAsync() => Api.InitializeAsync();

        public Task DisposeAsync() => Api.DisposeAsync();
    }

    [Fact]
    public async Task DisabledAdmin_SameCookie_RefusedOnTheNextRequest_AndMintsNoKey()
    {
        var cookie = await SignInAsync("admin-d", Role.Admin);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/keys", cookie)).StatusCode);

        Assert.True(await Users.DisableAsync("admin-d", "test"));
        var keysBefore = await CountAsync("ApiKey");

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/keys", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, "/api/v1/keys", cookie, Json(new { name = "stolen", role = "admin" }), Own)).StatusCode);
        Assert.Equal(keysBefore, await CountAsync("ApiKey"));
    }

    [Fact]
    public async Task CookieCopiedBeforeSignOut_RefusedAfterIt()
    {
        var cookie = await SignInAsync("officer-s", Role.Compliance);
        var copy = cookie;

        using var signOut = await SendAsync(HttpMethod.Delete, "/api/v1/session", cookie, origin: Own);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/findings", copy)).StatusCode);
        Assert.Equal("signed-out", (await fixture.Api.QueryAsync<string>("SELECT EndedReason FROM UserSession WHERE UserName = 'officer-s'")).Single());
    }

    [Theory]
    [InlineData("set-password")]
    [InlineData("end-sessions")]
    public async Task PasswordChangeOrEndSessions_RefusesTheNextRequest(string act)
    {
        var name = "officer-" + act;
        var cookie = await SignInAsync(name, Role.Compliance);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/findings", cookie)).StatusCode);

        Assert.True(act == "set-password"
            ? await Users.SetPasswordAsync(name, "another long password", "test")
            : await Users.EndSessionsAsync(name, "test"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/findings", cookie)).StatusCode);
        Assert.Single(await fixture.Api.QueryAsync<long>("SELECT AuditId FROM AuditLog WHERE Action = @Action AND Subject = @Subject",
            new { Action = act == "set-password" ? "user-set-password" : "user-end-sessions", Subject = "user " + name }));
    }

    [Fact]
    public async Task RevokedKey_RefusedOnTheVeryNextRequest()
    {
        var key = await fixture.Api.Services.GetRequiredService<KeyStore>().CreateAsync("revoke-me", Role.Admin, "test");
        using var client = fixture.Api.Client(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative))).StatusCode);

        Assert.True(await fixture.Api.Services.GetRequiredService<KeyStore>().RevokeAsync("revoke-me", "test"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData(null, null)]
    public async Task CookieImportFromAnotherSite_Is403_AndWritesNothing(string? origin, string? fetchSite)
    {
        var cookie = await SignInAsync("admin-x" + (origin ?? fetchSite ?? "none").Length, Role.Admin);
        var before = await CountAsync("Program");
        using var request = Request(HttpMethod.Post, "/api/v1/imports/programs?file=programs.csv", cookie, new StringContent(ProgramsCsv, Encoding.UTF8, "text/plain"), origin);
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync("Program"));
    }

    [Fact]
    public async Task CookieWrite_FromOwnOrigin_OrWithTheAntiforgeryHeader_IsAccepted_AndBearerIsUnaffected()
    {
        var cookie = await SignInAsync("admin-ok", Role.Admin);
        using var sameOrigin = await SendAsync(HttpMethod.Post, "/api/v1/imports/programs?file=programs.csv", cookie, new StringContent(ProgramsCsv, Encoding.UTF8, "text/csv"), Own);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/session", cookie);
        var token = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        var antiforgeryCookie = string.Join("; ", me.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var withToken = Request(HttpMethod.Post, "/api/v1/imports/programs?file=programs.csv", cookie + "; " + antiforgeryCookie, new StringContent(ProgramsCsv, Encoding.UTF8, "text/csv"));
        withToken.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.OK, (await Client().SendAsync(withToken)).StatusCode);

        using var forgedToken = Request(HttpMethod.Post, "/api/v1/imports/programs?file=programs.csv", cookie + "; " + antiforgeryCookie, new StringContent(ProgramsCsv, Encoding.UTF8, "text/csv"));
        forgedToken.Headers.Add("X-CSRF-TOKEN", "not-the-token");
        Assert.Equal(HttpStatusCode.Forbidden, (await Client().SendAsync(forgedToken)).StatusCode);

        using var pipeline = fixture.Api.Client(Role.Ingest);
        pipeline.DefaultRequestHeaders.Add("Origin", "https://ci.example");
        Assert.Equal(HttpStatusCode.OK, (await pipeline.PostAsync(new Uri("/api/v1/imports/programs?file=programs.csv", UriKind.Relative), new StringContent(ProgramsCsv, Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task SignIn_IsThrottledPerAccount_BeforeTheHash_AndEveryAttemptIsAudited()
    {
        await Users.CreateAsync("target", Role.Admin, Password, "test");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = "target", password = "wrong password " + i }), Own);
            statuses.Add(response.StatusCode);
            throttled ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // The right password is refused too while the account waits: the throttle comes before the password check.
        using var right = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = "target", password = Password }), Own);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(throttled!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var entries = await fixture.Api.QueryAsync<(string Actor, string Action, string Request)>("SELECT Actor, Action, Request FROM AuditLog WHERE Subject = 'user target' AND Action LIKE 'sign-in%'");
        Assert.Equal((5, 4), (entries.Count(e => e.Action == "sign-in-failed"), entries.Count(e => e.Action == "sign-in-throttled")));
        Assert.All(entries, e => Assert.Equal("target", e.Actor));
        Assert.All(entries, e => Assert.Contains(" from ", e.Request, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_Success_IsAudited_WithTheAccountAndAddress()
    {
        await SignInAsync("audited", Role.Counsel);

        var entry = (await fixture.Api.QueryAsync<(string Actor, string Role, string Request)>("SELECT Actor, Role, Request FROM AuditLog WHERE Action = 'sign-in' AND Actor = 'audited'")).Single();
        Assert.Equal("counsel", entry.Role);
        Assert.Contains("from", entry.Request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/exports/abc")]
    [InlineData("/api/v1/exports/abc/files/manifest.json")]
    [InlineData("/api/v1/scans/jobs/abc")]
    [InlineData("/api/v1/scans/jobs/99999999999999999999999")]
    public async Task NonNumericJobIds_Are404_Not500(string path)
    {
        using var admin = fixture.Api.Client(Role.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ScanAsOfAFutureDay_Is400_NamingAsOf()
    {
        using var admin = fixture.Api.Client(Role.Admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/scans", new { asOf = "2099-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("matter with spaces")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task MatterIdThatCouldLeaveTheExportFolder_Is400_NamingMatterId(string matter)
    {
        using var counsel = fixture.Api.Client(Role.Counsel);

        using var response = await counsel.PostAsJsonAsync("/api/v1/exports", new { matterId = matter });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("matterId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAsciiReturnUrl_AfterSignIn_Redirects_Not500()
    {
        await Users.CreateAsync("returner", Role.Compliance, Password, "test");
        using var client = fixture.Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var response = await client.PostAsync(new Uri("/sign-in?ReturnUrl=%2Ffindings%3Fq%3D%C3%A9t%C3%A9", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "returner", ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/findings?q=%C3%A9t%C3%A9", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ForgedHost_IsNeverEchoedIntoARedirect()
    {
        using var client = fixture.Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/findings");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/findings", true)]
    [InlineData("/sign-in", false)]
    [InlineData("/api/v1/nothing-here", true)]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path, bool api)
    {
        using var client = api ? fixture.Api.Client(Role.Admin) : fixture.Api.Client(null);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task OverHttps_TheSessionCookieIsSecure_AndHstsIsSent()
    {
        await Users.CreateAsync("tls-user", Role.Board, Password, "test");
        using var client = fixture.Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = Json(new { userName = "tls-user", password = Password }) };
        request.Headers.Add("Origin", "https://localhost");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("audit.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebImport_WritesOneAuditEntry_NamingTheCaller()
    {
        using var ingest = fixture.Api.Client(Role.Ingest);
        var before = await fixture.Api.QueryAsync<long>("SELECT COALESCE(MAX(AuditId), 0) FROM AuditLog");

        using var response = await ingest.PostAsync(new Uri("/api/v1/imports/programs?file=one-entry.csv", UriKind.Relative), new StringContent(ProgramsCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = await fixture.Api.QueryAsync<(string Actor, string Role, string Action)>("SELECT Actor, Role, Action FROM AuditLog WHERE AuditId > @Before AND Action = 'import'", new { Before = before.Single() });
        Assert.Equal(("test Ingest", "ingest"), (Assert.Single(entries).Actor, entries[0].Role));
    }

    private const string ProgramsCsv = "program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out,opt_out_description,compensation_policy\nP-SEC,Copilot training,model training,false,,none,,\n";

    [Fact]
    public async Task KeyMinting_ByACookieWhoseSignInIsOlderThanTheWindow_Is403_UntilSignedInAgain()
    {
        var cookie = await SignInAsync("admin-r", Role.Admin);
        var twentyMinutesAgo = DateTime.UtcNow.AddMinutes(-20).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Api.QueryAsync<long>("UPDATE UserSession SET AuthenticatedAt = @At WHERE UserName = 'admin-r'; SELECT 0", new { At = twentyMinutesAgo });
        var keysBefore = await CountAsync("ApiKey");

        using var stale = await SendAsync(HttpMethod.Post, "/api/v1/keys", cookie, Json(new { name = "late-key", role = "ingest" }), Own);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Contains("Sign in again", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(keysBefore, await CountAsync("ApiKey"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/keys", cookie)).StatusCode);

        using var again = await SendAsync(HttpMethod.Post, "/api/v1/session", cookie, Json(new { userName = "admin-r", password = Password }), Own);
        // The answer clears the old cookie and sets a new one: a new session id, never the old one renewed (no fixation).
        var fresh = again.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("audit.session=", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).Last(c => c.Length > "audit.session=".Length);
        Assert.NotEqual(cookie, fresh);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/keys", fresh, Json(new { name = "late-key", role = "ingest" }), Own)).StatusCode);
        // The second sign-in in the same browser replaced the first session.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/keys", cookie)).StatusCode);
        Assert.Equal("signed-in-again", (await fixture.Api.QueryAsync<string>("SELECT EndedReason FROM UserSession WHERE UserName = 'admin-r' AND EndedAt IS NOT NULL")).Single());
    }

    [Fact]
    public async Task ACookiePlantedBeforeSomeoneElseSignsIn_NeverBecomesTheirSession()
    {
        var planted = await SignInAsync("attacker", Role.Board);
        await Users.CreateAsync("victim", Role.Admin, Password, "test");

        using var victim = await SendAsync(HttpMethod.Post, "/api/v1/session", planted, Json(new { userName = "victim", password = Password }), Own);
        Assert.Equal(HttpStatusCode.OK, victim.StatusCode);

        // The planted copy is ended, and in no case grants the victim's admin role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/keys", planted)).StatusCode);
        var theirs = victim.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("audit.session=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/keys", theirs)).StatusCode);
        Assert.Equal(2, (await fixture.Api.QueryAsync<string>("SELECT SessionHash FROM UserSession WHERE UserName IN ('attacker', 'victim')")).Distinct().Count());
    }

    [Fact]
    public async Task SignIn_TellsTheHolder_OfFailedAttemptsAndAPasswordSetByAnAdmin_SinceTheLastSignIn()
    {
        await SignInAsync("holder", Role.Compliance);
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = "holder", password = "not the password at all" }), Own);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.True(await Users.SetPasswordAsync("holder", "a brand new passphrase", "root-admin"));

        using var next = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = "holder", password = "a brand new passphrase" }), Own);
        var since = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sinceLastSignIn").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Contains(since, l => l.StartsWith("2 failed sign-in attempts", StringComparison.Ordinal));
        Assert.Contains(since, l => l.Contains("Password set by root-admin", StringComparison.Ordinal));

        using var quiet = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = "holder", password = "a brand new passphrase" }), Own);
        Assert.Empty((await quiet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sinceLastSignIn").EnumerateArray());
    }

    [Fact]
    public async Task ABreachedPassword_IsRefusedForAnAccount_NamingTheField()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Users.CreateAsync("weak", Role.Board, "Password1234", "test"));

        Assert.StartsWith("password:", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Api.QueryAsync<string>("SELECT UserName FROM UserAccount WHERE UserName = 'weak'"));
    }

    private UserStore Users => fixture.Api.Services.GetRequiredService<UserStore>();

    private HttpClient Client() => fixture.Api.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>Creates an account and signs in through the API; returns the session cookie as a Cookie header value.</summary>
    private async Task<string> SignInAsync(string name, Role role)
    {
        await Users.CreateAsync(name, role, Password, "test");
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/session", null, Json(new { userName = name, password = Password }), Own);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("audit.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie, HttpContent? content = null, string? origin = null) =>
        await Client().SendAsync(Request(method, path, cookie, content, origin));

    private static HttpRequestMessage Request(HttpMethod method, string path, string? cookie, HttpContent? content = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private async Task<long> CountAsync(string table) => (await fixture.Api.QueryAsync<long>($"SELECT COUNT(*) FROM {table}")).Single();

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
