using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Tests.Rules;
using Audit.Service.Tests.Security;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// A finding resolved in a month is named, with why (issue 25, item 2): the reader learns which one went away and on
/// what authority, not only that one did.
/// </summary>
public sealed class ResolvedThisMonthTests(ReportDemoFixture demo) : IClassFixture<ReportDemoFixture>
{
    private static readonly YearMonth August = new(2026, 8);

    private const string ResolvedInAugust = "R8:config-beyond-notice:sentinel-dlp 2.0";

    private static Task<ReportText> TextAsync() => ReportText.LoadAsync(Path.Combine(AppContext.BaseDirectory, "templates", ReportService.ReportTextFile));

    [Fact]
    public async Task AugustReport_NamesTheFindingTheScanNoLongerSaw_WithTheScanThatSaidSo_InThePdfAndTheWorkbook()
    {
        var model = await demo.Services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(August, await TextAsync());

        var resolved = Assert.Single(model.Summary.ResolvedFindings!);
        Assert.Equal(RuleCode.R8, resolved.Rule);
        var scans = await demo.Services.GetRequiredService<ScanHistory>().ListAsync();
        var august = scans.Last(s => s.AsOf == August.LastDay);
        Assert.Equal($"no longer seen by scan {august.ScanId} as of 2026-08-31", resolved.Why);
        Assert.Equal(1, model.Summary.Resolved);
        Assert.Contains(model.AllFindings, f => f.FindingKey == ResolvedInAugust && f.Change == ChangeState.Resolved && f.Title == resolved.Title);

        var files = await demo.Services.GetRequiredService<ReportService>().MonthlyAsync(August);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(files.Paths.Single(p => p.EndsWith(".pdf", StringComparison.Ordinal))))
        {
            // The executive summary (page 2) names it, before the top risks.
            var page = string.Join(" ", pdf.GetPage(2).GetWords().Select(w => w.Text));
            Assert.Contains("Resolved this month", page, StringComparison.Ordinal);
            Assert.Contains($"no longer seen by scan {august.ScanId} as of 2026-08-31", page, StringComparison.Ordinal);
        }

        using var workbook = new XLWorkbook(files.Paths.Single(p => p.EndsWith(".xlsx", StringComparison.Ordinal)));
        var summary = workbook.Worksheet("Summary");
        var row = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "Resolved this month: R8");
        Assert.Contains(resolved.Title, row.Cell(2).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficerResolvesAFindingInTheMonth_TheReportNamesWhoAndWhy()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CA")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "productivity")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-06-02");
        await world.ScanAsync("2026-07-31");
        await world.ScanAsync("2026-08-31");
        var key = "R2:config:rec 1.0";
        var clock = new ManualTime();
        clock.Advance(new DateTimeOffset(2026, 8, 15, 10, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        await new FindingStatusService(world.Database, clock).SetStatusAsync(key, FindingStatus.Resolved, "alice", "data purged upstream");

        var builder = new MonthlyReportBuilder(world.Database, new ScanHistory(world.Database),
            new Audit.Service.Planning.PlanService(world.Database, new ScanHistory(world.Database), new Scanning.ExposureTable(world.Database, world.Importer, Options()),
                new Audit.Service.Planning.RemedyTable(Options()), Options()),
            Options(), new Audit.Service.Disclosures.DisclosureService(world.Database, Options()));
        var model = await builder.BuildAsync(August, await TextAsync());

        var resolved = Assert.Single(model.Summary.ResolvedFindings!);
        Assert.Equal("set resolved by alice on 2026-08-15: data purged upstream", resolved.Why);
        Assert.Equal(RuleCode.R2, resolved.Rule);
    }

    private static Microsoft.Extensions.Options.IOptions<Configuration.AuditOptions> Options() =>
        Microsoft.Extensions.Options.Options.Create(new Configuration.AuditOptions { TemplatesPath = ScanWorld.TemplatesPath });
}
