using System.Text.Json;
using System.Text.Json.Nodes;

namespace Audit.Rules;

/// <summary>
/// Collects one finding while the scan runs: the affected workers (with where they were at capture time,
/// which the exposure model needs), batch counts and time span, and the evidence that decided it.
/// </summary>
public sealed class FindingBuilder
{
    private readonly Dictionary<int, WorkerHit> _workers = [];
    private readonly SortedDictionary<string, JsonNode?> _evidence = new(StringComparer.Ordinal);

    // Keyed by the label's reference: rules count per batch with labels they built once, so a count is a pointer hash.
    // Equal labels from different strings are merged when the evidence is written.
    private readonly Dictionary<string, long> _counters = new(ReferenceEqualityComparer.Instance);

    public FindingBuilder(RuleCode rule, string subjectKind, string subjectKey, Severity severity, string title)
    {
        Captures = Recording.Value ? [] : null;
        _countsBatches = CountingBatchesOf.Value?.Contains(rule) == true;
        Rule = rule;
        SubjectKind = subjectKind;
        SubjectKey = subjectKey;
        Severity = severity;
        Title = title;
        Key = $"{rule}:{subjectKind}:{subjectKey}";
    }

    public RuleCode Rule { get; }

    public string SubjectKind { get; }

    public string SubjectKey { get; }

    public Severity Severity { get; private set; }

    public string Title { get; set; }

    public long Batches { get; private set; }

    public long ActiveMinutes { get; private set; }

    public DateTime? FirstSeen { get; private set; }

    public DateTime? LastSeen { get; private set; }

    public IReadOnlyDictionary<int, WorkerHit> Workers => _workers;

    /// <summary>Figures later stages compute with, typed; evidence is for people to read.</summary>
    public FindingFigures Figures { get; } = new();

    /// <summary>How the exposure model may price this finding (a risk finding triggers no statute).</summary>
    public ExposureBasis Basis { get; set; } = ExposureBasis.Conduct;

    /// <summary>Set by <see cref="Evaluator.EvaluateRecordingCapturesAsync"/> for the builders its rules make.</summary>
    internal static readonly AsyncLocal<bool> Recording = new();

    /// <summary>Set by the evaluator: the rules a per-violation theory prices, whose findings keep each act's batches.</summary>
    internal static readonly AsyncLocal<IReadOnlySet<RuleCode>?> CountingBatchesOf = new();

    private readonly bool _countsBatches;

    /// <summary>
    /// Every capture the rule held against a worker, one entry per batch, when the evaluation was asked to record them
    /// (the guard's exclusions are these); null otherwise, so a nightly scan keeps no per-batch list.
    /// </summary>
    public List<HeldCapture>? Captures { get; }

    // (dataset << 20 | capture day number) -> the latest capture end of the held batches captured that day into that dataset.
    private readonly Dictionary<long, DateTime> _arrivals = [];

    /// <summary>
    /// Where the held batches landed, by dataset and capture day, with the latest capture end of that day: enough to say
    /// which training sets and models the finding's data reached and when it last arrived at each (<see cref="DataHoldings"/>).
    /// </summary>
    public IEnumerable<(long DatasetId, DateOnly Day, DateTime LatestTo)> DataDays =>
        _arrivals.Select(a => (a.Key >> 20, DateOnly.FromDayNumber((int)(a.Key & 0xFFFFF)), a.Value));

    /// <summary>A batch the rule holds against its worker: the act is the capture under the batch's config.</summary>
    public void AddBatch(BatchFacts batch, decimal quantity = 0, bool withoutAnyNotice = false) =>
        AddCapture(batch.Worker, batch.Config, batch.Location, batch.Dataset.DatasetId, batch.CapturedFrom, batch.CapturedTo, batch.ActiveMinutes, batch.Ordinal, quantity, withoutAnyNotice);

    /// <summary>
    /// One capture batch: counts it, widens the finding's span, and records the act against the worker: the capture
    /// under its config, and (for a rule a per-violation theory prices) the batch itself by its ordinal, so two batches
    /// are two violations and one batch held under R2, R3 and R4 is one, however many rules name it.
    /// </summary>
    public void AddCapture(WorkerInfo worker, ConfigInfo config, LocationSpan? location, long datasetId, DateTime from, DateTime to, int activeMinutes, long ordinal, decimal quantity = 0, bool withoutAnyNotice = false)
    {
        var day = (datasetId << 20) | (long)DateOnly.FromDateTime(from).DayNumber;
        ref var latest = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_arrivals, day, out _);
        if (to > latest)
        {
            latest = to;
        }

