using System.Globalization;

namespace Audit.Rules;

/// <summary>What one evaluation found: the findings (ordered by rule, then key), and what the pass learnt of the batches.</summary>
public sealed record Evaluation(ScanContext Context, IReadOnlyList<FindingBuilder> Findings, PassResult Pass);

/// <summary>
/// The one evaluator of the ten rules, for every caller: the scan (facts read from the database, batches from its
/// cursor), the guard (the current facts with a proposed flow added) and the planner (the facts with a remedy
/// applied). Shows every batch to every rule in a single pass, then asks each rule for its findings. No I/O: the
/// batches come from the caller's <see cref="BatchRows"/>.
/// </summary>
public static class Evaluator
{
    /// <summary>
    /// Runs the rules over <paramref name="snapshot"/> and <paramref name="batches"/>. <paramref name="stage"/>, when
    /// given, is told as each stretch ends (the scan's profile); <paramref name="progress"/> hears every 262,144 batches.
    /// </summary>
    public static async Task<Evaluation> EvaluateAsync(
        ScanSnapshot snapshot,
        BatchRows batches,
        RuleSettings settings,
        IReadOnlyList<ExposureTheory> theories,
        IProgress<string>? progress = null,
        Action<string>? stage = null,
        CancellationToken cancellationToken = default)
    {
        var graph = new LineageGraph(snapshot.Datasets, snapshot.Edges);
        var context = new ScanContext(snapshot, graph, settings, theories);
        var rules = AuditRules.Create();

        // Findings of rules a per-violation theory prices keep the batches of each act, so the model counts one
        // violation per batch (one batch under R2, R3 and R4 still once); the others keep no per-batch state.
        FindingBuilder.CountingBatchesOf.Value = theories.Where(t => t.Unit == ExposureUnits.PerViolation).SelectMany(t => t.TriggeringRules).ToHashSet();
        foreach (var rule in rules)
        {
            rule.Prepare(context);
        }

        stage?.Invoke("lineage graph and rule preparation");
        progress?.Report("reading capture batches");
        var pass = await PassAsync(batches, context, rules, progress, cancellationToken);
        stage?.Invoke("pass over batches (read and rules)");
        var findings = rules.SelectMany(r => r.Complete(context)).OrderBy(f => f.Rule).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
        stage?.Invoke("complete rules");
        return new Evaluation(context, findings, pass);
    }

    /// <summary>
    /// As <see cref="EvaluateAsync"/>, and every finding also lists the batches it holds (<see cref="FindingBuilder.Captures"/>):
    /// for the guard, whose facts are one proposed flow's, not a whole workforce's.
    /// </summary>
    public static async Task<Evaluation> EvaluateRecordingCapturesAsync(
        ScanSnapshot snapshot, BatchRows batches, RuleSettings settings, IReadOnlyList<ExposureTheory> theories, CancellationToken cancellationToken = default)
    {
        // The flag flows into the evaluation (and no further back than this method: an async method's changes stay in it).
        FindingBuilder.Recording.Value = true;
        return await EvaluateAsync(snapshot, batches, settings, theories, cancellationToken: cancellationToken);
    }

