using System.Text.Json.Nodes;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;

namespace Audit.Service.Tests.OpenLineage;

/// <summary>
/// The OpenLineage run model (issue 11): a run's lineage is every input it read by every output it wrote, over
/// all its events; a run that ends FAIL or ABORT draws none; the newest event by eventTime decides a dataset's
/// classification and an edge's transform; and none of it depends on the order events arrive in.
/// </summary>
public sealed class LineageSemanticsTests : IDisposable
{
    private const string RunA = "00000000-0000-4000-8000-00000000000a";
    private const string RunB = "00000000-0000-4000-8000-00000000000b";

    private const string EdgesSql = """
        SELECT s.Name, t.Name, e.Transform, e.FirstSeen, e.LastSeen, e.LastRunId
        FROM LineageEdge e JOIN Dataset s ON s.DatasetId = e.SourceDatasetId JOIN Dataset t ON t.DatasetId = e.TargetDatasetId
        ORDER BY 1, 2
        """;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("FAIL")]
    [InlineData("ABORT")]
    public async Task Run_EndingInFailureAfterStart_TakesBackTheEdgesItsStartDrew(string end)
    {
        await IngestAsync(Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], ["train"]));
        Assert.Single(await _db.RowsAsync(EdgesSql));

        await IngestAsync(Ev("RUNNING", "2026-05-04T03:00:00Z", RunA, ["raw"], ["train"]), Ev(end, "2026-05-04T04:00:00Z", RunA, [], []));

        Assert.Empty(await _db.RowsAsync(EdgesSql));
        Assert.Equal(3, await _db.CountAsync("LineageEvent"));
    }

    [Fact]
    public async Task Run_FailArrivingBeforeItsStart_StillDrawsNoEdge()
    {
        await IngestAsync(Ev("FAIL", "2026-05-04T04:00:00Z", RunA, [], []));

        await IngestAsync(Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], ["train"]));

        Assert.Empty(await _db.RowsAsync(EdgesSql));
    }

    [Fact]
    public async Task Run_FailedRunOnAnEdgeAnotherRunDrew_LeavesTheOtherRunsWindow()
    {
        await IngestAsync(Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"]));
        await IngestAsync(Ev("START", "2026-05-11T02:00:00Z", RunB, ["raw"], ["train"]));
        Assert.Equal("2026-05-11 02:00:00", Assert.Single(await _db.RowsAsync(EdgesSql))[4]);

        await IngestAsync(Ev("FAIL", "2026-05-11T03:00:00Z", RunB, [], []));

        Assert.Equal<string?[]>(["raw", "train", "unknown", "2026-05-04 04:00:00", "2026-05-04 04:00:00", RunA], Assert.Single(await _db.RowsAsync(EdgesSql)));
    }

    [Fact]
    public async Task Run_FailedRunOnAnImportedEdge_LeavesWhatTheImportSaid()
    {
        await _db.ImportCsvAsync(ImportSpecs.Datasets, Given.DatasetsHeader, "s3://cap,raw,raw_capture,,2026-01-01", "s3://ml,train,training_dataset,,2026-01-01");
        await _db.ImportCsvAsync(ImportSpecs.LineageEdges, Given.EdgesHeader, "s3://cap,raw,s3://ml,train,ml,curate,copy,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z");

        await IngestAsync(Ev("START", "2026-05-11T02:00:00Z", RunB, ["raw"], ["train"]), Ev("ABORT", "2026-05-11T03:00:00Z", RunB, [], []));

        Assert.Equal<string?[]>(["raw", "train", "copy", "2026-02-01 00:00:00", "2026-03-01 00:00:00"], Assert.Single(await _db.RowsAsync(EdgesSql))[..5]);
    }

    [Fact]
    public async Task Run_InputsOnStartOutputsOnComplete_DrawTheEdgeOverTheRunsWindow()
    {
        string[] events =
        [
            Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], []),
            Ev("RUNNING", "2026-05-04T03:00:00Z", RunA, ["incidents"], []),
            Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, [], ["train"]),
        ];

        var inOrder = await EdgesAfterAsync(events);
        var reversed = await EdgesAfterAsync(events.Reverse().ToArray());

        Assert.Equal<string?[]>(
            [
                ["incidents", "train", "unknown", "2026-05-04 02:00:00", "2026-05-04 04:00:00", RunA],
                ["raw", "train", "unknown", "2026-05-04 02:00:00", "2026-05-04 04:00:00", RunA],
            ],
            inOrder);
        Assert.Equal(inOrder, reversed);
    }

    [Fact]
    public async Task Runs_InputsOfOneRunOutputsOfAnother_AreNotJoined()
    {
        await IngestAsync(Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], []), Ev("COMPLETE", "2026-05-04T04:00:00Z", RunB, [], ["train"]));

        Assert.Empty(await _db.RowsAsync(EdgesSql));
    }

    [Fact]
    public async Task Run_SameRunIdUnderAnotherJob_IsAnotherRun()
    {
        var otherJob = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, [], ["train"], e => e["job"]!["name"] = "other");

        await IngestAsync(Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], []), otherJob);

        Assert.Empty(await _db.RowsAsync(EdgesSql));
    }

    public static TheoryData<string, string?, string, string> ColumnTransforms => new()
    {
        { "Airflow field-level IDENTITY", "IDENTITY", "[]", "copy" },
        { "Airflow field-level MASKED", "MASKED", "[]", "anonymize" },
        { "DIRECT IDENTITY", null, """[{"type":"DIRECT","subtype":"IDENTITY","masking":false}]""", "copy" },
        { "DIRECT IDENTITY masked", null, """[{"type":"DIRECT","subtype":"IDENTITY","masking":true}]""", "anonymize" },
        { "DIRECT TRANSFORMATION", null, """[{"type":"DIRECT","subtype":"TRANSFORMATION"}]""", "transform" },
        { "DIRECT AGGREGATION with GROUP_BY", null, """[{"type":"DIRECT","subtype":"AGGREGATION"},{"type":"INDIRECT","subtype":"GROUP_BY"}]""", "aggregate" },
        { "INDIRECT FILTER only", null, """[{"type":"INDIRECT","subtype":"FILTER"}]""", "filter" },
        { "field-level IDENTITY beside transformations saying masked", "IDENTITY", """[{"type":"DIRECT","subtype":"IDENTITY","masking":true}]""", "anonymize" },
    };

    [Theory]
    [MemberData(nameof(ColumnTransforms))]
    public async Task ColumnLineage_FieldTransformations_GiveTheEdgesTransform(string shape, string? transformationType, string transformations, string expected)
    {
        var ev = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"], e =>
            e["outputs"]![0]!["facets"] = ColumnLineageFacet(("email", transformationType, transformations)));

        await IngestAsync(ev);

        Assert.True(Assert.Single(await _db.RowsAsync(EdgesSql))[2] == expected, shape);
    }

    [Fact]
    public async Task ColumnLineage_OneColumnMaskedAnotherCopiedRaw_IsACopy()
    {
        // Raw personal data still flows through the unmasked column.
        var ev = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"], e =>
            e["outputs"]![0]!["facets"] = ColumnLineageFacet(("email", "MASKED", "[]"), ("keystrokes", "IDENTITY", "[]")));

        await IngestAsync(ev);

        Assert.Equal("copy", Assert.Single(await _db.RowsAsync(EdgesSql))[2]);
    }

    [Fact]
    public async Task ColumnLineage_OnCompleteWhileInputsCameOnStart_StillGivesTheTransform()
    {
        var complete = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, [], ["train"], e =>
            e["outputs"]![0]!["facets"] = ColumnLineageFacet(("email", "MASKED", "[]")));

        await IngestAsync(complete, Ev("START", "2026-05-04T02:00:00Z", RunA, ["raw"], []));

        Assert.Equal("anonymize", Assert.Single(await _db.RowsAsync(EdgesSql))[2]);
    }

    [Fact]
    public async Task Transform_NewestEventWinsToTheMicrosecond_WhateverTheOrder()
    {
        // Two runs in the same second: the later one (by 100 microseconds) masked the column.
        var older = Ev("COMPLETE", "2026-05-04T04:00:00.000100Z", RunA, ["raw"], ["train"], e => e["outputs"]![0]!["facets"] = ColumnLineageFacet(("email", "IDENTITY", "[]")));
        var newer = Ev("COMPLETE", "2026-05-04T04:00:00.000200Z", RunB, ["raw"], ["train"], e => e["outputs"]![0]!["facets"] = ColumnLineageFacet(("email", "MASKED", "[]")));

        var oldFirst = await EdgesAfterAsync([older, newer]);
        var newFirst = await EdgesAfterAsync([newer, older]);

        Assert.Equal("anonymize", Assert.Single(oldFirst)[2]);
        Assert.Equal(oldFirst, newFirst);
    }

    [Fact]
    public async Task Classification_NewestEventWinsToTheMillisecond_WhateverTheOrder()
    {
        var older = Ev("COMPLETE", "2026-05-04T04:00:00.100+00:00", RunA, ["raw"], ["train"], e => Classify(e, "analytics", commercial: true));
        var newer = Ev("COMPLETE", "2026-05-04T06:00:00.200+02:00", RunB, ["raw"], ["train"], e => Classify(e, "training_dataset", commercial: false));
        const string Sql = "SELECT Kind, IsCommercial FROM Dataset WHERE Name = 'train'";

        var oldFirst = await RowsAfterAsync(Sql, [older, newer]);
        var newFirst = await RowsAfterAsync(Sql, [newer, older]);

        Assert.Equal<string?[]>(["training_dataset", "0"], Assert.Single(oldFirst));
        Assert.Equal(oldFirst, newFirst);
    }

    [Fact]
    public async Task Classification_OlderEventAfterAnImport_LeavesTheNewerStatement()
    {
        await IngestAsync(Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"], e => Classify(e, "training_dataset", commercial: null)));

        await IngestAsync(Ev("COMPLETE", "2026-04-01T04:00:00Z", RunB, ["raw"], ["train"], e => Classify(e, "analytics", commercial: null)));

        Assert.Equal("training_dataset", await _db.ScalarAsync<string>("SELECT Kind FROM Dataset WHERE Name = 'train'"));
    }

    [Fact]
    public async Task JobEvent_CarryingAnEventType_IsAcceptedAndDrawsItsEdge()
    {
        var jobEvent = new JsonObject
        {
            ["eventType"] = "COMPLETE",
            ["eventTime"] = "2026-05-04T04:00:00Z",
            ["job"] = new JsonObject { ["namespace"] = "ml", ["name"] = "curate" },
            ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = "s3://cap", ["name"] = "raw" }),
            ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = "s3://ml", ["name"] = "train" }),
            ["producer"] = "https://example.test/pipelines",
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
        }.ToJsonString();

        await IngestAsync(jobEvent);

        Assert.Equal<string?[]>(["raw", "train", "unknown", "2026-05-04 04:00:00", "2026-05-04 04:00:00", null], Assert.Single(await _db.RowsAsync(EdgesSql)));
        Assert.Equal("JOB", await _db.ScalarAsync<string>("SELECT EventType FROM LineageEvent"));
    }

    [Fact]
    public async Task EventTime_WithoutOffset_ReadAsUtcAndMarked()
    {
        var result = await IngestAsync(Ev("COMPLETE", "2021-11-03T10:53:52.427343", RunA, ["raw"], ["train"]));

        Assert.Equal<string?[]>([["2021-11-03 10:53:52", "1"]], await _db.RowsAsync("SELECT EventTime, EventTimeAssumedUtc FROM LineageEvent"));
        Assert.Equal("feed-1.ndjson:1:eventTime: '2021-11-03T10:53:52.427343' has no offset; read as UTC", Assert.Single(result.Warnings).ToString());
    }

    [Fact]
    public async Task EventTime_WithNanoseconds_Accepted()
    {
        await IngestAsync(Ev("COMPLETE", "2026-05-04T04:00:00.123456789Z", RunA, ["raw"], ["train"]));

        Assert.Equal<string?[]>([["2026-05-04 04:00:00", "0"]], await _db.RowsAsync("SELECT EventTime, EventTimeAssumedUtc FROM LineageEvent"));
    }

    [Fact]
    public async Task Facets_MalformedOrCustom_KeptAndNeverAReasonToRefuse()
    {
        var ev = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"], e =>
        {
            e["outputs"]![0]!["facets"] = new JsonObject
            {
                ["auditClassification"] = new JsonObject { ["kind"] = 5, ["commercial"] = "yes" },
                ["columnLineage"] = new JsonObject { ["fields"] = new JsonObject { ["a"] = 1 } },
                ["acme_owner"] = "not even an object",
            };
            e["run"]!["facets"] = new JsonArray(1, 2, 3);
        });

        var result = await IngestAsync(ev);

        Assert.Equal<string?[]>(["raw", "train", "unknown"], Assert.Single(await _db.RowsAsync(EdgesSql))[..3]);
        Assert.Equal<string?[]>([["unknown", "0"]], await _db.RowsAsync("SELECT Kind, IsCommercial FROM Dataset WHERE Name = 'train'"));
        var facets = JsonNode.Parse(await _db.ScalarAsync<string>("SELECT Facets FROM Dataset WHERE Name = 'train'"))!;
        Assert.Equal("not even an object", (string?)facets["acme_owner"]);
        Assert.Equal(3, JsonNode.Parse(await _db.ScalarAsync<string>("SELECT Payload FROM LineageEvent"))!["run"]!["facets"]!.AsArray().Count);
        Assert.Equal(
            ["outputs[0].facets.auditClassification.kind", "outputs[0].facets.auditClassification.commercial", "outputs[0].facets.columnLineage.fields.a"],
            result.Warnings.Select(w => w.Column));
    }

    [Fact]
    public async Task ExactRepeat_StoredOnceAndAddsNoLineage()
    {
        var ev = Ev("COMPLETE", "2026-05-04T04:00:00Z", RunA, ["raw"], ["train"]);
        await IngestAsync(ev);
        var before = await _db.FingerprintAsync();

        var again = await IngestAsync(LineageFixtures.Compact(ev.Replace(",", ", ", StringComparison.Ordinal)));

        Assert.Equal(0, again.NewEvents);
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    private int _files;

    private Task<LineageIngestResult> IngestAsync(params string[] lines) =>
        _db.Lineage.IngestFileAsync(_db.Files.Text($"feed-{++_files}.ndjson", string.Join('\n', lines)));

    /// <summary>Each event in a file of its own, in the given order, on a fresh database; then the edges.</summary>
    private static Task<List<string?[]>> EdgesAfterAsync(string[] events) => RowsAfterAsync(EdgesSql, events);

    private static async Task<List<string?[]>> RowsAfterAsync(string sql, string[] events)
    {
        using var db = new TestDatabase();
        var i = 0;
        foreach (var ev in events)
        {
            await db.Lineage.IngestFileAsync(db.Files.Text($"event-{i++}.ndjson", ev));
        }

        return await db.RowsAsync(sql);
    }

    private static string Ev(string type, string time, string runId, string[] inputs, string[] outputs, Action<JsonObject>? tweak = null)
    {
        var ev = new JsonObject
        {
            ["eventType"] = type,
            ["eventTime"] = time,
            ["run"] = new JsonObject { ["runId"] = runId },
            ["job"] = new JsonObject { ["namespace"] = "ml", ["name"] = "curate" },
            ["inputs"] = new JsonArray(inputs.Select(n => (JsonNode)new JsonObject { ["namespace"] = "s3://cap", ["name"] = n }).ToArray()),
            ["outputs"] = new JsonArray(outputs.Select(n => (JsonNode)new JsonObject { ["namespace"] = "s3://ml", ["name"] = n }).ToArray()),
            ["producer"] = "https://example.test/pipelines",
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        };
        tweak?.Invoke(ev);
        return ev.ToJsonString();
    }

    private static void Classify(JsonObject ev, string kind, bool? commercial)
    {
        var facet = new JsonObject { ["kind"] = kind };
        if (commercial is { } c)
        {
            facet["commercial"] = c;
        }

        ev["outputs"]![0]!["facets"] = new JsonObject { ["auditClassification"] = facet };
    }

    /// <summary>A columnLineage facet whose output columns all read from s3://cap/raw.</summary>
    private static JsonObject ColumnLineageFacet(params (string Column, string? TransformationType, string Transformations)[] columns)
    {
        var fields = new JsonObject();
        foreach (var (column, type, transformations) in columns)
        {
            var field = new JsonObject
            {
                ["inputFields"] = new JsonArray(new JsonObject
                {
                    ["namespace"] = "s3://cap",
                    ["name"] = "raw",
                    ["field"] = column,
                    ["transformations"] = JsonNode.Parse(transformations),
                }),
            };
            if (type is not null)
            {
                field["transformationType"] = type;
                field["transformationDescription"] = string.Empty;
            }

            fields[column] = field;
        }

        return new JsonObject { ["columnLineage"] = new JsonObject { ["fields"] = fields } };
    }
}
