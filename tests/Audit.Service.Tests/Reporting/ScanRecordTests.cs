using Audit.Service.Configuration;
using System.Globalization;
using System.Text.Json;
using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Demo;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Tests.Rules;
using ClosedXML.Excel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// Issue 7's promise that a report is evidence: a scan is a record its reports read whole, so a report of a past
/// period reads the same after more data arrives and newer scans run; status is read as it stood on the report's date.
/// </summary>
public sealed class ScanRecordTests
{
    private static readonly YearMonth March = new(2026, 3);
    private static readonly Quarter Q1 = new(2026, 1);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Reports_OfMarchAndQ1_ReadTheSameAfterMoreDataAndAScanToToday()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);
        var firstMonthly = await MonthlyJsonAsync(services);
        var firstBoard = await BoardJsonAsync(services);
        var firstWorkbook = WorkbookCells((await services.GetRequiredService<ReportService>().MonthlyAsync(March)).Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal)));

        // More data arrives, some of it about March (a new AI-training tool capturing a new worker then and now),
        // counsel adds a theory, the officer records a status, and a scan runs as of today.
        world.Worker("LATE-1", "DE")
            .Tool("late-rec")
            .Config("late-rec", "1.0", purposes: "ai_training", caps: "keystrokes;screenshots;ui_hierarchy", from: "2026-01-01")
            .Dataset("late-raw", "raw_capture")
            .Dataset("late-train", "training_dataset")
            .Edge("late-raw", "late-train", firstSeen: "2026-01-01")
            .Batch("LATE-1", "late-rec", "1.0", "late-raw", "2026-03-10")
            .Batch("LATE-1", "late-rec", "1.0", "late-raw", "2026-11-02")
            .Theory("LATE-THEORY", "ANY", "R2", "per_worker", 1m, 2m, "USD");
        await world.ImportAsync();
        var scanner = services.GetRequiredService<Scanner>();
        var today = await scanner.ScanAsync(DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(today.Findings, f => f.Finding.SubjectKey.StartsWith("late-rec", StringComparison.Ordinal));
        var key = today.Findings.First(f => f.Finding.Rule == RuleCode.R1 || f.Finding.Rule == RuleCode.R2).Finding.Key;
        await services.GetRequiredService<FindingStatusService>().SetStatusAsync(key, FindingStatus.Remediating, "officer", "switched off the export");

        Assert.Equal(firstMonthly, await MonthlyJsonAsync(services));
        Assert.Equal(firstBoard, await BoardJsonAsync(services));
        var secondWorkbook = WorkbookCells((await services.GetRequiredService<ReportService>().MonthlyAsync(March)).Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal)));
        Assert.Equal(firstWorkbook, secondWorkbook);
    }

    [Fact]
    public async Task MonthlyReport_OfMarch_ListsNothingFirstSeenAfterMarch()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);
        var cutoff = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

        var report = await MonthlyAsync(services);

        var findings = report.AllFindings.ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.FirstSeen <= March.LastDay && f.LastSeen <= March.LastDay, $"{f.FindingKey}: {f.FirstSeen}..{f.LastSeen}"));
        var gaps = report.ConsentGaps.ToList();
        Assert.All(gaps, g => Assert.True(g.FirstCapture < cutoff && g.LastCapture < cutoff && g.Batches > 0, $"{g.WorkerId}: {g.FirstCapture}..{g.LastCapture}"));
        Assert.All(report.LineagePaths, p => Assert.True(p.FirstSeen < cutoff, p.Path));
        Assert.All(report.Inventory, i => Assert.True(i.EffectiveFrom <= March.LastDay, i.ConfigVersion));
        Assert.All(report.Compensation.Programs, p => Assert.True(p.UncompensatedHours >= 0));
        var late = (await world.QueryAsync<string>("SELECT WorkerId FROM Worker WHERE HireDate > '2026-03-31'")).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(gaps, g => late.Contains(g.WorkerId));
        Assert.DoesNotContain(report.CompensationRows, c => late.Contains(c.WorkerId));
    }

    [Fact]
    public async Task MonthlyReport_OnTheDemo_InventoryListsOnlyConfigsInForceThatMonth()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);

        var report = await MonthlyAsync(services);

        Assert.NotEmpty(report.Inventory);
        Assert.All(report.Inventory, i => Assert.True(
            i.EffectiveFrom <= March.LastDay && (i.EffectiveTo is null || i.EffectiveTo >= March.FirstDay),
            $"{i.ConfigVersion}: {i.EffectiveFrom}..{i.EffectiveTo}"));

        // Every config in force in March is listed: the filter drops only the ones that were not.
        var inForce = await world.QueryAsync<string>(
            "SELECT ToolId || ' ' || Version FROM CaptureConfig WHERE EffectiveFrom <= '2026-03-31' AND (EffectiveTo IS NULL OR EffectiveTo >= '2026-03-01')");
        Assert.Equal(inForce.Count, report.Inventory.Count);

        // The demo has configs that ended before March (Sentinel DLP 1.0 on 2026-02-28) or began after it.
        var all = await world.QueryAsync<long>("SELECT COUNT(*) FROM CaptureConfig");
        Assert.True(all.Single() > inForce.Count);
    }

    [Fact]
    public async Task Pdfs_OnTheDemo_PrintNoZeroToZeroRangeAndNoMultipleAsMoney()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);
        var reports = services.GetRequiredService<ReportService>();
        var pdfs = new List<string> { (await reports.MonthlyAsync(new YearMonth(2026, 10))).Paths.Single(p => p.EndsWith(".pdf", StringComparison.Ordinal)) };
        foreach (var quarter in new[] { new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2026, 3) })
        {
            pdfs.Add((await reports.BoardAsync(quarter)).Paths.Single());
        }

        foreach (var path in pdfs)
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
            foreach (var page in pdf.GetPages())
            {
                var text = string.Join(' ', page.GetWords().Select(w => w.Text));
                Assert.DoesNotMatch(@"(?<![\d.,])0\s*-\s*(USD\s*)?0(?![\d.,])", text);
                Assert.DoesNotContain("USD 0 - USD 0", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Unit replacement value", text, StringComparison.Ordinal);
            }
        }

        // The appendix prints the replacement-value row as the multiples it holds.
        using var monthly = UglyToad.PdfPig.PdfDocument.Open(pdfs[0]);
        var all = string.Join(' ', monthly.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Matches(@"×[\d.]+ – ×[\d.]+ of the replacement value", all);
    }

    [Fact]
    public async Task Board_OnTheDemo_SaysTheDateItsDataIsAsOf_AndListsNoRiskWithNothingToSay()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);
        var builder = services.GetRequiredService<BoardSummaryBuilder>();

        foreach (var quarter in new[] { new Quarter(2026, 1), new Quarter(2026, 2), new Quarter(2026, 3) })
        {
            var board = await builder.BuildAsync(quarter, await TextAsync());

            Assert.Equal(quarter.LastDay, board.DataAsOf);
            Assert.NotEmpty(board.TopRisks);
            Assert.All(board.TopRisks, r =>
            {
                Assert.False(r.ExposureLow == 0 && r.ExposureHigh == 0 && r.Sentence.Contains(" 0 workers", StringComparison.Ordinal), $"{quarter}: {r.Sentence}");
                Assert.DoesNotContain("of 0 workers", r.Sentence, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task Board_PageWithAMaskedPeopleCount_HasNoFigureFromWhichItFollows()
    {
        // Twelve Californians under a security-only recorder whose data reaches training (R1 for all twelve); nine of
        // them acknowledged a notice of the tool naming AI training, so R2 holds three: a count the board masks. R2's
        // exposure is per violation (CCPA), and it is all the exposure there is: exact totals would give it away.
        using var world = new ScanWorld()
            .Tool("sec")
            .Config("sec", "1.0", purposes: "security")
            .Notice("N-sec", purposes: "security;ai_training", tool: "sec")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train");
        for (var i = 1; i <= 12; i++)
        {
            var worker = $"W{i:D2}";
            world.Worker(worker, "US", "US-CA").Batch(worker, "sec", "1.0", "raw", "2026-03-02");
            if (i > 3)
            {
                world.Ack(worker, "N-sec", "2025-02-01");
            }
        }

        var scan = await world.ScanAsync("2026-03-31");
        await using var services = Services(world);
        var r2 = scan.Rules.Single(r => r.Rule == RuleCode.R2);
        Assert.Equal(3, r2.AffectedWorkers);
        Assert.True(r2.ExposureLow > 0 && r2.ExposureLow == scan.Exposure.Low, "the case needs R2 to carry all the exposure");

        var files = await services.GetRequiredService<ReportService>().BoardAsync(new Quarter(2026, 1));

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(files.Paths.Single());
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        var all = string.Join(' ', pages);
        Assert.Contains("Work recordings of <5 workers", all, StringComparison.Ordinal);
        Assert.Contains("withheld (fewer than five people)", all, StringComparison.Ordinal);
        foreach (var page in pages)
        {
            // The count itself, and every figure it could be worked back from: R2's exposure (per violation) and the
            // exact totals, which less the other risks' figures would equal it.
            Assert.DoesNotMatch(@"(?<![\d.,<])3 workers", page);
            foreach (var amount in new[] { r2.ExposureLow, r2.ExposureHigh, scan.Exposure.Low, scan.Exposure.High })
            {
                Assert.DoesNotContain(amount.ToString("N0", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
                Assert.DoesNotContain(CountFormatter.MoneyShort(amount, "USD"), page, StringComparison.Ordinal);
            }
        }

        // The total of people less the people counts shown must not put anyone under the masked risk.
        var tiles = System.Text.RegularExpressions.Regex.Match(pages[0], @"(\d[\d,]*) (\d[\d,]*) ([\d,]+|<5)(\+?) Open findings Critical findings Workers affected");
        Assert.True(tiles.Success, pages[0]);
        var peopleShown = System.Text.RegularExpressions.Regex.Matches(all, @"(?:of|affecting|gives) ([\d,]+) workers")
            .Sum(m => int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        var totalShown = tiles.Groups[3].Value == "<5" ? 0 : int.Parse(tiles.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(totalShown - peopleShown <= 0, $"the total ({totalShown}) less the counts shown ({peopleShown}) bounds the masked count");
    }

    [Fact]
    public async Task MonthlyReport_OnTheDemo_CompensationRowsAddUpToEachProgramsReplacementValue()
    {
        using var world = await DemoWorldAsync();
        await using var services = Services(world);

        // October, the demo's last month: compensation gaps have built up by then.
        var report = await services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(new YearMonth(2026, 10), await TextAsync());

        var rows = report.CompensationRows.ToList();
        Assert.NotEmpty(report.Compensation.Programs);
        foreach (var program in report.Compensation.Programs)
        {
            Assert.Equal(program.ReplacementValueLow, rows.Where(r => r.Program == program.Program).Sum(r => r.ReplacementValue));
        }

        Assert.Equal(report.Compensation.Programs.Sum(p => p.ReplacementValueLow), rows.Sum(r => r.ReplacementValue));
        Assert.All(rows, r => Assert.Equal(r.ReplacementValue, Math.Round(r.ReplacementValue, 2)));
    }

    [Fact]
    public async Task MonthlyReport_ComparesWithTheLastScanOfTheMonthBefore_NotTheScanBefore()
    {
        using var world = TwoLeaks(edgeBFirstSeen: "2026-04-10");
        await world.ScanAsync("2026-03-31");
        await world.ScanAsync("2026-04-15");
        await world.ScanAsync("2026-04-30");
        await using var services = Services(world);

        var report = await services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(new YearMonth(2026, 4), await TextAsync());

        var rows = report.AllFindings.ToList();
        Assert.Equal(ChangeState.New, rows.Single(r => r.FindingKey == "R1:dataset:s3://test/rawB").Change);
        Assert.Equal(ChangeState.Persisting, rows.Single(r => r.FindingKey == "R1:dataset:s3://test/rawA").Change);
        Assert.Equal(rows.Count(r => r.Change == ChangeState.New), report.Summary.New);
    }

    [Fact]
    public async Task Report_ForADayNoScanJudged_IsRefusedAndScansNothing()
    {
        using var world = TwoLeaks();
        await world.ScanAsync("2026-03-31");
        await using var services = Services(world);
        var before = await world.FingerprintAsync();

        var error = await Assert.ThrowsAsync<NoScanException>(async () => await services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(new YearMonth(2026, 4), await TextAsync()));

        Assert.Equal(new DateOnly(2026, 4, 30), error.AsOf);
        Assert.Contains("--scan-if-missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.FingerprintAsync());
    }

    [Fact]
    public async Task Finding_ResolvedByTheOfficerThenSeenAgain_IsReopenedWithTheScanInItsHistory()
    {
        using var world = TwoLeaks();
        await world.ScanAsync();
        await using var services = Services(world);
        var status = services.GetRequiredService<FindingStatusService>();
        await status.SetStatusAsync(KeyR1B, FindingStatus.Resolved, "officer", "export job switched off");

        // The data is fixed and a scan agrees; then the company re-offends and the next scan sees it again.
        await world.ExecuteAsync("DELETE FROM LineageEdge WHERE SourceDatasetId = (SELECT DatasetId FROM Dataset WHERE Name = 'rawB')");
        var fixedScan = await world.ScanAsync();
        Assert.DoesNotContain(KeyR1B, fixedScan.Keys());
        world.Edge("rawB", "train", job: "export-again");
        var reoffended = await world.ScanAsync();

        Assert.Contains(KeyR1B, reoffended.Keys());
        var listed = (await status.ListAsync(new FindingFilter(Status: FindingStatus.Open))).Single(f => f.FindingKey == KeyR1B);
        Assert.Equal("open", listed.Status);
        var history = await status.HistoryAsync(KeyR1B);
        Assert.Equal(["open", "resolved", "open"], history.Select(h => h.Status));
        Assert.Equal(reoffended.ScanId, history[^1].ScanId);
        Assert.Equal("scan", history[^1].ChangedBy);
        Assert.Contains($"scan {reoffended.ScanId}", history[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ImportCommittingWhileBatchesAreRead_IsNotSeenByThatScan()
    {
        using var world = TwoLeaks();
        Assert.Equal(2, (await world.ScanAsync()).BatchesRead);
        world.Batch("W1", "dlpA", "1.0", "rawA", "2026-03-05");

        // The import commits after the scan has read its snapshot of the small tables and before it reads the batches.
        var during = await world.Scanner().ScanAsync(ScanWorld.D("2026-10-31"), new ImportWhen("reading capture batches", () => world.ImportAsync().GetAwaiter().GetResult()));
        var after = await world.ScanAsync();

        Assert.Equal(2, during.BatchesRead);
        Assert.Equal(3, after.BatchesRead);
    }

    [Fact]
    public async Task Scan_EmptyExposureTable_IsRefusedWithWhatToRun()
    {
        using var world = TwoLeaks();
        await world.ImportAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => world.Scanner().ScanAsync(ScanWorld.D("2026-10-31")));

        Assert.Contains("audit import exposure-theories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_AsOfAfterToday_IsRefusedAndChangesNothing()
    {
        using var world = TwoLeaks();
        await world.ScanAsync();
        var before = await world.FingerprintAsync();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        await Assert.ThrowsAsync<ScanRefusedException>(() => world.Scanner().ScanAsync(tomorrow));

        Assert.Equal(before, await world.FingerprintAsync());
    }

    [Fact]
    public async Task Report_ShowsStatusAndLatestNote_AsTheyStoodOnItsDate()
    {
        using var world = TwoLeaks();
        await world.ScanAsync("2026-03-31");
        await using var services = Services(world);
        await world.ExecuteAsync(
            "INSERT INTO FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt, Note) VALUES (@Key, 'remediating', 'officer', '2026-03-20 09:00:00', 'export being switched off')",
            new { Key = KeyR1B });
        await services.GetRequiredService<FindingStatusService>().ChangeAsync(KeyR1B, new FindingChangeRequest("officer", "accepted by the board", FindingStatus.AcceptedRisk, Approver: "the board", ExpiresOn: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1)));

        var march = (await services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(March, await TextAsync())).AllFindings.Single(f => f.FindingKey == KeyR1B);

        Assert.Equal(FindingStatus.Remediating, march.Status);
        Assert.Equal("export being switched off", march.StatusNote);
        var listed = (await services.GetRequiredService<FindingStatusService>().ListAsync(new FindingFilter(RuleCode.R1, FindingStatus.AcceptedRisk))).Single();
        Assert.Equal(KeyR1B, listed.FindingKey);
        Assert.Equal("accepted by the board", listed.LatestNote);
    }

    [Fact]
    public void StatusNote_FirstFoundByAScanIsNoNote_AnOfficersNoteAndAReopeningAre()
    {
        FindingStatusChange Change(string status, string by, string note, long? scan) =>
            new() { FindingKey = "K", Status = status, ChangedBy = by, Note = note, ScanId = scan };

        Assert.Null(OfficerStatus.Fold([Change("open", "scan", "First found by scan 1.", 1)])["K"].Note);
        var resolved = OfficerStatus.Fold([Change("open", "scan", "First found by scan 1.", 1), Change("resolved", "officer", "fixed", null)])["K"];
        Assert.Equal((FindingStatus.Resolved, "fixed"), (resolved.Status, resolved.Note));
        var reopened = OfficerStatus.Fold([Change("open", "scan", "First found by scan 1.", 1), Change("resolved", "officer", "fixed", null), Change("open", "scan", "Reopened: scan 3 found it again.", 3)])["K"];
        Assert.Equal((FindingStatus.Open, "Reopened: scan 3 found it again."), (reopened.Status, reopened.Note));
    }

    [Fact]
    public async Task Scan_RecordsEveryAffectedWorkerWithEveryLocationAndTheExposureLines()
    {
        using var world = TwoLeaks();
        world.Move("W1", "2026-03-03", "DE");
        world.Batch("W1", "dlpB", "1.0", "rawB", "2026-03-10");
        var result = await world.ScanAsync();

        var locations = await world.QueryAsync<string>("SELECT Locations FROM ScanFindingWorker WHERE ScanId = @ScanId AND FindingKey = @Key", new { result.ScanId, Key = KeyR1B });
        Assert.Equal(["US-NY;DE"], locations);
        var lines = await world.QueryAsync<long>("SELECT COUNT(*) FROM ScanExposureLine WHERE ScanId = @ScanId", new { result.ScanId });
        Assert.Equal(result.Findings.Sum(f => f.ExposureLines.Count), lines.Single());
    }

    [Fact]
    public async Task Retention_MonthEnd_PrunesOnlyTheWorkerRowsOfOtherScans()
    {
        using var world = TwoLeaks();
        var midMonth = await world.ScanAsync("2026-03-15");
        var monthEnd = await world.ScanAsync("2026-03-31");
        var newest = await world.ScanAsync("2026-04-10");
        await using var services = Services(world, ("Audit:Retention:KeepWhole", "month-end"));

        var pruned = await services.GetRequiredService<ScanRetention>().PruneAsync();

        Assert.Equal([midMonth.ScanId], pruned.Select(p => p.ScanId));
        Assert.Equal([monthEnd.ScanId, newest.ScanId], await world.QueryAsync<long>("SELECT DISTINCT ScanId FROM ScanFindingWorker ORDER BY ScanId"));
        Assert.Equal(3, (await world.QueryAsync<long>("SELECT COUNT(DISTINCT ScanId) FROM ScanFinding")).Single());
    }

    [Fact]
    public async Task Retention_UnknownKeepWholeSetting_IsRefusedByName()
    {
        using var world = TwoLeaks();
        await world.ScanAsync();
        await using var services = Services(world, ("Audit:Retention:KeepWhole", "monthly"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ScanRetention>().PruneAsync());

        Assert.Contains("Audit:Retention:KeepWhole", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs an action, once, when the scan reports a given step (progress is reported synchronously here).</summary>
    private sealed class ImportWhen(string step, Action action) : IProgress<string>
    {
        private bool _done;

        public void Report(string value)
        {
            if (value == step && !_done)
            {
                _done = true;
                action();
            }
        }
    }

    private const string KeyR1B = ScanLifecycleTests.KeyR1B;

    private static ScanWorld TwoLeaks(string edgeBFirstSeen = "2025-01-01") => ScanLifecycleTests.TwoLeaks(edgeBFirstSeen);

    /// <summary>The demo organisation (300 workers) with a scan at every month end, as `audit demo` makes it.</summary>
    private static async Task<ScanWorld> DemoWorldAsync()
    {
        var world = new ScanWorld();
        var seeder = new DemoSeeder(new Data.Migrator(world.Database), world.Importer, new LineageIngestor(world.Database, new Data.AuditLog(world.Database)), new Audit.Service.Ingest.NoticeTexts.NoticeTextImporter(world.Database, new Data.AuditLog(world.Database)));
        await seeder.SeedAsync(Path.Combine(world.Folder, "demo"), new DemoOptions(Workers: 300, Seed: 42));
        await world.SeedExposureTableAsync();
        var scanner = world.Scanner();
        for (var month = DemoGenerator.DataStart; month <= DemoGenerator.DataEnd; month = month.AddMonths(1))
        {
            await scanner.ScanAsync(month.AddMonths(1).AddDays(-1));
        }

        return world;
    }

    /// <summary>The service graph over a world's database, configured the way a user configures it.</summary>
    private static ServiceProvider Services(ScanWorld world, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(world.Folder, "audit.db")};Pooling=False",
            ["Audit:TemplatesPath"] = ScanWorld.TemplatesPath,
            ["Audit:OutputPath"] = Path.Combine(world.Folder, "out"),
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuditCore().BuildServiceProvider();
    }

    private static Task<ReportText> TextAsync() => ReportText.LoadAsync(Templates.Resolve(ScanWorld.TemplatesPath, ReportService.ReportTextFile));

    private static async Task<MonthlyReport> MonthlyAsync(ServiceProvider services) =>
        await services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(March, await TextAsync());

    /// <summary>The whole model as JSON (the streamed sheets included), generation time left out: the only thing that may differ.</summary>
    private static async Task<string> MonthlyJsonAsync(ServiceProvider services) =>
        JsonSerializer.Serialize((await MonthlyAsync(services)) with { GeneratedAt = default }, Json);

    private static async Task<string> BoardJsonAsync(ServiceProvider services) =>
        JsonSerializer.Serialize((await services.GetRequiredService<BoardSummaryBuilder>().BuildAsync(Q1, await TextAsync())) with { GeneratedAt = default }, Json);

    /// <summary>Every cell value of every sheet, the generation time left out.</summary>
    private static List<string> WorkbookCells(string path)
    {
        using var workbook = new XLWorkbook(path);
        var cells = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed())
            {
                if (cell.Address.ColumnNumber == 2 && sheet.Cell(cell.Address.RowNumber, 1).GetString().StartsWith("Generated", StringComparison.Ordinal))
                {
                    continue;
                }

                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{sheet.Name}!{cell.Address}={cell.Value}"));
            }
        }

        Assert.NotEmpty(cells);
        return cells;
    }
}
