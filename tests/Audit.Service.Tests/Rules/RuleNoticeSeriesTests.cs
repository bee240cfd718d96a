using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// Notices and configs in force (domain.md, settled readings): a notice belongs to its tool's or its program's
/// series and the latest version published by a date is the one in force; a config version is in force up to the
/// earlier of its end and the as-of date. R5 and R8 judge only what is in force.
/// </summary>
public sealed class RuleNoticeSeriesTests
{
    /// <summary>An AI-training recorder under program "pilot" (self-service opt-out on paper), W1 captured in March 2026.</summary>
    private static ScanWorld Pilot(string caps = "keystrokes") => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("pilot", optOut: "self_service")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", caps: caps, program: "pilot")
        .Dataset("raw", "raw_capture")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

    [Fact]
    public async Task Scan_CurrentProgramNoticeDropsTheOptOut_FlagsNoRealOptOut()
    {
        using var world = Pilot()
            .Notice("N-v1", purposes: "ai_training", program: "pilot", caps: "keystrokes", optOut: true, published: "2025-01-01", version: "1")
            .Notice("N-v2", purposes: "ai_training", program: "pilot", caps: "keystrokes", optOut: false, published: "2026-06-01", version: "2");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R5));
        Assert.Contains("N-v2", finding.Reasons(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BeforeTheNoticeDroppedTheOptOut_NotFlagged()
    {
        using var world = Pilot()
            .Notice("N-v1", purposes: "ai_training", program: "pilot", caps: "keystrokes", optOut: true, published: "2025-01-01", version: "1")
            .Notice("N-v2", purposes: "ai_training", program: "pilot", caps: "keystrokes", optOut: false, published: "2026-06-01", version: "2");

        var result = await world.ScanAsync("2026-05-31");

        Assert.Empty(result.Of(RuleCode.R5));
    }

    [Fact]
    public async Task Scan_CurrentNoticeNoLongerNamesACapability_FlagsCaptureBeyondNotice()
    {
        using var world = Pilot(caps: "keystrokes;screenshots")
            .Notice("N-v1", purposes: "ai_training", program: "pilot", caps: "keystrokes;screenshots", optOut: true, published: "2025-01-01", version: "1")
            .Notice("N-v2", purposes: "ai_training", program: "pilot", caps: "keystrokes", optOut: true, published: "2026-06-01", version: "2");

        var result = await world.ScanAsync();

        var beyond = Assert.Single(result.Of(RuleCode.R8, "config-beyond-notice"));
        Assert.Equal("screenshots", beyond.Evidence()["notNamed"]!.GetValue<string>());
        Assert.Equal("N-v2", beyond.Evidence()["noticesConsidered"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_SecurityNoticeOfTheToolOffersAnOptOut_DoesNotCountForTheTrainingProgram()
    {
        using var world = Pilot()
            .Notice("N-sec", purposes: "security", tool: "rec", caps: "keystrokes", optOut: true);

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R5));
    }

    [Fact]
    public async Task Scan_ConfigStillInForceAfterAsOf_FindingLastSeenIsNotInTheFuture()
    {
        using var world = Pilot(caps: "keystrokes;screenshots");
        world.Config("rec", "2.0", purposes: "ai_training", caps: "keystrokes", program: "pilot", from: "2027-01-01");
        await world.ImportAsync();
        // End the first version at the end of 2026: as of mid-2026 that end is still to come.
        await world.ExecuteAsync("UPDATE CaptureConfig SET EffectiveTo = '2026-12-31' WHERE Version = '1.0'");

        var result = await world.ScanAsync("2026-06-30");

        var finding = Assert.Single(result.Of(RuleCode.R8, "config-beyond-notice"));
        Assert.Equal(new DateTime(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc), finding.Finding.LastSeen);
    }

    [Fact]
    public async Task Scan_ConfigThatEndedBeforeAsOf_IsNoLongerJudgedByR5OrR8()
    {
        // A trajectory-grade security config and a training config with no opt-out, both ended in May 2026.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Program("mci", optOut: "none")
            .Tool("dlp")
            .Tool("rec")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;ui_hierarchy;screenshots", to: "2026-05-31")
            .Config("rec", "1.0", purposes: "ai_training", caps: "keystrokes", program: "mci", to: "2026-05-31")
            .Dataset("raw", "raw_capture")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var during = await world.ScanAsync("2026-04-30");
        var after = await world.ScanAsync("2026-10-31");

        Assert.Single(during.Of(RuleCode.R8, "config-trajectory-grade"));
        Assert.Single(during.Of(RuleCode.R5));
        Assert.Empty(after.Of(RuleCode.R8));
        Assert.Empty(after.Of(RuleCode.R5));
    }

    [Fact]
    public async Task Scan_NoticeInTheWindowThatNamesNoneOfTheAddedCapabilities_DoesNotClearDrift()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes", from: "2025-01-01", to: "2026-02-28")
            .Config("dlp", "2.0", purposes: "security", caps: "keystrokes;ui_hierarchy", from: "2026-03-01")
            .Notice("N1", purposes: "security", tool: "dlp", caps: "keystrokes", published: "2025-01-01", version: "1")
            .Notice("N2", purposes: "security", tool: "dlp", caps: "keystrokes", published: "2026-02-15", version: "2")
            .Dataset("raw", "raw_capture")
            .Batch("W1", "dlp", "2.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R8, "config-drift"));
    }

    [Fact]
    public async Task Scan_NoticeOfAnotherToolNamingTheAddedCapabilities_DoesNotClearDrift()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("dlp")
            .Tool("other")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes", from: "2025-01-01", to: "2026-02-28")
            .Config("dlp", "2.0", purposes: "security", caps: "keystrokes;ui_hierarchy", from: "2026-03-01")
            .Notice("N1", purposes: "security", tool: "dlp", caps: "keystrokes;ui_hierarchy", published: "2025-01-01", version: "1")
            .Notice("N-other", purposes: "security", tool: "other", caps: "keystrokes;ui_hierarchy", published: "2026-02-15", version: "1")
            .Dataset("raw", "raw_capture")
            .Batch("W1", "dlp", "2.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R8, "config-drift"));
    }
}
