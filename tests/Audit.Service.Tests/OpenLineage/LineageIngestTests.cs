using System.Text.Json.Nodes;
using Audit.Service.Ingest;
using static Audit.Service.Tests.OpenLineage.LineageFixtures;

namespace Audit.Service.Tests.OpenLineage;

/// <summary>OpenLineage events become datasets and edges; replays and shuffles change nothing; facets are kept.</summary>
public sealed class LineageIngestTests : IDisposable
{
    // Seen times to the second: sub-second digits are a known bug (Ingest_EventTimeWithMilliseconds_StoredInSchemaTimestampFormat).
    private const string EdgesSql = """
        SELECT s.Namespace || ' ' || s.Name, t.Namespace || ' ' || t.Name, e.JobNamespace || '/' || e.JobName, e.Transform,
               substr(e.FirstSeen, 1, 19), substr(e.LastSeen, 1, 19), e.LastRunId
        FROM LineageEdge e JOIN Dataset s ON s.DatasetId = e.SourceDatasetId JOIN Dataset t ON t.DatasetId = e.TargetDatasetId
        ORDER BY 1, 2, 3
        """;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Ingest_MinimalEvent_CreatesDatasetsAndOneEdgePerInput()
    {
        var result = await _db.Lineage.IngestFileAsync(_db.Files.Text("simple.json", Minimal));

        Assert.Equal((1, 1, 2, 3), (result.Events, result.NewEvents, result.Edges, result.NewDatasets));
        var datasets = await _db.RowsAsync("SELECT Name, Kind, IsCommercial, substr(FirstSeen, 1, 19) FROM Dataset ORDER BY Name");
        Assert.Equal<string?[]>(
            [
                ["instance.schema.input-1", "unknown", "0", "2020-12-28 09:52:00"],
                ["instance.schema.input-2", "unknown", "0", "2020-12-28 09:52:00"],
                ["instance.schema.output-1", "unknown", "0", "2020-12-28 09:52:00"],
            ],
            datasets);
        var edges = await _db.RowsAsync(EdgesSql);
        Assert.Equal<string?[]>(
            [
                ["my-datasource-namespace instance.schema.input-1", "my-datasource-namespace instance.schema.output-1", "my-scheduler-namespace/myjob", "unknown", "2020-12-28 09:52:00", "2020-12-28 09:52:00", RunId],
                ["my-datasource-namespace instance.schema.input-2", "my-datasource-namespace instance.schema.output-1", "my-scheduler-namespace/myjob", "unknown", "2020-12-28 09:52:00", "2020-12-28 09:52:00", RunId],
            ],
            edges);
        var stored = await _db.RowsAsync("SELECT RunId, EventType, substr(EventTime, 1, 19), JobNamespace, JobName, Producer FROM LineageEvent");
        Assert.Equal<string?[]>([[RunId, "COMPLETE", "2020-12-28 09:52:00", "my-scheduler-namespace", "myjob", "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client"]], stored);
    }

    [Fact]
    public async Task Ingest_EventTimeWithMilliseconds_StoredInSchemaTimestampFormat()
    {
        await _db.Lineage.IngestFileAsync(_db.Files.Text("simple.json", Minimal));

        Assert.Equal("2020-12-28 09:52:00", await _db.ScalarAsync<string>("SELECT EventTime FROM LineageEvent"));
        Assert.Equal("2020-12-28 09:52:00", await _db.ScalarAsync<string>("SELECT MIN(FirstSeen) FROM Dataset"));
        Assert.Equal("2020-12-28 09:52:00", await _db.ScalarAsync<string>("SELECT LastSeen FROM LineageEdge LIMIT 1"));
    }

