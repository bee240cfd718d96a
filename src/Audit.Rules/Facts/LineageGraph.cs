
namespace Audit.Rules;

/// <summary>
/// How a dataset's data reaches a set of sinks (training datasets and models, or commercial models).
/// <list type="bullet">
/// <item><see cref="EarliestFrom"/>: the earliest moment a full path existed (min over paths of the latest first-seen on the path).</item>
/// <item><see cref="Until"/>: the last moment a full path was still running (max over paths of the earliest last-seen on the path).</item>
/// <item><see cref="LatestFormed"/>: the latest first-seen of any edge on any path: a path that formed after an opt-out carried old data onward.</item>
/// </list>
/// <see cref="Path"/> is the earliest path, for evidence.
/// </summary>
public sealed record Reach(DateTime EarliestFrom, DateTime Until, DateTime LatestFormed, IReadOnlyList<EdgeInfo> Path, DatasetInfo Sink)
{
    /// <summary>Data captured in [from, ...] rides a path only while that path still runs.</summary>
    public bool Carries(DateTime capturedFrom) => capturedFrom <= Until;

    public DateTime ReachedAt(DateTime capturedTo) => capturedTo > EarliestFrom ? capturedTo : EarliestFrom;
}

/// <summary>A path from a dataset through a security-pipeline store to a training sink; it carries data captured up to <see cref="Until"/>.</summary>
public sealed record SecurityPath(DateTime Until, IReadOnlyList<EdgeInfo> Path, DatasetInfo Sink, IReadOnlyList<DatasetInfo> Stores)
{
    public bool Carries(DateTime capturedFrom) => capturedFrom <= Until;
}

/// <summary>
/// The dataset graph, walked backwards from the sinks once (the cheap shape: a few thousand datasets,
/// tens of thousands of edges). Every walk keeps a settled set or a monotone value per node, so cycles terminate.
/// </summary>
public sealed class LineageGraph
{
    private readonly Dictionary<long, DatasetInfo> _datasets;
    private readonly Dictionary<long, List<EdgeInfo>> _incoming = [];
    private readonly Dictionary<long, List<EdgeInfo>> _outgoing = [];
    private readonly Dictionary<long, Dictionary<long, DateTime>> _untilBySink = [];
    private readonly Dictionary<long, Dictionary<long, Reach>> _reachBySink = [];

    public LineageGraph(Dictionary<long, DatasetInfo> datasets, IEnumerable<EdgeInfo> edges)
    {
        _datasets = datasets;
        foreach (var edge in edges)
        {
            if (!datasets.ContainsKey(edge.SourceDatasetId) || !datasets.ContainsKey(edge.TargetDatasetId))
            {
                continue;
            }

            Add(_incoming, edge.TargetDatasetId, edge);
            Add(_outgoing, edge.SourceDatasetId, edge);
        }

        Training = Solve(d => d.IsTraining);
        Commercial = Solve(d => d.IsCommercialModel);
        TrainingSinks = datasets.Values.Where(d => d.IsTraining).OrderBy(d => d.DatasetId).ToList();
        ThroughSecurityStore = SolveThroughSecurityStore();
    }

    /// <summary>Every training dataset and model, in a fixed order.</summary>
    public IReadOnlyList<DatasetInfo> TrainingSinks { get; }

    /// <summary>
    /// Datasets whose data reaches training through an incident-response (security pipeline) store: the widest such path
    /// (the one still running latest) and its edges, from the dataset through the store to the sink.
    /// </summary>
    public IReadOnlyDictionary<long, SecurityPath> ThroughSecurityStore { get; }

    /// <summary>
    /// For one sink: per dataset, the last moment a whole path from it to the sink still ran (the earliest last-seen
    /// along the path, maximised over paths). A batch rides to the sink only if captured no later than that.
    /// </summary>
    public IReadOnlyDictionary<long, DateTime> UntilTo(long sink)
    {
        if (!_untilBySink.TryGetValue(sink, out var until))
        {
            _untilBySink[sink] = until = Widest([sink]);
        }

        return until;
    }

