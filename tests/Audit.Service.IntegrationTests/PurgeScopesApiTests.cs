using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Audit.Service.Security;
using Audit.Service.Tests.OpenLineage;

namespace Audit.Service.IntegrationTests;

/// <summary>Purge scopes through the API for counsel (issue 23, item 5), on the demo organisation.</summary>
public sealed class PurgeScopesApiTests(FindingsApp fixture) : IClassFixture<FindingsApp>
{
    private const string R1 = "R1:dataset:s3://northwind-capture/dlp/raw";

    [Fact]
    public async Task Counsel_AsksForThePurgeScopeOfR1_GetsTheModelAndTrainingSetDownstream_InAManifest()
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        using var response = await counsel.PostAsJsonAsync("/api/v1/purge-scopes", new { matterId = "2026-CV-0200", findingIds = new[] { R1 } });

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("jobId").GetString()!;
        await Poll.UntilAsync(async () =>
        {
            var state = (await counsel.GetFromJsonAsync<JsonElement>($"/api/v1/purge-scopes/{id}")).GetProperty("job").GetProperty("status").GetString();
            Assert.NotEqual("failed", state);
            return state == "succeeded" ? state : null;
        }, "the purge scope to finish");
        var manifest = await counsel.GetFromJsonAsync<JsonElement>($"/api/v1/purge-scopes/{id}/files/manifest.json");
        var datasets = manifest.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("dataset").GetString()).ToList();
        Assert.Contains("s3://northwind-ml/models/agent-cua-1", datasets);
        Assert.Contains("s3://northwind-ml/training/agent-trajectories", datasets);
        var batches = await counsel.GetStringAsync(new Uri($"/api/v1/purge-scopes/{id}/files/batches.csv", UriKind.Relative));
        Assert.Equal(manifest.GetProperty("batches").GetInt64() + 1, batches.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("2026-CV-0201", "R1:dataset:nope", "findingIds: no scan records a live finding 'R1:dataset:nope'")]
    [InlineData("2026-CV-0201", "R9:reduction-in-force:2026-05-20", "findingIds: 'R9:reduction-in-force:2026-05-20' names no capture batches")]
    [InlineData("..", R1, "matterId: '..' is not a matter id")]
    [InlineData("2026-CV-0201", null, "findingIds: name at least one finding")]
    public async Task BadRequest_Is400NamingTheField_NothingQueued(string matter, string? finding, string detail)
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        using var response = await counsel.PostAsJsonAsync("/api/v1/purge-scopes", new { matterId = matter, findingIds = finding is null ? Array.Empty<string>() : [finding] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Compliance)]
    [InlineData(Role.Board)]
    [InlineData(Role.Ingest)]
    public async Task OtherRoles_AreForbidden(Role role)
    {
        using var client = fixture.App.Client(role);

        using var response = await client.PostAsJsonAsync("/api/v1/purge-scopes", new { matterId = "2026-CV-0202", findingIds = new[] { R1 } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/purge-scopes/abc")]
    [InlineData("/api/v1/purge-scopes/999999")]
    [InlineData("/api/v1/purge-scopes/999999/files/manifest.json")]
    [InlineData("/api/v1/purge-scopes/1/files/..%2F..%2Fappsettings.json")]
    public async Task UnknownScopeOrFile_Is404(string path)
    {
        using var counsel = fixture.App.Client(Role.Counsel);

        using var response = await counsel.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
