using static Audit.Service.Ingest.FieldSpec;

namespace Audit.Service.Ingest;

/// <summary>Every importable entity of domain.md, by the kind name used on the command line.</summary>
public static class ImportSpecs
{
    public static readonly ImportSpec Workers = new()
    {
        Kind = "workers",
        Table = "Worker",
        Description = "People whose work is captured: HR id, employment type, hire and termination.",
        Fields =
        [
            Text("worker_id", maxLength: 64), Text("display_name", required: false, maxLength: 200),
            Code<EmploymentType>("employment_type"), Date("hire_date"),
            Date("termination_date", required: false), Code<TerminationReason>("termination_reason", required: false),
        ],
        KeyFields = ["worker_id"],
        KeyColumns = ["WorkerId"],
        Columns = ["WorkerId", "DisplayName", "EmploymentType", "HireDate", "TerminationDate", "TerminationReason"],
        Map = (r, _) =>
        {
            r.RequireOrder<DateOnly>("hire_date", "termination_date");
            if (r.Has("termination_date") != r.Has("termination_reason"))
            {
                r.Fail("termination_reason", "termination_date and termination_reason go together");
            }

            return r.IsValid
                ? [r.Get<string>("worker_id"), r.OptionalText("display_name"), r.Get<string>("employment_type"), r.Get<DateOnly>("hire_date"),
                   r.Optional<DateOnly>("termination_date"), r.OptionalText("termination_reason")]
                : null;
        },
    };

    public static readonly ImportSpec WorkerLocations = new()
    {
        Kind = "worker-locations",
        Table = "WorkerLocation",
        Description = "Where each worker was based, and when (people relocate).",
        Fields = [Text("worker_id", maxLength: 64), Country("country"), Subdivision("subdivision"), Date("valid_from"), Date("valid_to", required: false)],
        KeyFields = ["worker_id", "valid_from"],
        Columns = ["WorkerId", "ValidFrom", "ValidTo", "CountryCode", "SubdivisionCode"],
        References = ReferenceKinds.Workers,
        Map = (r, refs) =>
        {
            r.Require("worker_id", refs.Workers.Contains, "worker");
            r.RequireOrder<DateOnly>("valid_from", "valid_to");
            if (r.OptionalText("subdivision") is { } sub && r.OptionalText("country") is { } country
                && !Iso3166.IsSubdivisionOf(sub, country, out var problem))
            {
                r.Fail("subdivision", problem!);
            }

            return r.IsValid
                ? [r.Get<string>("worker_id"), r.Get<DateOnly>("valid_from"), r.Optional<DateOnly>("valid_to"), r.Get<string>("country"), r.OptionalText("subdivision")]
                : null;
        },
    };

    public static readonly ImportSpec Programs = new()
    {
        Kind = "programs",
        Table = "Program",
        Description = "Programs that use captured data (e.g. an AI training program): exemption, opt-out, compensation.",
        Fields =
        [
            Text("program_id", maxLength: 64), Text("name", maxLength: 200), Text("purpose"), Boolean("eu_exempt"),
            Text("eu_exemption_rationale", required: false, maxLength: 8000), Code<OptOutMechanism>("opt_out"),
            Text("opt_out_description", required: false, maxLength: 1000), Text("compensation_policy", required: false, maxLength: 1000),
        ],
        KeyFields = ["program_id"],
        KeyColumns = ["ProgramId"],
        Columns = ["ProgramId", "Name", "Purpose", "EuExempt", "EuExemptionRationale", "OptOut", "OptOutDescription", "CompensationPolicy"],
        Map = (r, _) => r.IsValid
            ? [r.Get<string>("program_id"), r.Get<string>("name"), r.Get<string>("purpose"), r.Get<bool>("eu_exempt"),
               r.OptionalText("eu_exemption_rationale"), r.Get<string>("opt_out"), r.OptionalText("opt_out_description"), r.OptionalText("compensation_policy")]
            : null,
    };

