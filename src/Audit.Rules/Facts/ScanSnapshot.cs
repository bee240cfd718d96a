using System.Globalization;

namespace Audit.Rules;

public sealed record ProgramInfo(string ProgramId, string Name, string Purpose, bool EuExempt, string? EuExemptionRationale, OptOutMechanism OptOut, string? OptOutDescription, string? CompensationPolicy);

public sealed record ConfigInfo(
    string ToolId,
    string Version,
    string? ProgramId,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    Capability Capabilities,
    int? ScreenshotIntervalSeconds,
    Purpose Purposes,
    IReadOnlySet<string> CountriesIncluded,
    IReadOnlySet<string> CountriesExcluded,
    bool InForce = true)
{
    public string Key { get; } = $"{ToolId} {Version}";

    /// <summary>The act key of captures under this config of a worker who had acknowledged no monitoring notice at all: an act of its own, so the notice statutes count only its batches.</summary>
    public string UnnoticedKey { get; } = $"{ToolId} {Version} (no monitoring notice)";

    /// <summary>The notice series that speak for this config: its tool's and, when it has one, its program's.</summary>
    public IEnumerable<string> NoticeSeries()
    {
        yield return NoticeInfo.ToolSeries(ToolId);
        if (ProgramId is not null)
        {
            yield return NoticeInfo.ProgramSeries(ProgramId);
        }
    }

    /// <summary>Captures a biometric identifier: webcam or audio (screenshots only where faces are declared in scope, which no record does yet).</summary>
    public bool Biometric => (Capabilities & (Capability.Webcam | Capability.Audio)) != Capability.None;

    /// <summary>Declared for security and/or compliance and nothing else.</summary>
    public bool SecurityOnly => Purposes != Purpose.None && (Purposes & ~(Purpose.Security | Purpose.Compliance)) == Purpose.None;

    public bool ForAiTraining => Purposes.HasFlag(Purpose.AiTraining);

    /// <summary>Screenshots and the UI tree plus keystrokes or window text: a full work trajectory, what agent training wants.</summary>
    public bool TrajectoryGrade =>
        Capabilities.HasFlag(Capability.Screenshots) && Capabilities.HasFlag(Capability.UiHierarchy)
        && (Capabilities.HasFlag(Capability.Keystrokes) || Capabilities.HasFlag(Capability.WindowText));
}

/// <summary>
/// A notice version. It belongs to one series: its program's when it names one (the program is what the notice
/// is about), else its tool's; the import refuses a notice naming neither. Later versions of a series supersede earlier ones.
/// </summary>
public sealed record NoticeInfo(string NoticeId, string? ToolId, string? ProgramId, string Version, DateOnly PublishedOn, Purpose Purposes, Capability Capabilities, bool OffersOptOut)
{
    public string Series { get; } = ProgramId is not null ? ProgramSeries(ProgramId) : ToolSeries(ToolId ?? string.Empty);

    public static string ToolSeries(string toolId) => "tool:" + toolId;

    public static string ProgramSeries(string programId) => "program:" + programId;

    /// <summary>A notice speaks for a config when it names the config's tool or its program.</summary>
    public bool Covers(ConfigInfo config) =>
        (ToolId is not null && ToolId == config.ToolId) || (ProgramId is not null && ProgramId == config.ProgramId);

    /// <summary>Of the config's series (tool or program), as a drift-clearing notice must be.</summary>
    public bool OfSeriesOf(ConfigInfo config) => config.NoticeSeries().Contains(Series, StringComparer.Ordinal);

    public string Describe() =>
        $"{NoticeId} (version {Version}, published {PublishedOn:yyyy-MM-dd}, names {Labels.Set(Purposes)})";
}

public sealed record DatasetInfo(long DatasetId, string Namespace, string Name, DatasetKind Kind, bool IsCommercial)
{
    public bool IsTraining => Kind.IsTraining();

    public bool IsCommercialModel => Kind == DatasetKind.Model && IsCommercial;

    public override string ToString() => Name;
}

/// <summary>
/// A purge the data platform recorded: on <see cref="PurgedOn"/> the dataset's (or model's) contents were deleted, as
/// <see cref="Reference"/> evidences. Data that had reached it by the end of that day is no longer held there; data
/// arriving after it is.
/// </summary>
public sealed record DatasetPurgeInfo(long DatasetId, DateOnly PurgedOn, string Reference, string? Note);

public sealed record EdgeInfo(long SourceDatasetId, long TargetDatasetId, string JobNamespace, string JobName, TransformKind Transform, DateTime FirstSeen, DateTime LastSeen)
{
    public string Job => $"{JobNamespace}/{JobName}";
}

