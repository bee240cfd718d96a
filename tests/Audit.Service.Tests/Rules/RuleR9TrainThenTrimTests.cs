using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R9: let go in a reduction in force soon after their work trained a model; a layoff soon after an AI announcement.</summary>
public sealed class RuleR9TrainThenTrimTests
{
    /// <summary>W1's last capture into training is on <paramref name="lastCapture"/>; the RIF of 2026-05-20 lets them go.</summary>
    private static ScanWorld LetGo(string lastCapture, string reason = "reduction_in_force") => LetGoWithoutEvent(lastCapture, reason)
        .Event("RIF-1", "reduction_in_force", announced: "2026-05-01", effective: "2026-05-20");

    /// <summary>The same, before the workforce event behind the termination has been imported.</summary>
    private static ScanWorld LetGoWithoutEvent(string lastCapture, string reason = "reduction_in_force") => new ScanWorld()
        .Worker("W1", "US", "US-NY", terminated: "2026-05-20", reason: reason)
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train")
        .Batch("W1", "rec", "1.0", "raw", lastCapture);

    [Fact]
    public async Task Scan_RifWithinDefaultWindowOfLastContribution_Flags()
    {
        using var world = LetGo(lastCapture: "2026-03-02"); // captured to 03-03: 78 days before

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R9, "reduction-in-force"));
        Assert.Equal("2026-05-20", finding.Finding.SubjectKey);
        Assert.StartsWith("RIF-1 ", finding.Evidence()["workforceEvent"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(finding));
        Assert.Equal(180, finding.Evidence()["windowDays"]!.GetValue<int>());
        Assert.Equal(78m, finding.Evidence()["averageDaysFromLastContributionToTermination"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Scan_RifBeyondWindow_NotFlagged()
    {
        using var world = LetGo(lastCapture: "2025-10-01"); // 230 days before

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R9, "reduction-in-force"));
    }

    [Theory]
    [InlineData("2026-03-02", 60, false)]
    [InlineData("2025-10-01", 365, true)]
    public async Task Scan_CustomWindowFromOptions_IsUsed(string lastCapture, int windowDays, bool flagged)
    {
        using var world = LetGo(lastCapture);

        var result = await world.ScanAsync(configure: o => o.ReductionInForceWindowDays = windowDays);

        Assert.Equal(flagged, result.Of(RuleCode.R9, "reduction-in-force").Count == 1);
    }

    [Fact]
    public async Task Scan_VoluntaryTermination_NotFlagged()
    {
        using var world = LetGo(lastCapture: "2026-03-02", reason: "voluntary");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R9, "reduction-in-force"));
    }

    [Fact]
    public async Task Scan_RifAnnouncedWithinWindowAfterAiInvestment_Flags()
    {
        using var world = LetGo(lastCapture: "2026-03-02")
            .Event("AI-1", "ai_investment_announcement", announced: "2026-02-26");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R9, "workforce-event-after-ai"));
        Assert.Equal("RIF-1", finding.Finding.SubjectKey);
        Assert.Contains("64 days after", finding.Finding.Title, StringComparison.Ordinal);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(finding));
    }

    [Fact]
    public async Task Scan_RifAnnouncedWithinWindowBeforeAiInvestment_Flags()
    {
        // Either side: the layoff first, the AI announcement six weeks later.
        using var world = LetGo(lastCapture: "2026-03-02")
            .Event("AI-1", "ai_investment_announcement", announced: "2026-06-12");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R9, "workforce-event-after-ai"));
        Assert.Equal("RIF-1", finding.Finding.SubjectKey);
    }

    [Fact]
    public async Task Scan_RifLongAfterAiInvestment_NotFlagged()
    {
        using var world = LetGo(lastCapture: "2026-03-02")
            .Event("AI-1", "ai_investment_announcement", announced: "2025-06-01");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R9, "workforce-event-after-ai"));
    }

    [Fact]
    public async Task Scan_SeveralAiAnnouncements_TitleCountsFromTheNearestOne()
    {
        // Imported newest first: the read order is not the date order.
        using var world = LetGo(lastCapture: "2026-03-02")
            .Event("AI-2", "ai_investment_announcement", announced: "2026-04-01")
            .Event("AI-1", "ai_investment_announcement", announced: "2026-01-10");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R9, "workforce-event-after-ai"));
        Assert.Contains("30 days after", finding.Finding.Title, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc), finding.Finding.FirstSeen);
    }

    [Fact]
    public async Task Scan_RifEventImportedAfterTheFirstScan_FindingKeepsItsIdentity()
    {
        using var world = LetGoWithoutEvent(lastCapture: "2026-03-02");
        var before = Assert.Single((await world.ScanAsync()).Of(RuleCode.R9));

        world.Event("RIF-1", "reduction_in_force", announced: "2026-05-01", effective: "2026-05-20");
        var after = await world.ScanAsync();

        var finding = Assert.Single(after.Of(RuleCode.R9));
        Assert.Equal(before.Finding.Key, finding.Finding.Key);
        Assert.Equal(ChangeState.Persisting, finding.Change);
        Assert.StartsWith("RIF-1 ", finding.Evidence()["workforceEvent"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