    public static readonly ImportSpec CaptureTools = new()
    {
        Kind = "capture-tools",
        Table = "CaptureTool",
        Description = "Capture agents on employee machines (DLP, productivity, training recorders).",
        Fields = [Text("tool_id", maxLength: 64), Text("name", maxLength: 200), Text("vendor", required: false, maxLength: 200)],
        KeyFields = ["tool_id"],
        KeyColumns = ["ToolId"],
        Columns = ["ToolId", "Name", "Vendor"],
        Map = (r, _) => r.IsValid ? [r.Get<string>("tool_id"), r.Get<string>("name"), r.OptionalText("vendor")] : null,
    };

    public static readonly ImportSpec CaptureConfigs = new()
    {
        Kind = "capture-configs",
        Table = "CaptureConfig",
        Description = "Config versions of a capture tool: capabilities, declared purposes, scope, effective dates.",
        Fields =
        [
            Text("tool_id", maxLength: 64), Text("version", maxLength: 32), Text("program_id", required: false, maxLength: 64),
            Date("effective_from"), Date("effective_to", required: false), CodeSet<Capability>("capabilities"),
            Integer("screenshot_interval_seconds", required: false), CodeSet<Purpose>("purposes"),
            CountrySet("countries_included"), CountrySet("countries_excluded"),
        ],
        KeyFields = ["tool_id", "version"],
        Columns = ["ToolId", "Version", "ProgramId", "EffectiveFrom", "EffectiveTo", "Capabilities", "ScreenshotIntervalSeconds", "Purposes", "CountriesIncluded", "CountriesExcluded"],
        References = ReferenceKinds.Tools | ReferenceKinds.Programs,
        Map = (r, refs) =>
        {
            r.Require("tool_id", refs.Tools.Contains, "capture tool");
            r.Require("program_id", refs.Programs.Contains, "program");

            r.RequireOrder<DateOnly>("effective_from", "effective_to");
            if (r.OptionalText("capabilities") is { } caps && Codes.Split(caps).Contains("screenshots") && !r.Has("screenshot_interval_seconds"))
            {
                r.Fail("screenshot_interval_seconds", "required when capabilities include screenshots");
            }

            return r.IsValid
                ? [r.Get<string>("tool_id"), r.Get<string>("version"), r.OptionalText("program_id"), r.Get<DateOnly>("effective_from"),
                   r.Optional<DateOnly>("effective_to"), r.Get<string>("capabilities"), r.Optional<long>("screenshot_interval_seconds"),
                   r.Get<string>("purposes"), r.OptionalText("countries_included"), r.OptionalText("countries_excluded")]
                : null;
        },
    };

    public static readonly ImportSpec Notices = new()
    {
        Kind = "notices",
        Table = "Notice",
        Description = "Disclosure (notice) versions: which purposes and capabilities they name, whether they offer an opt-out.",
        Fields =
        [
            Text("notice_id", maxLength: 64), Text("tool_id", required: false, maxLength: 64), Text("program_id", required: false, maxLength: 64),
            Text("version", maxLength: 32), Date("published_on"), CodeSet<Purpose>("purposes"), CodeSet<Capability>("capabilities", required: false),
            Boolean("offers_opt_out"), Text("summary", required: false, maxLength: 2000),
        ],
        KeyFields = ["notice_id"],
        KeyColumns = ["NoticeId"],
        Columns = ["NoticeId", "ToolId", "ProgramId", "Version", "PublishedOn", "Purposes", "Capabilities", "OffersOptOut", "Summary"],
        References = ReferenceKinds.Tools | ReferenceKinds.Programs,
        Map = (r, refs) =>
        {
            r.Require("tool_id", refs.Tools.Contains, "capture tool");

            r.Require("program_id", refs.Programs.Contains, "program");
            if (!r.Has("tool_id") && !r.Has("program_id"))
            {
                // A notice belongs to its tool's or its program's series; one naming neither would silently cover nothing.
                r.Fail("tool_id", "a notice names its capture tool (tool_id) or its program (program_id), or both");
            }

            return r.IsValid
                ? [r.Get<string>("notice_id"), r.OptionalText("tool_id"), r.OptionalText("program_id"), r.Get<string>("version"),
                   r.Get<DateOnly>("published_on"), r.Get<string>("purposes"), r.OptionalText("capabilities") ?? string.Empty,
                   r.Get<bool>("offers_opt_out"), r.OptionalText("summary")]
                : null;
        },
    };

