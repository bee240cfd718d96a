using System.Globalization;
using System.Text.Json.Nodes;
using Audit.Service.Ingest;

namespace Audit.Service.Demo;

public sealed record DemoOptions(int Workers = DemoOptions.DefaultWorkers, int Seed = DemoOptions.DefaultSeed)
{
    public const int DefaultWorkers = 2000;
    public const int DefaultSeed = 42;
}

/// <summary>The import files of a generated organisation, in the order they must be imported.</summary>
public sealed record DemoFiles(string Folder, IReadOnlyList<(ImportSpec Spec, string Path)> BeforeLineage, string LineageEventsPath, IReadOnlyList<(ImportSpec Spec, string Path)> AfterLineage)
{
    /// <summary>The notices' texts as workers read them, one file per notice (import notice-texts), imported after the notices.</summary>
    public string NoticeTextsFolder => Path.Combine(Folder, "notice-texts");
}

/// <summary>
/// Writes a deterministic demo organisation ("Northwind Analytics") as import files. It re-enacts the
/// background case — a training program over the workforce with no real opt-out, notices that speak only of
/// security, EU staff exempt on paper but not in the data, no compensation, a reduction in force weeks after
/// an AI-investment announcement — next to plenty of clean data that must not be flagged: an opt-in
/// annotation pilot with specific consent and a self-service opt-out feeding an internal model, and
/// productivity analytics that never reach training. Same options, same files, byte for byte.
/// </summary>
public sealed class DemoGenerator
{
    public static readonly DateOnly DataStart = new(2025, 11, 1);
    public static readonly DateOnly DataEnd = new(2026, 10, 31);
    public static readonly DateOnly MciLaunch = new(2026, 4, 21);
    public static readonly DateOnly MciV2 = new(2026, 7, 1);
    public static readonly DateOnly DlpV2 = new(2026, 3, 1);
    public static readonly DateOnly PilotStart = new(2025, 12, 1);
    public static readonly DateOnly ReductionInForce = new(2026, 5, 20);
    public static readonly DateOnly AiInvestmentAnnouncement = new(2026, 2, 26);

    /// <summary>The relocations the rules must judge by location at capture time.</summary>
    public const string RelocatedToIreland = "W000007";
    public const string RelocatedFromGermany = "W000008";

    public const string CaptureNamespace = "s3://northwind-capture";
    public const string MlNamespace = "s3://northwind-ml";

    private static readonly (string Country, string? Subdivision, int Weight)[] Locations =
    [
        ("US", "US-NY", 20), ("US", "US-CA", 20), ("US", "US-IL", 10), ("US", "US-TX", 10), ("DE", "DE-BE", 8), ("FR", "FR-IDF", 6),
        ("IE", "IE-D", 5), ("NL", "NL-NH", 5), ("GB", "GB-LND", 6), ("IN", "IN-KA", 10),
    ];

    // Every EU/EEA country and the UK except Ireland: the scope of the training recorder forgot Ireland.
    private const string MciExcludedCountries = "AT;BE;BG;CH;CY;CZ;DE;DK;EE;ES;FI;FR;GB;GR;HR;HU;IS;IT;LI;LT;LU;LV;MT;NL;NO;PL;PT;RO;SE;SI;SK";

    private static readonly string[] FirstNames =
    [
        "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya",
        "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Iyer", "Jansen", "Kowalski", "Laurent", "Murphy",
        "Nakamura", "Okafor", "Patel", "Quintana", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Walsh", "Xu", "Young", "Zimmer",
    ];

