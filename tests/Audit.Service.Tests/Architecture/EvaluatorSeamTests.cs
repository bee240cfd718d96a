using Audit.Rules;

namespace Audit.Service.Tests.Architecture;

/// <summary>
/// The rules called outside a nightly scan, on facts held in memory (no database, no files): the guard's question
/// ("which findings would this proposed flow create?") and the planner's ("what is the exposure after this remedy?")
/// go through the same <see cref="Evaluator"/> and <see cref="ExposureModel"/> the scan uses.
/// </summary>
public sealed class EvaluatorSeamTests
{
    private const long RawCapture = 1;
    private const long SecurityStore = 2;
    private const long TrainingSet = 3;
    private const long CommercialModel = 4;
    private static readonly int[] Months = [3, 4];
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly RuleSettings Settings = new()
    {
        GlobalAnnualTurnover = 50_000_000m,
        TurnoverCurrency = "USD",
        IsSme = false,
        ReportCurrency = "USD",
        CurrencyRates = new Dictionary<string, decimal> { ["USD"] = 1m },
        ReductionInForceWindowDays = 90,
        BenchmarkHourlyRate = 40m,
        Jurisdictions = new JurisdictionOptions(),
        Disclosures = new DisclosureLexicon([]),
    };

    /// <summary>Replacement value of uncompensated work (R7) at one to two times the benchmark rate.</summary>
    private static readonly ExposureTheory ReplacementValue = new(
        "replacement-value", "Unjust enrichment", "ANY", [RuleCode.R7], ExposureUnits.ReplacementValue, 1m, 2m, null, null, "USD", null,
        new DateOnly(2020, 1, 1), Confidence.C, "Restatement (Third) of Restitution § 1", null);

    [Fact]
    public async Task Guard_a_proposed_flow_from_the_security_store_into_training_creates_an_R1_finding_the_current_facts_do_not_have()
    {
        var current = SecurityWorld();
        var before = await Evaluator.EvaluateAsync(current, Batches(current), Settings, []);
        Assert.DoesNotContain(before.Findings, f => f.Rule == RuleCode.R1);

        // The proposed run: the current facts with one more edge, first seen when it would run.
        var proposed = SecurityWorld();
        proposed.Edges.Add(Edge(SecurityStore, TrainingSet, "train/assistant-v2", Start));
        var after = await Evaluator.EvaluateAsync(proposed, Batches(proposed), Settings, []);

        var created = after.Findings.Select(f => f.Key).Except(before.Findings.Select(f => f.Key)).ToList();
        var r1 = Assert.Single(after.Findings, f => f.Rule == RuleCode.R1);
        Assert.Contains(r1.Key, created);
        Assert.Equal(2, r1.Workers.Count);
        Assert.Equal(4, r1.Batches);
    }

    [Fact]
    public async Task Guard_a_flow_that_reaches_no_training_sink_creates_nothing()
    {
        var current = SecurityWorld();
        var before = await Evaluator.EvaluateAsync(current, Batches(current), Settings, []);
        var proposed = SecurityWorld();
        proposed.Datasets[5] = new DatasetInfo(5, "warehouse", "incident_dashboard", DatasetKind.Analytics, false);
        proposed.Edges.Add(Edge(SecurityStore, 5, "bi/incidents", Start));
        var after = await Evaluator.EvaluateAsync(proposed, Batches(proposed), Settings, []);

        Assert.Equal(before.Findings.Select(f => f.Key), after.Findings.Select(f => f.Key));
    }

    [Fact]
    public async Task Planner_compensating_every_contributor_removes_the_R7_finding_and_its_replacement_value()
    {
        var model = new ExposureModel([ReplacementValue], Settings);
        var world = CommercialWorld();
        var found = await Evaluator.EvaluateAsync(world, Batches(world), Settings, [ReplacementValue]);
        var r7 = Assert.Single(found.Findings, f => f.Rule == RuleCode.R7);
        var exposure = model.Estimate(found.Findings, world);

        // Two workers, two batches of 120 active minutes each: 8 hours at 40 an hour, one to two times.
        Assert.Equal(8m, r7.Figures.UncompensatedHours);
        Assert.Equal(new ExposureRange(320m, 640m), exposure.Total);

        // The remedy: a stipend agreement for every contributor over the whole capture period.
        var remedied = CommercialWorld();
        foreach (var worker in remedied.WorkersByIndex)
        {
            worker.Agreements.Add(new AgreementInfo($"stipend-{worker.WorkerId}", "assist", CompensationKind.Stipend, DateOnly.FromDateTime(Start), null));
        }

        var after = await Evaluator.EvaluateAsync(remedied, Batches(remedied), Settings, [ReplacementValue]);
        Assert.DoesNotContain(after.Findings, f => f.Rule == RuleCode.R7);
        Assert.Equal(ExposureRange.Zero, model.Estimate(after.Findings, remedied).Total);
    }

