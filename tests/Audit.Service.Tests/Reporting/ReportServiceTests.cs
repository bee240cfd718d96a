using Audit.Service.Records;
using System.Globalization;
using Audit.Reports.Export;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Reporting;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit;
using UglyToad.PdfPig;
using Xunit;

namespace Audit.Service.Tests.Reporting;

/// <summary>The demo organisation (300 workers) seeded once, then reported on through the real service graph.</summary>
public sealed class ReportDemoFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audit-reports-" + Guid.NewGuid().ToString("N"));

    public ServiceProvider Services { get; private set; } = null!;

    public string Output => Path.Combine(_folder, "out");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "audit.db")};Pooling=False",
            ["Audit:TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            ["Audit:OutputPath"] = Output,
        }).Build();
        Services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuditCore().BuildServiceProvider();
        await Services.GetRequiredService<DemoSeeder>().SeedAsync(Path.Combine(_folder, "files"), new DemoOptions(Workers: 300, Seed: 42));

        // A year of month-end scans, as the demo makes: every test then reads the same history, in any order.
        var scanner = Services.GetRequiredService<Audit.Service.Scanning.Scanner>();
        for (var month = DemoGenerator.DataStart; month <= DemoGenerator.DataEnd; month = month.AddMonths(1))
        {
            await scanner.ScanAsync(month.AddMonths(1).AddDays(-1));
        }
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class ReportServiceTests(ReportDemoFixture demo) : IClassFixture<ReportDemoFixture>
{
    private static readonly YearMonth October = new(2026, 10);

    private ReportService Reports => demo.Services.GetRequiredService<ReportService>();

    [Fact]
    public async Task BoardSummary_FromDemoData_NamesNoWorker()
    {
        var files = await Reports.BoardAsync(new Quarter(2026, 3));

        var text = PdfText(files.Paths.Single());
        await using var connection = await demo.Services.GetRequiredService<Database>().OpenAsync();
        var workers = (await connection.QueryAsync<(string Id, string? Name)>("SELECT WorkerId, DisplayName FROM Worker")).ToList();
        Assert.Equal(300, workers.Count);
        Assert.DoesNotContain(workers, w => text.Contains(w.Id, StringComparison.Ordinal) || (w.Name is { } name && text.Contains(name, StringComparison.Ordinal)));
        Assert.Contains("Top five risks", text, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(files.Paths.Single());
        Assert.InRange(pdf.NumberOfPages, 1, 2);
    }

    [Fact]
    public async Task MonthlyReport_FromDemoData_PrintsTheScanFiguresAndEverySection()
    {
        var files = await Reports.MonthlyAsync(October);

        var scan = (await demo.Services.GetRequiredService<ScanHistory>().ListAsync()).Last(s => s.AsOf == October.LastDay);
        var text = PdfText(files.Paths.Single(p => p.EndsWith(".pdf", StringComparison.Ordinal)));
        foreach (var code in RuleCatalog.All)
        {
            Assert.Contains(RuleCatalog.Title(code), text, StringComparison.Ordinal);
        }

        Assert.Contains(scan.Summary.Exposure.High.ToString("N0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("Capture-surface inventory", text, StringComparison.Ordinal);
        Assert.Contains("Compensation", text, StringComparison.Ordinal);
        Assert.Contains("Appendix", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthlyWorkbook_FromDemoData_HasEveryFindingWithRealTypes()
    {
        var files = await Reports.MonthlyAsync(October);

        var scan = (await demo.Services.GetRequiredService<ScanHistory>().ListAsync()).Last(s => s.AsOf == October.LastDay);
        var findings = await demo.Services.GetRequiredService<ScanHistory>().FindingsAsync(scan.ScanId);
        using var workbook = new XLWorkbook(files.Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal)));
        var sheet = workbook.Worksheet("Findings");
        Assert.Equal(findings.Count + 1, sheet.LastRowUsed().RowNumber());
        var firstSeen = sheet.Row(1).CellsUsed().First(c => c.GetString().Contains("First", StringComparison.Ordinal)).Address.ColumnNumber;
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, firstSeen).DataType);
        Assert.True(workbook.Worksheet("Consent gaps").LastRowUsed().RowNumber() > 1);
    }

    [Fact]
    public async Task MonthlyWorkbook_FromDemoData_MoneyCellsAreNumbersWithACurrencyFreeFormat_AndEverySheetPrintsA4Landscape()
    {
        var files = await Reports.MonthlyAsync(October);
        var path = files.Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal));

        using (var workbook = new XLWorkbook(path))
        {
            var moneyColumns = 0;
            foreach (var sheet in workbook.Worksheets)
            {
                foreach (var header in sheet.Row(1).CellsUsed().Where(c => c.GetString().Contains("(USD)", StringComparison.Ordinal)))
                {
                    moneyColumns++;
                    foreach (var cell in sheet.Column(header.Address.ColumnNumber).CellsUsed().Skip(1).Take(50))
                    {
                        Assert.True(cell.DataType == XLDataType.Number, $"{sheet.Name}!{cell.Address}: {cell.DataType}");
                        Assert.DoesNotContain("USD", cell.Style.NumberFormat.Format, StringComparison.Ordinal);
                        Assert.DoesNotContain("USD", cell.GetFormattedString(), StringComparison.Ordinal);
                    }
                }
            }

            Assert.True(moneyColumns >= 5, $"{moneyColumns} money columns");
        }

        using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var part = package.WorkbookPart!;
        var names = part.Workbook.DefinedNames!.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>().ToList();
        var sheets = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        for (var i = 0; i < sheets.Count; i++)
        {
            var ws = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheets[i].Id!.Value!)).Worksheet;
            var setup = ws.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.PageSetup>()!;
            Assert.Equal(9u, setup.PaperSize!.Value);
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(0u, setup.FitToHeight!.Value);
            Assert.True(ws.SheetProperties?.PageSetupProperties?.FitToPage?.Value == true, sheets[i].Name);
            Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == (uint)i);
        }
    }

    [Fact]
    public async Task LineageExport_SameRequestTwiceInOneSecond_GivesTwoFoldersWithByteIdenticalCsv()
    {
        var request = new LineageExportRequest("M-1", [], null, "models/agent-cua-1", null, null);

        var (first, manifest) = await Reports.ExportLineageAsync(request);
        var (second, _) = await Reports.ExportLineageAsync(request);

        var csv1 = first.Paths.Single(p => p.EndsWith("lineage.csv", StringComparison.Ordinal));
        var csv2 = second.Paths.Single(p => p.EndsWith("lineage.csv", StringComparison.Ordinal));
        Assert.NotEqual(csv1, csv2);
        Assert.Equal(LineageExportWriter.Sha256Of(csv1), LineageExportWriter.Sha256Of(csv2));
        Assert.True(manifest.RowCount > 0);
        Assert.All(manifest.Files, f => Assert.Equal(f.Sha256, LineageExportWriter.Sha256Of(Path.Combine(Path.GetDirectoryName(csv1)!, f.FileName))));
        Assert.All(File.ReadLines(csv1).Skip(1), line => Assert.Contains("models/agent-cua-1", line, StringComparison.Ordinal));
    }

    /// <summary>Issue 25: the manifest is itself pinned: the export's audit entry holds its SHA-256 and the row count.</summary>
    [Fact]
    public async Task LineageExport_AuditEntry_HoldsTheManifestsOwnSha256()
    {
        var (files, manifest) = await Reports.ExportLineageAsync(new LineageExportRequest("M-PIN", [], null, "models/agent-cua-1", null, null));

        var manifestPath = files.Paths.Single(p => p.EndsWith("manifest.json", StringComparison.Ordinal));
        await using var connection = await demo.Services.GetRequiredService<Database>().OpenAsync();
        var entry = (await connection.QueryAsync<(string Details, string Sha256)>("SELECT Details, Sha256 FROM AuditLog WHERE Action = 'export' AND Subject = 'M-PIN'")).Single();
        Assert.Equal(LineageExportWriter.Sha256Of(manifestPath), entry.Sha256);
        Assert.Contains($"{manifest.RowCount} rows", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineageExportCsv_StartsWithUtf8ByteOrderMark_SoExcelReadsArrows()
    {
        var (files, _) = await Reports.ExportLineageAsync(new LineageExportRequest("M-BOM", [], null, "models/agent-cua-1", null, null));

        var bytes = await File.ReadAllBytesAsync(files.Paths.Single(p => p.EndsWith("lineage.csv", StringComparison.Ordinal)));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("→", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("W999999", null, null, "--worker: no worker 'W999999'")]
    [InlineData("w000001", null, null, "--worker: no worker 'w000001'")]
    [InlineData(null, "no-such-dataset", null, "--dataset: no dataset 'no-such-dataset'")]
    [InlineData(null, null, "models/no-such-model", "--model: no model 'models/no-such-model'")]
    public async Task LineageExport_ScopeNamingWhatTheDataDoesNotHold_RefusedWithTheReasonAndNoFolder(string? worker, string? dataset, string? model, string reason)
    {
        var request = new LineageExportRequest("M-UNKNOWN", worker is null ? [] : [worker], dataset, model, null, null);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Reports.ExportLineageAsync(request));

        Assert.StartsWith(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(demo.Output, "exports", "M-UNKNOWN")));
    }

    [Fact]
    public async Task LineageExport_FromAfterTo_RefusedAsEmptyRange()
    {
        var request = new LineageExportRequest("M-RANGE", [], null, null, Day(2026, 5, 1), Day(2026, 4, 1));

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Reports.ExportLineageAsync(request));

        Assert.Contains("--from: 2026-05-01 is after --to 2026-04-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineageExport_ValidScopeMatchingNothing_SaysSoInManifest()
    {
        var worker = await FirstWorkerAsync();
        var request = new LineageExportRequest("M-EMPTY", [worker], null, null, Day(2001, 1, 1), Day(2001, 1, 31));

        var (files, manifest) = await Reports.ExportLineageAsync(request);

        Assert.Equal(0, manifest.RowCount);
        Assert.Equal(LineageExportManifest.NothingMatched, manifest.Note);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(files.Paths.Single(p => p.EndsWith("manifest.json", StringComparison.Ordinal))));
        Assert.Equal(LineageExportManifest.NothingMatched, json.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public async Task LineageExport_DateRange_IncludesBatchesThatStraddleItsEdges()
    {
        // A batch captured across midnight into the range's first day holds work from inside the range.
        var database = demo.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var batch = await connection.QueryFirstAsync<(string BatchId, string WorkerId, DateTime From, DateTime To)>(
            "SELECT BatchId, WorkerId, CapturedFrom, CapturedTo FROM CaptureBatch ORDER BY BatchId LIMIT 1");
        var day = DateOnly.FromDateTime(batch.To);
        await connection.ExecuteAsync(
            "UPDATE CaptureBatch SET CapturedFrom = @From WHERE BatchId = @BatchId",
            new { From = day.AddDays(-1).ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc), batch.BatchId });
        try
        {
            var request = new LineageExportRequest("M-EDGE", [batch.WorkerId], null, null, Day(day.Year, day.Month, day.Day), Day(day.Year, day.Month, day.Day));

            var (files, _) = await Reports.ExportLineageAsync(request);

            Assert.Contains(File.ReadLines(files.Paths.Single(p => p.EndsWith("lineage.csv", StringComparison.Ordinal))), line => line.Contains(batch.BatchId, StringComparison.Ordinal));
        }
        finally
        {
            await connection.ExecuteAsync("UPDATE CaptureBatch SET CapturedFrom = @From WHERE BatchId = @BatchId", new { batch.From, batch.BatchId });
        }
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private async Task<string> FirstWorkerAsync()
    {
        await using var connection = await demo.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.QueryFirstAsync<string>("SELECT WorkerId FROM Worker ORDER BY WorkerId LIMIT 1");
    }

    /// <summary>Exposure by theory: the table shows how the total is built, and why the findings add up to more.</summary>
    [Fact]
    public async Task MonthlyReportModel_ExposureByTheory_BuildsTheTotal_AndNamesTheFindingsThatFeedEachTheory()
    {
        var text = await Audit.Reports.Wording.ReportText.LoadAsync(Path.Combine(AppContext.BaseDirectory, "templates", ReportService.ReportTextFile));

        var model = await demo.Services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(October, text);

        var breakdown = model.Appendix.ExposureByTheory;
        Assert.NotNull(breakdown);
        Assert.Equal((model.Summary.ExposureLow, model.Summary.ExposureHigh), (breakdown.TotalLow, breakdown.TotalHigh));
        // A cap counts its gravest theory once; the others of its group are kept, marked capped, at zero.
        Assert.Equal(breakdown.TotalHigh, breakdown.Theories.Sum(t => t.High));
        Assert.All(breakdown.Theories.Where(t => t.Capped), t => Assert.Equal((0m, 0m), (t.Low, t.High)));
        Assert.Contains(breakdown.Theories, t => t.Capped);
        Assert.All(breakdown.Theories, t => Assert.NotEmpty(t.Findings));
        Assert.Contains(breakdown.Theories, t => t.TheoryId == "WAGE-UNCOMP" && t.Confidence == Confidence.C && t.Findings.All(f => f.StartsWith("R7:", StringComparison.Ordinal)));
        // Each finding priced alone: they add up to more than the total, and the report says why.
        Assert.True(breakdown.FindingsHigh > breakdown.TotalHigh);
        Assert.Contains("counts once", Audit.Reports.Wording.ExposureWording.Reconciliation(breakdown, "USD"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthlyReportModel_FromDemoData_MatchesSnapshot()
    {
        var text = await Audit.Reports.Wording.ReportText.LoadAsync(Path.Combine(AppContext.BaseDirectory, "templates", ReportService.ReportTextFile));

        var model = await demo.Services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(October, text);

        Snapshot.Match(new
        {
            model.CompanyName,
            Period = model.Period.ToString(),
            model.DataAsOf,
            model.Summary,
            Trend = model.Trend,
            model.Inventory,
            Rules = model.Rules.Select(r => new { r.Code, r.FindingCount, r.AffectedWorkers, r.New, r.Resolved, r.ExposureLow, r.ExposureHigh, Worst = r.WorstExamples.Select(w => w.FindingKey) }),
            model.Eu,
            model.Compensation,
            Assumptions = model.Appendix.ExposureAssumptions,
            DataSources = model.Appendix.DataSources,
        });
    }

    private static string PdfText(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