public sealed record LocationSpan(DateOnly From, DateOnly? To, string Country, string? Subdivision)
{
    /// <summary>The most specific code: a subdivision such as US-NY where known, else the country.</summary>
    public string Code => Subdivision ?? Country;
}

/// <summary>
/// A worker's acknowledgement of a notice. <see cref="ConsentPurposes"/> is what they agreed to when the
/// record says so; null means the acknowledgement carries no separate consent, so it stands for what the notice names.
/// </summary>
public sealed record Acknowledgement(NoticeInfo Notice, DateTime At, Purpose? ConsentPurposes)
{
    /// <summary>The notice names AI training and the worker did not withhold consent to it.</summary>
    public bool CoversAiTraining => Notice.Purposes.HasFlag(Purpose.AiTraining) && (ConsentPurposes is null || ConsentPurposes.Value.HasFlag(Purpose.AiTraining));
}

public sealed record OptOutRecord(string ProgramId, DateTime At, OptOutScope Scope);

public sealed record AgreementInfo(string AgreementId, string ProgramId, CompensationKind Kind, DateOnly PeriodFrom, DateOnly? PeriodTo);

public sealed record WorkforceEventInfo(string EventId, WorkforceEventKind Kind, DateOnly AnnouncedOn, DateOnly? EffectiveOn, string? Description);

public sealed class WorkerInfo
{
    public required int Index { get; init; }

    public required string WorkerId { get; init; }

    public required EmploymentType EmploymentType { get; init; }

    public DateOnly? TerminationDate { get; init; }

    public TerminationReason? TerminationReason { get; init; }

    public List<LocationSpan> Locations { get; } = [];

    public List<Acknowledgement> Acknowledgements { get; } = [];

    public List<OptOutRecord> OptOuts { get; } = [];

    public List<AgreementInfo> Agreements { get; } = [];

