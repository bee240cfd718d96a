using System.Data.Common;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Records;

/// <summary>A finding as one scan recorded it, with the scan's as-of date.</summary>
public sealed class ExplainedFinding : ScanFindingRecord
{
    public DateOnly AsOf { get; set; }
}

/// <summary>An affected worker as the scan recorded it (ScanFindingWorker).</summary>
public sealed class ExplainedWorkerRow
{
    public string WorkerId { get; set; } = string.Empty;

    public string? Locations { get; set; }

    public decimal? Quantity { get; set; }

    public long? Batches { get; set; }

    public DateTime? FirstCapture { get; set; }

    public DateTime? LastCapture { get; set; }

    public string? ConsentState { get; set; }
}

/// <summary>A worker's batches under one config version landing in one dataset, with the config's dates.</summary>
public sealed class BatchGroupFact
{
    public string ToolId { get; set; } = string.Empty;

    public string ConfigVersion { get; set; } = string.Empty;

    public string? ProgramId { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public string Purposes { get; set; } = string.Empty;

    public string Capabilities { get; set; } = string.Empty;

    public long DatasetId { get; set; }

    public string Namespace { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public long Batches { get; set; }

    public DateTime FirstCapture { get; set; }

    public DateTime LastCapture { get; set; }

    public long ActiveMinutes { get; set; }

    public string ConfigKey => $"{ToolId} {ConfigVersion}";

    public string DatasetKey => $"{Namespace}/{Name}";
}

public sealed class LocationFact
{
    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public string CountryCode { get; set; } = string.Empty;

    public string? SubdivisionCode { get; set; }
}

public sealed class AcknowledgementFact
{
    public string NoticeId { get; set; } = string.Empty;

    public DateTime AcknowledgedAt { get; set; }

    public string? ConsentPurposes { get; set; }

    public string? ToolId { get; set; }

    public string? ProgramId { get; set; }

    public string Version { get; set; } = string.Empty;

    public DateOnly PublishedOn { get; set; }

    public string Purposes { get; set; } = string.Empty;
}

public sealed class OptOutFact
{
    public string ProgramId { get; set; } = string.Empty;

    public DateTime OptedOutAt { get; set; }

    public string Scope { get; set; } = string.Empty;
}

/// <summary>A worker's termination on or before the as-of date (R9 reads it).</summary>
public sealed class TerminationFact
{
    public DateOnly TerminationDate { get; set; }

    public string? TerminationReason { get; set; }
}

/// <summary>A reduction in force or an AI-investment announcement, as imported.</summary>
public sealed class WorkforceEventFact
{
    public string EventId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public DateOnly AnnouncedOn { get; set; }

    public DateOnly? EffectiveOn { get; set; }

    public long? AffectedCount { get; set; }

    public string? Description { get; set; }
}

public sealed class AgreementFact
{
    public string AgreementId { get; set; } = string.Empty;

    public string ProgramId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateOnly PeriodFrom { get; set; }

    public DateOnly? PeriodTo { get; set; }
}

public sealed class NoticeFact
{
    public string NoticeId { get; set; } = string.Empty;

    public string? ToolId { get; set; }

    public string? ProgramId { get; set; }

    public string Version { get; set; } = string.Empty;

    public DateOnly PublishedOn { get; set; }

    public string Purposes { get; set; } = string.Empty;

    public string Capabilities { get; set; } = string.Empty;

    public bool OffersOptOut { get; set; }
}

public sealed class ConfigFact
{
    public string ToolId { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public string? ProgramId { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public string Purposes { get; set; } = string.Empty;

    public string Capabilities { get; set; } = string.Empty;

    public string Key => $"{ToolId} {Version}";
}

public sealed class ProgramFact
{
    public string ProgramId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Purpose { get; set; } = string.Empty;

    public bool EuExempt { get; set; }

    public string? EuExemptionRationale { get; set; }

    public string OptOut { get; set; } = string.Empty;

    public string? OptOutDescription { get; set; }
}

public sealed class EdgeFact
{
    public long SourceDatasetId { get; set; }

    public string SourceNamespace { get; set; } = string.Empty;

    public string SourceName { get; set; } = string.Empty;

    public long TargetDatasetId { get; set; }

    public string TargetNamespace { get; set; } = string.Empty;

    public string TargetName { get; set; } = string.Empty;

    public string TargetKind { get; set; } = string.Empty;

    public bool TargetCommercial { get; set; }

    public string JobNamespace { get; set; } = string.Empty;

    public string JobName { get; set; } = string.Empty;

    public string Transform { get; set; } = string.Empty;

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }
}

public sealed class ExposureFact
{
    public int Position { get; set; }

    public string TheoryId { get; set; } = string.Empty;

    public string Jurisdiction { get; set; } = string.Empty;

    public string Unit { get; set; } = string.Empty;

    public decimal Units { get; set; }

    public decimal Low { get; set; }

    public decimal High { get; set; }

    public string Citation { get; set; } = string.Empty;

    public bool Capped { get; set; }

    public DateOnly? ConductFrom { get; set; }

    public DateOnly? ConductTo { get; set; }

    /// <summary>From the theory row as the exposure table holds it now (null when counsel has since removed the row).</summary>
    public string? Regime { get; set; }

    public string? Series { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public string? Currency { get; set; }

    public string? PrimarySource { get; set; }

    public string? Pinpoint { get; set; }

    public DateOnly? VerifiedOn { get; set; }

    public string? VerifiedBy { get; set; }
}

/// <summary>A chain of lineage edges from where a worker's batches landed to a training dataset or model.</summary>
public sealed record PathFact(IReadOnlyList<EdgeFact> Edges)
{
    public EdgeFact Sink => Edges[^1];
}

/// <summary>One sampled worker's facts: capture, where they were, notices acknowledged, opt-outs, agreements, paths to training.</summary>
public sealed record WorkerFacts(
    ExplainedWorkerRow Row,
    IReadOnlyList<BatchGroupFact> Batches,
    IReadOnlyList<LocationFact> Locations,
    IReadOnlyList<AcknowledgementFact> Acknowledgements,
    IReadOnlyList<OptOutFact> OptOuts,
    IReadOnlyList<AgreementFact> Agreements,
    IReadOnlyList<PathFact> Paths,
    TerminationFact? Termination)
{
    /// <summary>The last capture of the worker's that reached a training dataset or model (R9 measures from it).</summary>
    public DateTime? LastContributingCapture =>
        Batches.Where(b => Paths.Any(p => p.Edges[0].SourceDatasetId == b.DatasetId) || b.Kind is "training_dataset" or "model")
            .Select(b => (DateTime?)b.LastCapture).Max();
}

/// <summary>A config version the finding is about and the notice series that governs it as of the scan.</summary>
public sealed record ConfigFacts(ConfigFact Config, IReadOnlyList<NoticeFact> Notices)
{
    /// <summary>Per series (the tool's, the program's), the latest version published by the as-of date; earlier ones are superseded.</summary>
    public IReadOnlyList<NoticeFact> NoticesInForce =>
        Notices.GroupBy(n => n.ToolId is not null ? "tool " + n.ToolId : "program " + n.ProgramId, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    public bool InForceOn(DateOnly day) => Config.EffectiveFrom <= day && (Config.EffectiveTo is null || Config.EffectiveTo >= day);
}

/// <summary>Everything `explain` prints about a finding, read back from the scan record and the input tables as of the scan.</summary>
public sealed record FindingExplanation(
    ExplainedFinding Finding,
    ProgramFact? Program,
    IReadOnlyList<ConfigFacts> Configs,
    IReadOnlyList<WorkerFacts> Workers,
    IReadOnlyList<ExposureFact> Exposure,
    IReadOnlyList<WorkforceEventFact> WorkforceEvents);

public sealed class ScanNotFoundException(string findingKey, long scanId) : Exception($"--scan: scan {scanId} does not record finding '{findingKey}' (omit --scan for the newest scan that does).");

/// <summary>
/// Gathers the facts behind a finding for `explain` (and later the web page): the scan record says what fired and for
/// whom; the input tables, read as they stood at the end of the scan's as-of day, say why. It never re-runs a rule:
/// counsel sees the recorded facts, and the test removes each to show it mattered.
/// </summary>
public sealed class FindingExplainer(Database database)
{
    /// <summary>How many affected workers are shown in detail; the count of all is always printed.</summary>
    public const int SampleSize = 5;

    private const int PathsPerDataset = 3;

    /// <summary>How far either side of an R9 finding's dates workforce events are listed (R9's window is 180 days by default).</summary>
    private const int WorkforceEventMarginDays = 366;

    /// <exception cref="FindingNotFoundException">No scan records a finding with this id.</exception>
    /// <exception cref="ScanNotFoundException">The finding exists but <paramref name="scanId"/> does not record it.</exception>
    public async Task<FindingExplanation> ExplainAsync(string findingKey, long? scanId = null, CancellationToken cancellationToken = default)
    {
        var sql = database.Sql;
        await using var connection = await database.OpenAsync(cancellationToken);
        var finding = await connection.QuerySingleOrDefaultAsync<ExplainedFinding>(sql["Explain_ReadFinding"], new { FindingKey = findingKey, ScanId = scanId });
        if (finding is null)
        {
            var anywhere = scanId is not null && await connection.QuerySingleOrDefaultAsync<ExplainedFinding>(sql["Explain_ReadFinding"], new { FindingKey = findingKey, ScanId = (long?)null }) is not null;
            throw anywhere ? new ScanNotFoundException(findingKey, scanId!.Value) : new FindingNotFoundException(findingKey);
        }

        var asOf = finding.AsOf;
        var cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var program = finding.SubjectKind == "program" || finding.SubjectKind.StartsWith("program-", StringComparison.Ordinal)
            ? await connection.QuerySingleOrDefaultAsync<ProgramFact>(sql["Explain_ReadProgram"], new { ProgramId = finding.SubjectKey })
            : null;

        var workers = new List<WorkerFacts>();
        var rows = (await connection.QueryAsync<ExplainedWorkerRow>(sql["Explain_ReadWorkers"], new { finding.ScanId, finding.FindingKey, Limit = SampleSize })).ToList();
        var edgesByDataset = new Dictionary<long, List<EdgeFact>>();
        foreach (var row in rows)
        {
            var p = new { row.WorkerId, AsOf = asOf, Cutoff = cutoff };
            var batches = Relevant(finding, (await connection.QueryAsync<BatchGroupFact>(sql["Explain_ReadBatches"], p)).ToList());
            var from = batches.Count == 0 ? cutoff : batches.Min(b => b.FirstCapture);
            var to = batches.Count == 0 ? cutoff : batches.Max(b => b.LastCapture);
            var locations = (await connection.QueryAsync<LocationFact>(sql["Explain_ReadLocations"], new { row.WorkerId, AsOf = asOf, From = DateOnly.FromDateTime(from), To = to })).ToList();
            var acknowledgements = (await connection.QueryAsync<AcknowledgementFact>(sql["Explain_ReadAcknowledgements"], p)).ToList();
            var optOuts = (await connection.QueryAsync<OptOutFact>(sql["Explain_ReadOptOuts"], p)).ToList();
            var agreements = (await connection.QueryAsync<AgreementFact>(sql["Explain_ReadAgreements"], p)).ToList();
            var termination = finding.Rule == RuleCode.R9
                ? await connection.QuerySingleOrDefaultAsync<TerminationFact>(sql["Explain_ReadTermination"], new { row.WorkerId, AsOf = asOf })
                : null;
            var paths = new List<PathFact>();
            foreach (var datasetId in batches.Select(b => b.DatasetId).Distinct())
            {
                if (!edgesByDataset.TryGetValue(datasetId, out var edges))
                {
                    edgesByDataset[datasetId] = edges = (await connection.QueryAsync<EdgeFact>(sql["Explain_ReadEdges"], new { DatasetId = datasetId, Cutoff = cutoff })).ToList();
                }

                paths.AddRange(PathsToTraining(datasetId, edges).Take(PathsPerDataset));
            }

            workers.Add(new WorkerFacts(row, batches, locations, acknowledgements, optOuts, agreements, paths, termination));
        }

        var configs = new List<ConfigFacts>();
        foreach (var config in await ConfigsAsync(connection, finding, workers, asOf))
        {
            var notices = (await connection.QueryAsync<NoticeFact>(sql["Explain_ReadNotices"], new { AsOf = asOf, config.ToolId, config.ProgramId })).ToList();
            configs.Add(new ConfigFacts(config, notices));
        }

        var exposure = (await connection.QueryAsync<ExposureFact>(sql["Explain_ReadExposure"], new { finding.ScanId, finding.FindingKey })).ToList();
        var events = finding.Rule == RuleCode.R9
            ? (await connection.QueryAsync<WorkforceEventFact>(sql["Explain_ReadWorkforceEvents"], new
            {
                AsOf = asOf,
                From = DateOnly.FromDateTime(finding.FirstSeen ?? cutoff).AddDays(-WorkforceEventMarginDays),
                To = DateOnly.FromDateTime(finding.LastSeen ?? cutoff).AddDays(WorkforceEventMarginDays),
            })).ToList()
            : [];
        return new FindingExplanation(finding, program, configs, workers, exposure, events);
    }

    /// <summary>The config versions the finding names (subject), else those the sampled workers' batches were captured under.</summary>
    private async Task<IReadOnlyList<ConfigFact>> ConfigsAsync(DbConnection connection, ExplainedFinding finding, List<WorkerFacts> workers, DateOnly asOf)
    {
        var found = new Dictionary<string, ConfigFact>(StringComparer.Ordinal);
        async Task AddAsync(string? toolId, string? version, string? programId)
        {
            foreach (var c in await connection.QueryAsync<ConfigFact>(database.Sql["Explain_ReadConfigs"], new { AsOf = asOf, ToolId = toolId, Version = version, ProgramId = programId }))
            {
                found.TryAdd(c.Key, c);
            }
        }

        if (finding.SubjectKind.StartsWith("config", StringComparison.Ordinal) && finding.SubjectKey.LastIndexOf(' ') is var space and > 0)
        {
            await AddAsync(finding.SubjectKey[..space], finding.SubjectKey[(space + 1)..], null);
        }
        else if (finding.SubjectKind.StartsWith("program", StringComparison.Ordinal) && workers.Count == 0)
        {
            await AddAsync(null, null, finding.SubjectKey);
        }

        foreach (var b in workers.SelectMany(w => w.Batches))
        {
            await AddAsync(b.ToolId, b.ConfigVersion, null);
        }

        return found.Values.ToList();
    }

    /// <summary>The batches the finding is about: those under its config, tool, program or dataset; all of the worker's when it names none of them.</summary>
    private static List<BatchGroupFact> Relevant(ExplainedFinding finding, List<BatchGroupFact> batches)
    {
        Func<BatchGroupFact, bool>? match = finding.SubjectKind switch
        {
            var k when k.StartsWith("config", StringComparison.Ordinal) => b => b.ConfigKey == finding.SubjectKey,
            "tool" => b => b.ToolId == finding.SubjectKey,
            "program" => b => b.ProgramId == finding.SubjectKey,
            "notice" => NoticeConfigs(finding) is var configs ? b => configs.Contains(b.ConfigKey) : null,
            _ => b => b.DatasetKey == finding.SubjectKey,
        };
        var relevant = batches.Where(match).ToList();
        return relevant.Count > 0 ? relevant : batches;
    }

    /// <summary>An R10 finding's configs: its evidence counts the batches under each ("batches under sentinel-dlp 2.0").</summary>
    private static HashSet<string> NoticeConfigs(ExplainedFinding finding)
    {
        const string Under = "batches under ";
        var configs = new HashSet<string>(StringComparer.Ordinal);
        if (System.Text.Json.Nodes.JsonNode.Parse(finding.Evidence)?["counts"] is System.Text.Json.Nodes.JsonObject counts)
        {
            foreach (var (label, _) in counts)
            {
                if (label.StartsWith(Under, StringComparison.Ordinal))
                {
                    configs.Add(label[Under.Length..]);
                }
            }
        }

        return configs;
    }

    /// <summary>Simple paths (no dataset twice) from <paramref name="origin"/> to a training dataset or model, shortest first.</summary>
    private static IEnumerable<PathFact> PathsToTraining(long origin, List<EdgeFact> edges)
    {
        var bySource = edges.ToLookup(e => e.SourceDatasetId);
        var found = new List<PathFact>();
        var stack = new Stack<(long At, List<EdgeFact> Path)>();
        stack.Push((origin, []));
        while (stack.Count > 0 && found.Count < 50)
        {
            var (at, path) = stack.Pop();
            foreach (var edge in bySource[at].Reverse())
            {
                if (edge.TargetDatasetId == origin || path.Exists(e => e.TargetDatasetId == edge.TargetDatasetId))
                {
                    continue;
                }

                var next = new List<EdgeFact>(path) { edge };
                if (edge.TargetKind is "training_dataset" or "model")
                {
                    found.Add(new PathFact(next));
                }

                stack.Push((edge.TargetDatasetId, next));
            }
        }

        return found.OrderBy(p => p.Edges.Count);
    }
}
