using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R8: capabilities beyond the notice, trajectory-grade security configs, and drift without a new notice.</summary>
public sealed class RuleR8CaptureSurfaceTests
{
    /// <summary>DLP 1.0 records keystrokes for security, as notice N1 says; 2.0 (from 2026-03-01) adds screenshots and the UI tree.</summary>
    private static ScanWorld DlpWidened() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Tool("dlp")
        .Config("dlp", "1.0", purposes: "security", caps: "keystrokes", from: "2025-01-01", to: "2026-02-28")
        .Config("dlp", "2.0", purposes: "security", caps: "keystrokes;ui_hierarchy;screenshots", from: "2026-03-01")
        .Notice("N1", purposes: "security", tool: "dlp", caps: "keystrokes", published: "2025-01-01")
        .Dataset("raw", "raw_capture")
        .Batch("W1", "dlp", "2.0", "raw", "2026-03-02");

    [Fact]
    public async Task Scan_SecurityConfigBecomesTrajectoryGradeWithoutNewNotice_FlagsDriftAndTrajectory()
    {
        using var world = DlpWidened();

        var result = await world.ScanAsync();

        var drift = Assert.Single(result.Of(RuleCode.R8, "config-drift"));
        Assert.Equal("dlp 2.0", drift.Finding.SubjectKey);
        Assert.Equal("ui_hierarchy;screenshots", drift.Evidence()["addedCapabilities"]!.GetValue<string>());
        Assert.Equal("1.0", drift.Evidence()["previousVersion"]!.GetValue<string>());
        var trajectory = Assert.Single(result.Of(RuleCode.R8, "config-trajectory-grade"));
        Assert.Equal("dlp 2.0", trajectory.Finding.SubjectKey);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(trajectory));
    }

    [Fact]
    public async Task Scan_CapabilitiesNoNoticeNames_FlagsBeyondNotice()
    {
        using var world = DlpWidened();

        var result = await world.ScanAsync();

        var beyond = Assert.Single(result.Of(RuleCode.R8, "config-beyond-notice"));
        Assert.Equal("dlp 2.0", beyond.Finding.SubjectKey);
        Assert.Equal("ui_hierarchy;screenshots", beyond.Evidence()["notNamed"]!.GetValue<string>());
        Assert.Equal("N1", beyond.Evidence()["noticesConsidered"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_NewNoticePublishedBeforeNewVersion_NoDriftNorBeyondNotice()
    {
        using var world = DlpWidened()
            .Notice("N2", purposes: "security", tool: "dlp", caps: "keystrokes;ui_hierarchy;screenshots", published: "2026-02-15", version: "2");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R8, "config-drift"));
        Assert.Empty(result.Of(RuleCode.R8, "config-beyond-notice"));
        // Still one change away from training use, notice or not.
        Assert.Single(result.Of(RuleCode.R8, "config-trajectory-grade"));
    }

    [Fact]
    public async Task Scan_NoticeNamingTheAdditionsOnlyAfterTheChange_DriftStays_AndNamesThatNoticeAndWhoAcknowledgedIt()
    {
        // The reader finds N2 in the notices naming exactly what 2.0 added and asks why the drift still stands: the
        // finding says N2 came after the change (settled readings: only a notice published for the change clears
        // drift) and how many of the version's workers acknowledged it, while N2 in force clears "beyond notice".
        using var world = DlpWidened()
            .Worker("W2", "US", "US-NY")
            .Batch("W2", "dlp", "2.0", "raw", "2026-03-03")
            .Notice("N2", purposes: "security", tool: "dlp", caps: "keystrokes;ui_hierarchy;screenshots", published: "2026-04-10", version: "2")
            .Ack("W1", "N2", "2026-04-11T09:00:00Z");

        var result = await world.ScanAsync();

        var drift = Assert.Single(result.Of(RuleCode.R8, "config-drift"));
        Assert.Equal("dlp 2.0 widened capture over 1.0 (UI structure, screenshots) without a notice published for the change", drift.Finding.Title);
        Assert.Equal("N2 (published 2026-04-10, after 2.0 took effect on 2026-03-01) names them; acknowledged by 1 of its 2 workers; a notice after the change does not clear it",
            drift.Evidence()["laterNotices"]!.GetValue<string>());
        Assert.Empty(result.Of(RuleCode.R8, "config-beyond-notice"));
    }

    [Fact]
    public async Task Scan_ConfigWithinItsNotice_NoR8()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;screenshots")
            .Notice("N1", purposes: "security", tool: "dlp", caps: "keystrokes;screenshots")
            .Dataset("raw", "raw_capture")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R8));
    }
}