    public DemoFiles Write(string folder, DemoOptions options, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(options.Seed);
        var workers = MakeWorkers(options.Workers, random);
        string P(string name) => Path.Combine(folder, name);

        WriteWorkers(P("workers.csv"), P("worker-locations.csv"), workers);
        WriteStatic(folder);
        WriteNoticeTexts(Path.Combine(folder, "notice-texts"));
        WriteAcknowledgementsAndOptOuts(P("acknowledgements.csv"), P("opt-outs.csv"), workers);
        progress?.Report($"{workers.Count:N0} workers".ToString(CultureInfo.InvariantCulture));
        var batches = WriteBatches(P("capture-batches.csv"), workers, random);
        progress?.Report($"{batches:N0} capture batches".ToString(CultureInfo.InvariantCulture));
        WriteAgreements(P("compensation-agreements.csv"), workers);
        WriteLineageEvents(P("lineage.ndjson"), random);

        return new DemoFiles(
            folder,
            [
                (ImportSpecs.Workers, P("workers.csv")), (ImportSpecs.WorkerLocations, P("worker-locations.csv")),
                (ImportSpecs.Programs, P("programs.csv")), (ImportSpecs.CaptureTools, P("capture-tools.csv")),
                (ImportSpecs.CaptureConfigs, P("capture-configs.csv")), (ImportSpecs.Notices, P("notices.csv")),
                (ImportSpecs.Acknowledgements, P("acknowledgements.csv")), (ImportSpecs.OptOuts, P("opt-outs.csv")),
                (ImportSpecs.Datasets, P("datasets.csv")), (ImportSpecs.LineageEdges, P("lineage-edges.csv")),
            ],
            P("lineage.ndjson"),
            [
                (ImportSpecs.CaptureBatches, P("capture-batches.csv")), (ImportSpecs.CompensationAgreements, P("compensation-agreements.csv")),
                (ImportSpecs.WorkforceEvents, P("workforce-events.csv")),
            ]);
    }

    private sealed class DemoWorker
    {
        public required string Id { get; init; }

        public required string Name { get; init; }

        public required bool Contractor { get; init; }

        public required DateOnly Hired { get; init; }

        public DateOnly? Terminated { get; set; }

        public string? TerminationReason { get; set; }

        public List<(DateOnly From, DateOnly? To, string Country, string? Subdivision)> Locations { get; } = [];

        /// <summary>In the opt-in annotation pilot.</summary>
        public bool Pilot { get; set; }

        public DateOnly? PilotOptOut { get; set; }

        public bool PilotOptOutIncludesPast { get; set; }

        /// <summary>Asked HR to leave the training program; the recorder kept running.</summary>
        public DateOnly? MciOptOutRequest { get; set; }

        /// <summary>Acknowledged the later notice that names AI training.</summary>
        public DateOnly? MciTrainingNoticeAck { get; set; }

        public string Country(DateOnly on) => Locations.Last(l => l.From <= on).Country;
    }

