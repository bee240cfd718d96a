using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using static Audit.Service.Tests.OpenLineage.LineageFixtures;

namespace Audit.Service.Tests.OpenLineage;

/// <summary>
/// The host-independent half of POST /api/v1/lineage: each answer the OpenLineage HTTP transports expect
/// (201 stored or repeated, 400 writing nothing, 413, 415, 503 only when the store fails).
/// </summary>
public sealed class LineageIntakeTests : IAsyncDisposable
{
    private const long Limit = 1024 * 1024;
    private readonly TestDatabase _db = new();
    private readonly LineageWriter _writer;
    private readonly LineageIntake _intake;

    public LineageIntakeTests()
    {
        _writer = new LineageWriter(_db.Database);
        _intake = new LineageIntake(_writer);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _db.Dispose();
    }

    public static TheoryData<string, string> Samples => new()
    {
        { "marquez event_simple", Minimal },
        { "python client example_full_event", Full },
        { "spark columnLineage", SparkColumnLineage },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Post_Sample_StoredWithItsLineage(string sample, string json)
    {
        var outcome = await PostAsync(json);

        var accepted = Assert.IsType<IntakeOutcome.Accepted>(outcome);
        Assert.True((accepted.Status, accepted.Repeat) == (201, false), sample);
        Assert.Equal(1, await _db.CountAsync("LineageEvent"));
        Assert.True(await _db.CountAsync("LineageEdge") > 0, sample);
    }

    [Fact]
    public async Task Post_ExactRepeat_Is201AndAddsNothing()
    {
        await PostAsync(Minimal);
        var before = await _db.FingerprintAsync();

        var again = await PostAsync(Compact(Minimal));

        Assert.Equal((201, true), (again.Status, Assert.IsType<IntakeOutcome.Accepted>(again).Repeat));
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Post_Gzipped_StoredLikeThePlainEvent()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(SparkColumnLineage));
        }

        compressed.Position = 0;
        var outcome = await _intake.ReceiveAsync(compressed, "application/json", "gzip", Limit);

        Assert.Equal(201, outcome.Status);
        Assert.Equal(2, await _db.CountAsync("LineageEdge"));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400NamingTheFieldAndWritesNothing()
    {
        var before = await _db.FingerprintAsync();

        var outcome = await PostAsync("{\"eventTime\": \"2026-05-04T04:00:00Z\",\n \"producer\": }");

        var invalid = Assert.IsType<IntakeOutcome.Invalid>(outcome);
        Assert.Equal(400, invalid.Status);
        Assert.StartsWith("line 2, producer: not valid JSON: ", invalid.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", invalid.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Post_InvalidRunId_Is400WithTheField()
    {
        var bad = JsonNode.Parse(Minimal)!;
        bad["run"]!["runId"] = "{41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7}";

        var outcome = await PostAsync(bad.ToJsonString());

        Assert.Equal(("run.runId", 400), (Assert.IsType<IntakeOutcome.Invalid>(outcome).Field, outcome.Status));
        Assert.Equal(0, await _db.CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task Post_DuplicateKey_Is400NotACrash()
    {
        var outcome = await PostAsync(Compact(Minimal).Replace("\"eventType\":\"COMPLETE\"", "\"eventType\":\"COMPLETE\",\"eventType\":\"FAIL\"", StringComparison.Ordinal));

        Assert.Equal("eventType: the property 'eventType' appears twice", outcome.Detail);
    }

    [Fact]
    public async Task Post_OverTheLimit_Is413()
    {
        var outcome = await _intake.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Full)), "application/json", null, 100);

        Assert.Equal(413, Assert.IsType<IntakeOutcome.TooLarge>(outcome).Status);
    }

    [Fact]
    public async Task Post_GzipThatInflatesOverTheLimit_Is413()
    {
        using var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[4 * Limit]);
        }

        Assert.True(bomb.Length < Limit / 100);
        bomb.Position = 0;

        var outcome = await _intake.ReceiveAsync(bomb, "application/json", "gzip", Limit);

        Assert.IsType<IntakeOutcome.TooLarge>(outcome);
    }

    [Fact]
    public async Task Post_NotGzipThoughSaidSo_Is400()
    {
        var outcome = await _intake.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Minimal)), "application/json", "gzip", Limit);

        Assert.Equal(400, outcome.Status);
    }

    [Theory]
    [InlineData("text/plain", null)]
    [InlineData(null, null)]
    [InlineData("application/json; charset=iso-8859-1", null)]
    [InlineData("application/json", "br")]
    [InlineData("application/json", "deflate")]
    public async Task Post_OtherContentTypeOrEncoding_Is415(string? contentType, string? encoding)
    {
        var outcome = await _intake.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Minimal)), contentType, encoding, Limit);

        Assert.Equal(415, Assert.IsType<IntakeOutcome.UnsupportedMediaType>(outcome).Status);
        Assert.Equal(0, await _db.CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task Post_JsonWithUtf8CharsetAndUpperCaseType_Accepted()
    {
        var outcome = await _intake.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Minimal)), "Application/JSON; charset=\"UTF-8\"", "identity", Limit);

        Assert.Equal(201, outcome.Status);
    }

    [Fact]
    public async Task Post_WhenTheStoreFails_Is503()
    {
        // A database without the schema refuses every write: the store's failure, not the event's.
        using var folder = new TempFolder();
        var broken = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={folder.File("empty.db")};Pooling=False" });
        await using var writer = new LineageWriter(broken);

        var outcome = await new LineageIntake(writer).ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Minimal)), "application/json", null, Limit);

        Assert.Equal(503, Assert.IsType<IntakeOutcome.Transient>(outcome).Status);
    }

    [Fact]
    public async Task Post_ManyAtOnce_EachAcknowledgedAndStoredOnce()
    {
        var events = Enumerable.Range(0, 300).Select(i => Event("COMPLETE", $"2026-05-04T04:{i / 60:D2}:{i % 60:D2}Z", $"00000000-0000-4000-8000-{i:D12}", $"raw{i % 7}", "train")).ToList();

        var outcomes = await Task.WhenAll(events.Concat(events.Take(50)).Select(e => Task.Run(() => PostAsync(e))));

        Assert.All(outcomes, o => Assert.Equal(201, o.Status));
        Assert.Equal(50, outcomes.Count(o => ((IntakeOutcome.Accepted)o).Repeat));
        Assert.Equal(300, await _db.CountAsync("LineageEvent"));
        Assert.Equal(7, await _db.CountAsync("LineageEdge"));
    }

    private Task<IntakeOutcome> PostAsync(string json) =>
        _intake.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json", null, Limit);
}
