using System.Text.Json.Nodes;
using Audit.Service.Ingest;
using static Audit.Service.Tests.OpenLineage.LineageFixtures;

namespace Audit.Service.Tests.OpenLineage;

/// <summary>
/// One malformed event rejects the whole feed: the error names the line and what is wrong, and nothing
/// of the file reaches the database (it already holds one ingested feed, so a partial write would show).
/// </summary>
public sealed class RejectedLineageTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public RejectedLineageTests()
    {
        _db.Lineage.IngestFileAsync(_db.Files.Text("earlier.ndjson", string.Join('\n', WeeklyRuns("2026-04-27")))).GetAwaiter().GetResult();
    }

    public void Dispose() => _db.Dispose();

    public static TheoryData<string, string, string> MalformedEvents => new()
    {
        { "missing run.runId", Good(e => e["run"]!.AsObject().Remove("runId")), "run.runId: required" },
        { "runId not a UUID", Good(e => e["run"]!["runId"] = "run-42"), "run.runId: 'run-42' is not a UUID" },
        { "eventTime not a time", Good(e => e["eventTime"] = "yesterday"), "eventTime: 'yesterday' is not an RFC 3339 date-time" },
        { "eventType not in the enum", Good(e => e["eventType"] = "DONE"), "eventType: 'DONE' is not one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER" },
        { "inputs not an array", Good(e => e["inputs"] = new JsonObject { ["namespace"] = "s3://cap", ["name"] = "raw" }), "inputs: must be an array" },
        { "missing producer", Good(e => e.Remove("producer")), "producer: required" },
        { "not JSON at all", "this is not an event", "-: not valid JSON: " },
        { "job name missing", Good(e => e["job"]!.AsObject().Remove("name")), "job.name: required" },
        { "output name not a string", Good(e => e["outputs"]![0]!["name"] = 7), "outputs[0].name: must be a string" },
    };

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public async Task Ingest_MalformedEventOnLineFour_RejectsWholeFileNamingLineAndField(string problem, string badLine, string reason)
    {
        // Lines 1-3 are good events that would add a dataset and an edge; line 4 is bad.
        var lines = WeeklyRuns("2026-05-04").Append(Event("COMPLETE", "2026-05-05T04:00:00Z", RunId, "raw", "other")).Append(badLine);

        var ex = await RejectedAsync(string.Join('\n', lines));

        var error = Assert.Single(ex.Errors);
        Assert.True(error.Row == 4, $"{problem}: {error}");
        Assert.StartsWith("feed.ndjson:4:" + reason, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedUuids => new()
    {
        { "braced", "{41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7}" },
        { "unhyphenated", "41fb5137f0fd4ee5ba5c56f8571d1bd7" },
        { "padded", " 41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7 " },
        { "parenthesised", "(41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7)" },
        { "hex form", "{0x41fb5137,0xf0fd,0x4ee5,{0xba,0x5c,0x56,0xf8,0x57,0x1d,0x1b,0xd7}}" },
    };

    [Theory]
    [MemberData(nameof(MalformedUuids))]
    public async Task Ingest_RunIdNotInTheUuidTextForm_Rejected(string form, string runId)
    {
        var ex = await RejectedAsync(Good(e => e["run"]!["runId"] = runId));

        var error = Assert.Single(ex.Errors);
        Assert.True(error.Column == "run.runId", $"{form}: {error}");
        Assert.Contains("is not a UUID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SeveralMalformedEvents_ListsEachLineAndField()
    {
        var ex = await RejectedAsync(string.Join('\n', "{", WeeklyRuns("2026-05-04")[0], string.Empty, Good(e => e["eventType"] = "done")));

        Assert.Equal(["feed.ndjson:1:-", "feed.ndjson:4:eventType"], ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Column}"));
    }

    [Fact]
    public async Task Ingest_EmptyFeed_Rejected()
    {
        var ex = await RejectedAsync("\n\n");

        Assert.Equal("feed.ndjson:1:-: the file holds no events", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task Ingest_DuplicateKey_RejectedWithLineAndField()
    {
        var good = Good(_ => { });
        var duplicated = good.Replace("\"runId\":", "\"runId\":\"00000000-0000-4000-8000-000000000001\",\"runId\":", StringComparison.Ordinal);

        var ex = await RejectedAsync(string.Join('\n', WeeklyRuns("2026-05-04")[0], duplicated));

        Assert.Equal("feed.ndjson:2:run.runId: the property 'runId' appears twice", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task Ingest_DuplicateKeyInAFacet_RejectedToo()
    {
        // Duplicate keys make a document ambiguous wherever they are: the first and the last reader disagree.
        var good = Good(e => e["outputs"]![0]!["facets"] = new JsonObject { ["acme"] = new JsonObject { ["a"] = 1 } });
        var duplicated = good.Replace("{\"a\":1}", "{\"a\":1,\"a\":2}", StringComparison.Ordinal);

        var ex = await RejectedAsync(duplicated);

        Assert.Equal("feed.ndjson:1:outputs[0].facets.acme.a: the property 'a' appears twice", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task Ingest_BrokenJsonInAMultiLineJsonFile_NamesTheLine()
    {
        var before = await _db.FingerprintAsync();
        var path = _db.Files.Text("event.json", "{\n  \"eventTime\": \"2026-05-04T04:00:00Z\",\n  \"producer\": \"x\",,\n}");

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _db.Lineage.IngestFileAsync(path));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((3L, "producer"), (error.Row, error.Column));
        Assert.StartsWith("not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Ingest_InvalidUtf8OnALine_RejectedWithThatLine()
    {
        var before = await _db.FingerprintAsync();
        var good = System.Text.Encoding.UTF8.GetBytes(WeeklyRuns("2026-05-04")[0] + "\n");
        var bad = System.Text.Encoding.UTF8.GetBytes(Good(e => e["job"]!["name"] = "caf~")).Select(b => b == (byte)'~' ? (byte)0xFF : b).ToArray();
        var path = _db.Files.Bytes("feed.ndjson", [.. good, .. bad]);

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _db.Lineage.IngestFileAsync(path));

        Assert.Equal(2L, Assert.Single(ex.Errors).Row);
        Assert.Contains("UTF-8", ex.Errors[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    private static string Good(Action<JsonObject> spoil)
    {
        var ev = JsonNode.Parse(Event("COMPLETE", "2026-05-06T04:00:00Z", RunId, "raw", "train"))!.AsObject();
        spoil(ev);
        return ev.ToJsonString();
    }

    private async Task<ImportRejectedException> RejectedAsync(string content)
    {
        var before = await _db.FingerprintAsync();
        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _db.Lineage.IngestFileAsync(_db.Files.Text("feed.ndjson", content)));
        Assert.Equal(before, await _db.FingerprintAsync());
        return ex;
    }
}