    /// <summary>Lived in more than one country (a relocation R6 names); asked per batch, so a loop rather than a query.</summary>
    public bool MovedBetweenCountries
    {
        get
        {
            for (var i = 1; i < Locations.Count; i++)
            {
                if (Locations[i].Country != Locations[0].Country)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Where the worker was on that day: relocations count by the location at capture time.</summary>
    public LocationSpan? LocationAt(DateOnly day)
    {
        LocationSpan? found = null;
        foreach (var span in Locations)
        {
            if (span.From <= day && (span.To is null || span.To >= day))
            {
                found = span;
            }
        }

        return found;
    }

    /// <summary>
    /// The latest acknowledgement, made by <paramref name="at"/>, of a version of the config's tool or program series
    /// that names AI training, without consent to it withheld. A superseded version still counts (it is what the worker
    /// agreed to) until the worker opts out of the config's program.
    /// </summary>
    public Acknowledgement? AiTrainingNoticeAt(ConfigInfo config, DateTime at)
    {
        Acknowledgement? found = null;
        foreach (var ack in Acknowledgements)
        {
            if (ack.At <= at && ack.CoversAiTraining && ack.Notice.Covers(config) && !OptedOutBetween(config.ProgramId, ack.At, at))
            {
                found = ack;
            }
        }

        return found;
    }

    // These three run per batch: plain loops, so no closure is allocated per call.
    private bool OptedOutBetween(string? programId, DateTime after, DateTime until)
    {
        if (programId is null)
        {
            return false;
        }

        foreach (var o in OptOuts)
        {
            if (o.ProgramId == programId && o.At > after && o.At <= until)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first acknowledgement ever made of a notice that covers the config and names AI training.</summary>
    public Acknowledgement? FirstAiTrainingNotice(ConfigInfo config)
    {
        foreach (var a in Acknowledgements)
        {
            if (a.CoversAiTraining && a.Notice.Covers(config))
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>What the worker had acknowledged for this config by then, for evidence.</summary>
    public Acknowledgement? LatestNoticeAt(ConfigInfo config, DateTime at)
    {
        for (var i = Acknowledgements.Count - 1; i >= 0; i--)
        {
            var a = Acknowledgements[i];
            if (a.At <= at && a.Notice.Covers(config))
            {
                return a;
            }
        }

        return null;
    }
}

/// <summary>
/// Everything a scan needs except the capture batches, as it stood on the as-of date: configs and
/// locations in force, notices published, acknowledgements and opt-outs made, edges first seen by then.
/// These tables are small next to the batches, so they are held as lookups; the batches stream past once.
/// Filled by whoever holds the facts (the scan reads them from the database, a test or the guard builds them in memory).
/// </summary>
public sealed class ScanSnapshot
{
    public ScanSnapshot(DateOnly asOf)
    {
        AsOf = asOf;
        Cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    public DateOnly AsOf { get; }

    /// <summary>The first instant after the as-of day.</summary>
    public DateTime Cutoff { get; }

    public Dictionary<string, WorkerInfo> Workers { get; } = new(StringComparer.Ordinal);

    public List<WorkerInfo> WorkersByIndex { get; } = [];

    public Dictionary<string, ProgramInfo> Programs { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Tool, string Version), ConfigInfo> Configs { get; } = [];

    public Dictionary<string, string> ToolNames { get; } = new(StringComparer.Ordinal);

    public List<NoticeInfo> Notices { get; } = [];

    /// <summary>The imported text of each notice version that has one (its current text), by notice id.</summary>
    public Dictionary<string, NoticeTextInfo> NoticeTexts { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, DatasetInfo> Datasets { get; } = [];

    public List<EdgeInfo> Edges { get; } = [];

    public List<WorkforceEventInfo> WorkforceEvents { get; } = [];

    /// <summary>The purges done by the as-of day, by dataset, the latest last: what a scan reads to say where a finding's data is still held.</summary>
    public Dictionary<long, List<DatasetPurgeInfo>> Purges { get; } = [];

    /// <summary>The latest purge of the dataset by the as-of day, or null.</summary>
    public DatasetPurgeInfo? LatestPurge(long datasetId) => Purges.TryGetValue(datasetId, out var purges) && purges.Count > 0 ? purges[^1] : null;

    /// <summary>
    /// The notices in force for a config on the as-of day: per series of the config (its tool's, its program's), the latest
    /// version published by then. Earlier versions are superseded and count for nothing in what the company tells workers now.
    /// </summary>
    public IReadOnlyList<NoticeInfo> NoticesInForce(ConfigInfo config) => NoticesInForce(config, AsOf);

    /// <summary>The notices in force for a config on <paramref name="day"/> (on or before the as-of day): per series, the latest version published by then.</summary>
    public IReadOnlyList<NoticeInfo> NoticesInForce(ConfigInfo config, DateOnly day)
    {
        var inForce = new List<NoticeInfo>();
        foreach (var series in config.NoticeSeries())
        {
            var latest = Notices.Where(n => n.Series == series && n.PublishedOn <= day && n.PublishedOn <= AsOf)
                .OrderBy(n => n.PublishedOn).ThenBy(n => n.Version, StringComparer.Ordinal).ThenBy(n => n.NoticeId, StringComparer.Ordinal)
                .LastOrDefault();
            if (latest is not null)
            {
                inForce.Add(latest);
            }
        }

        return inForce;
    }

    /// <summary>A config-level finding's span: from the version's start to the earlier of its end and the as-of day.</summary>
    public (DateTime From, DateTime To) InForceSpan(ConfigInfo config) =>
        (config.EffectiveFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), (config.EffectiveTo ?? AsOf).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public ProgramInfo? ProgramOf(ConfigInfo config) => config.ProgramId is { } id && Programs.TryGetValue(id, out var program) ? program : null;

    public string ToolName(string toolId) => ToolNames.TryGetValue(toolId, out var name) ? name : toolId;

    /// <summary>
    /// The same facts with other lineage: every worker, config, notice and event shared, the datasets and edges replaced.
    /// What the guard judges (a proposed flow's lineage) and what the planner changes (a remedy that cuts an edge).
    /// </summary>
    public ScanSnapshot WithLineage(IEnumerable<DatasetInfo> datasets, IEnumerable<EdgeInfo> edges)
    {
        var copy = new ScanSnapshot(AsOf);
        foreach (var (id, worker) in Workers)
        {
            copy.Workers.Add(id, worker);
        }

        copy.WorkersByIndex.AddRange(WorkersByIndex);
        foreach (var (id, program) in Programs)
        {
            copy.Programs.Add(id, program);
        }

        foreach (var (key, config) in Configs)
        {
            copy.Configs.Add(key, config);
        }

        foreach (var (id, name) in ToolNames)
        {
            copy.ToolNames.Add(id, name);
        }

        copy.Notices.AddRange(Notices);
        foreach (var (id, text) in NoticeTexts)
        {
            copy.NoticeTexts.Add(id, text);
        }

        copy.WorkforceEvents.AddRange(WorkforceEvents);
        foreach (var (id, purges) in Purges)
        {
            copy.Purges.Add(id, purges);
        }

        foreach (var dataset in datasets)
        {
            copy.Datasets[dataset.DatasetId] = dataset;
        }

        copy.Edges.AddRange(edges);
        return copy;
    }

    public static string Day(DateTime t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
