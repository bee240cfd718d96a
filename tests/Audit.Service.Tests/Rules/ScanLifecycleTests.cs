using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>What a scan knows as of a date, how findings keep their identity across scans, and that a failed scan changes nothing.</summary>
public sealed class ScanLifecycleTests
{
    /// <summary>Two security-only DLP tools, each landing W1's data in its own raw store; both stores feed one training set.</summary>
    internal static ScanWorld TwoLeaks(string edgeBFirstSeen = "2025-01-01") => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Tool("dlpA").Tool("dlpB")
        .Config("dlpA", "1.0", purposes: "security")
        .Config("dlpB", "1.0", purposes: "security")
        .Dataset("rawA", "raw_capture")
        .Dataset("rawB", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("rawA", "train")
        .Edge("rawB", "train", firstSeen: edgeBFirstSeen)
        .Batch("W1", "dlpA", "1.0", "rawA", "2026-03-02")
        .Batch("W1", "dlpB", "1.0", "rawB", "2026-03-02");

    internal const string KeyR1B = "R1:dataset:s3://test/rawB";
    private const string KeyR2B = "R2:config:dlpB 1.0";

    [Fact]
    public async Task Scan_EdgeFirstSeenAfterAsOf_IsIgnored()
    {
        using var world = TwoLeaks(edgeBFirstSeen: "2026-06-01");

        var before = await world.ScanAsync("2026-05-31");
        var after = await world.ScanAsync("2026-06-30");

        Assert.DoesNotContain(KeyR1B, before.Keys());
        Assert.DoesNotContain(KeyR2B, before.Keys());
        Assert.Contains(KeyR1B, after.Keys());
    }

    [Fact]
    public async Task Scan_EarlierAsOfSeesFewer_LaterScanMarksTheRestNew()
    {
        using var world = TwoLeaks(edgeBFirstSeen: "2026-06-01");

        var earlier = await world.ScanAsync("2026-05-31");
        var later = await world.ScanAsync("2026-06-30");

        Assert.True(earlier.Findings.Count < later.Findings.Count);
        Assert.All(later.Findings, f => Assert.Equal(earlier.Keys().Contains(f.Finding.Key) ? ChangeState.Persisting : ChangeState.New, f.Change));
        Assert.Equal(
            new HashSet<string>([KeyR1B, KeyR2B]),
            later.Findings.Where(f => f.Change == ChangeState.New).Select(f => f.Finding.Key).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(1, later.Rules.Single(r => r.Rule == RuleCode.R1).New);
    }

    [Fact]
    public async Task Scan_OfThePastAfterANewerScan_LeavesLiveFindingsAlone()
    {
        using var world = TwoLeaks(edgeBFirstSeen: "2026-06-01");
        await world.ScanAsync("2026-06-30");

        var history = await world.ScanAsync("2026-05-31");

        Assert.False(history.UpdatedLiveFindings);
        Assert.Equal([1L], await world.QueryAsync<long>("SELECT IsActive FROM Finding WHERE FindingKey = @Key", new { Key = KeyR1B }));
    }

    [Fact]
    public async Task Scan_TwiceOverUnchangedData_NothingNewNothingResolved()
    {
        using var world = TwoLeaks();

        var first = await world.ScanAsync();
        var second = await world.ScanAsync();

        Assert.Equal(first.Keys(), second.Keys());
        Assert.All(second.Findings, f => Assert.Equal(ChangeState.Persisting, f.Change));
        Assert.All(second.Rules, r => Assert.Equal((0, 0), (r.New, r.Resolved)));
    }

    [Fact]
    public async Task Scan_AfterRemovingOneOffendingEdge_ResolvesExactlyTheFindingsThatDependedOnIt()
    {
        using var world = TwoLeaks();
        var first = await world.ScanAsync();

        await world.ExecuteAsync("DELETE FROM LineageEdge WHERE SourceDatasetId = (SELECT DatasetId FROM Dataset WHERE Name = 'rawB')");
        var second = await world.ScanAsync();

        var gone = first.Keys().Except(second.Keys()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(new HashSet<string>([KeyR1B, KeyR2B]), gone);
        Assert.Empty(second.Keys().Except(first.Keys()));
        Assert.Equal(1, second.Rules.Single(r => r.Rule == RuleCode.R1).Resolved);
        Assert.Equal(1, second.Rules.Single(r => r.Rule == RuleCode.R2).Resolved);
        var resolvedRows = await world.QueryAsync<string>("SELECT FindingKey FROM ScanFinding WHERE ScanId = @ScanId AND Change = 'resolved'", new { second.ScanId });
        Assert.Equal(gone, resolvedRows.ToHashSet(StringComparer.Ordinal));
        var inactive = await world.QueryAsync<string>("SELECT FindingKey FROM Finding WHERE IsActive = 0 AND ResolvedScanId = @ScanId", new { second.ScanId });
        Assert.Equal(gone, inactive.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scan_ComplianceOfficerStatus_SurvivesRescanAndResolution()
    {
        using var world = TwoLeaks();
        await world.ScanAsync();
        await world.ExecuteAsync(
            "INSERT INTO FindingStatusChange (FindingKey, Status, ChangedBy, ChangedAt, Note) VALUES (@Key, 'remediating', 'officer', '2026-11-01 09:00:00', 'export job being switched off')",
            new { Key = KeyR1B });
        await world.ExecuteAsync("UPDATE Finding SET Status = 'remediating' WHERE FindingKey = @Key", new { Key = KeyR1B });

        await world.ScanAsync();
        Assert.Equal(["remediating"], await world.QueryAsync<string>("SELECT Status FROM Finding WHERE FindingKey = @Key", new { Key = KeyR1B }));

        await world.ExecuteAsync("DELETE FROM LineageEdge WHERE SourceDatasetId = (SELECT DatasetId FROM Dataset WHERE Name = 'rawB')");
        await world.ScanAsync();
        Assert.Equal(["remediating"], await world.QueryAsync<string>("SELECT Status FROM Finding WHERE FindingKey = @Key", new { Key = KeyR1B }));
        var history = await world.QueryAsync<string>("SELECT Status || '/' || ChangedBy FROM FindingStatusChange WHERE FindingKey = @Key ORDER BY ChangeId", new { Key = KeyR1B });
        Assert.Equal(["open/scan", "remediating/officer"], history);
    }

    [Fact]
    public async Task Scan_FailingMidway_LeavesPreviousResultsAsTheyWere()
    {
        using var world = TwoLeaks();
        await world.ScanAsync();
        var before = await FingerprintAsync(world);

        // A changed world that a successful scan would record, and a theory priced in a currency with no rate: the scan throws after reading.
        await world.ExecuteAsync("DELETE FROM LineageEdge WHERE SourceDatasetId = (SELECT DatasetId FROM Dataset WHERE Name = 'rawB')");
        world.Theory("NO-RATE", "ANY", "R1", "per_offense", 1m, 2m, "JPY");
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.ScanAsync());

        Assert.Equal(before, await FingerprintAsync(world));
        Assert.Equal(["succeeded", "failed"], await world.QueryAsync<string>("SELECT Status FROM ScanRun ORDER BY ScanId"));
    }

    /// <summary>Every row of the scan-result tables, hashed: the scan's output, compared whole.</summary>
    private static async Task<string> FingerprintAsync(ScanWorld world) =>
        (await TestDatabase.OfAsync(world.Database, ["Finding", "FindingStatusChange", "ScanFinding", "ScanFindingWorker", "ScanExposureLine", "ScanSection"])).ToString();
}
