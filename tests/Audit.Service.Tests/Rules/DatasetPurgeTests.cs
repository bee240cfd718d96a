using Audit.Reports.Models;
using Audit.Rules;
using Audit.Service.Scanning;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// A dataset recorded as purged is seen by the next scan (issue 23, item 5): the scan says where each finding's data is
/// still held. A purge deletes what the training set or model held by the end of its day; data that arrives after it is
/// held again; a model trained on a purged set still holds the data until it is itself recorded purged; and a purge
/// changes where the data is, never what was done with it (past conduct stays).
/// </summary>
public sealed class DatasetPurgeTests
{
    private const string Train = ScanWorld.Ns + "/train";
    private const string Model = ScanWorld.Ns + "/model";

    /// <summary>W1's recordings go into a training set and on into a model; W1 never consented, so R2 holds every batch.</summary>
    private static ScanWorld Recorder(string edgeFirstSeen = "2025-01-01", string optOut = "self_service") => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("pilot", optOut: optOut)
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", caps: "keystrokes", program: "pilot")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Dataset("model", "model")
        .Edge("raw", "train", firstSeen: edgeFirstSeen)
        .Edge("train", "model", firstSeen: edgeFirstSeen);

    private static IReadOnlyDictionary<string, DataHolding> HeldBy(ScanResult result, ScannedFinding finding) =>
        result.DataHeld[finding.Finding.Key].ToDictionary(h => h.Dataset, StringComparer.Ordinal);

    [Fact]
    public async Task PurgingTheTrainingSet_LeavesTheDataInTheModelTrainedOnIt_AndTheFindingAsItWas()
    {
        using var plain = Recorder().Batch("W1", "rec", "1.0", "raw", "2026-03-02");
        using var purged = Recorder().Batch("W1", "rec", "1.0", "raw", "2026-03-02").Purge("train", "2026-04-01", "DP-1");

        var before = await plain.ScanAsync();
        var after = await purged.ScanAsync();

        var finding = Assert.Single(after.Of(RuleCode.R2));
        var held = HeldBy(after, finding);
        Assert.False(held[Train].StillHeld);
        Assert.Equal(new DateOnly(2026, 4, 1), held[Train].PurgedOn);
        Assert.Equal("DP-1", held[Train].PurgeReference);
        Assert.True(held[Model].StillHeld);
        Assert.Null(held[Model].PurgedOn);
        Assert.All(HeldBy(before, Assert.Single(before.Of(RuleCode.R2))).Values, h => Assert.True(h.StillHeld));

        // Past conduct stays: the same acts, the same workers, the same exposure.
        var was = Assert.Single(before.Of(RuleCode.R2));
        Assert.Equal(was.Finding.Batches, finding.Finding.Batches);
        Assert.Equal(was.Exposure, finding.Exposure);
        Assert.Equal(before.Exposure, after.Exposure);
    }

    [Fact]
    public async Task PurgingTheSetAndDeletingTheModel_LeavesTheDataHeldNowhere()
    {
        using var world = Recorder().Batch("W1", "rec", "1.0", "raw", "2026-03-02").Purge("train", "2026-04-01").Purge("model", "2026-04-02");

        var result = await world.ScanAsync();

        Assert.All(HeldBy(result, Assert.Single(result.Of(RuleCode.R2))).Values, h => Assert.False(h.StillHeld));
    }

    [Fact]
    public async Task DataArrivingAfterThePurge_IsHeldAgain()
    {
        using var world = Recorder()
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-05-04")
            .Purge("train", "2026-04-01")
            .Purge("model", "2026-04-01");

        var result = await world.ScanAsync();

        var held = HeldBy(result, Assert.Single(result.Of(RuleCode.R2)));
        Assert.True(held[Train].StillHeld);
        Assert.True(held[Model].StillHeld);
        Assert.Equal(new DateOnly(2026, 4, 1), held[Train].PurgedOn);
    }

    [Fact]
    public async Task DataCapturedBeforeThePurge_ThatAPathFormedLaterCarriedIn_IsHeld()
    {
        // Captured in March, but the pipeline into training first ran in June: the data arrived after the April purge.
        using var world = Recorder(edgeFirstSeen: "2026-06-01").Batch("W1", "rec", "1.0", "raw", "2026-03-02").Purge("train", "2026-04-01");

        var result = await world.ScanAsync();

        Assert.True(HeldBy(result, Assert.Single(result.Of(RuleCode.R2)))[Train].StillHeld);
    }

    [Fact]
    public async Task AScanAsOfADayBeforeThePurge_DoesNotSeeIt()
    {
        using var world = Recorder().Batch("W1", "rec", "1.0", "raw", "2026-03-02").Purge("train", "2026-04-01");

        var result = await world.ScanAsync("2026-03-31");

        var held = HeldBy(result, Assert.Single(result.Of(RuleCode.R2)));
        Assert.True(held[Train].StillHeld);
        Assert.Null(held[Train].PurgedOn);
    }

    [Fact]
    public async Task AFindingAboutNoData_HoldsNone()
    {
        // R5 judges the program's opt-out, not a batch: there is nothing of it to purge.
        using var world = Recorder(optOut: "none").Batch("W1", "rec", "1.0", "raw", "2026-03-02").Purge("train", "2026-04-01");

        var result = await world.ScanAsync();

        Assert.All(result.Findings.Where(f => f.Finding.Rule is RuleCode.R5 or RuleCode.R9 or RuleCode.R8), f => Assert.False(result.DataHeld.ContainsKey(f.Finding.Key)));
        Assert.Contains(result.Findings, f => f.Finding.Rule == RuleCode.R5);
    }
}