    private static List<DemoWorker> MakeWorkers(int count, Random random)
    {
        var totalWeight = Locations.Sum(l => l.Weight);
        var workers = new List<DemoWorker>(count);
        for (var i = 1; i <= count; i++)
        {
            var id = $"W{i:D6}";
            var hired = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 3560));
            var worker = new DemoWorker
            {
                Id = id,
                Name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                Contractor = random.Next(100) < 15,
                Hired = hired,
            };
            var pick = random.Next(totalWeight);
            var location = Locations.First(l => (pick -= l.Weight) < 0);
            worker.Locations.Add((hired, null, location.Country, location.Subdivision));
            workers.Add(worker);
        }

        // The two relocations the brief asks for, placed on fixed workers so tests and the report can name them.
        if (workers.Count >= 8)
        {
            Relocate(workers[6], new DateOnly(2026, 6, 1), ("US", "US-CA"), ("IE", "IE-D"));
            Relocate(workers[7], new DateOnly(2026, 5, 1), ("DE", "DE-BE"), ("US", "US-NY"));
        }

        foreach (var worker in workers)
        {
            var roll = random.Next(1000);
            var pilot = !worker.Contractor && roll < 80;
            worker.Pilot = pilot;
            if (pilot && roll < 8)
            {
                worker.PilotOptOut = new DateOnly(2026, 5, 1);
            }
            else if (pilot && roll is >= 8 and < 11)
            {
                worker.PilotOptOut = new DateOnly(2026, 8, 1);
                worker.PilotOptOutIncludesPast = true;
            }

            var inMci = !IsMciExcluded(worker.Country(MciLaunch));
            if (inMci && random.Next(100) < 2)
            {
                worker.MciOptOutRequest = new DateOnly(2026, 6, 15);
            }

            if (inMci && random.Next(100) < 60)
            {
                worker.MciTrainingNoticeAck = MciV2.AddDays(random.Next(0, 20));
            }

            // A tenth of those in the training program are let go on one day in May; a few leave of their own accord.
            if (inMci && worker.Id is not (RelocatedToIreland or RelocatedFromGermany) && random.Next(100) < 10)
            {
                worker.Terminated = ReductionInForce;
                worker.TerminationReason = "reduction_in_force";
            }
            else if (random.Next(100) < 3)
            {
                worker.Terminated = DataStart.AddDays(random.Next(30, 360));
                worker.TerminationReason = "voluntary";
            }
        }

        return workers;
    }

    private static void Relocate(DemoWorker worker, DateOnly on, (string Country, string Subdivision) from, (string Country, string Subdivision) to)
    {
        worker.Locations.Clear();
        worker.Locations.Add((worker.Hired, on.AddDays(-1), from.Country, from.Subdivision));
        worker.Locations.Add((on, null, to.Country, to.Subdivision));
    }

    private static bool IsMciExcluded(string country) => MciExcludedCountries.Split(';').Contains(country);

    private static void WriteWorkers(string workersPath, string locationsPath, List<DemoWorker> workers)
    {
        using var csv = new CsvOut(workersPath, "worker_id", "display_name", "employment_type", "hire_date", "termination_date", "termination_reason");
        using var locations = new CsvOut(locationsPath, "worker_id", "country", "subdivision", "valid_from", "valid_to");
        foreach (var w in workers)
        {
            csv.Row(w.Id, w.Name, w.Contractor ? "contractor" : "employee", w.Hired, w.Terminated, w.TerminationReason);
            foreach (var l in w.Locations)
            {
                locations.Row(w.Id, l.Country, l.Subdivision, l.From, l.To);
            }
        }
    }

    /// <summary>
    /// What workers were actually given to read, in the formats a company keeps them in. The security notice rests on
    /// "security and compliance"; the training recorder shipped with a security notice; its second notice says AI
    /// training but leaves out half of what the recorder captures and offers no real way out; the pilot's notice is
    /// what a specific, separate consent with a real opt-out looks like.
    /// </summary>
    private static void WriteNoticeTexts(string folder)
    {
        Directory.CreateDirectory(folder);
        void Write(string name, string text) => File.WriteAllText(Path.Combine(folder, name), text.ReplaceLineEndings("\n"), new System.Text.UTF8Encoding(false));
        Write("SEC-2024.md", """
            # Acceptable use of company devices

            Company devices are monitored for security and compliance purposes.

            The endpoint agent records keystrokes, the titles and text of open windows, and screenshots when a data-loss-prevention policy is triggered.

            Records are kept for twelve months and are reviewed by the security team when an alert is raised.

            By using company devices you agree to this monitoring.
            """);
        Write("SEC-2026-08.html", """
            <!doctype html>
            <html><head><title>Device monitoring notice 2026.1</title><style>p { margin: 0 }</style></head>
            <body>
            <h1>Device monitoring notice</h1>
            <p>Company devices are monitored for security and compliance, including screen structure and clicks.</p>
            <p>The endpoint agent records keystrokes, where you click, the text of open windows, the structure of the screen and screenshots when a data-loss-prevention policy is triggered.</p>
            <p>Monitoring data may also be used to improve our services and for other business purposes.</p>
            <p>By using company devices you agree to this monitoring.</p>
            </body></html>
            """);
        Write("FLOW-2025.txt", """
            FlowTrace productivity analytics

            Aggregate activity levels are measured to improve tooling.

            FlowTrace measures mouse movement and scroll speed only, as totals per hour. It does not record keystrokes, screenshots or the content of your work.
            """);
        Write("MCI-2026-04.md", """
            # New endpoint agent

            A new endpoint agent is being rolled out for security and compliance monitoring.

            The agent records keystrokes, mouse movements, clicks and periodic screenshots.

            Installation is mandatory on all company laptops.
            """);
        Write("MCI-2026-07.md", """
            # Model Capability Initiative: how your recorded work is used

            Recorded work sessions, meaning your keystrokes, mouse movements, clicks and screenshots, are used to train AI agents that automate routine work.

            Sessions already recorded since April are included in the training data.

            The recorder cannot be switched off on company devices. Staff who do not wish to take part may request a transfer to an office in an exempt country.
            """);
        Write("ANN-2025.html", """
            <html><body>
            <h2>Annotation pilot: consent</h2>
            <p>Volunteered sessions train the internal assistant. Taking part is voluntary and will not affect your employment.</p>
            <p>While you annotate, the studio records your keystrokes, your clicks, the UI tree of the annotation window and screenshots of it.</p>
            <p>You can opt out at any time from the tray icon; past sessions are deleted when you do.</p>
            </body></html>
            """);
    }

    private static void WriteStatic(string folder)
    {
        using (var programs = new CsvOut(Path.Combine(folder, "programs.csv"), "program_id", "name", "purpose", "eu_exempt", "eu_exemption_rationale", "opt_out", "opt_out_description", "compensation_policy"))
        {
            programs.Row("mci", "Model Capability Initiative", "Train computer-use agents on recorded work trajectories", true, null, "relocation",
                "No opt-out on a company laptop; staff may relocate to a GDPR jurisdiction", "None");
            programs.Row("annotation-pilot", "Opt-in Annotation Pilot", "Fine-tune the internal assistant on volunteered, annotated sessions", false, null, "self_service",
                "Toggle in the capture tray; choose whether past sessions are deleted", "Monthly stipend");
        }

        using (var tools = new CsvOut(Path.Combine(folder, "capture-tools.csv"), "tool_id", "name", "vendor"))
        {
            tools.Row("sentinel-dlp", "Sentinel DLP", "Sentinel Security");
            tools.Row("flowtrace", "FlowTrace Productivity", "FlowTrace Ltd");
            tools.Row("mci-recorder", "MCI Trajectory Recorder", "in-house");
            tools.Row("annot-studio", "Annotation Studio", "in-house");
        }

        using (var configs = new CsvOut(Path.Combine(folder, "capture-configs.csv"), "tool_id", "version", "program_id", "effective_from", "effective_to", "capabilities", "screenshot_interval_seconds", "purposes", "countries_included", "countries_excluded"))
        {
            configs.Row("sentinel-dlp", "1.0", null, new DateOnly(2024, 12, 1), DlpV2.AddDays(-1), "keystrokes;window_text;screenshots", 300, "security;compliance", null, null);
            // One change from training use: trajectory-grade capture under a security purpose, with no new notice.
            configs.Row("sentinel-dlp", "2.0", null, DlpV2, null, "keystrokes;click_coordinates;window_text;ui_hierarchy;screenshots", 60, "security;compliance", null, null);
            configs.Row("flowtrace", "3.2", null, new DateOnly(2025, 1, 1), null, "mouse_movement;scroll_velocity", null, "productivity", null, null);
            configs.Row("mci-recorder", "1.0", "mci", MciLaunch, MciV2.AddDays(-1), "keystrokes;mouse_movement;click_coordinates;screenshots", 30, "productivity;ai_training", null, MciExcludedCountries);
            configs.Row("mci-recorder", "1.1", "mci", MciV2, null, "keystrokes;mouse_movement;click_coordinates;scroll_velocity;window_text;ui_hierarchy;screenshots", 10, "productivity;ai_training", null, MciExcludedCountries);
            configs.Row("annot-studio", "1.0", "annotation-pilot", PilotStart, null, "keystrokes;click_coordinates;ui_hierarchy;screenshots", 120, "ai_training", null, null);
        }

        using (var notices = new CsvOut(Path.Combine(folder, "notices.csv"), "notice_id", "tool_id", "program_id", "version", "published_on", "purposes", "capabilities", "offers_opt_out", "summary"))
        {
            notices.Row("SEC-2024", "sentinel-dlp", null, "2024.1", new DateOnly(2024, 11, 15), "security;compliance", "keystrokes;window_text;screenshots", false,
                "Company devices are monitored for security and compliance.");
            // Remediation in August: the security notice is reissued to name what version 2.0 records, which resolves one finding.
            notices.Row("SEC-2026-08", "sentinel-dlp", null, "2026.1", new DateOnly(2026, 8, 14), "security;compliance", "keystrokes;click_coordinates;window_text;ui_hierarchy;screenshots", false,
                "Company devices are monitored for security and compliance, including screen structure and clicks.");
            notices.Row("FLOW-2025", "flowtrace", null, "2025.1", new DateOnly(2024, 12, 15), "productivity", "mouse_movement;scroll_velocity", false,
                "Aggregate activity levels are measured to improve tooling.");
            // The notice the training recorder shipped with speaks only of security.
            notices.Row("MCI-2026-04", "mci-recorder", "mci", "2026.1", new DateOnly(2026, 4, 14), "security;compliance", "keystrokes;mouse_movement;click_coordinates;screenshots", false,
                "New endpoint agent for security and compliance monitoring.");
            notices.Row("MCI-2026-07", "mci-recorder", "mci", "2026.2", new DateOnly(2026, 6, 28), "productivity;ai_training", "keystrokes;mouse_movement;click_coordinates;scroll_velocity;window_text;ui_hierarchy;screenshots", false,
                "Recorded work sessions are used to train AI agents.");
            notices.Row("ANN-2025", "annot-studio", "annotation-pilot", "2025.1", new DateOnly(2025, 11, 20), "ai_training", "keystrokes;click_coordinates;ui_hierarchy;screenshots", true,
                "Volunteered sessions train the internal assistant. Opt out at any time from the tray.");
        }

        using (var datasets = new CsvOut(Path.Combine(folder, "datasets.csv"), "namespace", "name", "kind", "commercial", "first_seen"))
        {
            var first = new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            datasets.Row(CaptureNamespace, "dlp/raw", "raw_capture", false, first);
            datasets.Row(CaptureNamespace, "dlp/incident-response", "security_pipeline", false, first);
            datasets.Row(CaptureNamespace, "flowtrace/raw", "raw_capture", false, first);
            datasets.Row(CaptureNamespace, "analytics/productivity", "analytics", false, first);
            datasets.Row(CaptureNamespace, "analytics/feature-store", "analytics", false, first);
            datasets.Row(CaptureNamespace, "mci/raw-trajectories", "raw_capture", false, new DateTime(2026, 4, 21, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(CaptureNamespace, "annotation/raw", "raw_capture", false, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(MlNamespace, "training/agent-trajectories", "training_dataset", false, new DateTime(2026, 4, 28, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(MlNamespace, "training/assist-sft", "training_dataset", false, new DateTime(2025, 12, 15, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(MlNamespace, "training/assist-sft-v2", "training_dataset", false, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(MlNamespace, "models/agent-cua-1", "model", true, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));
            datasets.Row(MlNamespace, "models/assist-internal", "model", false, new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc));
        }

        using (var edges = new CsvOut(Path.Combine(folder, "lineage-edges.csv"), "source_namespace", "source_name", "target_namespace", "target_name", "job_namespace", "job_name", "transform", "first_seen", "last_seen"))
        {
            var end = DataEnd.ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc);
            edges.Row(CaptureNamespace, "dlp/raw", CaptureNamespace, "dlp/incident-response", "security", "ir-triage", "filter", new DateTime(2024, 12, 2, 1, 0, 0, DateTimeKind.Utc), end);
            edges.Row(CaptureNamespace, "flowtrace/raw", CaptureNamespace, "analytics/productivity", "analytics", "daily-rollup", "aggregate", new DateTime(2025, 1, 2, 1, 0, 0, DateTimeKind.Utc), end);
            // A cycle in the analytics stores: reachability must terminate on it, and none of it is training.
            edges.Row(CaptureNamespace, "analytics/productivity", CaptureNamespace, "analytics/feature-store", "analytics", "features", "transform", new DateTime(2025, 2, 1, 1, 0, 0, DateTimeKind.Utc), end);
            edges.Row(CaptureNamespace, "analytics/feature-store", CaptureNamespace, "analytics/productivity", "analytics", "backfill", "copy", new DateTime(2025, 3, 1, 1, 0, 0, DateTimeKind.Utc), end);
            edges.Row(CaptureNamespace, "annotation/raw", MlNamespace, "training/assist-sft", "ml", "assist-curation", "filter", new DateTime(2025, 12, 15, 2, 0, 0, DateTimeKind.Utc), end);
        }

        using var events = new CsvOut(Path.Combine(folder, "workforce-events.csv"), "event_id", "kind", "announced_on", "effective_on", "affected_count", "description");
        events.Row("AI-2026-02", "ai_investment_announcement", AiInvestmentAnnouncement, null, null, "Board approves a multi-year investment in AI agents for knowledge work.");
        events.Row("RIF-2026-05", "reduction_in_force", ReductionInForce, ReductionInForce, null, "Reduction in force of about 10% of staff.");
    }

    private static void WriteAcknowledgementsAndOptOuts(string ackPath, string optOutPath, List<DemoWorker> workers)
    {
        using var acks = new CsvOut(ackPath, "worker_id", "notice_id", "acknowledged_at", "consent_purposes");
        using var optOuts = new CsvOut(optOutPath, "worker_id", "program_id", "opted_out_at", "scope");
        foreach (var w in workers)
        {
            var start = Max(w.Hired, new DateOnly(2024, 11, 20));
            acks.Row(w.Id, "SEC-2024", At(start, 9), "security;compliance");
            if (!w.Contractor)
            {
                acks.Row(w.Id, "FLOW-2025", At(Max(w.Hired, new DateOnly(2024, 12, 20)), 9), "productivity");
            }

            var inMci = !IsMciExcluded(w.Country(MciLaunch)) && (w.Terminated is null || w.Terminated > MciLaunch);
            if (inMci)
            {
                acks.Row(w.Id, "MCI-2026-04", At(new DateOnly(2026, 4, 16), 10), "security;compliance");
                if (w.MciTrainingNoticeAck is { } ack && (w.Terminated is null || w.Terminated > ack))
                {
                    acks.Row(w.Id, "MCI-2026-07", At(ack, 11), "productivity;ai_training");
                }
            }

            if (w.Pilot)
            {
                acks.Row(w.Id, "ANN-2025", At(new DateOnly(2025, 11, 25), 14), "ai_training");
                if (w.PilotOptOut is { } optOut)
                {
                    optOuts.Row(w.Id, "annotation-pilot", At(optOut, 8), w.PilotOptOutIncludesPast ? "including_past" : "future_only");
                }
            }

            if (inMci && w.MciOptOutRequest is { } request)
            {
                optOuts.Row(w.Id, "mci", At(request, 12), "future_only");
            }
        }
    }

    private static long WriteBatches(string path, List<DemoWorker> workers, Random random)
    {
        using var csv = new CsvOut(path, "batch_id", "worker_id", "tool_id", "config_version", "dataset_namespace", "dataset_name", "captured_from", "captured_to", "active_minutes", "event_count");
        long id = 0;
        foreach (var w in workers)
        {
            var last = Min(DataEnd, w.Terminated?.AddDays(-1) ?? DataEnd);
            var first = Max(DataStart, w.Hired);

            // Security DLP and productivity analytics: monthly batches for everyone employed.
            for (var month = new DateOnly(DataStart.Year, DataStart.Month, 1); month <= last; month = month.AddMonths(1))
            {
                var from = Max(month, first);
                var to = Min(month.AddMonths(1).AddDays(-1), last);
                if (from > to)
                {
                    continue;
                }

                var days = to.DayNumber - from.DayNumber + 1;
                Batch(csv, ref id, w, "sentinel-dlp", from < DlpV2 ? "1.0" : "2.0", "dlp/raw", from, to, days * random.Next(240, 420) * 5 / 7, random);
                if (!w.Contractor)
                {
                    Batch(csv, ref id, w, "flowtrace", "3.2", "flowtrace/raw", from, to, days * random.Next(240, 420) * 5 / 7, random);
                }
            }

            // The training recorder: weekly, wherever the worker is at capture time unless excluded by scope.
            for (var week = MciLaunch; week <= last; week = week.AddDays(7))
            {
                var to = Min(week.AddDays(6), last);
                if (IsMciExcluded(w.Country(week)) || week < first)
                {
                    continue;
                }

                Batch(csv, ref id, w, "mci-recorder", week < MciV2 ? "1.0" : "1.1", "mci/raw-trajectories", week, to, (to.DayNumber - week.DayNumber + 1) * random.Next(240, 420) * 5 / 7, random);
            }

            // The opt-in pilot: every two weeks until the worker opts out.
            if (w.Pilot)
            {
                var stop = Min(last, w.PilotOptOut?.AddDays(-1) ?? last);
                for (var fortnight = PilotStart; fortnight <= stop; fortnight = fortnight.AddDays(14))
                {
                    var to = Min(fortnight.AddDays(13), stop);
                    Batch(csv, ref id, w, "annot-studio", "1.0", "annotation/raw", fortnight, to, random.Next(60, 600), random);
                }
            }
        }

        return csv.Rows;
    }

    private static void Batch(CsvOut csv, ref long id, DemoWorker w, string tool, string version, string dataset, DateOnly from, DateOnly to, int minutes, Random random)
    {
        id++;
        csv.Row($"B{id:D9}", w.Id, tool, version, CaptureNamespace, dataset, At(from, 0), At(to, 23), minutes, (long)minutes * random.Next(20, 60));
    }

    private static void WriteAgreements(string path, List<DemoWorker> workers)
    {
        using var csv = new CsvOut(path, "agreement_id", "worker_id", "program_id", "kind", "amount", "currency", "period_from", "period_to");
        var n = 0;
        foreach (var w in workers)
        {
            if (w.Pilot)
            {
                // The pilot's stipend lapsed at the end of June; the pilot feeds an internal model only.
                csv.Row($"AG-{++n:D6}", w.Id, "annotation-pilot", "stipend", 150m, "USD", PilotStart, new DateOnly(2026, 6, 30));
            }

            var index = int.Parse(w.Id.AsSpan(1), CultureInfo.InvariantCulture);
            if (w.Contractor && index % 3 == 0)
            {
                csv.Row($"AG-{++n:D6}", w.Id, "mci", "opt_in_bonus", 2500m, "USD", new DateOnly(2026, 4, 1), new DateOnly(2026, 12, 31));
            }
            else if (w.Contractor && index % 3 == 1)
            {
                // Covers only the first quarter of capture: the rest is a gap.
                csv.Row($"AG-{++n:D6}", w.Id, "mci", "stipend", 800m, "USD", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
            }
        }
    }

    /// <summary>
    /// The ML pipelines report lineage as OpenLineage run events: START and COMPLETE per weekly run, some
    /// sent twice and all shuffled, as a real feed delivers them.
    /// </summary>
    private static void WriteLineageEvents(string path, Random random)
    {
        var lines = new List<string>();
        void Runs(string job, (string Ns, string Name)[] inputs, (string Ns, string Name, JsonObject? Facets) output, string transformSubtype, bool masking, DateOnly first, DateOnly last, int everyDays)
        {
            for (var day = first; day <= last; day = day.AddDays(everyDays))
            {
                var runId = new Guid(random.Next(), (short)random.Next(short.MaxValue), (short)random.Next(short.MaxValue), 1, 2, 3, 4, 5, 6, 7, 8);
                foreach (var (type, hour) in new[] { ("START", 2), ("COMPLETE", 4) })
                {
                    var fields = new JsonObject
                    {
                        ["trajectory"] = new JsonObject
                        {
                            ["inputFields"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonObject
                            {
                                ["namespace"] = i.Ns,
                                ["name"] = i.Name,
                                ["field"] = "events",
                                ["transformations"] = new JsonArray(new JsonObject { ["type"] = "DIRECT", ["subtype"] = transformSubtype, ["description"] = string.Empty, ["masking"] = masking }),
                            }).ToArray()),
                        },
                    };
                    var outputFacets = output.Facets?.DeepClone().AsObject() ?? [];
                    outputFacets["columnLineage"] = new JsonObject
                    {
                        ["_producer"] = "https://northwind.example/pipelines",
                        ["_schemaURL"] = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                        ["fields"] = fields,
                    };
                    var ev = new JsonObject
                    {
                        ["eventType"] = type,
                        ["eventTime"] = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                        ["run"] = new JsonObject { ["runId"] = runId.ToString() },
                        ["job"] = new JsonObject { ["namespace"] = "ml", ["name"] = job },
                        ["inputs"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonObject { ["namespace"] = i.Ns, ["name"] = i.Name }).ToArray()),
                        ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = output.Ns, ["name"] = output.Name, ["facets"] = outputFacets }),
                        ["producer"] = "https://northwind.example/pipelines",
                        ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                    };
                    var line = ev.ToJsonString();
                    lines.Add(line);
                    if (random.Next(10) == 0)
                    {
                        lines.Add(line);
                    }
                }
            }
        }

        var commercial = new JsonObject { [Ingest.OpenLineage.LineageEventParser.ClassificationFacet] = new JsonObject { ["kind"] = "model", ["commercial"] = true } };
        // Security telemetry leaves the incident-response store through an anonymiser into agent training.
        Runs("ir-anonymizer", [(CaptureNamespace, "dlp/incident-response")], (MlNamespace, "training/agent-trajectories", null), "IDENTITY", true, new DateOnly(2026, 5, 4), DataEnd, 7);
        Runs("mci-ingest", [(CaptureNamespace, "mci/raw-trajectories")], (MlNamespace, "training/agent-trajectories", null), "IDENTITY", false, new DateOnly(2026, 4, 28), DataEnd, 7);
        Runs("train-cua", [(MlNamespace, "training/agent-trajectories")], (MlNamespace, "models/agent-cua-1", commercial), "TRANSFORMATION", false, new DateOnly(2026, 6, 1), DataEnd, 30);
        Runs("train-assist", [(MlNamespace, "training/assist-sft")], (MlNamespace, "models/assist-internal", null), "TRANSFORMATION", false, new DateOnly(2026, 1, 10), DataEnd, 30);
        // A second curation job appears in September: it re-reads the pilot's raw sessions, including those withdrawn with past data.
        Runs("assist-curation-v2", [(CaptureNamespace, "annotation/raw")], (MlNamespace, "training/assist-sft-v2", null), "FILTER", false, new DateOnly(2026, 9, 1), DataEnd, 7);
        Runs("train-assist-v2", [(MlNamespace, "training/assist-sft-v2")], (MlNamespace, "models/assist-internal", null), "TRANSFORMATION", false, new DateOnly(2026, 9, 15), DataEnd, 30);

        // Shuffle deterministically: lineage feeds deliver out of order.
        for (var i = lines.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (lines[i], lines[j]) = (lines[j], lines[i]);
        }

        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static DateTime At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