    private static async Task<PassResult> PassAsync(
        BatchRows cursor,
        ScanContext context,
        IReadOnlyList<IAuditRule> rules,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var (snapshot, graph) = (context.Snapshot, context.Graph);
        var facts = new BatchFacts();
        var configs = new ConfigLookup(snapshot.Configs.Values);
        var workers = snapshot.Workers.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new PassResult();
        long count = 0;
        WorkerInfo? worker = null;
        ConfigInfo? config = null;
        ProgramInfo? program = null;

        // A worker's batches mostly repeat a dataset: its reaches are looked up on a change.
        long datasetId = -1;
        DatasetInfo? dataset = null;
        Reach? training = null, commercial = null;
        SecurityPath? secure = null;
        while (await cursor.ReadAsync(cancellationToken))
        {
            if (cursor.NewWorker)
            {
                worker = workers.TryGetValue(cursor.WorkerId, out var found) ? found : null;
            }

            if (cursor.NewConfig)
            {
                config = configs.Find(cursor.ToolId, cursor.ConfigVersion);
                program = config is null ? null : snapshot.ProgramOf(config);
            }

            if (cursor.DatasetId != datasetId)
            {
                datasetId = cursor.DatasetId;
                dataset = snapshot.Datasets.GetValueOrDefault(datasetId);
                training = graph.Training.GetValueOrDefault(datasetId);
                commercial = graph.Commercial.GetValueOrDefault(datasetId);
                secure = graph.ThroughSecurityStore.GetValueOrDefault(datasetId);
            }

            if (worker is null || config is null || dataset is null)
            {
                continue;
            }

            var capturedFrom = cursor.CapturedFrom;
            var capturedTo = cursor.CapturedTo;
            result.Add(worker.Index, configs.Id, capturedFrom, capturedTo);

            facts.Ordinal = count;
            facts.Worker = worker;
            facts.Config = config;
            facts.Program = program;
            facts.Dataset = dataset;
            facts.CapturedFrom = capturedFrom;
            facts.CapturedTo = capturedTo;
            facts.ActiveMinutes = cursor.ActiveMinutes;
            facts.Location = worker.LocationAt(DateOnly.FromDateTime(facts.CapturedFrom));
            facts.Training = training is not null && training.Carries(capturedFrom) ? training : null;
            facts.Commercial = commercial is not null && commercial.Carries(capturedFrom) ? commercial : null;
            facts.ViaSecurityStore = secure is not null && secure.Carries(capturedFrom) ? secure : null;
            context.ConfigWorkers.Observe(facts);
            foreach (var rule in rules)
            {
                rule.Observe(facts);
            }

            if ((++count & 0x3FFFF) == 0)
            {
                progress?.Report($"{count.ToString("N0", CultureInfo.InvariantCulture)} batches");
            }
        }

        result.Batches = count;
        result.Configs = configs.All;
        return result;
    }
}

/// <summary>
/// Batches name their config by (tool, version). The cursor says when a row's pair differs from the row before, which
/// is rare, so a walk over the few configs on a change costs less than hashing two strings per batch.
/// </summary>
public sealed class ConfigLookup(IEnumerable<ConfigInfo> configs)
{
    private readonly ConfigInfo[] _configs = [.. configs];
    private readonly Dictionary<ConfigInfo, int> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>A small number per config met, so per-worker statistics key on two integers.</summary>
    public int Id { get; private set; }

    public List<ConfigInfo> All { get; } = [];

    public ConfigInfo? Find(ReadOnlySpan<char> tool, ReadOnlySpan<char> version)
    {
        foreach (var config in _configs)
        {
            if (tool.SequenceEqual(config.ToolId) && version.SequenceEqual(config.Version))
            {
                if (!_ids.TryGetValue(config, out var id))
                {
                    _ids[config] = id = All.Count;
                    All.Add(config);
                }

                Id = id;
                return config;
            }
        }

        return null;
    }
}

/// <summary>
/// What the pass over batches learns besides findings: per worker and config, the batches and capture span
/// (the consent-gap sheet and the inventory's head counts), keyed on two integers so the pass stays cheap.
/// </summary>
public sealed class PassResult
{
    private readonly Dictionary<long, WorkerConfigStats> _stats = [];

    public long Batches { get; set; }

    public IReadOnlyList<ConfigInfo> Configs { get; set; } = [];

    public void Add(int worker, int config, DateTime from, DateTime to)
    {
        ref var stats = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_stats, ((long)worker << 20) | (uint)config, out var exists);
        if (!exists)
        {
            stats = new WorkerConfigStats(1, from, to);
            return;
        }

        stats = new WorkerConfigStats(stats.Batches + 1, from < stats.First ? from : stats.First, to > stats.Last ? to : stats.Last);
    }

    public WorkerConfigStats? Stats(int worker, int config) => _stats.TryGetValue(((long)worker << 20) | (uint)config, out var s) ? s : null;

    /// <summary>Distinct workers captured under each config by the as-of day.</summary>
    public IReadOnlyDictionary<ConfigInfo, int> WorkersByConfig()
    {
        var counts = new int[Configs.Count];
        foreach (var key in _stats.Keys)
        {
            counts[(int)(key & 0xFFFFF)]++;
        }

        return Configs.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => counts[x.i]);
    }
}

public readonly record struct WorkerConfigStats(long Batches, DateTime First, DateTime Last);
