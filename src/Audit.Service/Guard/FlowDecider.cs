using Audit.Rules;

namespace Audit.Service.Guard;

public enum GuardAnswer
{
    Allow,
    Deny,
    AllowWithExclusions,
}

/// <summary>A capture batch the guard may weigh: the batch's id (what a pipeline drops) and its row.</summary>
public sealed record GuardBatch(string BatchId, BatchRecord Row);

/// <summary>
/// Why a flow is not simply allowed: the rule (R1...R10, or <see cref="FlowDecider.UnknownInput"/>), the finding the scan
/// would raise once the flow ran, the workers and batches the job would carry against it, and the dataset path.
/// </summary>
public sealed record GuardReason(string Rule, string Title, string? Finding, int Workers, long Batches, IReadOnlyList<string> Path);

/// <summary>A batch to leave out for the flow to be lawful, and the rules that hold it.</summary>
public sealed record ExcludedBatch(string BatchId, string WorkerId, string ToolId, string ConfigVersion, string Dataset, DateTime CapturedFrom, DateTime CapturedTo, string Rules);

/// <summary>The guard's answer to one flow, before it is logged.</summary>
public sealed record FlowVerdict(GuardAnswer Answer, IReadOnlyList<GuardReason> Reasons, IReadOnlyList<ExcludedBatch> Exclusions, string Summary);

/// <summary>
/// Decides a proposed flow with the scan's own rules (no I/O): the rules run over the flow's world (<see cref="FlowWorld"/>)
/// with and without the job's edges, over the batches upstream of the inputs; what the job adds are the reasons.
/// Allowed when it adds nothing. When everything it adds is about particular workers' batches (no consent, opted out,
/// EU-exempt, captured before consent, uncompensated, captured under a notice whose text does not say it: R2, R3, R4, R6, R7, R10; and R9's workers let go after their data
/// trained models, whose batches are all left out), those batches are the exclusions, and the flow is allowed with them
/// left out only if the rules, run again without them, find the flow adds nothing. Anything else is denied: security
/// telemetry (R1), a capture surface or opt-out the notice does not cover (R5, R8).
/// </summary>
public static class FlowDecider
{
    public const string UnknownInput = "unknown-input";

    /// <summary>Findings about particular workers' batches, which leaving those batches out clears.</summary>
    private static readonly HashSet<RuleCode> Excludable = [RuleCode.R2, RuleCode.R3, RuleCode.R4, RuleCode.R6, RuleCode.R7, RuleCode.R9, RuleCode.R10];

    public static async Task<FlowVerdict> DecideAsync(
        ScanSnapshot facts,
        ResolvedFlow flow,
        IReadOnlyList<GuardBatch> batches,
        RuleSettings settings,
        IReadOnlyList<ExposureTheory> theories,
        bool denyUnknownInputs,
        CancellationToken cancellationToken = default)
    {
        if (denyUnknownInputs && flow.UnknownInputs.Count > 0)
        {
            var reasons = flow.UnknownInputs.Select(u => new GuardReason(UnknownInput,
                $"No lineage has named {u}: what it holds is unknown, so it is denied (setting Guard:UnknownInputs)", null, 0, 0, [u.ToString()])).ToList();
            return new FlowVerdict(GuardAnswer.Deny, reasons, [], $"denied: {reasons.Count} input(s) nobody has seen");
        }

        var world = FlowWorld.Build(facts, flow);
        var carried = batches.Where(b => world.Upstream.Contains(b.Row.DatasetId)).ToList();
        var added = await AddedAsync(world, carried, settings, theories, cancellationToken);
        if (added.Count == 0)
        {
            return new FlowVerdict(GuardAnswer.Allow, [], [], $"allowed: the rules find nothing this flow adds ({carried.Count:N0} batches upstream)");
        }

        var reasonsOf = added.Select(a => a.Reason).ToList();
        var blocking = added.Where(a => !Excludable.Contains(a.Finding.Rule)).Select(a => a.Finding.Rule.ToString()).Distinct().ToList();
        if (blocking.Count > 0)
        {
            return new FlowVerdict(GuardAnswer.Deny, reasonsOf, [], $"denied: {string.Join(", ", blocking)} cannot be cured by leaving workers out");
        }

        // The batches the reasons hold, with every rule that holds each.
        var rulesOf = new Dictionary<GuardBatch, SortedSet<string>>();
        foreach (var (finding, _, held) in added)
        {
            foreach (var batch in held)
            {
                (rulesOf.TryGetValue(batch, out var rules) ? rules : rulesOf[batch] = new SortedSet<string>(StringComparer.Ordinal)).Add(finding.Rule.ToString());
            }
        }

        var rest = carried.Where(b => !rulesOf.ContainsKey(b)).ToList();
        if (rest.Count == 0)
        {
            return new FlowVerdict(GuardAnswer.Deny, reasonsOf, [], "denied: leaving out the workers the rules name leaves nothing to carry");
        }

        // Exclusions are only offered once the rules, run without them, agree the flow is then lawful.
        var after = await AddedAsync(world, rest, settings, theories, cancellationToken);
        if (after.Count > 0)
        {
            return new FlowVerdict(GuardAnswer.Deny, reasonsOf, [], $"denied: without the named batches the rules still find {string.Join(", ", after.Select(a => a.Finding.Rule).Distinct())}");
        }

        var names = facts.Datasets.Values.ToDictionary(d => d.DatasetId, d => $"{d.Namespace}/{d.Name}");
        var exclusions = rulesOf
            .Select(x => new ExcludedBatch(x.Key.BatchId, x.Key.Row.WorkerId, x.Key.Row.ToolId, x.Key.Row.ConfigVersion, names.GetValueOrDefault(x.Key.Row.DatasetId, "?"),
                x.Key.Row.CapturedFrom, x.Key.Row.CapturedTo, string.Join(";", x.Value)))
            .OrderBy(e => e.WorkerId, StringComparer.Ordinal).ThenBy(e => e.CapturedFrom).ThenBy(e => e.BatchId, StringComparer.Ordinal)
            .ToList();
        var workers = exclusions.Select(e => e.WorkerId).Distinct(StringComparer.Ordinal).Count();
        return new FlowVerdict(GuardAnswer.AllowWithExclusions, reasonsOf, exclusions,
            $"allowed without {workers:N0} workers' {exclusions.Count:N0} batches (of {carried.Count:N0} upstream)");
    }

