using System.Text;
using Audit.Service.Ingest;
using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.Ingest;

/// <summary>
/// A valid file of each entity lands, and reads back as stored: dates as yyyy-MM-dd, timestamps as UTC
/// 'yyyy-MM-dd HH:mm:ss', booleans as 0/1, ';' sets in vocabulary order without duplicates.
/// </summary>
public sealed class ImportGoodFileTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Import_Workers_StoresDatesAndOptionalTermination()
    {
        var result = await _db.ImportCsvAsync(ImportSpecs.Workers, WorkersHeader,
            "W1,Ada Abara,employee,2020-01-15,,",
            "W2,\"Berg, Ben\",contractor,2019-03-01,2026-05-20,reduction_in_force");

        Assert.Equal((2, 0, 2), (result.RowsRead, result.RowsBefore, result.RowsAfter));
        var rows = await _db.RowsAsync("SELECT WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason FROM Worker ORDER BY WorkerId");
        Assert.Equal<string?[]>(
            [
                ["W1", "Ada Abara", "employee", "2020-01-15", null, null],
                ["W2", "Berg, Ben", "contractor", "2019-03-01", "2026-05-20", "reduction_in_force"],
            ],
            rows);
    }

    [Fact]
    public async Task Import_JsonWithUtf8ByteOrderMark_AcceptedLikeCsv()
    {
        var json = "[{\"worker_id\": \"W1\", \"display_name\": \"Zoë\", \"employment_type\": \"employee\", \"hire_date\": \"2020-01-15\"}]";
        var path = _db.Files.Bytes("workers.json", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)]);

        var result = await _db.ImportAsync(ImportSpecs.Workers, path);

        Assert.Equal(1, result.RowsRead);
        Assert.Equal("Zoë", await _db.ScalarAsync<string>("SELECT DisplayName FROM Worker WHERE WorkerId = 'W1'"));
    }

    [Fact]
    public async Task Import_WorkerLocations_StoresRelocationAsTwoPeriods()
    {
        await _db.WorkersAsync("W7");

        await _db.ImportCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader,
            "W7,US,US-CA,2020-01-01,2026-05-31",
            "W7,IE,IE-D,2026-06-01,");

        var rows = await _db.RowsAsync("SELECT WorkerId, CountryCode, SubdivisionCode, ValidFrom, ValidTo FROM WorkerLocation ORDER BY ValidFrom");
        Assert.Equal<string?[]>(
            [
                ["W7", "US", "US-CA", "2020-01-01", "2026-05-31"],
                ["W7", "IE", "IE-D", "2026-06-01", null],
            ],
            rows);
    }

    [Fact]
    public async Task Import_Programs_AcceptsBooleanSpellingsAndStoresZeroOrOne()
    {
        await _db.ImportCsvAsync(ImportSpecs.Programs, ProgramsHeader,
            "mci,Model Capability Initiative,Train agents,yes,Local law,relocation,Move to the EU,None",
            "pilot,Annotation Pilot,Fine-tune assistant,FALSE,,self_service,Tray toggle,",
            "ops,Ops,Analytics,1,,request,,");

        var rows = await _db.RowsAsync("SELECT ProgramId, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy FROM Program ORDER BY ProgramId");
        Assert.Equal<string?[]>(
            [
                ["mci", "1", "Local law", "relocation", "Move to the EU", "None"],
                ["ops", "1", null, "request", null, null],
                ["pilot", "0", null, "self_service", "Tray toggle", null],
            ],
            rows);
    }

    [Fact]
    public async Task Import_CaptureTools_StoresOptionalVendorAsNull()
    {
        await _db.ImportCsvAsync(ImportSpecs.CaptureTools, ToolsHeader, "dlp,Sentinel DLP,Sentinel Security", "rec,Recorder,");

        var rows = await _db.RowsAsync("SELECT ToolId, Name, Vendor FROM CaptureTool ORDER BY ToolId");
        Assert.Equal<string?[]>([["dlp", "Sentinel DLP", "Sentinel Security"], ["rec", "Recorder", null]], rows);
    }

    [Fact]
    public async Task Import_CaptureConfigs_NormalisesSetsToVocabularyOrder()
    {
        await _db.ToolAsync("rec");
        await _db.ProgramAsync("mci");

        await _db.ImportCsvAsync(ImportSpecs.CaptureConfigs, ConfigsHeader,
            "rec,1.0,mci,2026-04-21,2026-06-30,screenshots; keystrokes;keystrokes,30,\"ai_training,productivity\",,FR;DE;FR",
            "rec,1.1,,2026-07-01,,mouse_movement,,security,US,");

        var rows = await _db.RowsAsync("SELECT Version, ProgramId, EffectiveFrom, EffectiveTo, Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded FROM CaptureConfig ORDER BY Version");
        Assert.Equal<string?[]>(
            [
                ["1.0", "mci", "2026-04-21", "2026-06-30", "keystrokes;screenshots", "30", "productivity;ai_training", null, "DE;FR"],
                ["1.1", null, "2026-07-01", null, "mouse_movement", null, "security", "US", null],
            ],
            rows);
    }

    [Fact]
    public async Task Import_Notices_StoresMissingCapabilitiesAsEmptySet()
    {
        await _db.ToolAsync("rec");
        await _db.ProgramAsync("mci");

        await _db.ImportCsvAsync(ImportSpecs.Notices, NoticesHeader,
            "MCI-1,rec,mci,2026.1,2026-04-14,compliance;security,screenshots;keystrokes,false,Security monitoring.",
            "GEN-1,rec,,1,2025-01-01,productivity,,true,");

        var rows = await _db.RowsAsync("SELECT NoticeId, ToolId, ProgramId, PublishedOn, Purposes, Capabilities, OffersOptOut, Summary FROM Notice ORDER BY NoticeId");
        Assert.Equal<string?[]>(
            [
                ["GEN-1", "rec", null, "2025-01-01", "productivity", string.Empty, "1", null],
                ["MCI-1", "rec", "mci", "2026-04-14", "security;compliance", "keystrokes;screenshots", "0", "Security monitoring."],
            ],
            rows);
    }

    [Fact]
    public async Task Import_Acknowledgements_ConvertsOffsetTimestampsToUtc()
    {
        await _db.WorkersAsync("W1", "W2");
        await _db.NoticeAsync("N1");

        await _db.ImportCsvAsync(ImportSpecs.Acknowledgements, AcknowledgementsHeader,
            "W1,N1,2026-04-16T12:30:00+02:00,ai_training;security",
            "W2,N1,2026-04-16T23:00:00-05:00,");

        var rows = await _db.RowsAsync("SELECT WorkerId, AcknowledgedAt, ConsentPurposes FROM Acknowledgement ORDER BY WorkerId");
        Assert.Equal<string?[]>([["W1", "2026-04-16 10:30:00", "security;ai_training"], ["W2", "2026-04-17 04:00:00", null]], rows);
        var read = await _db.QueryAsync<DateTime>("SELECT AcknowledgedAt FROM Acknowledgement WHERE WorkerId = 'W1'");
        Assert.Equal(new DateTime(2026, 4, 16, 10, 30, 0, DateTimeKind.Utc), read.Single());
        Assert.Equal(DateTimeKind.Utc, read.Single().Kind);
    }

    [Fact]
    public async Task Import_OptOuts_ReadsDateOnlyTimestampAsUtcMidnight()
    {
        await _db.WorkersAsync("W1");
        await _db.ProgramAsync("mci");

        await _db.ImportCsvAsync(ImportSpecs.OptOuts, OptOutsHeader, "W1,mci,2026-06-15,future_only", "W1,mci,2026-08-01T08:00:00Z,including_past");

        var rows = await _db.RowsAsync("SELECT WorkerId, ProgramId, OptedOutAt, Scope FROM OptOut ORDER BY OptedOutAt");
        Assert.Equal<string?[]>([["W1", "mci", "2026-06-15 00:00:00", "future_only"], ["W1", "mci", "2026-08-01 08:00:00", "including_past"]], rows);
    }

    [Fact]
    public async Task Import_Datasets_StoresKindCommercialFlagAndFirstSeen()
    {
        await _db.ImportCsvAsync(ImportSpecs.Datasets, DatasetsHeader,
            "s3://ml,models/agent-1,model,true,2026-06-01T00:00:00Z",
            "s3://cap,mci/raw,raw_capture,,2026-04-21");

        var rows = await _db.RowsAsync("SELECT Namespace, Name, Kind, IsCommercial, FirstSeen, Facets FROM Dataset ORDER BY Name");
        Assert.Equal<string?[]>(
            [
                ["s3://cap", "mci/raw", "raw_capture", "0", "2026-04-21 00:00:00", null],
                ["s3://ml", "models/agent-1", "model", "1", "2026-06-01 00:00:00", null],
            ],
            rows);
    }

    [Fact]
    public async Task Import_LineageEdges_ResolvesDatasetsByNamespaceAndName()
    {
        await _db.DatasetsAsync("raw", "train");

        await _db.ImportCsvAsync(ImportSpecs.LineageEdges, EdgesHeader,
            "s3://cap,raw,s3://cap,train,ml,curate,anonymize,2026-05-04T02:00:00Z,2026-10-26T04:00:00Z");

        var rows = await _db.RowsAsync("""
            SELECT s.Name, t.Name, e.JobNamespace, e.JobName, e.Transform, e.FirstSeen, e.LastSeen
            FROM LineageEdge e JOIN Dataset s ON s.DatasetId = e.SourceDatasetId JOIN Dataset t ON t.DatasetId = e.TargetDatasetId
            """);
        Assert.Equal<string?[]>([["raw", "train", "ml", "curate", "anonymize", "2026-05-04 02:00:00", "2026-10-26 04:00:00"]], rows);
    }

    [Fact]
    public async Task Import_CaptureBatches_LinksWorkerConfigAndDataset()
    {
        await _db.WorkersAsync("W1");
        await _db.ConfigAsync("rec", "1.0");
        await _db.DatasetsAsync("raw");

        await _db.ImportCsvAsync(ImportSpecs.CaptureBatches, BatchesHeader,
            "B1,W1,rec,1.0,s3://cap,raw,2026-05-04T00:00:00Z,2026-05-10T23:00:00Z,1500,45000");

        var rows = await _db.RowsAsync("""
            SELECT b.BatchId, b.WorkerId, b.ToolId, b.ConfigVersion, d.Name, b.CapturedFrom, b.CapturedTo, b.ActiveMinutes, b.EventCount
            FROM CaptureBatch b JOIN Dataset d ON d.DatasetId = b.DatasetId
            """);
        Assert.Equal<string?[]>([["B1", "W1", "rec", "1.0", "raw", "2026-05-04 00:00:00", "2026-05-10 23:00:00", "1500", "45000"]], rows);
    }

    [Fact]
    public async Task Import_CompensationAgreements_StoresAmountAndOpenPeriod()
    {
        await _db.WorkersAsync("W1");
        await _db.ProgramAsync("mci");

        await _db.ImportCsvAsync(ImportSpecs.CompensationAgreements, AgreementsHeader,
            "AG-1,W1,mci,opt_in_bonus,2500.50,USD,2026-04-01,2026-12-31",
            "AG-2,W1,mci,stipend,150,EUR,2026-01-01,");

        var rows = await _db.RowsAsync("SELECT AgreementId, Kind, Amount, Currency, PeriodFrom, PeriodTo FROM CompensationAgreement ORDER BY AgreementId");
        // Money is stored as the decimal's invariant text, exactly as written (SQLite TEXT).
        Assert.Equal<string?[]>([["AG-1", "opt_in_bonus", "2500.50", "USD", "2026-04-01", "2026-12-31"], ["AG-2", "stipend", "150", "EUR", "2026-01-01", null]], rows);
    }

    [Fact]
    public async Task Import_WorkforceEvents_StoresOptionalCountAndDescription()
    {
        await _db.ImportCsvAsync(ImportSpecs.WorkforceEvents, WorkforceEventsHeader,
            "AI-1,ai_investment_announcement,2026-02-26,,,Board approves AI investment.",
            "RIF-1,reduction_in_force,2026-05-06,2026-05-20,120,");

        var rows = await _db.RowsAsync("SELECT EventId, Kind, AnnouncedOn, EffectiveOn, AffectedCount, Description FROM WorkforceEvent ORDER BY EventId");
        Assert.Equal<string?[]>(
            [
                ["AI-1", "ai_investment_announcement", "2026-02-26", null, null, "Board approves AI investment."],
                ["RIF-1", "reduction_in_force", "2026-05-06", "2026-05-20", "120", null],
            ],
            rows);
    }

    [Fact]
    public async Task Import_EveryKindInDependencyOrder_FillsEveryTable()
    {
        var files = EveryKind;
        Assert.Equal(ImportSpecs.All, files.Select(f => f.Spec));

        foreach (var (spec, header, row) in files)
        {
            var result = await _db.ImportCsvAsync(spec, header, row);
            Assert.Equal(1, result.RowsAdded);
        }

        foreach (var spec in ImportSpecs.All)
        {
            Assert.Equal(1, await _db.CountAsync(spec.Table));
        }
    }

    [Fact]
    public async Task Import_CsvWithByteOrderMarkAndCrLf_LandsLikePlainCsv()
    {
        // What Excel's "CSV UTF-8" writes on Windows.
        var body = Encoding.UTF8.GetBytes($"{WorkersHeader}\r\nW1,Ada,employee,2020-01-15,,\r\n");
        var path = _db.Files.Bytes("workers.csv", [0xEF, 0xBB, 0xBF, .. body]);

        await _db.ImportAsync(ImportSpecs.Workers, path);

        Assert.Equal<string?[]>([["W1", "2020-01-15", null]], await _db.RowsAsync("SELECT WorkerId, HireDate, TerminationReason FROM Worker"));
    }

    [Fact]
    public async Task Import_JsonArrayOfWorkers_LandsLikeCsv()
    {
        var path = _db.Files.Text("workers.json", """
            [
              { "worker_id": "W1", "display_name": "Ada Abara", "employment_type": "employee", "hire_date": "2020-01-15" },
              { "worker_id": "W2", "display_name": null, "employment_type": "contractor", "hire_date": "2019-03-01",
                "termination_date": "2026-05-20", "termination_reason": "reduction_in_force" }
            ]
            """);

        var result = await _db.ImportAsync(ImportSpecs.Workers, path);

        Assert.Equal(2, result.RowsAdded);
        var rows = await _db.RowsAsync("SELECT WorkerId, DisplayName, EmploymentType, HireDate, TerminationDate, TerminationReason FROM Worker ORDER BY WorkerId");
        Assert.Equal<string?[]>(
            [
                ["W1", "Ada Abara", "employee", "2020-01-15", null, null],
                ["W2", null, "contractor", "2019-03-01", "2026-05-20", "reduction_in_force"],
            ],
            rows);
    }

    [Fact]
    public async Task Import_JsonCaptureConfigWithArraysNumbersAndBooleans_Normalises()
    {
        await _db.ToolAsync("rec");
        var path = _db.Files.Text("configs.json", """
            [
              { "tool_id": "rec", "version": "1.0", "effective_from": "2026-04-21",
                "capabilities": ["screenshots", "keystrokes", "keystrokes"], "screenshot_interval_seconds": 30,
                "purposes": ["ai_training", "security"], "countries_excluded": ["FR", "DE"] }
            ]
            """);

        await _db.ImportAsync(ImportSpecs.CaptureConfigs, path);

        var rows = await _db.RowsAsync("SELECT Capabilities, ScreenshotIntervalSeconds, Purposes, CountriesIncluded, CountriesExcluded FROM CaptureConfig");
        Assert.Equal<string?[]>([["keystrokes;screenshots", "30", "security;ai_training", null, "DE;FR"]], rows);
    }

    [Fact]
    public async Task Import_JsonBooleans_StoreAsZeroOrOne()
    {
        var path = _db.Files.Text("programs.json", """
            [{ "program_id": "mci", "name": "MCI", "purpose": "Train", "eu_exempt": true, "opt_out": "none" }]
            """);

        await _db.ImportAsync(ImportSpecs.Programs, path);

        Assert.Equal("1", (await _db.RowsAsync("SELECT EuExempt FROM Program")).Single()[0]);
    }
}