    public static readonly ImportSpec Acknowledgements = new()
    {
        Kind = "acknowledgements",
        Table = "Acknowledgement",
        Description = "Which notice version each worker acknowledged, when, and the purposes consented to.",
        Fields = [Text("worker_id", maxLength: 64), Text("notice_id", maxLength: 64), Timestamp("acknowledged_at"), CodeSet<Purpose>("consent_purposes", required: false)],
        KeyFields = ["worker_id", "notice_id"],
        Columns = ["WorkerId", "NoticeId", "AcknowledgedAt", "ConsentPurposes"],
        References = ReferenceKinds.Workers | ReferenceKinds.Notices,
        Map = (r, refs) =>
        {
            r.Require("worker_id", refs.Workers.Contains, "worker");
            r.Require("notice_id", refs.Notices.Contains, "notice");
            return r.IsValid
                ? [r.Get<string>("worker_id"), r.Get<string>("notice_id"), r.Get<DateTime>("acknowledged_at"), r.OptionalText("consent_purposes")]
                : null;
        },
    };

    public static readonly ImportSpec OptOuts = new()
    {
        Kind = "opt-outs",
        Table = "OptOut",
        Description = "Opt-outs: worker, program, date, and whether they cover past data or only future capture.",
        Fields = [Text("worker_id", maxLength: 64), Text("program_id", maxLength: 64), Timestamp("opted_out_at"), Code<OptOutScope>("scope")],
        KeyFields = ["worker_id", "program_id", "opted_out_at"],
        Columns = ["WorkerId", "ProgramId", "OptedOutAt", "Scope"],
        References = ReferenceKinds.Workers | ReferenceKinds.Programs,
        Map = (r, refs) =>
        {
            r.Require("worker_id", refs.Workers.Contains, "worker");
            r.Require("program_id", refs.Programs.Contains, "program");
            return r.IsValid
                ? [r.Get<string>("worker_id"), r.Get<string>("program_id"), r.Get<DateTime>("opted_out_at"), r.Get<string>("scope")]
                : null;
        },
    };

    public static readonly ImportSpec Datasets = new()
    {
        Kind = "datasets",
        Table = "Dataset",
        Description = "Datasets and stores by kind (raw capture, security pipeline, analytics, training dataset, model).",
        Fields = [Text("namespace"), Text("name"), Code<DatasetKind>("kind"), Boolean("commercial", required: false), Timestamp("first_seen", required: false)],
        KeyFields = ["namespace", "name"],
        KeyColumns = ["Namespace", "Name"],
        Columns = ["Namespace", "Name", "Kind", "IsCommercial", "FirstSeen"],
        Map = (r, _) =>
        {
            if (r.Optional<bool>("commercial") == true && r.OptionalText("kind") is { } kind && kind != "model")
            {
                r.Fail("commercial", "only a model can be flagged commercial");
            }

            return r.IsValid
                ? [r.Get<string>("namespace"), r.Get<string>("name"), r.Get<string>("kind"), r.Optional<bool>("commercial") ?? false,
                   r.Optional<DateTime>("first_seen") ?? DateTime.UtcNow.Date]
                : null;
        },
    };

    public static readonly ImportSpec LineageEdges = new()
    {
        Kind = "lineage-edges",
        Table = "LineageEdge",
        Description = "Edges between datasets: the job, the transform, first and last seen.",
        Fields =
        [
            Text("source_namespace"), Text("source_name"), Text("target_namespace"), Text("target_name"),
            Text("job_namespace"), Text("job_name"), Code<TransformKind>("transform"), Timestamp("first_seen"), Timestamp("last_seen"),
        ],
        KeyFields = ["source_namespace", "source_name", "target_namespace", "target_name", "job_namespace", "job_name"],
        Columns = ["SourceDatasetId", "TargetDatasetId", "JobNamespace", "JobName", "Transform", "FirstSeen", "LastSeen"],
        References = ReferenceKinds.Datasets,
        Map = (r, refs) =>
        {
            var source = Dataset(r, refs, "source_namespace", "source_name");
            var target = Dataset(r, refs, "target_namespace", "target_name");
            r.RequireOrder<DateTime>("first_seen", "last_seen");
            return r.IsValid
                ? [source, target, r.Get<string>("job_namespace"), r.Get<string>("job_name"), r.Get<string>("transform"),
                   r.Get<DateTime>("first_seen"), r.Get<DateTime>("last_seen")]
                : null;
        },
    };