    private sealed record Added(FindingBuilder Finding, GuardReason Reason, IReadOnlyList<GuardBatch> Held);

    /// <summary>What the job's edges add: findings the world without them lacks, or batches they hold that it does not.</summary>
    private static async Task<List<Added>> AddedAsync(FlowWorld world, IReadOnlyList<GuardBatch> batches, RuleSettings settings, IReadOnlyList<ExposureTheory> theories, CancellationToken cancellationToken)
    {
        var byCapture = batches.ToLookup(b => (b.Row.WorkerId, b.Row.ToolId, b.Row.ConfigVersion, b.Row.CapturedFrom, b.Row.CapturedTo));
        var byWorker = batches.ToLookup(b => b.Row.WorkerId, StringComparer.Ordinal);
        var with = await Evaluator.EvaluateRecordingCapturesAsync(world.With, Rows(batches), settings, theories, cancellationToken);
        var without = await Evaluator.EvaluateRecordingCapturesAsync(world.Without, Rows(batches), settings, theories, cancellationToken);
        var before = without.Findings.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var graph = with.Context.Graph;
        var added = new List<Added>();
        foreach (var finding in with.Findings)
        {
            before.TryGetValue(finding.Key, out var earlier);
            var known = earlier?.Captures?.ToHashSet() ?? [];
            // A finding about workers rather than batches (R9's) holds every batch of the workers it adds.
            var held = finding.Captures is { Count: > 0 } captures
                ? captures.Where(c => !known.Contains(c)).SelectMany(c => byCapture[(c.Worker.WorkerId, c.Config.ToolId, c.Config.Version, c.CapturedFrom, c.CapturedTo)]).Distinct().ToList()
                : finding.Workers.Keys.Where(w => earlier is null || !earlier.Workers.ContainsKey(w))
                    .SelectMany(w => byWorker[world.With.WorkersByIndex[w].WorkerId]).ToList();
            var grew = earlier is null || held.Count > 0 || finding.Workers.Count > earlier.Workers.Count;
            if (!grew)
            {
                continue;
            }

            var workers = held.Count > 0 ? held.Select(b => b.Row.WorkerId).Distinct(StringComparer.Ordinal).Count() : finding.Workers.Count;
            var path = Path(graph, held.Count > 0 ? held[0].Row.DatasetId : (long?)null, world);
            added.Add(new Added(finding, new GuardReason(finding.Rule.ToString(), finding.Title, finding.Key, workers, held.Count > 0 ? held.Count : finding.Batches, path), held));
        }

        return added;
    }

    /// <summary>Where the flow carries the first held batch: from its dataset to a training sink (or the job's first edge).</summary>
    private static IReadOnlyList<string> Path(LineageGraph graph, long? origin, FlowWorld world)
    {
        var job = world.JobEdges[0];
        var start = origin ?? job.SourceDatasetId;
        string Name(long id) => graph.Dataset(id) is var d ? $"{d.Namespace}/{d.Name}" : "?";
        return graph.Training.TryGetValue(start, out var reach)
            ? [Name(start), .. reach.Path.Select(e => Name(e.TargetDatasetId))]
            : [Name(job.SourceDatasetId), Name(job.TargetDatasetId)];
    }

    private static BatchList Rows(IEnumerable<GuardBatch> batches) => new(batches.Select(b => b.Row));
}
