using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using static Audit.Service.Tests.OpenLineage.LineageFixtures;

namespace Audit.Service.IntegrationTests;

/// <summary>POST /api/v1/lineage over HTTP on the real app, each test on a fresh installation.</summary>
public sealed class LineageHttpTests : IAsyncLifetime
{
    private readonly ApiApp _app = new();

    public static TheoryData<string, string> Samples => new()
    {
        { "marquez event_simple", Minimal },
        { "python client example_full_event", Full },
        { "spark columnLineage", SparkColumnLineage },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task PostSample_Is201AndCreatesItsLineage(string sample, string json)
    {
        using var response = await PostAsync(new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{sample}: {await response.Content.ReadAsStringAsync()}");
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repeat").GetBoolean());
        Assert.Equal(1, await CountAsync("LineageEvent"));
        Assert.True(await CountAsync("LineageEdge") > 0, sample);
    }

    [Fact]
    public async Task PostMalformed_Is400ProblemAndWritesNothing()
    {
        var before = await FingerprintAsync();

        using var response = await PostAsync(new StringContent("{\"eventTime\": \"2026-05-04T04:00:00Z\",\n \"producer\": }", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("line 2, producer:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task PostGzipped_StoredLikeThePlainEvent()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(SparkColumnLineage));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await PostAsync(content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, await CountAsync("LineageEdge"));
    }

    [Fact]
    public async Task PostExactRepeat_Is201AndAddsNothing()
    {
        using (var first = await PostAsync(new StringContent(Minimal, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var before = await FingerprintAsync();

        using var again = await PostAsync(new StringContent(Compact(Minimal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repeat").GetBoolean());
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task PostOtherContentTypeOrEncoding_Is415()
    {
        using var xml = await PostAsync(new StringContent(Minimal, Encoding.UTF8, "text/xml"));
        var brotli = new StringContent(Minimal, Encoding.UTF8, "application/json");
        brotli.Headers.ContentEncoding.Add("br");
        using var br = await PostAsync(brotli);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (xml.StatusCode, br.StatusCode));
        Assert.Equal(0, await CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task PostOverTheSizeLimit_Is413()
    {
        var padding = new string('x', (int)Apis.LineageApi.DefaultMaxEventBytes);
        var json = Minimal.Replace("\"producer\":", $"\"padding\": \"{padding}\", \"producer\":", StringComparison.Ordinal);

        using var response = await PostAsync(new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task PostWithABoardKey_Is403AndWritesNothing()
    {
        using var client = _app.Client(Role.Board);

        using var response = await client.PostAsync(new Uri("/api/v1/lineage", UriKind.Relative), new StringContent(Minimal, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task Posts_AreInTheAuditLogPerKeyPerMinute()
    {
        using (await PostAsync(new StringContent(Minimal, Encoding.UTF8, "application/json")))
        using (await PostAsync(new StringContent(Minimal, Encoding.UTF8, "application/json")))
        using (await PostAsync(new StringContent("{}", Encoding.UTF8, "application/json")))
        {
        }

        await _app.Services.GetRequiredService<AuditTrail>().FlushAsync(all: true);

        var entries = await _app.QueryAsync<(string Actor, string Role, string Details)>("SELECT Actor, Role, Details FROM AuditLog WHERE Action = 'lineage-post'");
        var entry = Assert.Single(entries);
        Assert.Equal(("test Ingest", "ingest"), (entry.Actor, entry.Role));
        Assert.Equal("3 events: 2 × 201, 1 × 400 (1 exact repeats)", entry.Details);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        using var client = _app.Client(Role.Ingest);
        return await client.PostAsync(new Uri("/api/v1/lineage", UriKind.Relative), content);
    }

    private async Task<long> CountAsync(string table) => (await _app.QueryAsync<long>($"SELECT COUNT(*) FROM {table}"))[0];

    private async Task<string> FingerprintAsync()
    {
        var counts = new List<long>();
        foreach (var table in new[] { "LineageEvent", "LineageEdge", "Dataset", "LineageRun", "LineageRunEdge", "LineageRunDataset", "LineageRunTransform" })
        {
            counts.Add(await CountAsync(table));
        }

        var edges = await _app.QueryAsync<string>("SELECT COALESCE(GROUP_CONCAT(SourceDatasetId || '>' || TargetDatasetId || ':' || Transform || '@' || LastSeen, ';'), '') FROM LineageEdge");
        return string.Join(',', counts) + "|" + edges[0];
    }
}
