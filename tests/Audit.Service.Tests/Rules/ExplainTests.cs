using Audit.Reports.Models;
using Audit.Service.Cli;
using Audit.Service.Records;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>
/// `explain` (issue 13, item 5): the facts it prints are read back from the database as the scan saw them, each one
/// exists there, and removing one the rule depends on (then rescanning) makes the finding go away.
/// </summary>
public sealed class ExplainTests
{
    private const string AsOf = "2026-10-31";

    /// <summary>R1's world: a security-only DLP agent whose raw capture is copied into a training dataset.</summary>
    private static ScanWorld SecurityIntoTraining() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Tool("dlp")
        .Config("dlp", "1.0", purposes: "security", caps: "keystrokes", from: "2025-02-01")
        .Notice("N-sec", purposes: "security", tool: "dlp", published: "2025-01-15")
        .Ack("W1", "N-sec", "2025-01-20")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train", job: "export", firstSeen: "2025-03-01", lastSeen: "2026-09-30")
        .Batch("W1", "dlp", "1.0", "raw", "2026-03-02");

    /// <summary>R2's world: a training config with an AI-training notice that W1 never acknowledged.</summary>
    private static ScanWorld TrainingWithoutConsent() => new ScanWorld()
        .Worker("W1", "DE")
        .Program("pilot")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "pilot")
        .Notice("N-ai", purposes: "ai_training", tool: "rec", optOut: true, published: "2025-01-01")
        .Dataset("raw", "raw_capture")
        .Dataset("train", "training_dataset")
        .Edge("raw", "train")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-02");

    /// <summary>R7's world: ten days of W1's capture into a commercial model, no agreement.</summary>
    private static ScanWorld UncompensatedIntoModel() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("mci")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Dataset("raw", "raw_capture")
        .Dataset("agent-model", "model", commercial: true)
        .Edge("raw", "agent-model")
        .Batch("W1", "rec", "1.0", "raw", "2026-03-01", to: "2026-03-11", minutes: 600);

    [Fact]
    public async Task Explain_R1_PrintsConfigPathAndLocationAsStored_AndDeletingThePathEdgeClearsTheFinding()
    {
        using var world = SecurityIntoTraining();
        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R1)).Finding.Key;

        var e = await new FindingExplainer(world.Database).ExplainAsync(key);
        var text = ExplanationText.Render(e);

        Assert.Equal(ScanWorld.D(AsOf), e.Finding.AsOf);
        var config = Assert.Single(e.Configs);
        Assert.Equal((ScanWorld.D("2025-02-01"), (DateOnly?)null, "security"), (config.Config.EffectiveFrom, config.Config.EffectiveTo, config.Config.Purposes));
        Assert.Equal("N-sec", Assert.Single(config.NoticesInForce).NoticeId);
        var worker = Assert.Single(e.Workers);
        Assert.Equal("W1", worker.Row.WorkerId);
        Assert.Equal("US-NY", Assert.Single(worker.Locations).SubdivisionCode);
        var edge = Assert.Single(Assert.Single(worker.Paths).Edges);
        Assert.Equal(("raw", "train", "export"), (edge.SourceName, edge.TargetName, edge.JobName));

        // Every printed fact is a row of the database, with the dates printed.
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM CaptureConfig WHERE ToolId = 'dlp' AND Version = '1.0' AND EffectiveFrom = @From AND EffectiveTo IS NULL AND Purposes = 'security'", new { From = ScanWorld.D("2025-02-01") }));
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM Notice WHERE NoticeId = 'N-sec' AND PublishedOn = @On", new { On = ScanWorld.D("2025-01-15") }));
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM Acknowledgement WHERE WorkerId = 'W1' AND NoticeId = 'N-sec'"));
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM WorkerLocation WHERE WorkerId = 'W1' AND SubdivisionCode = 'US-NY'"));
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM LineageEdge WHERE JobName = 'export' AND FirstSeen = @F AND LastSeen = @L", new { F = edge.FirstSeen, L = edge.LastSeen }));
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM ScanFindingWorker WHERE FindingKey = @Key AND ScanId = @ScanId AND WorkerId = 'W1'", new { Key = key, e.Finding.ScanId }));
        foreach (var line in e.Exposure)
        {
            Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM ScanExposureLine WHERE FindingKey = @Key AND ScanId = @ScanId AND TheoryId = @TheoryId", new { Key = key, e.Finding.ScanId, line.TheoryId }));
            Assert.Contains(line.Citation, text, StringComparison.Ordinal);
            Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM ExposureTheory WHERE TheoryId = @TheoryId AND PrimarySource = @PrimarySource AND Pinpoint = @Pinpoint", new { line.TheoryId, line.PrimarySource, line.Pinpoint }));
            Assert.Contains($"Primary source: {line.PrimarySource}; {line.Pinpoint} (last verified {line.VerifiedOn:yyyy-MM-dd} by {line.VerifiedBy}).", text, StringComparison.Ordinal);
        }

        Assert.Contains("Config dlp version 1.0: effective 2025-02-01 to open, in force on the as-of date.", text, StringComparison.Ordinal);
        Assert.Contains("Notice in force: N-sec (tool dlp, version 1, published 2025-01-15)", text, StringComparison.Ordinal);
        Assert.Contains("Acknowledged N-sec (tool dlp, version 1, names security) on 2025-01-20", text, StringComparison.Ordinal);
        Assert.Contains("Based in US-NY from 2020-01-01 to open.", text, StringComparison.Ordinal);
        Assert.Contains("s3://test/raw -> s3://test/train by jobs/export (copy), first seen 2025-03-01, last seen 2026-09-30.", text, StringComparison.Ordinal);

        // The edge on the path is what R1 rests on: without it, a rescan no longer fires.
        await world.ExecuteAsync("DELETE FROM LineageEdge WHERE JobName = 'export'");
        Assert.DoesNotContain(key, (await world.ScanAsync(AsOf)).Keys());
    }

    [Fact]
    public async Task Explain_R2_SaysNoAcknowledgementAndNamesTheNoticeInForce_AndAcknowledgingItClearsTheFinding()
    {
        using var world = TrainingWithoutConsent();
        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R2)).Finding.Key;

        var e = await new FindingExplainer(world.Database).ExplainAsync(key);
        var text = ExplanationText.Render(e);

        Assert.Empty(Assert.Single(e.Workers).Acknowledgements);
        Assert.Contains("Acknowledged no notice by 2026-10-31.", text, StringComparison.Ordinal);
        Assert.Contains("Notice in force: N-ai (tool rec, version 1, published 2025-01-01): purposes ai_training", text, StringComparison.Ordinal);
        Assert.Contains("Based in DE from 2020-01-01 to open.", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(world, "SELECT COUNT(*) FROM Acknowledgement WHERE WorkerId = 'W1'"));

        // The absence is the fact R2 rests on: the AI-training acknowledgement before capture clears it.
        world.Ack("W1", "N-ai", "2026-03-01", consent: "ai_training");
        Assert.DoesNotContain(key, (await world.ScanAsync(AsOf)).Keys());
    }

    [Fact]
    public async Task Explain_R7_SaysNoAgreementAndShowsTheWageLine_AndACoveringAgreementClearsTheFinding()
    {
        using var world = UncompensatedIntoModel();
        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R7)).Finding.Key;

        var e = await new FindingExplainer(world.Database).ExplainAsync(key);
        var text = ExplanationText.Render(e);

        Assert.Contains("No compensation agreement begun by 2026-10-31.", text, StringComparison.Ordinal);
        Assert.Contains("Path to agent-model (model, commercial):", text, StringComparison.Ordinal);
        // Money in the report currency it was priced in, with thousands separators; what was counted in words.
        Assert.Contains("Exposure: USD 400 to 1,200 in all", text, StringComparison.Ordinal);
        Assert.Contains("replacement value of the uncompensated work USD 400, USD 400 to 1,200", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" replacement_value,", text, StringComparison.Ordinal);
        Assert.Contains("Captured by rec 1.0 into s3://test/raw (raw_capture): 1 batch(es), 2026-03-01 to 2026-03-11, 600 active minute(s).", text, StringComparison.Ordinal);
        var wage = Assert.Single(e.Exposure, l => l.TheoryId == "WAGE-UNCOMP");
        Assert.Equal((ScanWorld.D("2026-03-01"), ScanWorld.D("2026-03-10")), (wage.ConductFrom, wage.ConductTo));
        Assert.NotNull(wage.Regime);
        Assert.Equal(1, await CountAsync(world, "SELECT COUNT(*) FROM ExposureTheory WHERE TheoryId = 'WAGE-UNCOMP' AND Regime = @Regime", new { wage.Regime }));

        world.Agreement("A1", "W1", "mci", from: "2026-01-01", to: null);
        Assert.DoesNotContain(key, (await world.ScanAsync(AsOf)).Keys());
    }

    [Fact]
    public async Task Explain_ManyWorkers_ShowsTheFirstFiveByIdAndSaysHowManyInAll()
    {
        using var world = TrainingWithoutConsent();
        foreach (var id in new[] { "W7", "W3", "W6", "W2", "W5", "W4" })
        {
            world.Worker(id, "DE").Batch(id, "rec", "1.0", "raw", "2026-03-02");
        }

        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R2)).Finding.Key;

        var e = await new FindingExplainer(world.Database).ExplainAsync(key);

        Assert.Equal(["W1", "W2", "W3", "W4", "W5"], e.Workers.Select(w => w.Row.WorkerId));
        Assert.Contains("Affected workers: 7 in all; the first 5 by id:", ExplanationText.Render(e), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_OlderScan_ReadsThatScansAsOfDate_AndAScanThatDoesNotRecordItIsRefused()
    {
        using var world = SecurityIntoTraining();
        await world.ScanAsync("2026-03-31");
        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R1)).Finding.Key;
        var scans = await world.QueryAsync<long>("SELECT ScanId FROM ScanRun ORDER BY ScanId");

        var first = await new FindingExplainer(world.Database).ExplainAsync(key, scans[0]);

        Assert.Equal(ScanWorld.D("2026-03-31"), first.Finding.AsOf);
        await Assert.ThrowsAsync<FindingNotFoundException>(() => new FindingExplainer(world.Database).ExplainAsync("R1:dataset:nope"));
        var ex = await Assert.ThrowsAsync<ScanNotFoundException>(() => new FindingExplainer(world.Database).ExplainAsync(key, 999));
        Assert.Contains("scan 999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_R9_SaysWhenEachWorkerWasLetGoAfterTheirLastContributingCapture_AndNamesTheAnnouncementsAroundIt()
    {
        // W1's last capture into training ends 2026-05-10; let go in the reduction in force of 2026-05-20. An AI
        // announcement after the as-of date is not listed: the scan could not have known it.
        using var world = new ScanWorld()
            .Worker("W1", "US", "US-NY", terminated: "2026-05-20", reason: "reduction_in_force")
            .Program("mci")
            .Tool("rec")
            .Config("rec", "1.0", purposes: "ai_training", program: "mci")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train")
            .Batch("W1", "rec", "1.0", "raw", "2026-05-09") // runs to 2026-05-10 00:00
            .Event("AI-1", "ai_investment_announcement", "2026-02-26")
            .Event("RIF-1", "reduction_in_force", "2026-05-20", effective: "2026-05-20")
            .Event("AI-LATER", "ai_investment_announcement", "2026-11-20");
        var key = Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R9), f => f.Finding.Key.StartsWith("R9:reduction-in-force", StringComparison.Ordinal)).Finding.Key;

        var e = await new FindingExplainer(world.Database).ExplainAsync(key);
        var text = ExplanationText.Render(e);

        var worker = Assert.Single(e.Workers);
        Assert.Equal(ScanWorld.D("2026-05-20"), worker.Termination?.TerminationDate);
        Assert.Contains("Let go on 2026-05-20 (reduction_in_force), 10 day(s) after the last capture that reached training (2026-05-10).", text, StringComparison.Ordinal);
        Assert.Equal(["AI-1", "RIF-1"], e.WorkforceEvents.Select(w => w.EventId));
        Assert.Contains("AI-1 (ai_investment_announcement): announced 2026-02-26", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AI-LATER", text, StringComparison.Ordinal);

        // Non-R9 findings carry no workforce facts.
        var r2 = ExplanationText.Render(await new FindingExplainer(world.Database).ExplainAsync(Assert.Single((await world.ScanAsync(AsOf)).Of(RuleCode.R2)).Finding.Key));
        Assert.DoesNotContain("Let go on", r2, StringComparison.Ordinal);
        Assert.DoesNotContain("Workforce events", r2, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(ScanWorld world, string sql, object? parameters = null) =>
        Assert.Single(await world.QueryAsync<long>(sql, parameters));
}
