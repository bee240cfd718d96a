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
