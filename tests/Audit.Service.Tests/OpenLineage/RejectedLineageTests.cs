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
        { "not JSON at all", "this is not an event", "not valid JSON: " },
    };

    [Theory]
    [MemberData(nameof(MalformedEvents))]
    public async Task Ingest_MalformedEventOnLineFour_RejectsWholeFile(string problem, string badLine, string reason)
    {
        // Lines 1-3 are good events that would add a dataset and an edge; line 4 is bad.
        var lines = WeeklyRuns("2026-05-04").Append(Event("COMPLETE", "2026-05-05T04:00:00Z", RunId, "raw", "other")).Append(badLine);

        var ex = await RejectedAsync(string.Join('\n', lines));

        var error = Assert.Single(ex.Errors);
        Assert.True((error.Row, error.Column) == (4, "event"), $"{problem}: {error}");
        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SeveralMalformedEvents_ListsEachLine()
    {
        var ex = await RejectedAsync(string.Join('\n', "{", WeeklyRuns("2026-05-04")[0], string.Empty, Good(e => e["eventType"] = "done")));

        Assert.Equal(["feed.ndjson:1:event", "feed.ndjson:4:event"], ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Column}"));
    }

    [Fact]
    public async Task Ingest_EmptyFeed_Rejected()
    {
        var ex = await RejectedAsync("\n\n");

        Assert.Equal("feed.ndjson:1:-: the file holds no events", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public async Task Ingest_ClassificationKindNotAString_RejectsWithLine()
    {
        var bad = Good(e => e["outputs"]![0]!["facets"] = new JsonObject { ["auditClassification"] = new JsonObject { ["kind"] = 5 } });

        var ex = await RejectedAsync(bad);

        Assert.Equal((1L, "event"), (Assert.Single(ex.Errors).Row, ex.Errors[0].Column));
    }

    [Fact]
    public async Task Ingest_ColumnLineageFieldNotAnObject_RejectsWithLine()
    {
        var bad = Good(e => e["outputs"]![0]!["facets"] = new JsonObject { ["columnLineage"] = new JsonObject { ["fields"] = new JsonObject { ["a"] = 1 } } });

        var ex = await RejectedAsync(bad);

        Assert.Equal((1L, "event"), (Assert.Single(ex.Errors).Row, ex.Errors[0].Column));
    }

    [Fact]
    public async Task Ingest_EventTimeWithoutOffset_Rejected()
    {
        var ex = await RejectedAsync(Good(e => e["eventTime"] = "2026-05-04T04:00:00"));

        Assert.StartsWith("eventTime:", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
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