    public static readonly ImportSpec CaptureBatches = new()
    {
        Kind = "capture-batches",
        Table = "CaptureBatch",
        Description = "A worker's captured data: tool, config version, window, active minutes, events, and the dataset it landed in.",
        Fields =
        [
            Text("batch_id", maxLength: 64), Text("worker_id", maxLength: 64), Text("tool_id", maxLength: 64), Text("config_version", maxLength: 32),
            Text("dataset_namespace"), Text("dataset_name"), Timestamp("captured_from"), Timestamp("captured_to"),
            Integer("active_minutes"), Integer("event_count"),
        ],
        KeyFields = ["batch_id"],
        Columns = ["BatchId", "WorkerId", "ToolId", "ConfigVersion", "DatasetId", "CapturedFrom", "CapturedTo", "ActiveMinutes", "EventCount"],
        References = ReferenceKinds.Workers | ReferenceKinds.Configs | ReferenceKinds.Datasets,
        Map = (r, refs) =>
        {
            r.Require("worker_id", refs.Workers.Contains, "worker");
            if (!refs.Configs.Contains((r.Get<string>("tool_id"), r.Get<string>("config_version"))))
            {
                r.Fail("config_version", $"unknown capture config '{r.Get<string>("tool_id")}' version '{r.Get<string>("config_version")}'");
            }

            var dataset = Dataset(r, refs, "dataset_namespace", "dataset_name");
            r.RequireOrder<DateTime>("captured_from", "captured_to");
            if (r.Optional<DateTime>("captured_from") is { } from && r.Optional<DateTime>("captured_to") is { } to
                && r.Optional<long>("active_minutes") is { } minutes && minutes > Math.Ceiling((to - from).TotalMinutes))
            {
                r.Fail("active_minutes", $"{minutes} active minutes do not fit in the capture window of {(to - from).TotalMinutes:0} minutes");
            }

            return r.IsValid
                ? [r.Get<string>("batch_id"), r.Get<string>("worker_id"), r.Get<string>("tool_id"), r.Get<string>("config_version"), dataset,
                   r.Get<DateTime>("captured_from"), r.Get<DateTime>("captured_to"), r.Get<long>("active_minutes"), r.Get<long>("event_count")]
                : null;
        },
    };

    public static readonly ImportSpec CompensationAgreements = new()
    {
        Kind = "compensation-agreements",
        Table = "CompensationAgreement",
        Description = "Compensation agreements: worker, program, kind, amount and the period covered.",
        Fields =
        [
            Text("agreement_id", maxLength: 64), Text("worker_id", maxLength: 64), Text("program_id", maxLength: 64),
            Code<CompensationKind>("kind"), Money("amount"), Currency("currency"), Date("period_from"), Date("period_to", required: false),
        ],
        KeyFields = ["agreement_id"],
        KeyColumns = ["AgreementId"],
        Columns = ["AgreementId", "WorkerId", "ProgramId", "Kind", "Amount", "Currency", "PeriodFrom", "PeriodTo"],
        References = ReferenceKinds.Workers | ReferenceKinds.Programs,
        Map = (r, refs) =>
        {
            r.Require("worker_id", refs.Workers.Contains, "worker");
            r.Require("program_id", refs.Programs.Contains, "program");
            r.RequireOrder<DateOnly>("period_from", "period_to");
            return r.IsValid
                ? [r.Get<string>("agreement_id"), r.Get<string>("worker_id"), r.Get<string>("program_id"), r.Get<string>("kind"),
                   r.Get<decimal>("amount"), r.Get<string>("currency"), r.Get<DateOnly>("period_from"), r.Optional<DateOnly>("period_to")]
                : null;
        },
    };

