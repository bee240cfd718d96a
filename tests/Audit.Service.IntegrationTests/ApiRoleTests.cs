using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Audit.Service.Security;
using Audit.Service.Tests.OpenLineage;

namespace Audit.Service.IntegrationTests;

/// <summary>The data the route table needs: a report of each kind, a scan job and a finished export.</summary>
public sealed class ApiRolesApp : IAsyncLifetime
{
    public ApiApp App { get; } = new();

    public long MonthlyReportId { get; private set; }

    public long BoardReportId { get; private set; }

    public string ScanJobId { get; private set; } = string.Empty;

    public string ExportId { get; private set; } = string.Empty;

    public string GuardDecisionId { get; private set; } = string.Empty;

    public static object GuardFlow => new
    {
        job = new { @namespace = "ml", name = "role-check" },
        inputs = new[] { new { @namespace = "s3://lake", name = "raw" } },
        outputs = new[] { new { @namespace = "s3://lake", name = "train" } },
        purpose = "ai_training",
    };

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        MonthlyReportId = (await App.AddReportAsync("monthly", "2026-10", "compliance-report-2026-10.pdf")).ReportId;
        BoardReportId = (await App.AddReportAsync("board", "2026-Q3", "board-summary-2026-Q3.pdf")).ReportId;
        using var admin = App.Client(Role.Admin);
        using (var scan = await admin.PostAsJsonAsync("/api/v1/scans", new { asOf = "2026-10-31" }))
        {
            scan.EnsureSuccessStatusCode();
            ScanJobId = (await scan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        }

        using (var decision = await admin.PostAsJsonAsync("/api/v1/guard/decisions", GuardFlow))
        {
            decision.EnsureSuccessStatusCode();
            GuardDecisionId = (await decision.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisionId").GetString()!;
        }

        using (var export = await admin.PostAsJsonAsync("/api/v1/exports", new { matterId = "2026-CV-0113" }))
        {
            export.EnsureSuccessStatusCode();
            ExportId = (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("jobId").GetString()!;
        }

        await Poll.UntilAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/exports/{ExportId}");
            var state = status.GetProperty("job").GetProperty("status").GetString();
            Assert.NotEqual("failed", state);
            return state == "succeeded" ? state : null;
        }, "the counsel export to finish");
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class ApiRoleTests(ApiRolesApp fixture) : IClassFixture<ApiRolesApp>
{
    private sealed record Route(string Name, HttpMethod Method, Func<ApiRolesApp, string> Path, HttpStatusCode Success, Role[] Allowed, Func<HttpContent>? Body = null);

    private static readonly Role[] AllRoles = Enum.GetValues<Role>();

    private static readonly Route[] Routes =
    [
        new("list scans", HttpMethod.Get, _ => "/api/v1/scans", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("queue a scan", HttpMethod.Post, _ => "/api/v1/scans", HttpStatusCode.Accepted, [Role.Admin, Role.Compliance], () => Json(new { asOf = "2026-09-30" })),
        new("scan job status", HttpMethod.Get, f => $"/api/v1/scans/jobs/{f.ScanJobId}", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("list monthly reports", HttpMethod.Get, _ => "/api/v1/reports/monthly", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("download a monthly report", HttpMethod.Get, f => $"/api/v1/reports/monthly/{f.MonthlyReportId}/files/compliance-report-2026-10.pdf", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("list board summaries", HttpMethod.Get, _ => "/api/v1/reports/board", HttpStatusCode.OK, [Role.Admin, Role.Compliance, Role.Board]),
        new("download a board summary", HttpMethod.Get, f => $"/api/v1/reports/board/{f.BoardReportId}/files/board-summary-2026-Q3.pdf", HttpStatusCode.OK, [Role.Admin, Role.Compliance, Role.Board]),
        new("request an export", HttpMethod.Post, _ => "/api/v1/exports", HttpStatusCode.Accepted, [Role.Admin, Role.Counsel], () => Json(new { matterId = "2026-CV-0200", from = "2026-01-01", to = "2026-06-30" })),
        new("export status", HttpMethod.Get, f => $"/api/v1/exports/{f.ExportId}", HttpStatusCode.OK, [Role.Admin, Role.Counsel]),
        new("download an export's manifest", HttpMethod.Get, f => $"/api/v1/exports/{f.ExportId}/files/manifest.json", HttpStatusCode.OK, [Role.Admin, Role.Counsel]),
        new("import a file", HttpMethod.Post, _ => "/api/v1/imports/programs?file=programs.csv", HttpStatusCode.OK, [Role.Admin, Role.Ingest], () => Csv(
            "program_id,name,purpose,eu_exempt,eu_exemption_rationale,opt_out,opt_out_description,compensation_policy\nP-1,Copilot training,model training,false,,none,,\n")),
        new("post lineage", HttpMethod.Post, _ => "/api/v1/lineage", HttpStatusCode.Created, [Role.Admin, Role.Ingest], () => new StringContent(LineageFixtures.Minimal, Encoding.UTF8, "application/json")),
        new("ask the guard", HttpMethod.Post, _ => "/api/v1/guard/decisions", HttpStatusCode.OK, [Role.Admin, Role.Ingest], () => Json(ApiRolesApp.GuardFlow)),
        new("read the guard's decision log", HttpMethod.Get, _ => "/api/v1/guard/decisions", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("read the guard's alerts", HttpMethod.Get, _ => "/api/v1/guard/alerts", HttpStatusCode.OK, [Role.Admin, Role.Compliance]),
        new("read a guard decision", HttpMethod.Get, f => $"/api/v1/guard/decisions/{f.GuardDecisionId}", HttpStatusCode.OK, [Role.Admin, Role.Compliance, Role.Ingest]),
        new("download a guard decision's exclusions", HttpMethod.Get, f => $"/api/v1/guard/decisions/{f.GuardDecisionId}/exclusions.csv", HttpStatusCode.OK, [Role.Admin, Role.Compliance, Role.Ingest]),
        new("read the audit log", HttpMethod.Get, _ => "/api/v1/audit-log", HttpStatusCode.OK, [Role.Admin]),
        new("list keys", HttpMethod.Get, _ => "/api/v1/keys", HttpStatusCode.OK, [Role.Admin]),
        new("create a key", HttpMethod.Post, _ => "/api/v1/keys", HttpStatusCode.Created, [Role.Admin], () => Json(new { name = $"pipeline {Guid.NewGuid():N}", role = "ingest" })),
        new("jobs dashboard", HttpMethod.Get, _ => "/hangfire", HttpStatusCode.OK, [Role.Admin]),
        new("who am I", HttpMethod.Get, _ => "/api/v1/session", HttpStatusCode.OK, AllRoles),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            data.Add(route.Name, "no key");
            foreach (var role in AllRoles)
            {
                data.Add(route.Name, role.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_ByRole_401WithoutKey_403ForWrongRole_SuccessForRightOne(string routeName, string caller)
    {
        var route = Routes.Single(r => r.Name == routeName);
        Role? role = caller == "no key" ? null : Enum.Parse<Role>(caller);
        using var client = fixture.App.Client(role);
        using var request = new HttpRequestMessage(route.Method, route.Path(fixture)) { Content = route.Body?.Invoke() };

        using var response = await client.SendAsync(request);

        if (role is null)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            if (route.Path(fixture).StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }
        else if (route.Allowed.Contains(role.Value))
        {
            Assert.True(route.Success == response.StatusCode, $"{routeName} as {caller}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Route_WithRevokedOrForgedKey_Is401()
    {
        using var client = fixture.App.Client(null);
        var forged = fixture.App.Keys[Role.Admin][..^4] + "AAAA";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit-log");
        request.Headers.Authorization = new("Bearer", forged);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheRoutes()
    {
        using var client = fixture.App.Client(null);

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        foreach (var path in new[] { "/api/v1/lineage", "/api/v1/scans", "/api/v1/exports", "/api/v1/imports/{kind}", "/api/v1/audit-log" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
