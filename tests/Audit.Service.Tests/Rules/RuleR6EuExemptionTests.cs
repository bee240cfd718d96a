using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>R6: a program that exempts EU/EEA staff, judged by where each worker was at capture time.</summary>
public sealed class RuleR6EuExemptionTests
{
    private const string Rationale = "Art. 88 national law makes training use of employee data unlawful without a works agreement.";

    private static ScanWorld ExemptProgram(string? rationale = Rationale) => new ScanWorld()
        .Program("mci", euExempt: true, rationale: rationale, optOut: "self_service")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train");

    [Fact]
    public async Task Scan_RelocatedWorkers_CountedByLocationAtCaptureTime()
    {
        using var world = ExemptProgram()
            .Worker("W7", "US", "US-CA").Move("W7", on: "2026-06-01", "IE", "IE-D")
            .Worker("W8", "DE", "DE-BE").Move("W8", on: "2026-05-01", "US", "US-NY")
            .Batch("W7", "rec", "1.0", "raw", "2026-05-04") // in California: not EU
            .Batch("W7", "rec", "1.0", "raw", "2026-06-08") // in Ireland: counts
            .Batch("W8", "rec", "1.0", "raw", "2026-04-06") // in Germany: counts
            .Batch("W8", "rec", "1.0", "raw", "2026-05-04"); // in New York: not EU

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R6, "program"));
        Assert.Equal(2, finding.Finding.Batches);
        Assert.Equal(["W7", "W8"], await world.WorkerIdsAsync(finding));
        Assert.Equal(Severity.Critical, finding.Finding.Severity);
        var counts = finding.Counts();
        Assert.Contains("batches of workers located in IE at capture time: 1", counts, StringComparison.Ordinal);
        Assert.Contains("batches of workers located in DE at capture time: 1", counts, StringComparison.Ordinal);
        // Each worker is priced where they were when the offending batch was captured.
        Assert.Equal(["DE", "IE"], finding.Finding.Workers.Values.Select(h => Assert.Single(h.Locations()).Country).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scan_EuWorkersDataFromAnotherToolReachesTheExemptProgramsTraining_Flags()
    {
        // The recorder excludes Germany, but the German worker's DLP data is exported into the program's training set.
        using var world = ExemptProgram()
            .Tool("dlp")
            .Config("dlp", "1.0", purposes: "security", caps: "keystrokes")
            .Dataset("dlp-raw", "raw_capture")
            .Edge("dlp-raw", "train", job: "dlp-export")
            .Worker("W1", "US", "US-NY")
            .Worker("W2", "DE", "DE-BE")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02")
            .Batch("W2", "dlp", "1.0", "dlp-raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R6, "program"));
        Assert.Equal(["W2"], await world.WorkerIdsAsync(finding));
        Assert.Equal(Severity.Critical, finding.Finding.Severity);
        Assert.Contains("another tool (dlp 1.0)", finding.Counts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ExemptionWithWrittenRationale_NotFlaggedForRationale()
    {
        using var world = ExemptProgram(Rationale)
            .Worker("W1", "US", "US-NY")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        Assert.Empty(result.Of(RuleCode.R6));
    }

    [Fact]
    public async Task Scan_ExemptionWithoutRationale_FlagsMissingRationale()
    {
        using var world = ExemptProgram(rationale: null)
            .Worker("W1", "US", "US-NY")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var finding = Assert.Single(result.Of(RuleCode.R6));
        Assert.Equal(("program-rationale", "mci", Severity.Medium), (finding.Finding.SubjectKind, finding.Finding.SubjectKey, finding.Finding.Severity));
    }

    [Fact]
    public async Task Scan_UkWorker_CountedOnlyWhileUkIsInTheConfiguredExemptionSets()
    {
        using var world = ExemptProgram()
            .Worker("W1", "GB", "GB-LND")
            .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

        var withUk = await world.ScanAsync();
        var euOnly = await world.ScanAsync(configure: o => o.Jurisdictions.ExemptionSets = ["EU/EEA"]);

        Assert.Single(withUk.Of(RuleCode.R6, "program"));
        Assert.Empty(euOnly.Of(RuleCode.R6, "program"));
    }
}