        Batches++;
        ActiveMinutes += activeMinutes;
        Captures?.Add(new HeldCapture(worker, config, from, to));
        See(from, to);
        ref var hit = ref Hit(worker);
        hit.Add(location, quantity);
        hit.Act(withoutAnyNotice ? config.UnnoticedKey : config.Key, ConductDay(from), ConductDay(to, from), config.Biometric, withoutAnyNotice, _countsBatches ? ordinal : -1, config.Key);
    }

    /// <summary>A worker named by a finding that is not about one batch (a config, a layoff), at one of their places.</summary>
    public void AddWorker(WorkerInfo worker, LocationSpan? location, decimal quantity = 0) => Hit(worker).Add(location, quantity);

    /// <summary>
    /// The act a finding that is not about one batch holds against the worker, with its conduct days; <paramref name="whole"/>
    /// when the act is every batch of the worker under a config (a judgement of the config: R5, R8).
    /// </summary>
    public void AddAct(WorkerInfo worker, string key, DateOnly from, DateOnly to, bool biometric = false, WholeConfig? whole = null) =>
        Hit(worker).Act(key, from, to, biometric, withoutAnyNotice: false, ordinal: -1, whole?.ConfigKey, whole?.Batches ?? 0);

    private ref WorkerHit Hit(WorkerInfo worker) => ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_workers, worker.Index, out _);

    /// <summary>The UTC day of a capture instant; a window ending at midnight ends on the day before.</summary>
    public static DateOnly ConductDay(DateTime at) => DateOnly.FromDateTime(at);

    public static DateOnly ConductDay(DateTime to, DateTime from) => DateOnly.FromDateTime(to > from && to.TimeOfDay == TimeSpan.Zero ? to.AddTicks(-1) : to);

    public void See(DateTime from, DateTime to)
    {
        if (FirstSeen is null || from < FirstSeen)
        {
            FirstSeen = from;
        }

        if (LastSeen is null || to > LastSeen)
        {
            LastSeen = to;
        }
    }

    /// <summary>Raises the severity; never lowers it.</summary>
    public void Escalate(Severity severity)
    {
        if (severity < Severity)
        {
            Severity = severity;
        }
    }

    /// <summary>Counts under a label; per batch, pass a label built once (see <see cref="Labels{TKey}"/>), not new text.</summary>
    public void Count(string what, long by = 1) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counters, what, out _) += by;

    public void Evidence(string key, JsonNode? value) => _evidence[key] = value;

    public void Evidence(string key, string? value) => _evidence[key] = value is null ? null : JsonValue.Create(value);

    public bool HasEvidence(string key) => _evidence.ContainsKey(key);

    /// <summary>The config a config-level finding is about: its key, tool and declared purposes.</summary>
    public void EvidenceOfConfig(ConfigInfo config, ScanSnapshot snapshot)
    {
        Evidence("config", config.Key);
        Evidence("tool", snapshot.ToolName(config.ToolId));
        Evidence("declaredPurposes", Domain.Codes.ToCodeSet(config.Purposes));
    }

    /// <summary>Raises to Critical when the batch's data reaches a commercial model.</summary>
    public void EscalateIfCommercial(BatchFacts batch)
    {
        if (batch.Commercial is not null)
        {
            Escalate(Severity.Critical);
        }
    }

    public string Key { get; }

    /// <summary>Evidence as stable JSON: keys sorted, counters included, so two scans of the same data write the same text.</summary>
    public string EvidenceJson()
    {
        var root = new JsonObject();
        foreach (var (key, value) in _evidence)
        {
            root[key] = value?.DeepClone();
        }

        if (_counters.Count > 0)
        {
            var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, value) in _counters)
            {
                merged[key] = merged.GetValueOrDefault(key) + value;
            }

            var counts = new JsonObject();
            foreach (var (key, value) in merged)
            {
                counts[key] = value;
            }

            root["counts"] = counts;
        }

        if (Batches > 0)
        {
            root["batches"] = Batches;
            root["activeHours"] = Math.Round(ActiveMinutes / 60m, 1);
        }

        return root.ToJsonString(EvidenceJsonOptions);
    }

    private static readonly JsonSerializerOptions EvidenceJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>One capture batch a finding holds: who, under which config, the capture window (what names a batch).</summary>
