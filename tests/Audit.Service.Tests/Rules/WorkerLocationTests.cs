using Audit.Reports.Models;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>An affected worker keeps every place they were captured in: a relocation must not drop a jurisdiction.</summary>
public sealed class WorkerLocationTests
{
    /// <summary>W1 worked in California, then Ireland, then Germany, and was captured by a security agent in each.</summary>
    private static ScanWorld ThreePlaces() => new ScanWorld()
        .Worker("W1", "US", "US-CA").Move("W1", on: "2026-04-01", "IE", "IE-D").Move("W1", on: "2026-06-01", "DE", "DE-BE")
        .Tool("dlp")
        .Config("dlp", "1.0", purposes: "security", caps: "keystrokes;screenshots")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train");

    [Fact]
    public async Task Scan_WorkerCapturedInThreePlaces_FindingKeepsEveryLocation()
    {
        using var world = ThreePlaces()
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02")
            .Batch("W1", "dlp", "1.0", "raw", "2026-05-04")
            .Batch("W1", "dlp", "1.0", "raw", "2026-07-06");

        var result = await world.ScanAsync();

        var hit = Assert.Single(Assert.Single(result.Of(RuleCode.R2)).Finding.Workers.Values);
        Assert.Equal(["DE-BE", "IE-D", "US-CA"], hit.Locations().Select(l => l.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scan_ConfigFindingOfRelocatedWorker_KeepsEveryLocationWhicheverBatchComesFirst()
    {
        // The German batch is imported (and read) first; the Californian one must not be lost, nor the German one.
        using var world = ThreePlaces()
            .Batch("W1", "dlp", "1.0", "raw", "2026-07-06")
            .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

        var result = await world.ScanAsync();

        var beyond = Assert.Single(result.Of(RuleCode.R8, "config-beyond-notice"));
        var hit = Assert.Single(beyond.Finding.Workers.Values);
        Assert.Equal(["US-CA", "DE-BE"], hit.Locations().Select(l => l.Code));
        // Still in GDPR's reach: the German capture is priced under Art. 83(4).
        Assert.Contains(beyond.ExposureLines, l => l.TheoryId == "GDPR-83-4");
    }
}