    [Fact]
    public async Task Planner_compensating_half_the_period_halves_the_replacement_value()
    {
        var model = new ExposureModel([ReplacementValue], Settings);
        var remedied = CommercialWorld();
        foreach (var worker in remedied.WorkersByIndex)
        {
            // Each worker's first batch (March) is covered, the second (April) is not.
            worker.Agreements.Add(new AgreementInfo($"stipend-{worker.WorkerId}", "assist", CompensationKind.Stipend, DateOnly.FromDateTime(Start), new DateOnly(2026, 3, 31)));
        }

        var after = await Evaluator.EvaluateAsync(remedied, Batches(remedied), Settings, [ReplacementValue]);
        Assert.Equal(4m, Assert.Single(after.Findings, f => f.Rule == RuleCode.R7).Figures.UncompensatedHours);
        Assert.Equal(new ExposureRange(160m, 320m), model.Estimate(after.Findings, remedied).Total);
    }

    /// <summary>Endpoint telemetry declared for security only, kept in an incident-response store; a training set exists but nothing feeds it.</summary>
    private static ScanSnapshot SecurityWorld()
    {
        var snapshot = World(new ConfigInfo("sentinel", "1.0", null, new DateOnly(2026, 1, 1), null, Capability.Keystrokes | Capability.WindowText, null, Purpose.Security, new HashSet<string>(), new HashSet<string>()));
        snapshot.Edges.Add(Edge(RawCapture, SecurityStore, "ingest/sentinel", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        return snapshot;
    }

    /// <summary>Capture for an AI-training program whose data reaches a commercial model; nobody has an agreement.</summary>
    private static ScanSnapshot CommercialWorld()
    {
        var snapshot = World(new ConfigInfo("recorder", "2.0", "assist", new DateOnly(2026, 1, 1), null, Capability.Screenshots | Capability.UiHierarchy | Capability.Keystrokes, 30, Purpose.AiTraining, new HashSet<string>(), new HashSet<string>()));
        snapshot.Programs["assist"] = new ProgramInfo("assist", "Assistant training", "Train the support assistant", false, null, OptOutMechanism.SelfService, null, null);
        snapshot.Edges.Add(Edge(RawCapture, TrainingSet, "curate/assist", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        snapshot.Edges.Add(Edge(TrainingSet, CommercialModel, "train/assist", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        return snapshot;
    }

    private static ScanSnapshot World(ConfigInfo config)
    {
        var snapshot = new ScanSnapshot(AsOf);
        foreach (var (id, index) in new[] { ("w-1", 0), ("w-2", 1) })
        {
            var worker = new WorkerInfo { Index = index, WorkerId = id, EmploymentType = EmploymentType.Employee };
            worker.Locations.Add(new LocationSpan(new DateOnly(2020, 1, 1), null, "US", "US-TX"));
            snapshot.Workers[id] = worker;
            snapshot.WorkersByIndex.Add(worker);
        }

        snapshot.Configs[(config.ToolId, config.Version)] = config;
        snapshot.ToolNames[config.ToolId] = config.ToolId;
        snapshot.Datasets[RawCapture] = new DatasetInfo(RawCapture, "capture", "raw_events", DatasetKind.RawCapture, false);
        snapshot.Datasets[SecurityStore] = new DatasetInfo(SecurityStore, "security", "incident_store", DatasetKind.SecurityPipeline, false);
        snapshot.Datasets[TrainingSet] = new DatasetInfo(TrainingSet, "ml", "assistant_corpus", DatasetKind.TrainingDataset, false);
        snapshot.Datasets[CommercialModel] = new DatasetInfo(CommercialModel, "ml", "assistant_model", DatasetKind.Model, true);
        return snapshot;
    }

    /// <summary>Two batches per worker, into the raw capture dataset: one in March, one in April, 120 active minutes each.</summary>
    private static BatchList Batches(ScanSnapshot world)
    {
        var config = world.Configs.Values.Single();
        return new BatchList(
            from worker in world.WorkersByIndex
            from month in Months
            let start = new DateTime(2026, month, 10, 9, 0, 0, DateTimeKind.Utc)
            select new BatchRecord(worker.WorkerId, config.ToolId, config.Version, RawCapture, start, start.AddHours(4), 120),
            world.Cutoff);
    }

    private static EdgeInfo Edge(long source, long target, string job, DateTime firstSeen) =>
        new(source, target, job.Split('/')[0], job.Split('/')[1], TransformKind.Copy, firstSeen, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));
}
