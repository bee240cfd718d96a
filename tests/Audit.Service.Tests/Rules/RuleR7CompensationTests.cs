using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R7: uncompensated work in a commercial model, pro rata over the agreements' periods.</summary>
public sealed class RuleR7CompensationTests
{
    /// <summary>W1's ten days of capture (2026-03-01 to 03-11, 10 active hours) go into a commercial model.</summary>
    private static ScanWorld TenHoursIntoModel(bool commercial = true) => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("mci")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Dataset("raw", "raw_capture")
        .Dataset("agent-model", "model", commercial: commercial)
        .Edge("raw", "agent-model")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-01", to: "2026-03-11", minutes: 600);

    [Fact]
    public async Task Scan_AgreementCoversHalfTheWindow_RestIsGapProRata()
    {
        // Covers 03-01 to 03-05 inclusive: five of the ten days, so five of the ten hours are uncompensated.
        using var world = TenHoursIntoModel().Agreement("A1", "W1", "mci", from: "2026-03-01", to: "2026-03-05");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R7));
        var evidence = finding.Evidence();
        Assert.Equal(5.0m, evidence["uncompensatedHours"]!.GetValue<decimal>());
        Assert.Equal(200m, evidence["replacementValueLow"]!.GetValue<decimal>());
        Assert.Equal(600m, evidence["replacementValueHigh"]!.GetValue<decimal>());
        Assert.Equal(1, evidence["compensatedContributors"]!.GetValue<int>());
        Assert.Contains("batches only partly covered by an agreement: 1", finding.Counts(), StringComparison.Ordinal);
        var wage = Assert.Single(finding.ExposureLines, l => l.TheoryId == "WAGE-UNCOMP");
        Assert.Equal((200m, 600m), (wage.Low, wage.High));
    }

    [Fact]
    public async Task Scan_NoAgreement_WholeWindowIsGapAtBenchmarkRate()
    {
        using var world = TenHoursIntoModel();

        var result = await world.ScanAsync(configure: o => o.BenchmarkHourlyRate = 50m);

        var evidence = Assert.Single(result.Of(RuleCode.R7)).Evidence();
        Assert.Equal(10.0m, evidence["uncompensatedHours"]!.GetValue<decimal>());
        Assert.Equal(500m, evidence["replacementValueLow"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Scan_AgreementCoversWholeWindow_NoFinding()
    {
        using var world = TenHoursIntoModel().Agreement("A1", "W1", "mci", from: "2026-01-01", to: null);

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R7));
    }

    [Fact]
    public async Task Scan_DataReachesOnlyInternalModel_NoCompensationGap()
    {
        using var world = TenHoursIntoModel(commercial: false);

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R7));
    }
}
