using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R2 (training without specific consent) and R3 (retroactive scope expansion): consent is judged at capture time.</summary>
public sealed class RuleConsentTests
{
    /// <summary>A recorder whose data goes straight into a training set; W1 captured on 2026-03-02.</summary>
    private static ScanWorld Recorder(string purposes = "ai_training") => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("pilot")
        .Tool("rec")
        .Config("rec", "1.0", purposes: purposes, caps: "keystrokes", program: "pilot")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train");

    [Fact]
    public async Task Scan_OnlySecurityNoticeAcknowledged_FlagsTrainingWithoutConsent()
    {
        using var world = Recorder()
            .Notice("N-sec", purposes: "security", tool: "rec")
            .Ack("W1", "N-sec", "2026-01-05")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R2));
        Assert.Equal("rec 1.0", finding.Finding.SubjectKey);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(finding));
        Assert.Contains("N-sec", finding.Counts(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tool")]
    [InlineData("program")]
    public async Task Scan_AiTrainingNoticeForToolOrProgramAcknowledgedBeforeCapture_DoesNotFlag(string namedBy)
    {
        using var world = Recorder()
            .Notice("N-ai", purposes: "security;ai_training", tool: namedBy == "tool" ? "rec" : null, program: namedBy == "program" ? "pilot" : null)
            .Ack("W1", "N-ai", "2026-01-05")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R2));
        Assert.Empty(result.Of(RuleCode.R3));
    }

    [Fact]
    public async Task Scan_CapturedAfterOptOutFromProgram_ConsentNoLongerCounts_FlagsTrainingWithoutConsent()
    {
        // An acknowledgement keeps counting as consent "until an opt-out" (domain.md, settled readings): data captured
        // after W1 opted out was captured without consent; data captured before it was not.
        using var world = Recorder()
            .Notice("N-ai", purposes: "security;ai_training", tool: "rec")
            .Ack("W1", "N-ai", "2026-01-05")
            .OptOut("W1", "pilot", "2026-03-01T09:00:00Z")
            .Batch("W1", "rec", "1.0", "raw", "2026-02-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R2));
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Equal(["W1"], await world.WorkerIdsAsync(finding));
    }

    [Fact]
    public async Task Scan_AiTrainingNoticeAcknowledgedWithConsentWithheld_FlagsTrainingWithoutConsent()
    {
        using var world = Recorder()
            .Notice("N-ai", purposes: "security;ai_training", tool: "rec")
            .Ack("W1", "N-ai", "2026-01-05", consent: "security")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R2));
    }

    [Fact]
    public async Task Scan_AiTrainingNoticeAcknowledgedWithAiTrainingConsent_DoesNotFlag()
    {
        using var world = Recorder()
            .Notice("N-ai", purposes: "security;ai_training", tool: "rec")
            .Ack("W1", "N-ai", "2026-01-05", consent: "security;ai_training")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R2));
    }

    [Fact]
    public async Task Scan_AiTrainingNoticeForAnotherTool_DoesNotCover()
    {
        using var world = Recorder()
            .Tool("other")
            .Notice("N-other", purposes: "ai_training", tool: "other")
            .Ack("W1", "N-other", "2026-01-05")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Single(result.Of(RuleCode.R2));
    }

    [Fact]
    public async Task Scan_AiTrainingNoticeAcknowledgedAfterCapture_FlagsBothR2AndR3()
    {
        using var world = Recorder()
            .Notice("N-ai", purposes: "ai_training", tool: "rec")
            .Ack("W1", "N-ai", "2026-04-01")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W1", "rec", "1.0", "raw", "2026-04-02");

        var result = await world.ScanAsync();

        // Only the March batch: the April one was captured after consent.
        Assert.Equal(1, Assert.Single(result.Of(RuleCode.R2)).Finding.Batches);
        var retro = Assert.Single(result.Of(RuleCode.R3));
        Assert.Equal(1, retro.Finding.Batches);
        Assert.Contains("before the worker acknowledged N-ai", retro.Counts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ConfigVersionAddsAiTrainingLater_FlagsEarlierBatchesUsedForTraining()
    {
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", from: "2025-01-01", to: "2026-03-31")
            .Config("dlp", "1.1", purposes: "security;ai_training", from: "2026-04-01")
            .Notice("N-ai", purposes: "security;ai_training", tool: "dlp", published: "2026-04-01")
            .Ack("W1", "N-ai", "2026-01-01")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02")
            .Batch("W1", "dlp", "1.1", "raw", "2026-04-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R3));
        Assert.Equal("dlp 1.0", finding.Finding.SubjectKey);
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Contains("before version 1.1 added the ai_training purpose", finding.Counts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ConsentToASupersededVersion_StillCountsUntilTheWorkerOptsOut()
    {
        // W1 agreed to v1 (naming AI training); v2 replaced it in April; W1 opted out in June (future capture only).
        using var world = Recorder()
            .Notice("N-v1", purposes: "ai_training", program: "pilot", optOut: true, published: "2025-01-01", version: "1")
            .Notice("N-v2", purposes: "ai_training", program: "pilot", optOut: true, published: "2026-04-01", version: "2")
            .Ack("W1", "N-v1", "2025-02-01")
            .Batch("W1", "rec", "1.0", "raw", "2026-05-04")
            .Batch("W1", "rec", "1.0", "raw", "2026-07-06")
            .OptOut("W1", "pilot", "2026-06-01");

        var result = await world.ScanAsync();

        // May: v1's consent still held. July: withdrawn by the opt-out.
        var finding = Assert.Single(result.Of(RuleCode.R2));
        Assert.Equal(1, finding.Finding.Batches);
        Assert.Equal(new DateTime(2026, 7, 6, 0, 0, 0, DateTimeKind.Utc), finding.Finding.FirstSeen);
    }

    [Fact]
    public async Task Scan_ConsentBeforeCaptureAndTrainingDeclaredFromStart_NoRetroactiveFinding()
    {
        using var world = Recorder()
            .Notice("N-ai", purposes: "ai_training", tool: "rec")
            .Ack("W1", "N-ai", "2026-01-05")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R3));
    }
}
