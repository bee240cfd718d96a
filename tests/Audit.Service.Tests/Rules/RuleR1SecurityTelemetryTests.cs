using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R1: data captured for security, or held in an incident-response store, reaches training.</summary>
public sealed class RuleR1SecurityTelemetryTests
{
    /// <summary>A DLP agent declared for security only, one worker's day of capture landing in "raw".</summary>
    private static ScanWorld SecurityCapture() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Tool("dlp")
        .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;screenshots", interval: 60)
        .Dataset("raw", "raw_capture")
        .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

    [Theory]
    [InlineData("anonymize")]
    [InlineData("aggregate")]
    public async Task Scan_SecurityDataAnonymizedOrAggregatedIntoTraining_StillFlagsWithPath(string transform)
    {
        using var world = SecurityCapture()
            .Dataset("train", "training_dataset")
            .Edge("raw", "train", transform: transform, job: "scrubber");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R1));
        Assert.Equal("s3://test/raw", finding.Finding.SubjectKey);
        Assert.Equal(Severity.High, finding.Finding.Severity);
        var evidence = finding.Evidence();
        Assert.Contains("does not clear it", evidence["note"]!.GetValue<string>(), StringComparison.Ordinal);
        var path = Assert.Single(evidence["paths"]!.AsArray())!;
        Assert.Equal("train", path["sink"]!.GetValue<string>());
        Assert.Equal($"raw →[jobs/scrubber, {transform}] train", path["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_SecurityDataReachesCommercialModel_IsCritical()
    {
        using var world = SecurityCapture()
            .Dataset("train", "training_dataset")
            .Dataset("agent-model", "model", commercial: true)
            .Edge("raw", "train", job: "export")
            .Edge("train", "agent-model", job: "fit");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R1));
        Assert.Equal(Severity.Critical, finding.Finding.Severity);
        Assert.Contains("commercial model agent-model", finding.Finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence()["paths"]!.AsArray(), p => p!["path"]!.GetValue<string>() == "raw →[jobs/export, copy] train →[jobs/fit, copy] agent-model");
    }

    [Fact]
    public async Task Scan_SecurityDataReachesInternalModelOnly_IsHigh()
    {
        using var world = SecurityCapture()
            .Dataset("internal-model", "model", commercial: false)
            .Edge("raw", "internal-model");

        var result = await world.ScanAsync();

        Assert.Equal(Severity.High, Assert.Single(result.Of(RuleCode.R1)).Finding.Severity);
    }

    [Fact]
    public async Task Scan_ProductivityDataHeldInIncidentResponseStoreReachesTraining_Flags()
    {
        // Not a security-only config: it is the incident-response store on the way that makes it security telemetry.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("flow")
            .Config("flow", "1.0", purposes: "productivity", caps: "keystrokes")
            .Dataset("raw", "raw_capture")
            .Dataset("ir", "security_pipeline")
            .Dataset("train", "training_dataset")
            .Edge("raw", "ir", transform: "filter", job: "triage")
            .Edge("ir", "train", transform: "anonymize", job: "ir-anonymizer")
            .Batch("W1", "flow", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R1));
        Assert.Equal("ir", finding.Evidence()["heldInSecurityStore"]!.GetValue<string>());
        Assert.Equal("raw →[jobs/triage, filter] ir →[jobs/ir-anonymizer, anonymize] train", finding.Evidence()["paths"]![0]!["path"]!.GetValue<string>());
    }

    /// <summary>A productivity tool (not security) whose raw data may pass an incident-response store; each test draws the edges.</summary>
    private static ScanWorld ProductivityWithIncidentStore() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Tool("flow")
        .Config("flow", "1.0", purposes: "productivity", caps: "keystrokes")
        .Dataset("raw", "raw_capture")
        .Dataset("ir", "security_pipeline")
        .Dataset("train", "training_dataset");

    [Fact]
    public async Task Scan_EdgeIntoSecurityStoreStoppedBeforeCapture_BatchNotHeldInSecurityStore()
    {
        // Productivity data that goes straight to training (R2's business, not R1's): the triage job into the
        // incident-response store last ran in 2025-06, so nothing captured in 2026-03 was ever held there.
        using var world = ProductivityWithIncidentStore()
            .Edge("raw", "ir", transform: "filter", job: "triage", lastSeen: "2025-06-30")
            .Edge("ir", "train", transform: "anonymize", job: "ir-anonymizer")
            .Edge("raw", "train", job: "export")
            .Batch("W1", "flow", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R1));
    }

    [Fact]
    public async Task Scan_BatchHeldInSecurityStore_EvidencePathRunsThroughTheStore()
    {
        // A direct export formed first, so the earliest path skips the store; the finding is about the path through it.
        using var world = ProductivityWithIncidentStore()
            .Edge("raw", "train", job: "export", firstSeen: "2025-01-01")
            .Edge("raw", "ir", transform: "filter", job: "triage", firstSeen: "2025-03-01")
            .Edge("ir", "train", transform: "anonymize", job: "ir-anonymizer", firstSeen: "2025-06-01")
            .Batch("W1", "flow", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R1));
        var paths = finding.Evidence()["paths"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(["raw →[jobs/triage, filter] ir →[jobs/ir-anonymizer, anonymize] train"], paths);
        Assert.Equal("ir", finding.Evidence()["heldInSecurityStore"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_SecurityDataReachesOnlyAnalytics_DoesNotFlag()
    {
        using var world = SecurityCapture()
            .Dataset("dashboards", "analytics")
            .Edge("raw", "dashboards", transform: "aggregate");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R1));
    }

    [Fact]
    public async Task Scan_LineageCycleWithoutPathToTraining_TerminatesQuiet()
    {
        using var world = SecurityCapture()
            .Dataset("mirror", "analytics")
            .Dataset("train", "training_dataset")
            .Edge("raw", "mirror")
            .Edge("mirror", "raw");

        var result = await world.ScanAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(result.Of(RuleCode.R1));
    }

    [Fact]
    public async Task Scan_LineageCycleWithPathToTraining_TerminatesAndFlags()
    {
        using var world = SecurityCapture()
            .Dataset("mirror", "analytics")
            .Dataset("train", "training_dataset")
            .Edge("raw", "mirror", job: "sync-out")
            .Edge("mirror", "raw", job: "sync-back")
            .Edge("mirror", "train", transform: "anonymize", job: "export");

        var result = await world.ScanAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var finding = Assert.Single(result.Of(RuleCode.R1));
        Assert.Equal("raw →[jobs/sync-out, copy] mirror →[jobs/export, anonymize] train", finding.Evidence()["paths"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_OfThePast_DatasetsImportedWithoutFirstSeen_StillJudged()
    {
        // The edge says the path existed since 2025; the datasets file, like many hand-made ones, has no first_seen.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY")
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security")
            .Dataset("raw", "raw_capture", firstSeen: null)
            .Dataset("train", "training_dataset", firstSeen: null)
            .Edge("raw", "train", firstSeen: "2025-01-01")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var result = await world.ScanAsync(asOf);

        Assert.Single(result.Of(RuleCode.R1));
    }
}
