using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>How findings are priced from the exposure table (templates/exposure-theories.csv, seeded by the first scan).</summary>
public sealed class ScanExposureTests
{
    /// <summary>A security-only DLP config whose data reaches a training set: R1, R2 and R8 for every worker given.</summary>
    private static ScanWorld SecurityLeak(params (string Id, string Country, string? Subdivision)[] workers)
    {
        var world = new ScanWorld()
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;screenshots")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train");
        foreach (var (id, country, subdivision) in workers)
        {
            world.Worker(id, country, subdivision).Batch(id, "dlp", "1.0", "raw", "2026-03-02");
        }

        return world;
    }

    [Fact]
    public async Task Scan_EveryExposureLine_NamesATheoryOfTheTableWithItsCitation()
    {
        using var world = SecurityLeak(("W1", "DE", "DE-BE"), ("W2", "US", "US-IL"), ("W3", "US", "US-CA"), ("W4", "US", "US-NY"));

        var result = await world.ScanAsync();

        var table = (await world.QueryAsync<(string TheoryId, string Citation)>("SELECT TheoryId, Citation FROM ExposureTheory")).ToDictionary(t => t.TheoryId, t => t.Citation);
        var lines = result.ExposureLines.Concat(result.Findings.SelectMany(f => f.ExposureLines)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            Assert.True(table.TryGetValue(l.TheoryId, out var citation), $"{l.TheoryId} is not in the exposure table");
            Assert.False(string.IsNullOrWhiteSpace(citation));
            Assert.Equal(citation, l.Citation);
        });
        Assert.Equal(["BIPA-20", "CCPA-155", "GDPR-83-4", "GDPR-83-5", "NY-52C"], result.ExposureLines.Select(l => l.TheoryId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scan_TwoGdprFindingsOfEuWorkers_CountTheGdprCapOnce()
    {
        using var world = SecurityLeak(("W1", "DE", "DE-BE"), ("W2", "FR", null));

        var result = await world.ScanAsync();

        // R1 and R2 each trigger Art. 83(5) on their own; R8 triggers 83(4), bounded under the same cap.
        Assert.Contains(result.Of(RuleCode.R1).Single().ExposureLines, l => l.TheoryId == "GDPR-83-5" && l.High == 200_000_000m);
        Assert.Contains(result.Of(RuleCode.R2).Single().ExposureLines, l => l.TheoryId == "GDPR-83-5" && l.High == 200_000_000m);
        var gdpr = result.ExposureLines.Where(l => l.TheoryId.StartsWith("GDPR", StringComparison.Ordinal)).ToList();
        var art835 = Assert.Single(gdpr, l => l.TheoryId == "GDPR-83-5");
        // 4% of USD 5bn turnover, converted to EUR and back: the cap, once.
        Assert.Equal((5_000_000m, 200_000_000m), (art835.Low, art835.High));
        Assert.All(gdpr.Where(l => l.TheoryId != "GDPR-83-5"), l => Assert.True(l.Capped && l.High == 0));
        Assert.Equal(200_000_000m, result.Exposure.High);
        Assert.Equal(result.ExposureLines.Sum(l => l.High), result.Exposure.High);
    }

    [Fact]
    public async Task Scan_BipaIsPerIllinoisWorker_CountedOnceAcrossFindings()
    {
        using var world = SecurityLeak(("W1", "US", "US-IL"), ("W2", "US", "US-IL"), ("W3", "US", "US-IL"), ("W4", "US", "US-NY"));

        var result = await world.ScanAsync();

        // R1 and R2 both trigger BIPA for the same three people: repeated collection from one person counts once.
        var bipa = Assert.Single(result.ExposureLines, l => l.TheoryId == "BIPA-20");
        Assert.Equal((3m, 3_000m, 15_000m), (bipa.Units, bipa.Low, bipa.High));
        Assert.Equal(3m, Assert.Single(result.Of(RuleCode.R1).Single().ExposureLines, l => l.TheoryId == "BIPA-20").Units);
    }

    [Fact]
    public async Task Scan_EuroAmounts_ConvertedAtConfiguredRate()
    {
        using var world = SecurityLeak(("W1", "DE", "DE-BE"));

        // A turnover small enough that the fixed EUR 20M is the higher figure.
        var result = await world.ScanAsync(configure: o =>
        {
            o.GlobalAnnualTurnover = 100_000_000m;
            o.CurrencyRates["EUR"] = 1.2m;
        });

        var art835 = Assert.Single(result.ExposureLines, l => l.TheoryId == "GDPR-83-5");
        Assert.Equal(24_000_000m, art835.High);
        Assert.Equal(100_000m, art835.Low); // 0.1% of USD 100M, whichever currency it passes through
    }

    [Fact]
    public async Task Scan_TheoryEffectiveAfterAsOf_DoesNotApply()
    {
        // The AI Act's Art. 99(4) applies from 2026-08-02; an R9 finding of an EU worker before and after.
        using var world = new ScanWorld()
            .Worker("W1", "DE", "DE-BE", terminated: "2026-05-20", reason: "reduction_in_force")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var before = await world.ScanAsync("2026-07-31");
        var after = await world.ScanAsync("2026-10-31");

        Assert.Single(before.Of(RuleCode.R9));
        Assert.DoesNotContain(before.ExposureLines, l => l.TheoryId == "AIACT-99-4");
        Assert.Contains(after.ExposureLines, l => l.TheoryId == "AIACT-99-4");
        Assert.Contains(after.Of(RuleCode.R9).Single().ExposureLines, l => l.TheoryId == "AIACT-99-4");
    }
}