    public static readonly ImportSpec WorkforceEvents = new()
    {
        Kind = "workforce-events",
        Table = "WorkforceEvent",
        Description = "Reductions in force and company announcements of AI investment.",
        Fields =
        [
            Text("event_id", maxLength: 64), Code<WorkforceEventKind>("kind"), Date("announced_on"), Date("effective_on", required: false),
            Integer("affected_count", required: false), Text("description", required: false, maxLength: 2000),
        ],
        KeyFields = ["event_id"],
        KeyColumns = ["EventId"],
        Columns = ["EventId", "Kind", "AnnouncedOn", "EffectiveOn", "AffectedCount", "Description"],
        Map = (r, _) =>
        {
            r.RequireOrder<DateOnly>("announced_on", "effective_on");
            return r.IsValid
                ? [r.Get<string>("event_id"), r.Get<string>("kind"), r.Get<DateOnly>("announced_on"), r.Optional<DateOnly>("effective_on"),
                   r.Optional<long>("affected_count"), r.OptionalText("description")]
                : null;
        },
    };

    public static readonly ImportSpec ExposureTheories = new()
    {
        Kind = "exposure-theories",
        Table = "ExposureTheory",
        Description = "The exposure table counsel edits: legal theories, triggering rules, units, low and high figures, citations, and each row's primary source with its pinpoint and when and by whom it was last verified.",
        Fields =
        [
            Text("theory_id", maxLength: 64), Text("regime", maxLength: 200), Text("jurisdiction", maxLength: 10), Text("triggering_rules", maxLength: 100),
            new("unit", FieldKind.Code, true, Audit.Rules.ExposureUnits.All), Decimal("low_amount"), Decimal("high_amount"),
            Decimal("turnover_share_low", required: false), Decimal("turnover_share_high", required: false), Currency("currency"),
            Text("cap_group", required: false, maxLength: 64), Date("effective_from"), new("confidence", FieldKind.Code, true, ["A", "B", "C"]),
            Text("citation", maxLength: 1000), Text("note", required: false, maxLength: 2000),
            Text("series", required: false, maxLength: 64), Decimal("first_offense_amount", required: false), Decimal("second_offense_amount", required: false),
            Decimal("later_offense_amount", required: false), new("applies_when", FieldKind.Code, false, Audit.Rules.ExposureConditions.All),
            Text("primary_source", maxLength: 1000), Text("pinpoint", maxLength: 1000), Date("verified_on"), Text("verified_by", maxLength: 200),
        ],
        KeyFields = ["theory_id"],
        KeyColumns = ["TheoryId"],
        Columns = ["TheoryId", "Regime", "Jurisdiction", "TriggeringRules", "Unit", "LowAmount", "HighAmount", "TurnoverShareLow", "TurnoverShareHigh", "Currency", "CapGroup", "EffectiveFrom", "Confidence", "Citation", "Note",
            "Series", "FirstOffenseAmount", "SecondOffenseAmount", "LaterOffenseAmount", "AppliesWhen", "PrimarySource", "Pinpoint", "VerifiedOn", "VerifiedBy"],
        Map = (r, _) =>
        {
            // A source is verified on a day that has come: a later day would let the appendix vouch for a check not yet made.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (r.Optional<DateOnly>("verified_on") is { } verified && verified > today)
            {
                r.Fail("verified_on", $"{verified:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, UTC): give the day the source was last read");
            }

            var rules = Codes.Split(r.Get<string>("triggering_rules")).ToList();
            if (rules.Count == 0 || rules.Any(x => !x.StartsWith('R') || !Enum.TryParse<RuleCode>(x, out var code) || !Enum.IsDefined(code)))
            {
                r.Fail("triggering_rules", "expected rule codes R1 to R10 separated by ';'");
            }

            if (r.Get<string>("unit") == Audit.Rules.ExposureUnits.TurnoverCap && !r.Has("turnover_share_high"))
            {
                r.Fail("turnover_share_high", "required for a turnover_cap");
            }

            if (r.Optional<decimal>("turnover_share_high") is > 1 || r.Optional<decimal>("turnover_share_low") is > 1)
            {
                r.Fail("turnover_share_high", "a share of turnover is a fraction: 0.04 for 4%");
            }

            if (r.Get<decimal>("high_amount") < r.Get<decimal>("low_amount"))
            {
                r.Fail("high_amount", "high_amount is below low_amount");
            }

            // Tier figures (first, second, later offense) come as a set, and only offenses are counted in tiers.
            string[] tiers = ["first_offense_amount", "second_offense_amount", "later_offense_amount"];
            var given = tiers.Count(r.Has);
            if (given is > 0 and < 3)
            {
                r.Fail(tiers.First(t => !r.Has(t)), "tier figures come together: first_offense_amount, second_offense_amount and later_offense_amount");
            }
            else if (given == 3 && r.Get<string>("unit") != Audit.Rules.ExposureUnits.PerOffense)
            {
                r.Fail("first_offense_amount", "tier figures apply only to a per_offense unit");
            }

            return r.IsValid
                ? [r.Get<string>("theory_id"), r.Get<string>("regime"), r.Get<string>("jurisdiction"), string.Join(';', rules), r.Get<string>("unit"),
                   r.Get<decimal>("low_amount"), r.Get<decimal>("high_amount"), r.Optional<decimal>("turnover_share_low"), r.Optional<decimal>("turnover_share_high"),
                   r.Get<string>("currency"), r.OptionalText("cap_group"), r.Get<DateOnly>("effective_from"), r.Get<string>("confidence"),
                   r.Get<string>("citation"), r.OptionalText("note"),
                   r.OptionalText("series") ?? r.Get<string>("theory_id"), r.Optional<decimal>("first_offense_amount"), r.Optional<decimal>("second_offense_amount"),
                   r.Optional<decimal>("later_offense_amount"), r.OptionalText("applies_when") ?? Audit.Rules.ExposureConditions.Always,
                   r.Get<string>("primary_source"), r.Get<string>("pinpoint"), r.Get<DateOnly>("verified_on"), r.Get<string>("verified_by")]
                : null;
        },
    };

