using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Audit.Service.Security;

namespace Audit.Service.IntegrationTests;

/// <summary>GET /api/v1/plan (issue 23) on the demo organisation: who may read it, its shape, and what a bad scan id gets.</summary>
public sealed class PlanApiTests(FindingsApp fixture) : IClassFixture<FindingsApp>
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    [InlineData(Role.Compliance, HttpStatusCode.OK)]
    [InlineData(Role.Counsel, HttpStatusCode.OK)]
    [InlineData(Role.Board, HttpStatusCode.Forbidden)]
    [InlineData(Role.Ingest, HttpStatusCode.Forbidden)]
    public async Task Plan_ByRole(Role? role, HttpStatusCode expected)
    {
        using var client = fixture.App.Client(role);

        using var response = await client.GetAsync(new Uri("/api/v1/plan", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Plan_HasTheShapeTheIssueGives_OptionsRecommendedFirst()
    {
        using var client = fixture.App.Client(Role.Counsel);

        var plan = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/plan", UriKind.Relative));

        Assert.True(plan.GetProperty("scanId").GetInt64() > 0);
        Assert.Equal("USD", plan.GetProperty("currency").GetString());
        var finding = plan.GetProperty("findings").EnumerateArray().First();
        foreach (var field in new[] { "findingId", "rule", "exposure", "options" })
        {
            Assert.True(finding.TryGetProperty(field, out _), field);
        }

        var options = finding.GetProperty("options").EnumerateArray().ToList();
        Assert.True(options[0].GetProperty("recommended").GetBoolean());
        Assert.All(options.Skip(1), o => Assert.False(o.GetProperty("recommended").GetBoolean()));
        foreach (var field in new[] { "id", "title", "cost", "exposureAfter", "owner", "basis", "deadline" })
        {
            Assert.True(options[0].TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("?scan=999999", HttpStatusCode.NotFound, "there is no scan 999999")]
    [InlineData("?scan=0", HttpStatusCode.BadRequest, "scan: a scan id is a positive number")]
    [InlineData("?scan=abc", HttpStatusCode.BadRequest, null)]
    [InlineData("?scan=99999999999999999999", HttpStatusCode.BadRequest, null)]
    public async Task Plan_BadScanId_IsAProblemNamingIt(string query, HttpStatusCode expected, string? detail)
    {
        using var client = fixture.App.Client(Role.Compliance);

        using var response = await client.GetAsync(new Uri("/api/v1/plan" + query, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (detail is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
