using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Planning;
using Audit.Service.Records;
using Audit.Service.Scanning;
using Audit.Service.Tests.Rules;
using Microsoft.Extensions.Options;
using Xunit;

namespace Audit.Service.Tests.Planning;

/// <summary>
/// The remediation planner (issue 23, item 4), from the sentences: options per rule from an editable
/// remedies table, each costed from the table's unit costs and the finding's own counts, with the exposure after it
/// (what stops accruing from the decision date; past conduct stays) and the pay-the-contributors option valued as R7
/// values the work.
/// </summary>
public sealed class RemediationPlanTests
{
    private const string Header = "remedy_id,rules,title,costs,currency,retires,stops_accrual,owner,deadline_days,basis,note\n";

    /// <summary>W1 (New York) has ten active hours captured in October 2026 into a commercial model, under no agreement: R7 at 40 USD/h.</summary>
    private static ScanWorld UnpaidWorkIntoModel() => new ScanWorld()
        .Worker("W1", "US", "US-NY")
        .Program("mci")
        .Tool("rec")
        .Config("rec", "1.0", purposes: "ai_training", program: "mci")
        .Notice("N1", "ai_training", tool: "rec")
        .Ack("W1", "N1", "2025-06-01T09:00:00Z", consent: "ai_training")
        .Dataset("raw", "raw_capture")
        .Dataset("agent-model", "model", commercial: true)
        .Edge("raw", "agent-model")
        .Batch("W1", "rec", "1.0", "raw", "2026-10-01", to: "2026-10-11", minutes: 600);

    /// <summary>Three Californians whose October captures reach training with no AI-training consent: R2 with CCPA-155 per violation.</summary>
    private static ScanWorld CaliforniaWithoutConsent()
    {
        var world = new ScanWorld()
            .Tool("rec")
            .Config("rec", "1.0", purposes: "productivity")
            .Dataset("raw", "raw_capture")
            .Dataset("train", "training_dataset")
            .Edge("raw", "train");
        foreach (var id in new[] { "W1", "W2", "W3" })
        {
            world.Worker(id, "US", "US-CA").Batch(id, "rec", "1.0", "raw", "2026-10-20").Batch(id, "rec", "1.0", "raw", "2026-10-21");
        }

        return world;
    }