    [Fact]
    public async Task Ingest_FullEvent_KeepsEveryFacetInPayloadAndDatasetFacets()
    {
        await _db.Lineage.IngestFileAsync(_db.Files.Text("full.json", Full));

        var payload = JsonNode.Parse(await _db.ScalarAsync<string>("SELECT Payload FROM LineageEvent"))!;
        Assert.Equal("CC-42", (string?)payload["run"]!["facets"]!["acme_costCenter"]!["code"]);
        Assert.Equal("Copies the table nightly", (string?)payload["job"]!["facets"]!["documentation"]!["description"]);
        Assert.Equal(2000, (int?)payload["outputs"]![0]!["outputFacets"]!["outputStatistics"]!["rowCount"]);
        var source = JsonNode.Parse(await _db.ScalarAsync<string>("SELECT Facets FROM Dataset WHERE Name = 'instance.schema.source'"))!;
        Assert.Equal(30, (int?)source["acme_retention"]!["days"]);
        Assert.Equal("column1", (string?)source["schema"]!["fields"]![0]!["name"]);
        var edge = Assert.Single(await _db.RowsAsync(EdgesSql));
        Assert.Equal<string?[]>(["my-datasource-namespace instance.schema.source", "my-datasource-namespace instance.schema.target", "my-scheduler-namespace/myjob.mytask"], edge[..3]);
    }

    [Fact]
    public async Task Ingest_ColumnLineage_MaskingIsAnonymizeAndAggregationIsAggregate()
    {
        await _db.Lineage.IngestFileAsync(_db.Files.Text("spark.json", SparkColumnLineage));

        var edges = await _db.RowsAsync(EdgesSql);
        Assert.Equal(
            [("file /data/incidents", "aggregate"), ("file /data/raw_sessions", "anonymize")],
            edges.Select(e => (e[0], e[3])));
        var target = Assert.Single(await _db.RowsAsync("SELECT Kind, IsCommercial, substr(FirstSeen, 1, 19) FROM Dataset WHERE Name = '/data/training_sessions'"));
        Assert.Equal<string?[]>(["training_dataset", "0", "2024-08-06 13:26:54"], target);
        var facets = JsonNode.Parse(await _db.ScalarAsync<string>("SELECT Facets FROM Dataset WHERE Name = '/data/training_sessions'"))!;
        Assert.Equal("CREATE", (string?)facets["lifecycleStateChange"]!["lifecycleStateChange"]);
    }

    [Fact]
    public async Task Ingest_ThreeSampleShapesAsNdjson_OneEventPerLine()
    {
        var path = _db.Files.Text("feed.ndjson", string.Join('\n', Compact(Minimal), Compact(Full), Compact(SparkColumnLineage)) + "\n");

        var result = await _db.Lineage.IngestFileAsync(path);

        Assert.Equal((3, 3, 5), (result.Events, result.NewEvents, result.Edges));
        Assert.Equal(3, await _db.CountAsync("LineageEvent"));
        Assert.Equal(5, await _db.CountAsync("LineageEdge"));
        Assert.Equal(8, await _db.CountAsync("Dataset"));
    }

