using Audit.Reports.Models;

namespace Audit.Reports.Tests;

/// <summary>Hand-built report models; deterministic so snapshots and text assertions stay stable.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Worker ids used in the monthly sample; the board summary must never show any of them.</summary>
    public static IReadOnlyList<string> WorkerIds { get; } =
        Enumerable.Range(1, 40).Select(i => $"W-{7300 + (i * 17)}").ToList();

    private static readonly string[] Subjects =
    [
        "config SecureWatch v4.2", "dataset ir-archive -> model atlas-cua-2", "program Atlas Trajectories",
        "worker cohort Berlin", "config FocusTrack v2.0", "edge etl_copy_sec_to_train",
    ];

    public static FindingRow Finding(int i, RuleCode? rule = null, Severity? severity = null) => new(
        FindingKey: $"F-{(rule ?? (RuleCode)(i % 9 + 1))}-{i:D4}",
        Rule: rule ?? (RuleCode)(i % 9 + 1),
        Severity: severity ?? (Severity)(i % 4),
        Subject: Subjects[i % Subjects.Length],
        Title: $"Batches from the security pipeline reach a training set (case {i})",
        AffectedWorkers: 3 + (i * 7 % 140),
        Evidence: $"Path raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> anonymize_v2 (anonymize) -> atlas-train-{i % 3}; anonymizing does not clear it. Worker {WorkerIds[i % WorkerIds.Count]} batch B-{i:D5}.",
        FirstSeen: new DateOnly(2025, 11, 1).AddDays(i * 3),
        LastSeen: new DateOnly(2026, 5, 31),
        Status: (FindingStatus)(i % 4),
        Change: (ChangeState)(i % 3),
        ExposureLow: 10_000m * (i + 1),
        ExposureHigh: 95_000m * (i + 1));

    public static IReadOnlyList<TrendPoint> Trend(int months = 12) =>
        Enumerable.Range(0, months).Select(m =>
        {
            var monthEnd = new DateOnly(2025, 7, 1).AddMonths(m + 1).AddDays(-1);
            return new TrendPoint(monthEnd, new SeverityCounts(2 + (m / 2), 5 + m, 9 + (m % 4), 4 + (m % 3)),
                400_000m + (m * 55_000m), 3_100_000m + (m * 420_000m));
        }).ToList();

    public static MonthlyReport Monthly(int findingCount = 30, int bigRows = 25)
    {
        var findings = Enumerable.Range(0, findingCount).Select(i => Finding(i)).ToList();
        var sections = RuleCatalog.All.Select(code =>
        {
            var mine = findings.Where(f => f.Rule == code).ToList();
            return new RuleSection(code, RuleCatalog.Title(code),
                $"Plain-words intro for {code}: what it means for the company.",
                $"Remediation for {code}: stop the job, quarantine the dataset, brief counsel.",
                mine.Count, mine.Sum(f => f.AffectedWorkers), mine.Count(f => f.Change == ChangeState.New),
                mine.Count(f => f.Change == ChangeState.Resolved), mine.Sum(f => f.ExposureLow),
                mine.Sum(f => f.ExposureHigh),
                mine.OrderByDescending(f => f.ExposureHigh).Take(5).ToList());
        }).ToList();

        return new MonthlyReport(
            CompanyName: "Northwind Analytics GmbH",
            Period: new YearMonth(2026, 5),
            GeneratedAt: GeneratedAt,
            DataAsOf: new DateOnly(2026, 5, 31),
            CurrencyCode: "USD",
            Summary: new ExecutiveSummary(new SeverityCounts(7, 8, 8, 7), 10, 4, 16, 1234, 1_250_000m, 14_800_000m,
                [
                    "Since last month (April 2026), 10 findings are new (R1 Security telemetry reaches training and R6 EU exemption mismatch) and 4 were resolved; 16 others persist.",
                    "The exposure estimate rose from USD 1.1M – 14.2M to USD 1.3M – 14.8M.",
                    "Most urgent: 2 new critical findings, SecureWatch v4.3 sends security recordings to atlas-cua-2 and Atlas Trajectories captures EU staff.",
                ],
                [.. Board().TopRisks.Select(r => r.ExposureWithheld
                    ? r with { Sentence = r.Sentence.Replace("<5", "3", StringComparison.Ordinal), ExposureLow = 10_000m, ExposureHigh = 250_000m, ExposureWithheld = false }
                    : r)]),
            Trend: Trend(),
            Inventory:
            [
                new InventoryRow("SecureWatch", "v4.2", null,
                    ["keystrokes", "mouse_movement", "window_text", "ui_hierarchy", "screenshots (30s)"],
                    ["security", "compliance"], ["US", "DE", "FR", "GB"], [], new DateOnly(2025, 1, 1), null, 812, true),
                new InventoryRow("SecureWatch", "v4.3", "Atlas Trajectories",
                    ["keystrokes", "mouse_movement", "click_coordinates", "scroll_velocity", "window_text", "ui_hierarchy", "screenshots (10s)"],
                    ["security", "compliance", "ai_training"], ["US", "GB"], ["DE", "FR", "NL"],
                    new DateOnly(2025, 9, 1), new DateOnly(2026, 3, 31), 655, true),
                new InventoryRow("FocusTrack", "v2.0", null, ["mouse_movement", "scroll_velocity"], ["productivity"],
                    ["US"], [], new DateOnly(2024, 6, 1), null, 240, false),
            ],
            Rules: sections,
            Eu: new EuSection(["EU/EEA", "UK", "CH"],
                [new EuProgramRow("Atlas Trajectories", true, false), new EuProgramRow("Helpdesk Copilot", false, false)],
                EuWorkersCaptured: 87, EuBatchesReachingTraining: 1_412, RelocatedWorkers: 9,
                Findings: findings.Where(f => f.Rule == RuleCode.R6).ToList()),
            Compensation: new CompensationSection(
            [
                new CompensationProgramRow("Atlas Trajectories", 655, 40, 48_210.5m, 1_928_420m, 2_410_525m, 40m),
                new CompensationProgramRow("Helpdesk Copilot", 120, 120, 0m, 0m, 0m, 40m),
            ]),
            Appendix: new ReportAppendix(
                "Method text: rules are judged as of the data date; exposure is a low/high range per finding.",
                [
                    new ExposureAssumptionRow("BIPA-15b", "Illinois BIPA", "US-IL", [RuleCode.R1, RuleCode.R2],
                        "per violation", 1_000m, 5_000m, "USD", "740 ILCS 14/20", Confidence.A, "Negligent vs reckless"),
                    new ExposureAssumptionRow("GDPR-83-5", "GDPR", "EU", [RuleCode.R6], "share of turnover",
                        0m, 20_000_000m, "EUR", "Regulation (EU) 2016/679 Art. 83(5)", Confidence.B, null),
                ],
                [new DataSourceLine("Workers (HR records)", 1_840), new DataSourceLine("Capture batches (a worker's captured data, by window)", 1_204_331), new DataSourceLine("Data flows between datasets (lineage)", 5_210)],
                Remediation:
                [
                    new RemediationRow("R7:program:atlas", RuleCode.R7, Severity.High, "Uncompensated work trains a commercial model", 1_928_420m, 2_410_525m, 160_000m, 200_000m,
                        "pay-past-use", "Pay contributors for past use and a stipend going forward", true, 1_948_420m, 2_470_525m, 0m, 0m, 0m, 0m, "WAGE-UNCOMP", "HR and Finance",
                        90, "The background case: decide your position on compensation before counsel decides it for you."),
                    new RemediationRow("R7:program:atlas", RuleCode.R7, Severity.High, "Uncompensated work trains a commercial model", 1_928_420m, 2_410_525m, 160_000m, 200_000m,
                        "stop-flow", "Stop the flow", false, 10_000m, 40_000m, 1_928_420m, 2_410_525m, 0m, 0m, string.Empty, "Data platform",
                        14, "GDPR Art. 5(1)(b) purpose limitation."),
                ]),
            AllFindings: findings,
            ConsentGaps: Enumerable.Range(0, bigRows).Select(i => new ConsentGapRow(
                WorkerIds[i % WorkerIds.Count], "v4.2", "SecureWatch", 3 + i,
                new DateTimeOffset(2025, 10, 1, 8, 0, 0, TimeSpan.Zero).AddHours(i),
                new DateTimeOffset(2026, 4, 30, 17, 30, 0, TimeSpan.Zero), "acknowledged security notice N-3 only",
                [RuleCode.R2, RuleCode.R3])).ToList(),
            LineagePaths: Enumerable.Range(0, bigRows).Select(i => new LineagePathRow(
                "raw-capture/securewatch", $"atlas-train-{i % 3}", "training_dataset", i % 2 == 0,
                "raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> atlas-train",
                new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i))).ToList(),
            CompensationRows: Enumerable.Range(0, bigRows).Select(i => new CompensationRow(
                WorkerIds[i % WorkerIds.Count], "Atlas Trajectories", "atlas-cua-2", 12.5m + i, (12.5m + i) * 40m)).ToList(),
            Notices:
            [
                new NoticeTextRow("SW-2025", "2025.1", new DateOnly(2025, 1, 1), new string('a', 64), "vague", "absent", "bundled", ["keystrokes", "screenshots"],
                [
                    new NoticeProblemRow("vague-purpose", 1, "Company devices are monitored for security and compliance purposes.",
                        "\"security and compliance purposes\" names no use in particular: it does not cover AI training under a defensible interpretation."),
                    new NoticeProblemRow("bundled-consent", 3, "By using company devices you agree to this monitoring.", "Consent is tied to the job, the handbook or the use of company devices."),
                    new NoticeProblemRow("capability-not-named", null, null, "SecureWatch v4.3 captures click_coordinates, ui_hierarchy while this notice is in force; its text never names them."),
                ]),
                new NoticeTextRow("ATLAS-2025", "2025.2", new DateOnly(2025, 9, 1), null, null, null, null, [], [new NoticeProblemRow("no-text", null, null, "No text of this notice has been imported.")]),
            ]);
    }

    public static BoardSummary Board() => new(
        CompanyName: "Northwind Analytics GmbH",
        QuarterLabel: "2026Q2",
        GeneratedAt: GeneratedAt,
        DataAsOf: new DateOnly(2026, 6, 30),
        Kpis: new BoardKpis(new SeverityCounts(3, 8, 12, 2), 1234, 1_250_000m, 14_800_000m, "USD"),
        Trend: Trend(),
        TopRisks:
        [
            new BoardRisk(RuleCode.R1, Severity.Critical, "Recordings made for security purposes have been used to train AI models, affecting 655 workers.", 900_000m, 9_500_000m,
                "Decision for the board: whether to stop training on security recordings now. Owner: the CISO, with counsel."),
            new BoardRisk(RuleCode.R6, Severity.Critical, "Data of <5 workers covered by the EU exemption still reached AI training.", 0m, 0m,
                "Owner: the program's sponsor, with counsel: filter by location at capture time.", ExposureWithheld: true),
            new BoardRisk(RuleCode.R7, Severity.High, "Work of 615 workers trained a commercial model without compensation.", 1_928_420m, 2_410_525m,
                "Decision for the board: whether to compensate contributors for past use. Owner: HR, with counsel."),
            new BoardRisk(RuleCode.R5, Severity.High, "An AI training program gives 655 workers no real way to opt out.", 50_000m, 400_000m,
                "Decision for the board: whether the program may continue without a real opt-out."),
            new BoardRisk(RuleCode.R9, Severity.Medium, "<5 workers were let go soon after their work was used for AI training.", 0m, 0m,
                "Decision for the board: review the timing of any further reduction in force.", ExposureWithheld: true),
        ],
        Changes: new BoardChanges(New: 3, Resolved: 11, ExposureLowChange: 150_000m, ExposureHighChange: -800_000m),
        Decisions:
        [
            new BoardDecision("Pay contributors for past use (uncompensated hours × the benchmark rate) and a stipend going forward", 1, [RuleCode.R7],
                1_948_420m, 2_470_525m, 1_928_420m, 2_410_525m, 160_000m, 200_000m, "HR and Finance", 90),
            new BoardDecision("Stop the flow: block the pipelines that carry these captures into training", 3, [RuleCode.R1, RuleCode.R2],
                30_000m, 120_000m, 0m, 0m, 45_000m, 90_000m, "Data platform", 14),
            new BoardDecision("Offer a real opt-out from AI training and honour it in every pipeline", 1, [RuleCode.R5], 0m, 0m, 0m, 0m, 0m, 0m, "Privacy office",
                30, FiguresWithheld: true),
        ]);

    public static LineageExportRow ExportRow(int i) => new(
        WorkerId: WorkerIds[i % WorkerIds.Count],
        BatchId: $"B-{i:D6}",
        Tool: "SecureWatch",
        ConfigVersion: i % 2 == 0 ? "v4.2" : "v4.3",
        CapturedFrom: new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(1)).AddHours(i),
        CapturedTo: new DateTimeOffset(2026, 1, 5, 17, 0, 0, TimeSpan.FromHours(1)).AddHours(i),
        ActiveMinutes: 380 + i,
        EventCount: 120_000 + i,
        Country: i % 3 == 0 ? "DE" : "US",
        Subdivision: i % 3 == 0 ? null : "US-NY",
        OriginDataset: "raw-capture/securewatch",
        Path: "raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> \"anonymize, v2\" -> atlas-train",
        SinkDataset: "atlas-train",
        SinkKind: "training_dataset",
        SinkCommercial: true,
        ReachedTrainingAt: i % 5 == 0 ? null : new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
        AcknowledgedNoticeVersion: i % 4 == 0 ? null : "N-3",
        AiTrainingConsent: i % 7 == 0,
        OptedOut: i % 11 == 0,
        OptOutScope: i % 11 == 0 ? "future_and_past" : null,
        AcknowledgedAt: i % 4 == 0 ? null : new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero),
        AiTrainingConsentAt: i % 7 == 0 ? new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero) : null,
        OptedOutAt: i % 11 == 0 ? new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero) : null,
        Findings: i % 2 == 0 ? ["R2:config:securewatch v4.2", "R4:program:atlas"] : []);
}