    /// <summary>
    /// The training sinks a batch of <paramref name="dataset"/> captured from <paramref name="capturedFrom"/> reaches
    /// by a path that carries data after <paramref name="after"/>: every edge of the path last seen after that instant
    /// and the batch captured no later than the path's last run.
    /// </summary>
    public IEnumerable<DatasetInfo> TrainingSinksReached(long dataset, DateTime capturedFrom, DateTime after)
    {
        foreach (var sink in TrainingSinks)
        {
            if (UntilTo(sink.DatasetId).TryGetValue(dataset, out var until) && until >= capturedFrom && until > after)
            {
                yield return sink;
            }
        }
    }

    /// <summary>
    /// The first of <see cref="TrainingSinksReached"/> that is one of <paramref name="among"/>, or null. Asked per held
    /// batch by R4 and R6, so it walks the sinks without an iterator or a query.
    /// </summary>
    public DatasetInfo? FirstTrainingSinkReached(long dataset, DateTime capturedFrom, DateTime after, HashSet<long> among)
    {
        foreach (var sink in TrainingSinks)
        {
            if (among.Contains(sink.DatasetId) && UntilTo(sink.DatasetId).TryGetValue(dataset, out var until) && until >= capturedFrom && until > after)
            {
                return sink;
            }
        }

        return null;
    }

    /// <summary>Datasets whose data reaches a training dataset or a model.</summary>
    public IReadOnlyDictionary<long, Reach> Training { get; }

    /// <summary>Datasets whose data reaches a commercial model.</summary>
    public IReadOnlyDictionary<long, Reach> Commercial { get; }

    public DatasetInfo Dataset(long id) => _datasets[id];