public readonly record struct HeldCapture(WorkerInfo Worker, ConfigInfo Config, DateTime CapturedFrom, DateTime CapturedTo);

public enum ExposureBasis
{
    /// <summary>Priced by the acts of conduct it holds against workers (captures, terminations).</summary>
    Conduct,

    /// <summary>Capture beyond any notice: what the monitoring-notice statutes are about.</summary>
    NoticeViolation,

    /// <summary>A risk, not a violation (a trajectory-grade security config): it triggers no statute.</summary>
    RiskOnly,
}

/// <summary>
/// One act held against a worker: its key (the capturing config, or the rule's own act), the conduct days it spans, and
/// what the statutes ask of it. <see cref="ConfigKey"/>: the config whose captures it is. <see cref="Batches"/>: the
/// batches it holds, where the finding keeps them (rules a per-violation theory prices). <see cref="WholeConfigBatches"/>:
/// for a judgement of a whole config (R5, R8), how many batches of the worker the config captured; such an act is all
/// of them. An act with neither (a termination) is one act.
/// </summary>
public readonly record struct WorkerAct(string Key, DateOnly From, DateOnly To, bool Biometric = false, bool WithoutAnyNotice = false, BatchSet? Batches = null, string? ConfigKey = null, int WholeConfigBatches = 0);

/// <summary>An act that is every batch of a worker under one config: the config, and how many there are.</summary>
public readonly record struct WholeConfig(string ConfigKey, int Batches);

/// <summary>
/// An affected worker: every place they were when the offending data was captured (relocations: none is dropped), the
/// acts held against them with their conduct days, and a rule-specific quantity (R7: uncompensated hours). A struct kept
/// in the finding's dictionary and changed in place: millions of hits on a large organisation, most with one place and
/// one act, which are held inline; only a second place or act allocates.
/// </summary>
public struct WorkerHit
{
    private (string Code, string Country) _location;
    private List<(string Code, string Country)>? _moreLocations;
    private ActState _act;
    private List<ActState>? _moreActs;

    public decimal Quantity { get; private set; }

    /// <summary>Every (code, country) the worker was at when captured, in the order first seen.</summary>
    public readonly IEnumerable<(string Code, string Country)> Locations()
    {
        var list = new List<(string Code, string Country)>(1 + (_moreLocations?.Count ?? 0));
        if (_location.Code is not null)
        {
            list.Add(_location);
        }

        list.AddRange(_moreLocations ?? []);
        return list;
    }

    /// <summary>How many places; with <see cref="LocationAt"/>, a read that allocates nothing (the exposure model reads every hit per theory).</summary>
    public readonly int LocationCount => (_location.Code is null ? 0 : 1) + (_moreLocations?.Count ?? 0);

    public readonly (string Code, string Country) LocationAt(int index) => index == 0 ? _location : _moreLocations![index - 1];

    public readonly int ActCount => (_act.Key is null ? 0 : 1) + (_moreActs?.Count ?? 0);

    public readonly WorkerAct ActAt(int index) => index == 0 ? _act.ToAct() : _moreActs![index - 1].ToAct();

    public readonly IEnumerable<WorkerAct> Acts()
    {
        var list = new List<WorkerAct>(1 + (_moreActs?.Count ?? 0));
        if (_act.Key is not null)
        {
            list.Add(_act.ToAct());
        }

        list.AddRange((_moreActs ?? []).Select(a => a.ToAct()));
        return list;
    }

    internal void Add(LocationSpan? location, decimal quantity)
    {
        Quantity += quantity;
        if (location is null)
        {
            return;
        }

        var code = location.Code;
        if (_location.Code is null)
        {
            _location = (code, location.Country);
        }
        else if (_location.Code != code && IndexOfLocation(code) < 0)
        {
            (_moreLocations ??= []).Add((code, location.Country));
        }
    }