    public static readonly ImportSpec DatasetPurges = new()
    {
        Kind = "dataset-purges",
        Table = "DatasetPurge",
        Description = "Datasets and models whose contents were deleted (a purge, a model deleted): the day, and the ticket or certificate that shows it.",
        Fields =
        [
            Text("dataset_namespace"), Text("dataset_name"), Date("purged_on"), Text("reference", maxLength: 200),
            Text("note", required: false, maxLength: 2000),
        ],
        KeyFields = ["dataset_namespace", "dataset_name", "purged_on"],
        Columns = ["DatasetId", "PurgedOn", "Reference", "Note"],
        References = ReferenceKinds.Datasets,
        Map = (r, refs) =>
        {
            var dataset = Dataset(r, refs, "dataset_namespace", "dataset_name");

            // A purge is recorded once it is done: a day to come would tell the next scans data is gone that is not.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            if (r.Optional<DateOnly>("purged_on") is { } day && day > today)
            {
                r.Fail("purged_on", $"{day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, UTC): record a purge once it is done");
            }

            return r.IsValid
                ? [dataset, r.Get<DateOnly>("purged_on"), r.Get<string>("reference"), r.OptionalText("note")]
                : null;
        },
    };

    /// <summary>In dependency order: an entity's references come before it.</summary>
    public static readonly IReadOnlyList<ImportSpec> All =
    [
        Workers, WorkerLocations, Programs, CaptureTools, CaptureConfigs, Notices, Acknowledgements, OptOuts,
        Datasets, LineageEdges, CaptureBatches, CompensationAgreements, WorkforceEvents, ExposureTheories, DatasetPurges,
    ];

    public static ImportSpec? Find(string kind) =>
        All.FirstOrDefault(s => string.Equals(s.Kind, kind, StringComparison.OrdinalIgnoreCase));

    private static long Dataset(ParsedRow r, ReferenceData refs, string namespaceField, string nameField)
    {
        if (r.OptionalText(namespaceField) is not { } ns || r.OptionalText(nameField) is not { } name)
        {
            return 0;
        }

        if (refs.Datasets.TryGetValue((ns, name), out var id))
        {
            return id;
        }

        r.Fail(nameField, $"unknown dataset '{ns}' / '{name}' (import it with 'import datasets' first)");
        return 0;
    }
}
