using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R4 (opt-out not honoured) and R5 (no real opt-out).</summary>
public sealed class RuleOptOutTests
{
    /// <summary>A training recorder under program "pilot"; the raw → train edge is added by each test, with its own first-seen.</summary>
    private static ScanWorld Pilot() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("pilot")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", caps: "keystrokes", program: "pilot")
        .Notice("N-ai", purposes: "ai_training", program: "pilot", optOut: true)
        .Ack("W1", "N-ai", "2025-06-01")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset");

    [Fact]
    public async Task Scan_FutureOnlyOptOut_DataCapturedAndUsedBefore_NotFlagged()
    {
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2025-01-01")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .OptOut("W1", "pilot", "2026-05-01", scope: "future_only");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R4));
    }

    [Fact]
    public async Task Scan_DataCapturedAfterOptOutReachesTraining_Flags()
    {
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2025-01-01")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-05-10")
            .OptOut("W1", "pilot", "2026-05-01", scope: "future_only");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R4));
        Assert.Equal("pilot", finding.Finding.SubjectKey);
        Assert.Equal(Severity.Critical, finding.Finding.Severity);
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Contains("captured 2026-05-10", finding.Evidence()["example"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BatchStillRecordingAfterOptOutReachesTraining_Flags()
    {
        // A weekly batch from 04-27 to 05-04: three of its days were recorded after the 05-01 opt-out.
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2025-01-01")
            .Batch("W1", "rec", "1.0", "raw", "2026-04-27", to: "2026-05-04", minutes: 600)
            .OptOut("W1", "pilot", "2026-05-01", scope: "future_only");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R4));
    }

    [Fact]
    public async Task Scan_IncludingPastOptOut_EdgeFirstSeenAfterOptOut_Flags()
    {
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2026-06-01", job: "late-export")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .OptOut("W1", "pilot", "2026-05-01", scope: "including_past");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R4));
        var later = finding.Evidence()["edgesFirstSeenAfterOptOut"]!.AsArray();
        Assert.Equal("raw →[jobs/late-export] train, first seen 2026-06-01", Assert.Single(later)!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_IncludingPastOptOut_TrainingJobStartedBeforeAndStillRunningAfter_Flags()
    {
        // The plainest violation: the export job ran before the opt-out and kept running after it.
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2026-01-01", lastSeen: "2026-12-31", job: "export")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .OptOut("W1", "pilot", "2026-05-01", scope: "including_past");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R4));
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Contains("raw →[jobs/export] train, running 2026-01-01 to 2026-10-31", finding.Evidence()["edgesStillRunningAfterOptOut"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_OptedOutWorkersDataFromAnotherToolReachesTheProgramsTraining_Flags()
    {
        // W1 opted out of the pilot; a DLP agent's capture of W1 after that lands in the pilot's training set all the same.
        using var world = Pilot()
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes")
            .Dataset("dlp-raw", "raw_capture")
            .Edge("raw", "train", firstSeen: "2025-01-01")
            .Edge("dlp-raw", "train", firstSeen: "2025-01-01", job: "dlp-export")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W1", "dlp", "1.0", "dlp-raw", "2026-06-01")
            .OptOut("W1", "pilot", "2026-05-01", scope: "future_only");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R4));
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Contains("another tool (dlp 1.0)", finding.Counts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_IncludingPastOptOut_PathStoppedBeforeOptOut_NotFlagged()
    {
        using var world = Pilot()
            .Edge("raw", "train", firstSeen: "2026-01-01", lastSeen: "2026-04-30")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .OptOut("W1", "pilot", "2026-05-01", scope: "including_past");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R4));
    }

    [Theory]
    [InlineData("relocation", "the program's only way out is to relocate")]
    [InlineData("leave_job", "the program's only way out is to leave the job")]
    [InlineData("none", "the program offers no way out")]
    public async Task Scan_ProgramWhoseOnlyWayOutIsNotReal_FlagsNoRealOptOut(string mechanism, string reason)
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Program("mci", optOut: mechanism)
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "mci")
            .Notice("N-ai", purposes: "ai_training", program: "mci", optOut: true)
            .Dataset("raw", "raw_capture")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R5));
        Assert.Equal(("program", "mci"), (finding.Finding.SubjectKind, finding.Finding.SubjectKey));
        Assert.Contains("rec 1.0: " + reason, finding.Reasons(), StringComparison.Ordinal);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(finding));
    }

    [Fact]
    public async Task Scan_SelfServiceOptOutOfferedByNotice_NotFlagged()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Program("pilot", optOut: "self_service")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "pilot")
            .Notice("N-ai", purposes: "ai_training", program: "pilot", optOut: true)
            .Dataset("raw", "raw_capture")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R5));
    }

    [Fact]
    public async Task Scan_SelfServiceProgramButNoNoticeOffersOptOut_Flags()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Program("pilot", optOut: "self_service")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "pilot")
            .Notice("N-ai", purposes: "ai_training", program: "pilot", optOut: false)
            .Dataset("raw", "raw_capture")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Contains("no notice offers an opt-out", Assert.Single(result.Of(RuleCode.R5)).Reasons(), StringComparison.Ordinal);
    }
}