    /// <summary>Records an act (or widens it): same key, same act; a batch's ordinal (0 or more) joins the act's batches.</summary>
    internal void Act(string key, DateOnly from, DateOnly to, bool biometric, bool withoutAnyNotice, long ordinal, string? configKey = null, int wholeConfigBatches = 0)
    {
        if (_act.Key is null)
        {
            _act = new ActState(key, from, to, biometric, withoutAnyNotice, ordinal, configKey, wholeConfigBatches);
        }
        else if (ReferenceEquals(_act.Key, key) || _act.Key == key)
        {
            _act.Widen(from, to, biometric, withoutAnyNotice, ordinal);
        }
        else
        {
            _moreActs ??= [];
            var at = IndexOfAct(key);
            if (at < 0)
            {
                _moreActs.Add(new ActState(key, from, to, biometric, withoutAnyNotice, ordinal, configKey, wholeConfigBatches));
            }
            else
            {
                var state = _moreActs[at];
                state.Widen(from, to, biometric, withoutAnyNotice, ordinal);
                _moreActs[at] = state;
            }
        }
    }

    // Per batch for a worker with several places or acts: loops, so no closure is allocated per call.
    private readonly int IndexOfLocation(string code)
    {
        for (var i = 0; i < (_moreLocations?.Count ?? 0); i++)
        {
            if (_moreLocations![i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    private readonly int IndexOfAct(string key)
    {
        for (var i = 0; i < _moreActs!.Count; i++)
        {
            if (ReferenceEquals(_moreActs[i].Key, key) || _moreActs[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private struct ActState
    {
        public readonly string Key;
        private readonly BatchSet? _batches;
        private readonly string? _configKey;
        private readonly int _wholeConfigBatches;
        private DateOnly _from;
        private DateOnly _to;
        private bool _biometric;
        private bool _withoutAnyNotice;

        public ActState(string key, DateOnly from, DateOnly to, bool biometric, bool withoutAnyNotice, long ordinal, string? configKey, int wholeConfigBatches)
        {
            (Key, _from, _to, _biometric, _withoutAnyNotice, _configKey, _wholeConfigBatches) = (key, from, to, biometric, withoutAnyNotice, configKey, wholeConfigBatches);
            if (ordinal >= 0)
            {
                _batches = new BatchSet();
                _batches.Add(ordinal);
            }
        }

        public void Widen(DateOnly from, DateOnly to, bool biometric, bool withoutAnyNotice, long ordinal)
        {
            _from = from < _from ? from : _from;
            _to = to > _to ? to : _to;
            _biometric |= biometric;
            _withoutAnyNotice |= withoutAnyNotice;
            if (ordinal >= 0)
            {
                _batches?.Add(ordinal);
            }
        }

        public readonly WorkerAct ToAct() => new(Key, _from, _to, _biometric, _withoutAnyNotice, _batches, _configKey, _wholeConfigBatches);
    }
}

/// <summary>The rule-specific figures the scan record stores as typed columns (null where a rule has none).</summary>
public sealed class FindingFigures
{
    /// <summary>R6: batches of workers in an exempt jurisdiction that reach training.</summary>
    public long? BatchesReachingTraining { get; set; }

    /// <summary>R7: contributors with an agreement for the program (for part of the time).</summary>
    public int? CompensatedContributors { get; set; }

    /// <summary>R7: active hours no agreement covers.</summary>
    public decimal? UncompensatedHours { get; set; }

    /// <summary>R7: the benchmark rate per hour the replacement value was priced at.</summary>
    public decimal? BenchmarkRate { get; set; }

    public decimal? ReplacementValueLow { get; set; }

    public decimal? ReplacementValueHigh { get; set; }

    /// <summary>R7: the commercial models the work reached, comma-separated.</summary>
    public string? CommercialModels { get; set; }
}

/// <summary>
/// Count labels made once per key (a notice, a config, a country) and handed out again: a rule counts per batch, and
/// making the text per batch cost more than the rule. Keys that are records compare by reference (pass
/// <see cref="ReferenceEqualityComparer"/>): the snapshot holds one object per config, notice and program.
/// </summary>
public sealed class Labels<TKey>(Func<TKey, string> make, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly IEqualityComparer<TKey> _comparer = comparer ?? EqualityComparer<TKey>.Default;
    private readonly Dictionary<TKey, string> _made = new(comparer ?? EqualityComparer<TKey>.Default);
    private TKey? _lastKey;
    private string? _last;

    public string this[TKey key]
    {
        get
        {
            if (_last is not null && _comparer.Equals(key, _lastKey!))
            {
                return _last;
            }

            if (!_made.TryGetValue(key, out var label))
            {
                _made[key] = label = make(key);
            }

            (_lastKey, _last) = (key, label);
            return label;
        }
    }
}
