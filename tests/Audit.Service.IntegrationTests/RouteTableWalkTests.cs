using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Audit.Service.Security;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// The README's route tables, walked (issue 20): every route of "The web page" and "The API" tables, for every
/// caller (no credential, each role by API key, each role by signed-in cookie), compared with the roles column.
/// A route the README lists for a role answers that role without 401/403 (a 400 or 404 from the endpoint itself
/// still means access was granted); any other role gets 403; no credential gets 401 (API) or the sign-in page.
/// Generated from the README, so a route documented wrongly, or guarded wrongly, fails here.
/// </summary>
public sealed partial class RouteTableWalkTests(ApiRolesApp fixture) : IClassFixture<ApiRolesApp>
{
    private const string Own = "http://localhost";
    private static readonly Role[] AllRoles = Enum.GetValues<Role>();

    private sealed record RouteSpec(string Method, string Path, Role[] Allowed, bool Anyone, string Row);

    [Fact]
    public async Task EveryRouteOfTheReadme_ForEveryCaller_AnswersAsItsRolesColumnSays()
    {
        // Signing in itself is left out: SecurityAttackTests and ApiFlowTests try it with each outcome.
        var routes = ReadRoutes().Where(r => !(r.Method == "POST" && r.Path == "/api/v1/session")).ToList();
        Assert.True(routes.Count >= 35, $"only {routes.Count} routes read from the README");
        var cookies = new Dictionary<Role, string>();
        foreach (var role in AllRoles)
        {
            cookies[role] = await SignInAsync(role);
        }

        var failures = new List<string>();
        var cells = 0;

        // Signing out ends the cookie's session: walked last.
        foreach (var route in routes.OrderBy(r => r.Method == "DELETE" && r.Path == "/api/v1/session"))
        {
            foreach (var caller in new string?[] { null }.Concat(AllRoles.Select(r => "key:" + r)).Concat(AllRoles.Select(r => "cookie:" + r)))
            {
                cells++;
                Role? role = caller is null ? null : Enum.Parse<Role>(caller[(caller.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
                if (route.Method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                if (caller?.StartsWith("key:", StringComparison.Ordinal) == true)
                {
                    request.Headers.Authorization = new("Bearer", fixture.App.Keys[role!.Value]);
                }
                else if (caller is not null)
                {
                    request.Headers.Add("Cookie", cookies[role!.Value]);
                    request.Headers.Add("Origin", Own);
                }

                using var response = await Client().SendAsync(request);
                var status = (int)response.StatusCode;
                var toSignIn = status == 302 && response.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == true;
                var expected = role is null
                    ? route.Anyone ? "granted" : "unauthenticated"
                    : route.Anyone || route.Allowed.Contains(role.Value) ? "granted" : "forbidden";
                var ok = expected switch
                {
                    "granted" => status is not (401 or 403) && !toSignIn && status < 500,
                    "unauthenticated" => route.Path.StartsWith("/api/", StringComparison.Ordinal) || route.Path.StartsWith("/hangfire", StringComparison.Ordinal) ? status == 401 : toSignIn,
                    _ => status == 403,
                };
                if (!ok)
                {
                    failures.Add($"{route.Method} {route.Path} as {caller ?? "no credential"}: {status}{(toSignIn ? " (to sign-in)" : string.Empty)}, expected {expected} (README row: {route.Row})");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ from the README:\n" + string.Join("\n", failures));
        Assert.True(cells >= 35 * 11, $"{cells} cells");
    }

    [Fact]
    public void EveryRouteTheServiceMaps_IsInTheReadmesTables()
    {
        // The walk above covers what the README lists; this covers the other way round: a route mapped without a
        // README row (and so without a roles column anyone checked) fails here, naming it.
        var documented = ReadRawRoutes().Select(r => (r.Method, Shape(r.Path))).ToHashSet();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))))
            .Where(r => r.Method is "GET" or "POST" or "PUT" or "DELETE")
            .Where(r => !Unlisted.Any(u => r.Path.StartsWith(u, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.True(mapped.Count >= 35, $"only {mapped.Count} routes mapped");
        var missing = mapped.Where(r => !documented.Contains((r.Method, Shape(r.Path)))).Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "mapped but in no README route table:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Mapped routes the tables do not list on purpose: the OpenAPI document, the framework's own, the health probe
    /// (documented under "The service" with what it answers) and the error page status codes re-execute to.
    /// </summary>
    private static readonly string[] Unlisted = ["/openapi/", "/_", "/health", "/status"];

    /// <summary>A path with its placeholders and query dropped, so the README's {id} and the route's {reportId:long} compare equal.</summary>
    private static string Shape(string path) => Placeholder().Replace(CatchAll().Replace(path.Split('?')[0], string.Empty), "{}").TrimEnd('/') is { Length: > 0 } p ? p : "/";

    /// <summary>A trailing catch-all ({**path}): the README names the route's root (the jobs dashboard's /hangfire).</summary>
    [GeneratedRegex(@"/\{\*\*[^}]*\}$")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    private List<RouteSpec> ReadRoutes() => ReadRawRoutes().Select(r => r with { Path = Concrete(r.Path) }).ToList();

    /// <summary>The routes of the README's two tables, with their placeholders as written.</summary>
    private static List<RouteSpec> ReadRawRoutes()
    {
        var readme = File.ReadAllLines(FindReadme());
        var routes = new List<RouteSpec>();
        foreach (var (from, to) in new[] { ("## The web page", "## The API"), ("## The API", "**Roles.**") })
        {
            var start = Array.FindIndex(readme, l => l.StartsWith(from, StringComparison.Ordinal));
            var end = Array.FindIndex(readme, start + 1, l => l.StartsWith(to, StringComparison.Ordinal));
            foreach (var line in readme[start..end].Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
            {
                var cells = line.Split(" | ");
                var rolesText = cells[1].Trim();
                var allowed = AllRoles.Where(r => Regex.IsMatch(rolesText, $@"\b{r.Code()}\b")).ToArray();
                string? lastPath = null;
                foreach (Match spec in Backticked().Matches(cells[0]))
                {
                    var text = spec.Groups[1].Value;
                    var parts = text.Split(' ', 2);
                    string method, path;
                    if (parts[0] is "GET" or "POST" or "DELETE" or "PUT")
                    {
                        method = parts[0];
                        path = parts.Length > 1 ? parts[1] : lastPath ?? throw new InvalidOperationException($"README row '{cells[0]}': {text} names no path");
                    }
                    else if (text.StartsWith('/'))
                    {
                        (method, path) = ("GET", text);
                    }
                    else
                    {
                        continue; // a JSON body example
                    }

                    lastPath = path;
                    var signedIn = rolesText.Contains("signed in", StringComparison.Ordinal);
                    var anyone = rolesText.StartsWith("anyone", StringComparison.Ordinal) && !(signedIn && method == "GET");
                    routes.Add(new RouteSpec(method, path, signedIn && !anyone ? AllRoles : allowed, anyone, cells[0].Trim()));
                }
            }
        }

        return routes;
    }

    /// <summary>The README's placeholders, filled with what the fixture holds (a missing finding or key is a 404, which still means access was granted).</summary>
    private string Concrete(string path)
    {
        var reports = path.Contains("/board/", StringComparison.Ordinal)
            ? (fixture.BoardReportId, "board-summary-2026-Q3.pdf")
            : (fixture.MonthlyReportId, "compliance-report-2026-10.pdf");
        var exports = path.Contains("exports", StringComparison.Ordinal);
        return path
            .Replace("{finding id}", "R1%3Anone", StringComparison.Ordinal)
            .Replace("{decision id}", fixture.GuardDecisionId, StringComparison.Ordinal)
            .Replace("/findings/{id}", "/findings/R1%3Anone", StringComparison.Ordinal)
            .Replace("/scans/jobs/{id}", "/scans/jobs/" + fixture.ScanJobId, StringComparison.Ordinal)
            .Replace("{kind}", "programs", StringComparison.Ordinal)
            .Replace("NAME.csv", "programs.csv", StringComparison.Ordinal)
            .Replace("{idOrName}", "no-such-key", StringComparison.Ordinal)
            .Replace("{id}", exports ? fixture.ExportId : reports.Item1.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{file}", exports ? "manifest.json" : reports.Item2, StringComparison.Ordinal);
    }

    private async Task<string> SignInAsync(Role role)
    {
        var name = "walk-" + role.Code();
        await fixture.App.Services.GetRequiredService<UserStore>().CreateAsync(name, role, "correct horse battery", "test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { userName = name, password = "correct horse battery" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", Own);
        using var response = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("audit.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private HttpClient Client() => fixture.App.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")) && File.Exists(Path.Combine(dir.FullName, "README.md")))
            {
                return Path.Combine(dir.FullName, "README.md");
            }
        }

        throw new InvalidOperationException("README.md beside Audit.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