    /// <summary>Datasets from which <paramref name="target"/> can be reached, itself included.</summary>
    public HashSet<long> Upstream(long target)
    {
        var seen = new HashSet<long> { target };
        var stack = new Stack<long>([target]);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in _incoming.GetValueOrDefault(node) ?? [])
            {
                if (seen.Add(edge.SourceDatasetId))
                {
                    stack.Push(edge.SourceDatasetId);
                }
            }
        }

        return seen;
    }

    /// <summary>Datasets reachable from any of <paramref name="origins"/>, themselves included.</summary>
    public HashSet<long> Downstream(IEnumerable<long> origins)
    {
        var seen = new HashSet<long>(origins);
        var stack = new Stack<long>(seen);
        while (stack.TryPop(out var node))
        {
            foreach (var edge in _outgoing.GetValueOrDefault(node) ?? [])
            {
                if (seen.Add(edge.TargetDatasetId))
                {
                    stack.Push(edge.TargetDatasetId);
                }
            }
        }

        return seen;
    }

    /// <summary>Every sink reachable from <paramref name="origin"/>, each with its earliest path.</summary>
    public IReadOnlyList<Reach> PathsToSinks(long origin, Func<DatasetInfo, bool> isSink)
    {
        var results = new List<Reach>();
        foreach (var sink in _datasets.Values.Where(isSink).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (ReachTo(origin, sink.DatasetId) is { } reach)
            {
                results.Add(reach);
            }
        }

        return results;
    }

    /// <summary>How <paramref name="origin"/>'s data reaches one sink (its earliest path, when it formed, how long it ran), or null; solved once per sink.</summary>
    public Reach? ReachTo(long origin, long sink)
    {
        if (!_reachBySink.TryGetValue(sink, out var solved))
        {
            _reachBySink[sink] = solved = Solve(d => d.DatasetId == sink);
        }

        return solved.TryGetValue(origin, out var reach) ? reach : null;
    }

    private Dictionary<long, Reach> Solve(Func<DatasetInfo, bool> isSink)
    {
        var sinks = _datasets.Values.Where(isSink).Select(d => d.DatasetId).ToList();
        var earliest = new Dictionary<long, DateTime>();
        var next = new Dictionary<long, EdgeInfo>();

        // Minimax Dijkstra backwards: a path exists from the latest first-seen along it.
        var queue = new PriorityQueue<long, DateTime>();
        foreach (var sink in sinks)
        {
            earliest[sink] = DateTime.MinValue;
            queue.Enqueue(sink, DateTime.MinValue);
        }

        var settled = new HashSet<long>();
        while (queue.TryDequeue(out var node, out var at))
        {
            if (!settled.Add(node) || at > earliest[node])
            {
                continue;
            }

            foreach (var edge in _incoming.GetValueOrDefault(node) ?? [])
            {
                var candidate = edge.FirstSeen > at ? edge.FirstSeen : at;
                if (!earliest.TryGetValue(edge.SourceDatasetId, out var known) || candidate < known)
                {
                    earliest[edge.SourceDatasetId] = candidate;
                    next[edge.SourceDatasetId] = edge;
                    queue.Enqueue(edge.SourceDatasetId, candidate);
                }
            }
        }

        var until = Widest(sinks);
        var latest = LatestFormed(sinks, earliest);
        var result = new Dictionary<long, Reach>();
        foreach (var (node, from) in earliest)
        {
            var path = new List<EdgeInfo>();
            var cursor = node;
            while (next.TryGetValue(cursor, out var edge) && path.Count <= _datasets.Count)
            {
                path.Add(edge);
                cursor = edge.TargetDatasetId;
            }

            result[node] = new Reach(from, until[node], latest[node], path, _datasets[cursor]);
        }

        return result;
    }

    /// <summary>Maximin Dijkstra backwards: a path keeps running until the earliest last-seen along it.</summary>
    private Dictionary<long, DateTime> Widest(List<long> sinks)
    {
        var until = new Dictionary<long, DateTime>();
        var queue = new PriorityQueue<long, long>();
        foreach (var sink in sinks)
        {
            until[sink] = DateTime.MaxValue;
            queue.Enqueue(sink, -DateTime.MaxValue.Ticks);
        }

        var settled = new HashSet<long>();
        while (queue.TryDequeue(out var node, out _))
        {
            if (!settled.Add(node))
            {
                continue;
            }

            foreach (var edge in _incoming.GetValueOrDefault(node) ?? [])
            {
                var candidate = edge.LastSeen < until[node] ? edge.LastSeen : until[node];
                if (!until.TryGetValue(edge.SourceDatasetId, out var known) || candidate > known)
                {
                    until[edge.SourceDatasetId] = candidate;
                    queue.Enqueue(edge.SourceDatasetId, -candidate.Ticks);
                }
            }
        }

        return until;
    }

    /// <summary>
    /// Latest first-seen of any edge on a path to a sink. Values only grow and come from a finite set,
    /// so the work list empties even on cycles.
    /// </summary>
    private Dictionary<long, DateTime> LatestFormed(List<long> sinks, Dictionary<long, DateTime> reachable)
    {
        var latest = reachable.Keys.ToDictionary(k => k, _ => DateTime.MinValue);
        var work = new Queue<long>(sinks);
        while (work.TryDequeue(out var node))
        {
            foreach (var edge in _incoming.GetValueOrDefault(node) ?? [])
            {
                var candidate = edge.FirstSeen > latest[node] ? edge.FirstSeen : latest[node];
                if (candidate > latest[edge.SourceDatasetId])
                {
                    latest[edge.SourceDatasetId] = candidate;
                    work.Enqueue(edge.SourceDatasetId);
                }
            }
        }

        return latest;
    }

    /// <summary>
    /// Maximin Dijkstra backwards over (dataset, passed a security store) states: the widest path from each dataset to
    /// a training sink that goes through a security-pipeline store, with the edges to show for it.
    /// </summary>
    private Dictionary<long, SecurityPath> SolveThroughSecurityStore()
    {
        var value = new Dictionary<(long Node, bool Passed), DateTime>();
        var next = new Dictionary<(long Node, bool Passed), ((long Node, bool Passed) State, EdgeInfo Edge)>();
        var queue = new PriorityQueue<(long Node, bool Passed), long>();
        foreach (var sink in TrainingSinks)
        {
            var start = (sink.DatasetId, sink.Kind == DatasetKind.SecurityPipeline);
            value[start] = DateTime.MaxValue;
            queue.Enqueue(start, -DateTime.MaxValue.Ticks);
        }

        var settled = new HashSet<(long, bool)>();
        while (queue.TryDequeue(out var state, out _))
        {
            if (!settled.Add(state))
            {
                continue;
            }

            foreach (var edge in _incoming.GetValueOrDefault(state.Node) ?? [])
            {
                var source = (edge.SourceDatasetId, state.Passed || _datasets[edge.SourceDatasetId].Kind == DatasetKind.SecurityPipeline);
                var candidate = edge.LastSeen < value[state] ? edge.LastSeen : value[state];
                if (!value.TryGetValue(source, out var known) || candidate > known)
                {
                    value[source] = candidate;
                    next[source] = (state, edge);
                    queue.Enqueue(source, -candidate.Ticks);
                }
            }
        }

        var result = new Dictionary<long, SecurityPath>();
        foreach (var ((node, passed), until) in value)
        {
            if (!passed)
            {
                continue;
            }

            var path = new List<EdgeInfo>();
            (long Node, bool Passed) cursor = (node, passed);
            while (next.TryGetValue(cursor, out var step) && path.Count <= 2 * _datasets.Count)
            {
                path.Add(step.Edge);
                cursor = step.State;
            }

            var stores = new List<DatasetInfo>();
            if (_datasets[node].Kind == DatasetKind.SecurityPipeline)
            {
                stores.Add(_datasets[node]);
            }

            stores.AddRange(path.Select(e => _datasets[e.TargetDatasetId]).Where(d => d.Kind == DatasetKind.SecurityPipeline));
            result[node] = new SecurityPath(until, path, _datasets[cursor.Node], stores.DistinctBy(d => d.DatasetId).ToList());
        }

        return result;
    }

    /// <summary>"dlp/raw →[security/ir-triage, filter] dlp/incident-response →[ml/ir-anonymizer, anonymize] training/…"</summary>
    public string Describe(IReadOnlyList<EdgeInfo> path, long origin)
    {
        if (path.Count == 0)
        {
            return _datasets[origin].Name;
        }

        var parts = new List<string> { _datasets[path[0].SourceDatasetId].Name };
        foreach (var edge in path)
        {
            parts.Add($"→[{edge.Job}, {Codes.ToCode(edge.Transform)}] {_datasets[edge.TargetDatasetId].Name}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// The steps of a path as <see cref="Describe"/> wrote it, for a reader's diagram; the two live together so the
    /// format has one owner. A text that is not such a path is one step of that text.
    /// </summary>
    public static IReadOnlyList<LineageStep> Steps(string described)
    {
        var parts = described.Split(" →[", StringSplitOptions.None);
        var steps = new List<LineageStep> { new(parts[0]) };
        foreach (var part in parts.Skip(1))
        {
            // "job, transform] target": the transform is a code, so the last ", " before the first "] " ends the job.
            var close = part.IndexOf("] ", StringComparison.Ordinal);
            var comma = close < 0 ? -1 : part.LastIndexOf(", ", close, StringComparison.Ordinal);
            steps.Add(close < 0 || comma < 0
                ? new LineageStep(part)
                : new LineageStep(part[(close + 2)..], part[..comma], part[(comma + 2)..close]));
        }

        return steps;
    }

    private static void Add(Dictionary<long, List<EdgeInfo>> index, long key, EdgeInfo edge)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(edge);
    }
}