    private static async Task<RemediationPlan> PlanAsync(ScanWorld world, string? remedies = null)
    {
        var folder = Path.Combine(world.Folder, "templates");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(ScanWorld.TemplatesPath))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        if (remedies is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, RemedyTable.TemplateFile), Header + remedies);
        }

        var options = Options.Create(new AuditOptions { TemplatesPath = folder });
        var service = new PlanService(world.Database, new ScanHistory(world.Database), new ExposureTable(world.Database, world.Importer, options), new RemedyTable(options), options);
        return (await service.PlanAsync((long?)null))!;
    }

    [Fact]
    public async Task Plan_PayingContributors_CostsTheHoursAtTheBenchmarkRateAsR7ValuesThem_AndSettlesTheWageClaim()
    {
        using var world = UnpaidWorkIntoModel();
        await world.ScanAsync();

        var plan = await PlanAsync(world, "pay,R7,Pay for past use,replacement_value 1-1,USD,WAGE-UNCOMP,no,HR,90,Background case,\n");

        var r7 = Assert.Single(plan.Findings, f => f.Finding.Rule == RuleCode.R7);
        var pay = Assert.Single(r7.Options);
        // Ten hours at USD 40: low 1x, high the table's 3x, exactly R7's replacement value.
        Assert.Equal(new ExposureRange(400, 1200), pay.Cost);
        Assert.Equal(new ExposureRange(400, 1200), r7.Finding.Exposure);
        Assert.Equal(ExposureRange.Zero, pay.ExposureAfter);
        Assert.Equal(["WAGE-UNCOMP"], pay.Retires);
        Assert.Equal(new DateOnly(2027, 1, 29), pay.Deadline);
    }

    [Fact]
    public async Task Plan_StoppingTheFlow_KeepsPastExposure_AndStopsWhatAccrues()
    {
        using var world = CaliforniaWithoutConsent();
        await world.ScanAsync();

        var plan = await PlanAsync(world,
            "stop,R2,Stop the flow,fixed 1000-2000,USD,,yes,Data platform,14,GDPR Art. 6,\n"
            + "tell,R2,Tell the workers,per_worker 10-20,USD,,no,HR,30,GDPR Art. 13,\n");

        var r2 = Assert.Single(plan.Findings, f => f.Finding.Rule == RuleCode.R2);
        var stop = Assert.Single(r2.Options, o => o.Id == "stop");
        var tell = Assert.Single(r2.Options, o => o.Id == "tell");
        // Past conduct stays: neither option lowers what the finding already exposes.
        Assert.Equal(r2.Finding.Exposure, stop.ExposureAfter);
        Assert.Equal(r2.Finding.Exposure, tell.ExposureAfter);
        // The October acts are still going on: CCPA counts them per violation, and they accrue until stopped.
        Assert.True(r2.AccruingPerMonth.Low > 0, $"accruing {r2.AccruingPerMonth}");
        Assert.Equal(ExposureRange.Zero, stop.AccrualAfter);
        Assert.Equal(r2.AccruingPerMonth, tell.AccrualAfter);
        Assert.Equal("stop", r2.Recommended!.Id);
        // The finding's own counts: three workers.
        Assert.Equal(new ExposureRange(30, 60), tell.Cost);
        Assert.Equal(new ExposureRange(1000, 2000), stop.Cost);
    }

    [Fact]
    public async Task Plan_OptionScalingOnlyWithCountsTheFindingLacks_IsNotOffered_AndOneMixingAFixedPartIs()
    {
        using var world = CaliforniaWithoutConsent();
        await world.ScanAsync();

        var plan = await PlanAsync(world,
            "delete,R2,Delete the model,per_model 1000-2000,USD,,yes,ML,90,FTC Everalbum,\n"
            + "purge,R2,Purge and retrain,per_batch 1-2; per_model 1000-2000,USD,,yes,ML,60,FTC Everalbum,\n");

        // No model is trained on the data (the lineage ends in a training set): nothing to delete.
        var r2 = Assert.Single(plan.Findings, f => f.Finding.Rule == RuleCode.R2);
        var purge = Assert.Single(r2.Options);
        Assert.Equal("purge", purge.Id);
        Assert.Equal(new ExposureRange(6, 12), purge.Cost);
    }

    [Fact]
    public async Task Plan_FindingTheOfficerAcceptedOrResolved_IsNotPlanned()
    {
        using var world = CaliforniaWithoutConsent();
        await world.ScanAsync();
        var key = (await PlanAsync(world)).Findings.First(f => f.Finding.Rule == RuleCode.R2).Finding.FindingKey;

        await new FindingStatusService(world.Database).ChangeAsync(key, new FindingChangeRequest("test", "board accepted it", FindingStatus.AcceptedRisk, Approver: "the board", ExpiresOn: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1)));

        Assert.DoesNotContain((await PlanAsync(world)).Findings, f => f.Finding.FindingKey == key);
    }

    [Theory]
    [InlineData("stop,R2;R12,Stop,fixed 1-2,USD,,yes,Data,14,basis,\n", "remedies.csv:2:rules: 'R12' is not a rule")]
    [InlineData("stop,R2,Stop,fixed 2-1,USD,,yes,Data,14,basis,\n", "remedies.csv:2:costs: 'fixed 2-1' is not a cost")]
    [InlineData("stop,R2,Stop,per_head 1-2,USD,,yes,Data,14,basis,\n", "remedies.csv:2:costs: 'per_head 1-2' is not a cost")]
    [InlineData("stop,R2,Stop,fixed 1-2,USD,WAGE-UNPAID,yes,Data,14,basis,\n", "remedies.csv:2:retires: 'WAGE-UNPAID' is not a theory")]
    [InlineData("stop,R2,Stop,fixed 1-2,USD,,perhaps,Data,14,basis,\n", "remedies.csv:2:stops_accrual:")]
    [InlineData("stop,R2,Stop,fixed 1-2,USD,,yes,Data,14,basis,\nSTOP,R3,Stop,fixed 1-2,USD,,yes,Data,14,basis,\n", "remedies.csv:3:remedy_id: 'STOP' is already on row 2")]
    [InlineData("stop,R2,Stop,fixed 1-2,XXX,,yes,Data,14,basis,\n", "remedies.csv:2:currency:")]
    [InlineData("", "remedies.csv:1:-: the table has no remedies")]
    public async Task Plan_RemedyTableWithAProblem_IsRefusedWhole_NamingFileRowAndField(string rows, string expected)
    {
        using var world = CaliforniaWithoutConsent();
        await world.ScanAsync();

        var refused = await Assert.ThrowsAsync<ConfigurationException>(() => PlanAsync(world, rows));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ScanIdTheDatabaseDoesNotHold_IsRefused()
    {
        using var world = CaliforniaWithoutConsent();
        await world.ScanAsync();
        var options = Options.Create(new AuditOptions { TemplatesPath = ScanWorld.TemplatesPath });
        var service = new PlanService(world.Database, new ScanHistory(world.Database), new ExposureTable(world.Database, world.Importer, options), new RemedyTable(options), options);

        var refused = await Assert.ThrowsAsync<UnknownScanException>(() => service.PlanAsync(99));

        Assert.Equal(99, refused.ScanId);
    }

    [Fact]
    public void ShippedRemedyTable_GivesEveryRuleAnOptionWithAFixedCost_AndReads()
    {
        var theories = File.ReadLines(Path.Combine(ScanWorld.TemplatesPath, "exposure-theories.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);

        var remedies = RemedyTable.Read(Path.Combine(ScanWorld.TemplatesPath, RemedyTable.TemplateFile), theories, ["USD", "EUR"]);

        // A fixed part means the option is offered whatever the finding counts: every open finding gets one.
        foreach (var rule in Enum.GetValues<RuleCode>())
        {
            Assert.Contains(remedies, r => r.Rules.Contains(rule) && r.Costs.Any(c => c.Unit == RemedyCostUnits.Fixed) && r.Costs.All(c => c.Unit == RemedyCostUnits.Fixed));
        }

        Assert.Contains(remedies, r => r.Rules.Contains(RuleCode.R7) && r.Costs.Any(c => c.Unit == RemedyCostUnits.ReplacementValue) && r.Retires.Contains("WAGE-UNCOMP"));
        Assert.All(remedies, r => Assert.False(string.IsNullOrWhiteSpace(r.Basis)));
    }
}
