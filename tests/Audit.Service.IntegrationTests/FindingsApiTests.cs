using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Audit.Service.Demo;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>The demo organisation scanned, so the findings routes have findings to show.</summary>
public sealed class FindingsApp : IAsyncLifetime
{
    public ApiApp App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await App.Services.GetRequiredService<DemoSeeder>().SeedAsync(Path.Combine(App.World.Root, "demo"), new DemoOptions(Workers: 300, Seed: 42));
        await App.Services.GetRequiredService<Scanner>().ScanAsync(new DateOnly(2026, 10, 31), progress: null, CancellationToken.None);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class FindingsApiTests(FindingsApp fixture) : IClassFixture<FindingsApp>
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    [InlineData(Role.Compliance, HttpStatusCode.OK)]
    [InlineData(Role.Counsel, HttpStatusCode.OK)]
    [InlineData(Role.Board, HttpStatusCode.Forbidden)]
    [InlineData(Role.Ingest, HttpStatusCode.Forbidden)]
    public async Task ListAndHistory_ByRole(Role? role, HttpStatusCode expected)
    {
        var key = await FirstKeyAsync();
        using var client = fixture.App.Client(role);

        using var list = await client.GetAsync(new Uri("/api/v1/findings", UriKind.Relative));
        using var detail = await client.GetAsync(new Uri($"/api/v1/findings/{Uri.EscapeDataString(key)}", UriKind.Relative));

        Assert.Equal((expected, expected), (list.StatusCode, detail.StatusCode));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    [InlineData(Role.Compliance, HttpStatusCode.OK)]
    [InlineData(Role.Counsel, HttpStatusCode.Forbidden)]
    [InlineData(Role.Board, HttpStatusCode.Forbidden)]
    [InlineData(Role.Ingest, HttpStatusCode.Forbidden)]
    public async Task StatusChange_ByRole(Role? role, HttpStatusCode expected)
    {
        var key = await FirstKeyAsync();
        using var client = fixture.App.Client(role);

        using var response = await client.PostAsJsonAsync($"/api/v1/findings/{Uri.EscapeDataString(key)}/status", new { status = "remediating", note = $"ticket for {role}" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task StatusChange_WithNote_IsInTheHistoryAndTheAuditLog()
    {
        var key = await FirstKeyAsync();
        using var compliance = fixture.App.Client(Role.Compliance);

        using var response = await compliance.PostAsJsonAsync($"/api/v1/findings/{Uri.EscapeDataString(key)}/status", new { status = "accepted_risk", note = "Board approved on 2026-11-20", approver = "the board", expires = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1) });
        var detail = await compliance.GetFromJsonAsync<JsonElement>($"/api/v1/findings/{Uri.EscapeDataString(key)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("accepted_risk", "Board approved on 2026-11-20", "test Compliance"),
            (last.GetProperty("status").GetString(), last.GetProperty("note").GetString(), last.GetProperty("changedBy").GetString()));
        Assert.Equal("accepted_risk", detail.GetProperty("finding").GetProperty("status").GetString());
        var entry = (await fixture.App.QueryAsync<(string Actor, string Subject, string Details)>(
            "SELECT Actor, Subject, Details FROM AuditLog WHERE Action = 'status-change' ORDER BY AuditId DESC LIMIT 1")).Single();
        Assert.Equal(("test Compliance", $"finding {key}", $"status accepted_risk (approved by the board, until {DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1):yyyy-MM-dd}): Board approved on 2026-11-20"), (entry.Actor, entry.Subject, entry.Details));
    }

    [Theory]
    [InlineData("{\"status\":\"closed\",\"note\":\"x\"}", "status: one of")]
    [InlineData("{\"status\":\"resolved\"}", "note:")]
    [InlineData("{\"status\":\"accepted_risk\",\"note\":\"x\",\"expires\":\"2099-01-01\"}", "approver:")]
    [InlineData("{\"status\":\"accepted_risk\",\"note\":\"x\",\"approver\":\"cfo\"}", "expires:")]
    [InlineData("{\"status\":\"open\",\"note\":\"x\",\"due\":\"tomorrow\"}", "due: 'tomorrow' is not a day (yyyy-MM-dd)")]
    [InlineData("{\"status\":\"accepted_risk\",\"note\":\"x\",\"approver\":\"cfo\",\"expires\":\"2027-13-01\"}", "expires: '2027-13-01' is not a day")]
    [InlineData("{\"status\":\"open\",\"note\":5}", "note: not the expected type")]
    [InlineData("{\"status\":\"open\",", "The body is not a JSON object")]
    public async Task StatusChange_Invalid_Is400AndChangesNothing(string body, string expected)
    {
        var key = await FirstKeyAsync();
        using var compliance = fixture.App.Client(Role.Compliance);
        var before = (await compliance.GetFromJsonAsync<JsonElement>($"/api/v1/findings/{Uri.EscapeDataString(key)}")).GetProperty("history").GetArrayLength();

        using var response = await compliance.PostAsync(new Uri($"/api/v1/findings/{Uri.EscapeDataString(key)}/status", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await compliance.GetFromJsonAsync<JsonElement>($"/api/v1/findings/{Uri.EscapeDataString(key)}")).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        var all = await counsel.GetFromJsonAsync<JsonElement>("/api/v1/findings?limit=500");
        var r1 = await counsel.GetFromJsonAsync<JsonElement>("/api/v1/findings?rule=R1&limit=500");
        var page = await counsel.GetFromJsonAsync<JsonElement>("/api/v1/findings?offset=1&limit=2");

        var total = all.GetProperty("total").GetInt32();
        Assert.True(total > 2, $"{total} findings");
        Assert.All(r1.GetProperty("items").EnumerateArray(), f => Assert.Equal("R1", f.GetProperty("ruleCode").GetString()));
        Assert.Equal(
            all.GetProperty("items").EnumerateArray().Skip(1).Take(2).Select(f => f.GetProperty("findingKey").GetString()),
            page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("findingKey").GetString()));
        Assert.Equal(total, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("rule=R11", "rule: 'R11'")]
    [InlineData("status=closed", "status: 'closed'")]
    [InlineData("severity=high", "severity: 'high'")]
    [InlineData("limit=0", "limit")]
    public async Task List_UnknownFilter_Is400NamingIt(string query, string expected)
    {
        using var compliance = fixture.App.Client(Role.Compliance);

        using var response = await compliance.GetAsync(new Uri($"/api/v1/findings?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFinding_Is404()
    {
        using var compliance = fixture.App.Client(Role.Compliance);

        using var detail = await compliance.GetAsync(new Uri("/api/v1/findings/R1%3Anope", UriKind.Relative));
        using var status = await compliance.PostAsJsonAsync("/api/v1/findings/R1%3Anope/status", new { status = "resolved", note = "x" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (detail.StatusCode, status.StatusCode));
    }

    private async Task<string> FirstKeyAsync()
    {
        using var admin = fixture.App.Client(Role.Admin);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/findings?limit=1");
        return page.GetProperty("items")[0].GetProperty("findingKey").GetString()!;
    }
}