    [Fact]
    public async Task Ingest_SameFileTwice_AddsNothing()
    {
        var path = _db.Files.Text("feed.ndjson", string.Join('\n', WeeklyRuns("2026-05-04", "2026-05-11")));
        await _db.Lineage.IngestFileAsync(path);
        var before = await _db.FingerprintAsync();

        var again = await _db.Lineage.IngestFileAsync(path);

        Assert.Equal((4, 0), (again.Events, again.NewEvents));
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Ingest_SameEventsShuffled_SameEdgesWithMinMaxSeen()
    {
        var inOrder = WeeklyRuns("2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25");
        var shuffled = inOrder.OrderBy(line => line.GetHashCode(StringComparison.Ordinal)).Reverse().Append(inOrder[3]).ToList();
        await _db.Lineage.IngestFileAsync(_db.Files.Text("ordered.ndjson", string.Join('\n', inOrder)));
        using var other = new TestDatabase();

        await other.Lineage.IngestFileAsync(other.Files.Text("shuffled.ndjson", string.Join('\n', shuffled)));

        foreach (var db in new[] { _db, other })
        {
            Assert.Equal(8, await db.CountAsync("LineageEvent"));
            Assert.Equal(2, await db.CountAsync("Dataset"));
            var edge = Assert.Single(await db.RowsAsync(EdgesSql));
            Assert.Equal<string?[]>(["s3://cap raw", "s3://ml train", "ml/curate", "unknown", "2026-05-04 02:00:00", "2026-05-25 04:00:00", "00000000-0000-4000-8000-000000000004"], edge);
            Assert.Equal("2026-05-04 02:00:00", await db.ScalarAsync<string>("SELECT MIN(FirstSeen) FROM Dataset"));
        }

        const string Events = "SELECT EventHash, RunId, EventType, EventTime, Payload FROM LineageEvent ORDER BY EventHash";
        Assert.Equal(await _db.RowsAsync(Events), await other.RowsAsync(Events));
    }

    [Fact]
    public async Task Ingest_FailEvent_StoredWithoutAnEdge()
    {
        var path = _db.Files.Text("fail.ndjson", Event("FAIL", "2026-05-04T03:00:00Z", RunId, "raw", "train"));

        var result = await _db.Lineage.IngestFileAsync(path);

        Assert.Equal((1, 0), (result.NewEvents, result.Edges));
        Assert.Equal("FAIL", await _db.ScalarAsync<string>("SELECT EventType FROM LineageEvent"));
        Assert.Equal(0, await _db.CountAsync("LineageEdge"));
    }

    [Fact]
    public async Task Ingest_FailAfterComplete_LeavesTheEdgeWindowAlone()
    {
        await _db.Lineage.IngestFileAsync(_db.Files.Text("ok.ndjson", Event("COMPLETE", "2026-05-04T04:00:00Z", RunId, "raw", "train")));

        await _db.Lineage.IngestFileAsync(_db.Files.Text("fail.ndjson", Event("FAIL", "2026-06-01T04:00:00Z", "00000000-0000-4000-8000-000000000009", "raw", "train")));

        var edge = Assert.Single(await _db.RowsAsync(EdgesSql));
        Assert.Equal<string?[]>(["2026-05-04 04:00:00", "2026-05-04 04:00:00", RunId], edge[4..]);
        Assert.Equal(2, await _db.CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task Ingest_ClassifiedByImportThenLineage_KeepsImportedKindWhenEventIsSilent()
    {
        await _db.ImportCsvAsync(ImportSpecs.Datasets, Given.DatasetsHeader, "s3://ml,train,training_dataset,,2026-01-01");

        await _db.Lineage.IngestFileAsync(_db.Files.Text("feed.ndjson", Event("COMPLETE", "2026-05-04T04:00:00Z", RunId, "raw", "train")));

        Assert.Equal<string?[]>([["training_dataset", "2026-01-01 00:00:00"]], await _db.RowsAsync("SELECT Kind, FirstSeen FROM Dataset WHERE Name = 'train'"));
    }

    [Fact]
    public async Task Ingest_OlderEventAfterNewer_KeepsTheNewerFacets()
    {
        string WithSchema(string time, string column)
        {
            var ev = JsonNode.Parse(Event("COMPLETE", time, RunId, "raw", "train"))!;
            ev["outputs"]![0]!["facets"] = new JsonObject { ["schema"] = new JsonObject { ["fields"] = new JsonArray(new JsonObject { ["name"] = column }) } };
            return ev.ToJsonString();
        }

        await _db.Lineage.IngestFileAsync(_db.Files.Text("new.ndjson", WithSchema("2026-06-01T04:00:00Z", "new_column")));

        await _db.Lineage.IngestFileAsync(_db.Files.Text("old.ndjson", WithSchema("2026-05-01T04:00:00Z", "old_column")));

        Assert.Contains("new_column", await _db.ScalarAsync<string>("SELECT Facets FROM Dataset WHERE Name = 'train'"), StringComparison.Ordinal);
        Assert.Contains("new_column", await _db.ScalarAsync<string>("SELECT Facets FROM LineageEdge"), StringComparison.Ordinal);
    }
}
