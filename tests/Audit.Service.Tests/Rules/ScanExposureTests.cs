using Audit.Rules;
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
        // No BIPA: keystrokes and screenshots are no biometric identifier.
        Assert.Equal(["CCPA-155", "GDPR-83-4", "GDPR-83-5", "NY-52C"], result.ExposureLines.Select(l => l.TheoryId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShippedTable_EveryStatute_CitesItsOfficialTextWithAPinpoint_AndSaysWhenAndByWhomItWasLastVerified()
    {
        // A litigator checks a figure against the statute or regulation itself, not a law firm's summary, and needs
        // to know how old that check is. The one row that is no statute says so instead of pointing anywhere.
        using var world = SecurityLeak(("W1", "DE", "DE-BE"));
        await world.ScanAsync();

        var rows = (await world.QueryAsync<(string TheoryId, string Unit, string? PrimarySource, string? Pinpoint, string? VerifiedOn, string? VerifiedBy)>(
            "SELECT TheoryId, Unit, PrimarySource, Pinpoint, VerifiedOn, VerifiedBy FROM ExposureTheory")).ToList();
        Assert.True(rows.Count >= 9, $"the shipped table has {rows.Count} rows");
        string[] officialPublishers = ["eur-lex.europa.eu", "nysenate.gov", "cga.ct.gov", "delcode.delaware.gov", "ilga.gov", "leginfo.legislature.ca.gov"];
        string[] summarySites = ["gdprhub", "jdsupra", "self-law", "levyratner", "complianceposter", "reggi.ai", "gstride", "regulation-ai", "powerquant"];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.All(rows, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.PrimarySource), $"{r.TheoryId} has no primary source");
            Assert.False(string.IsNullOrWhiteSpace(r.Pinpoint), $"{r.TheoryId} has no pinpoint");
            Assert.False(string.IsNullOrWhiteSpace(r.VerifiedBy), $"{r.TheoryId} does not say who verified it");
            Assert.True(DateOnly.TryParse(r.VerifiedOn, out var verified) && verified <= today, $"{r.TheoryId} verified on '{r.VerifiedOn}'");
            Assert.DoesNotContain(summarySites, site => r.PrimarySource!.Contains(site, StringComparison.OrdinalIgnoreCase));
            if (r.Unit == ExposureUnits.ReplacementValue)
            {
                Assert.StartsWith("None: a litigation theory", r.PrimarySource, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(officialPublishers, host => r.PrimarySource!.Contains(host, StringComparison.Ordinal));
                Assert.Matches(@"(Art\.|§|14/)\s?\d", r.Pinpoint!);
            }
        });
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
        await world.ImportAsync();
        await world.ExecuteAsync("UPDATE CaptureConfig SET Capabilities = 'keystrokes;webcam'");

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
    public async Task Scan_LayoffBeforeAiActHighRiskDuties_NotPricedUnderThem()
    {
        // The AI Act's Art. 99(4) applies from 2026-08-02: to a layoff on 2026-09-15, not to one on 2026-05-20, whatever the scan date.
        using var world = new ScanWorld()
            .Worker("W1", "DE", "DE-BE", terminated: "2026-05-20", reason: "reduction_in_force")
            .Worker("W2", "FR", null, terminated: "2026-09-15", reason: "reduction_in_force")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W2", "rec", "1.0", "raw", "2026-07-06");

        var before = await world.ScanAsync("2026-07-31");
        var after = await world.ScanAsync("2026-10-31");

        Assert.DoesNotContain(before.ExposureLines, l => l.TheoryId == "AIACT-99-4");
        var mayLayoff = Assert.Single(after.Of(RuleCode.R9), f => f.Finding.SubjectKey == "2026-05-20");
        Assert.DoesNotContain(mayLayoff.ExposureLines, l => l.TheoryId == "AIACT-99-4");
        var septemberLayoff = Assert.Single(after.Of(RuleCode.R9), f => f.Finding.SubjectKey == "2026-09-15");
        var aiAct = Assert.Single(septemberLayoff.ExposureLines, l => l.TheoryId == "AIACT-99-4");
        Assert.Equal((new DateOnly(2026, 9, 15), new DateOnly(2026, 9, 15)), (aiAct.ConductFrom, aiAct.ConductTo));
    }

    [Fact]
    public async Task Scan_LaterRowOfASeries_ReplacesTheEarlierForLaterConduct()
    {
        // Two Connecticut workers trained on without any notice: W1's capture in March, W2's in July.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CT").Worker("W2", "US", "US-CT")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W2", "rec", "1.0", "raw", "2026-07-06");
        await world.ScanAsync();
        world.Theory("CT-TEST", "US-CT", "R2", "per_violation", 100m, 100m, "USD", effectiveFrom: "2000-01-01")
            .Theory("CT-TEST-2026", "US-CT", "R2", "per_violation", 1_000m, 1_000m, "USD", effectiveFrom: "2026-06-01", series: "CT-TEST");

        var result = await world.ScanAsync();

        var old = Assert.Single(result.ExposureLines, l => l.TheoryId == "CT-TEST");
        var amended = Assert.Single(result.ExposureLines, l => l.TheoryId == "CT-TEST-2026");
        Assert.Equal((1m, 100m, new DateOnly(2026, 3, 2)), (old.Units, old.High, old.ConductTo));
        Assert.Equal((1m, 1_000m, new DateOnly(2026, 7, 6)), (amended.Units, amended.High, amended.ConductFrom));
    }

    /// <summary>Three tools, each with its security notice, none acknowledged by W1 in New York: three findings of training without consent.</summary>
    private static ScanWorld ThreeUnnoticedTools(bool acknowledged = false)
    {
        var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Dataset("train", "training_dataset");
        foreach (var tool in new[] { "a", "b", "c" })
        {
            world.Tool(tool)
                .Config(tool, "1.0", purposes: "security", caps: "keystrokes")
                .Notice($"N-{tool}", purposes: "security", tool: tool, caps: "keystrokes")
                .Dataset($"{tool}-raw", "raw_capture")
                .Edge($"{tool}-raw", "train")
                .Batch("W1", tool, "1.0", $"{tool}-raw", "2026-03-02");
            if (acknowledged)
            {
                world.Ack("W1", $"N-{tool}", "2025-06-01");
            }
        }

        return world;
    }

    [Fact]
    public async Task Scan_NewYorkOffenses_LowIsOneFirstOffenseHighIsTheTierSum()
    {
        using var world = ThreeUnnoticedTools();

        var result = await world.ScanAsync();

        Assert.Equal(3, result.Of(RuleCode.R2).Count);
        var ny = Assert.Single(result.ExposureLines, l => l.TheoryId == "NY-52C");
        Assert.Equal((3m, 500m, 4_500m), (ny.Units, ny.Low, ny.High)); // 500 + 1,000 + 3,000
        Assert.All(result.Of(RuleCode.R2), f => Assert.Equal((500m, 500m), Assert.Single(f.ExposureLines, l => l.TheoryId == "NY-52C") is var l ? (l.Low, l.High) : default));
    }

    [Fact]
    public async Task Scan_WorkerAcknowledgedAMonitoringNotice_TrainingWithoutConsentTriggersNoNoticeStatute()
    {
        using var world = ThreeUnnoticedTools(acknowledged: true);

        var result = await world.ScanAsync();

        Assert.Equal(3, result.Of(RuleCode.R2).Count);
        Assert.DoesNotContain(result.ExposureLines, l => l.TheoryId == "NY-52C");
    }

    [Theory]
    [InlineData("keystrokes")]
    [InlineData("keystrokes;screenshots")]
    public async Task Scan_ConfigWithoutWebcamOrAudio_NeverTriggersBipa(string caps)
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-IL")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: caps)
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R2));
        Assert.DoesNotContain(result.ExposureLines, l => l.TheoryId == "BIPA-20");
    }

    [Fact]
    public async Task Scan_OneBatchUnderR2R3AndR4_IsOneViolationPerStatute()
    {
        // A Californian's March batch: no consent at capture (R2), consent came later (R3), and it still reached
        // training after an opt-out that withdrew past data (R4). One act, one CCPA violation.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CA")
            .Program("pilot")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "pilot")
            .Notice("N-ai", purposes: "ai_training", program: "pilot", optOut: true)
            .Ack("W1", "N-ai", "2026-04-01")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .OptOut("W1", "pilot", "2026-05-01", scope: "including_past");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R2));
        Assert.Single(result.Of(RuleCode.R3));
        Assert.Single(result.Of(RuleCode.R4));
        var ccpa = Assert.Single(result.ExposureLines, l => l.TheoryId == "CCPA-155");
        Assert.Equal((1m, 2_663m, 7_988m), (ccpa.Units, ccpa.Low, ccpa.High));
    }

    /// <summary>A Californian and a Delawarean, each with two batches captured without any notice or consent that reach training.</summary>
    private static ScanWorld TwoBatchesEachWithoutNotice() => new ScanWorld()
        .Worker("W-CA", "US", "US-CA").Worker("W-DE", "US", "US-DE")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "productivity")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train")
        .Batch("W-CA", "rec", "1.0", "raw", "2026-03-02").Batch("W-CA", "rec", "1.0", "raw", "2026-03-03")
        .Batch("W-DE", "rec", "1.0", "raw", "2026-03-02").Batch("W-DE", "rec", "1.0", "raw", "2026-03-03");

    [Fact]
    public async Task Scan_WorkerWithTwoBatchesCapturedWithoutConsent_IsTwoViolations_UnderCcpaAndDelaware()
    {
        using var world = TwoBatchesEachWithoutNotice();

        var result = await world.ScanAsync();

        // domain.md: one act is one batch; two batches held against a worker are two per-violation counts.
        var ccpa = Assert.Single(result.ExposureLines, l => l.TheoryId == "CCPA-155");
        Assert.Equal((2m, 2 * 2_663m, 2 * 7_988m), (ccpa.Units, ccpa.Low, ccpa.High));
        var delaware = Assert.Single(result.ExposureLines, l => l.TheoryId == "DE-705");
        Assert.Equal((2m, 200m, 200m), (delaware.Units, delaware.Low, delaware.High));
    }

    [Fact]
    public async Task Scan_DelawareCountsOnlyTheBatchesCapturedBeforeAnyMonitoringNotice()
    {
        // A notice names the capture (so nothing is captured beyond it: no R8) but not AI training; W-DE acknowledges it
        // between the two batches. R2 holds both batches; Delaware's notice statute only the one before any notice.
        using var world = TwoBatchesEachWithoutNotice()
            .Notice("N-mon", purposes: "productivity", tool: "rec", caps: "keystrokes")
            .Ack("W-DE", "N-mon", "2026-03-02T12:00:00Z");

        var result = await world.ScanAsync();

        Assert.Equal(4L, Assert.Single(result.Of(RuleCode.R2)).Finding.Batches);
        Assert.Equal(1m, Assert.Single(result.ExposureLines, l => l.TheoryId == "DE-705").Units);
    }

    [Fact]
    public async Task Scan_TwoBatchesHeldUnderR2AndR3_AreTwoViolations_NotFour()
    {
        // Two March batches without consent (R2); consent came in April, so both were captured before it (R3).
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CA")
            .Program("pilot")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "pilot")
            .Notice("N-ai", purposes: "ai_training", program: "pilot", optOut: true)
            .Ack("W1", "N-ai", "2026-04-01")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-09");

        var result = await world.ScanAsync();

        Assert.Equal(2L, Assert.Single(result.Of(RuleCode.R2)).Finding.Batches);
        Assert.Equal(2L, Assert.Single(result.Of(RuleCode.R3)).Finding.Batches);
        Assert.Equal(2m, Assert.Single(result.ExposureLines, l => l.TheoryId == "CCPA-155").Units);
        // Each finding alone: its own two.
        Assert.Equal(2m, Assert.Single(result.Of(RuleCode.R3).Single().ExposureLines, l => l.TheoryId == "CCPA-155").Units);
    }

    [Fact]
    public async Task Scan_ConnecticutOffenses_CountInTiers_FirstSecondThenLater()
    {
        // Three findings of training without any notice for a Connecticut worker (three tools), before the 2026-10 row.
        var world = new ScanWorld()
            .Worker("W1", "US", "US-CT")
            .Dataset("train", "training_dataset");
        foreach (var tool in new[] { "a", "b", "c" })
        {
            // Each tool's notice names its capture, unacknowledged: R2 for each tool, nothing beyond notice (no R8).
            world.Tool(tool).Config(tool, "1.0", purposes: "security", caps: "keystrokes").Notice($"N-{tool}", purposes: "security", tool: tool, caps: "keystrokes")
                .Dataset($"{tool}-raw", "raw_capture").Edge($"{tool}-raw", "train")
                .Batch("W1", tool, "1.0", $"{tool}-raw", "2026-03-02").Batch("W1", tool, "1.0", $"{tool}-raw", "2026-03-03");
        }

        using (world)
        {
            var result = await world.ScanAsync();

            // Offenses, not heads or batches: three findings are three offenses (six batches), 500 + 1,000 + 3,000 at most.
            Assert.Equal(3, result.Of(RuleCode.R2).Count);
            var ct = Assert.Single(result.ExposureLines, l => l.TheoryId == "CT-31-48D");
            Assert.Equal((3m, 500m, 4_500m), (ct.Units, ct.Low, ct.High));
        }
    }

    [Fact]
    public async Task Scan_TrajectoryGradeFinding_TriggersNoStatute()
    {
        using var world = new ScanWorld()
            .Worker("W1", "DE", "DE-BE")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;ui_hierarchy;screenshots")
            .Notice("N1", purposes: "security", tool: "dlp", caps: "keystrokes;ui_hierarchy;screenshots")
            .Dataset("raw", "raw_capture")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var trajectory = Assert.Single(result.Of(RuleCode.R8, "config-trajectory-grade"));
        Assert.Empty(trajectory.ExposureLines);
        Assert.Empty(result.ExposureLines);
    }

    /// <summary>W1's ten active hours in March go into a commercial model with no agreement.</summary>
    private static ScanWorld TenUncompensatedHours() => new ScanWorld()
        .Worker("W1", "US", "US-TX")
        .Program("mci")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Notice("N-ai", purposes: "ai_training", program: "mci", optOut: true)
        .Ack("W1", "N-ai", "2025-06-01")
        .Dataset("raw", "raw_capture")
        .Dataset("agent-model", "model", commercial: true)
        .Edge("raw", "agent-model")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-01", to: "2026-03-11", minutes: 600);

    [Fact]
    public async Task Scan_ReplacementValueHighMultiple_ComesFromTheExposureTableRow()
    {
        using var world = TenUncompensatedHours();
        await world.ScanAsync();
        world.Theory("WAGE-UNCOMP", "ANY", "R7", "replacement_value", 1m, 5m, "USD");

        var result = await world.ScanAsync(configure: o => o.BenchmarkHighMultiple = 3m);

        var finding = Assert.Single(result.Of(RuleCode.R7));
        var wage = Assert.Single(finding.ExposureLines, l => l.TheoryId == "WAGE-UNCOMP");
        Assert.Equal((400m, 2_000m), (wage.Low, wage.High));
        Assert.Equal(2_000m, finding.Evidence()["replacementValueHigh"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Scan_BenchmarkHighMultipleSetting_SeedsTheReplacementValueRow()
    {
        using var world = TenUncompensatedHours();

        var result = await world.ScanAsync(configure: o => o.BenchmarkHighMultiple = 4m);

        var wage = Assert.Single(Assert.Single(result.Of(RuleCode.R7)).ExposureLines, l => l.TheoryId == "WAGE-UNCOMP");
        Assert.Equal((400m, 1_600m), (wage.Low, wage.High));
        Assert.Equal([4m], await world.QueryAsync<decimal>("SELECT HighAmount FROM ExposureTheory WHERE TheoryId = 'WAGE-UNCOMP'"));
    }

    [Fact]
    public async Task Scan_ExposureLine_CarriesTheConductDatesItCovers()
    {
        using var world = SecurityLeak(("W1", "US", "US-CA"));
        world.Batch("W1", "dlp", "1.0", "raw", "2026-05-04");

        var result = await world.ScanAsync();

        var ccpa = Assert.Single(result.ExposureLines, l => l.TheoryId == "CCPA-155");
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 4)), (ccpa.ConductFrom, ccpa.ConductTo));
    }

    [Fact]
    public async Task Import_ExposureAmounts_StoredExactly()
    {
        using var world = SecurityLeak(("W1", "US", "US-CA"));
        await world.ScanAsync();
        world.Theory("CCPA-155", "US-CA", "R2;R3;R4;R5", "per_violation", 2_663.45m, 7_988.1234m, "USD", effectiveFrom: "2025-01-01");
        await world.ImportAsync();

        var stored = await world.QueryAsync<(string Low, string High)>("SELECT CAST(LowAmount AS TEXT), CAST(HighAmount AS TEXT) FROM ExposureTheory WHERE TheoryId = 'CCPA-155'");

        Assert.Equal(("2663.45", "7988.1234"), Assert.Single(stored));
    }

    [Fact]
    public async Task Scan_ExposureByConfidence_GradeCIsWhatTheLitigationTheoryAdds_AndThePartsAddUpToTheTotal()
    {
        // Security recordings of a Californian worker go into a commercial model nobody was paid for: R1, R2 and R8
        // price under statutes (CCPA, grade B), R7 under the wage-claim theory (grade C).
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-CA")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;screenshots")
            .Dataset("raw", "raw_capture")
            .Dataset("agent-model", "model", commercial: true)
            .Edge("raw", "agent-model")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-01", to: "2026-03-11", minutes: 600);

        var result = await world.ScanAsync();

        var wage = Assert.Single(result.ExposureLines, l => l.TheoryId == "WAGE-UNCOMP");
        Assert.Equal(Confidence.C, wage.Confidence);
        Assert.All(result.ExposureLines.Where(l => l.TheoryId != "WAGE-UNCOMP"), l => Assert.NotEqual(Confidence.C, l.Confidence));
        var statutes = result.ExposureLines.Where(l => l.Confidence != Confidence.C).ToList();
        Assert.NotEmpty(statutes);
        Assert.Equal((statutes.Sum(l => l.Low), statutes.Sum(l => l.High)), (result.Grounded.Low, result.Grounded.High));
        Assert.Equal((result.Grounded.Low + wage.Low, result.Grounded.High + wage.High), (result.Exposure.Low, result.Exposure.High));

        // The scan record keeps the split: the reports read it back, naming what grade C rests on.
        var stored = Audit.Service.Records.ScanSummary.FromJson(Assert.Single(await world.QueryAsync<string>("SELECT Summary FROM ScanRun")));
        var grades = stored.Grades(new Dictionary<string, string> { ["WAGE-UNCOMP"] = "wage-claim theory" });
        Assert.NotNull(grades);
        Assert.Equal((wage.Low, wage.High), (grades.GradeCLow, grades.GradeCHigh));
        Assert.Equal((result.Exposure.Low, result.Exposure.High), (grades.TotalLow, grades.TotalHigh));
        Assert.Equal(["WAGE-UNCOMP: wage-claim theory"], grades.GradeCTheories);
        Assert.Equal(wage.Low / result.Exposure.Low, grades.GradeCShareOfLow);
    }

    [Fact]
    public async Task Scan_ExposureByConfidence_ACapOnGradeAIsGrounded_AndNothingRestsOnGradeC()
    {
        using var world = SecurityLeak(("W1", "DE", "DE-BE"), ("W2", "FR", null));

        var result = await world.ScanAsync();

        Assert.Equal(result.Exposure, result.Grounded);
        Assert.Equal(ExposureRange.Zero, result.Exposure.Subtract(result.Grounded));
    }

    [Fact]
    public async Task Scan_ExposureByConfidence_OnlyTheWageTheory_IsAllGradeC()
    {
        using var world = TenUncompensatedHours();

        var result = await world.ScanAsync();

        Assert.Equal(ExposureRange.Zero, result.Grounded);
        Assert.True(result.Exposure.High > 0);
    }
}
