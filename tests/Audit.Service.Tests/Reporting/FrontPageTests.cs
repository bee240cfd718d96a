using Audit.Reports.Models;
using Audit.Reports.Pdf;
using Audit.Reports.Wording;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Tests.Rules;
using Audit.Service.Tests.Security;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// Issue 25, item 3: page 1 carries the message. What the officer records in the findings workflow during the month
/// (who owns a finding, by when it is due) is what page 1's decisions say, and the workbook's findings sheet with it.
/// </summary>
public sealed class FrontPageTests
{
    private static readonly YearMonth August = new(2026, 8);

    private const string Key = "R2:config:rec 1.0";

    [Fact]
    public async Task AnOwnerAndDueDaySetDuringTheMonth_ArePageOnesDecision_AndTheFindingsRow_WithItsDaysOpen()
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
        var clock = new ManualTime();
        clock.Advance(new DateTimeOffset(2026, 8, 15, 10, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        await new FindingStatusService(world.Database, clock).ChangeAsync(Key,
            new("dana", "Assigned to the data platform team", Owner: "data platform team", DueOn: new DateOnly(2026, 9, 30)));

        var model = await Builder(world).BuildAsync(August, await ReportText.LoadAsync(Path.Combine(AppContext.BaseDirectory, "templates", ReportService.ReportTextFile)));

        var risk = Assert.Single(model.Summary.TopRisks!, r => r.Rule == RuleCode.R2);
        Assert.Equal(["data platform team"], risk.Owners);
        Assert.Equal(new DateOnly(2026, 9, 30), risk.DueOn);
        var row = Assert.Single(model.Rules.Single(r => r.Code == RuleCode.R2).WorstExamples);
        Assert.Equal(("data platform team", new DateOnly(2026, 9, 30), 16), (row.Owner, row.DueOn, row.DaysOpen));
        Assert.NotNull(model.Summary.ExposureChange);
        Assert.Equal(new DateOnly(2026, 7, 31), model.Summary.ExposureChange!.ComparedAsOf);

        using var stream = new MemoryStream();
        MonthlyReportPdf.Render(model, stream);
        stream.Position = 0;
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(stream);
        var one = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("Decisions asked", one, StringComparison.Ordinal);
        Assert.Contains("data platform team", one, StringComparison.Ordinal);
        Assert.Contains("due 2026-09-30", one, StringComparison.Ordinal);
        Assert.Contains("Since last month", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTopRiskOfSecurityRecordingsInTraining_ComesWithItsPathHopByHop()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CA")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train", transform: "anonymize", job: "anon")
            .Batch("W1", "dlp", "1.0", "raw", "2026-06-02");
        await world.ScanAsync("2026-08-31");

        var model = await Builder(world).BuildAsync(August, await ReportText.LoadAsync(Path.Combine(AppContext.BaseDirectory, "templates", ReportService.ReportTextFile)));

        var path = Assert.Single(model.Summary.TopPaths!, p => p.Rule == RuleCode.R1);
        Assert.Equal(["raw", "train"], path.Steps.Select(s => s.Dataset.Split('/')[^1]));
        Assert.Equal(("jobs/anon", "anonymize"), (path.Steps[1].Job, path.Steps[1].Transform));
        Assert.Null(path.Steps[0].Job);
        Assert.False(path.Commercial);
    }

    private static MonthlyReportBuilder Builder(ScanWorld world) => new(world.Database, new ScanHistory(world.Database),
        new Audit.Service.Planning.PlanService(world.Database, new ScanHistory(world.Database), new Scanning.ExposureTable(world.Database, world.Importer, Options()),
            new Audit.Service.Planning.RemedyTable(Options()), Options()),
        Options(), new Audit.Service.Disclosures.DisclosureService(world.Database, Options()));

    private static Microsoft.Extensions.Options.IOptions<Configuration.AuditOptions> Options() =>
        Microsoft.Extensions.Options.Options.Create(new Configuration.AuditOptions { TemplatesPath = ScanWorld.TemplatesPath });
}
