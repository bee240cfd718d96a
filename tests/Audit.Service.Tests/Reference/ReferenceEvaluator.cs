namespace Audit.Service.Tests.Reference;

/// <summary>
/// One finding as the reference sees it: key (rule:subject-kind:subject), affected workers, and where the rule
/// counts batches, their number and active minutes; for R7 the uncompensated hours per worker.
/// </summary>
public sealed record Outcome(string Key, IReadOnlySet<string> Workers, long? Batches, long? ActiveMinutes, IReadOnlyDictionary<string, decimal>? Hours)
{
    public string Rule => Key[..Key.IndexOf(':', StringComparison.Ordinal)];

    public override string ToString() =>
        $"{Key} workers=[{string.Join(' ', Workers.Order(StringComparer.Ordinal))}]"
        + (Batches is null ? string.Empty : $" batches={Batches} minutes={ActiveMinutes}")
        + (Hours is null ? string.Empty : " hours=[" + string.Join(' ', Hours.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => FormattableString.Invariant($"{h.Key}:{h.Value:0.00}"))) + "]");
}

/// <summary>
/// The nine rules of domain.md and R10 (the notice texts read), each read directly from its sentences and its settled readings, over an organisation
/// held as rows in memory. Deliberately slow and plain: every question is answered by looping over the rows that
/// could answer it, and every lineage question by listing every simple path. It shares nothing with the scanner
/// but the subject-key format (so the two can be compared).
/// <para>Where a sentence leaves a detail open, the reading taken here (each one a line below):</para>
/// <list type="bullet">
/// <item>A batch is known as of D once its capture window closed by the end of D; one straddling D is not yet known.</item>
/// <item>A path carries a batch when the batch's capture began no later than the path's last run (the earliest last-seen along it).</item>
/// <item>Location at capture is the location on the UTC day the capture began.</item>
/// <item>R7's uncovered share is counted minute by minute over the capture window against agreement days.</item>
/// <item>R9 groups laid-off workers under the reduction-in-force event dated within 14 days of their termination, else under
/// the termination date: the scan's subject format (the scan-record branch keys them by termination date alone; follow it when it lands).</item>
/// </list>
/// </summary>
public sealed class ReferenceEvaluator
{
    private const string AiTraining = "ai_training";

    /// <summary>How far a termination may sit from a reduction-in-force event and still belong to it (the scan's grouping of R9 subjects).</summary>
    private const int MatchDays = 14;

    /// <summary>EU/EEA: the 27 member states, Iceland, Liechtenstein and Norway.</summary>
    private static readonly HashSet<string> EuEea = new(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    private readonly Org _org;
    private readonly DateOnly _asOf;
    private readonly DateTime _cutoff;
    private readonly List<OBatch> _batches;
    private readonly List<(OEdge Edge, DateTime Last)> _edges;
    private readonly Dictionary<string, List<(string End, DateTime MinLast)>> _paths = new(StringComparer.Ordinal);

    public ReferenceEvaluator(Org org, DateOnly asOf)
    {
        _org = org;
        _asOf = asOf;
        _cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // As of D: only what was known then. A batch is known once its capture window has closed by the end of D,
        // and only under a config version that had taken effect; an edge once first seen, and it ran at most until D.
        _batches = org.Batches.Where(b => b.To < _cutoff && ConfigOf(b) is { } c && c.From <= asOf).ToList();
        _edges = org.Edges.Where(e => e.FirstSeen < _cutoff).Select(e => (e, e.LastSeen < _cutoff ? e.LastSeen : _cutoff.AddSeconds(-1))).ToList();
    }

    public static IReadOnlyList<Outcome> Evaluate(Org org, DateOnly asOf) => new ReferenceEvaluator(org, asOf).All();

    public IReadOnlyList<Outcome> All() =>
    [
        .. R1(), .. R2(), .. R3(), .. R4(), .. R5(), .. R6(), .. R7(), .. R8(), .. R9(), .. R10(),
    ];

    // ---- R1: data captured under a config declared only for security or compliance, or held in an incident-response
    // store, reaches a training dataset or model by any chain of lineage edges. A batch is held in such a store only if
    // a path actually carried it there while the path's edges ran. One finding per dataset the data landed in.
    private IEnumerable<Outcome> R1()
    {
        var hits = new List<(string Subject, OBatch Batch)>();
        foreach (var batch in _batches)
        {
            if (!ReachesTraining(batch))
            {
                continue;
            }

            var securityOnly = IsSecurityOnly(ConfigOf(batch)!);
            var heldInStoreThatFeedsTraining = _org.Datasets.Any(store => store.Kind == "security_pipeline"
                && Carries(batch.Dataset, batch.From, store.Name)
                && _org.Datasets.Any(sink => IsTraining(sink) && Carries(store.Name, batch.From, sink.Name)));
            if (securityOnly || heldInStoreThatFeedsTraining)
            {
                hits.Add(($"{Org.Ns}/{batch.Dataset}", batch));
            }
        }

        return Group("R1", "dataset", hits);
    }

    // ---- R2: a worker's batch reaches training, but at capture time the worker had no AI-training consent for the
    // capturing tool's or the program's series.
    private IEnumerable<Outcome> R2() =>
        Group("R2", "config", _batches.Where(b => ReachesTraining(b) && !HasConsentAt(b.Worker, ConfigOf(b)!, b.From)).Select(b => (ConfigKey(b), b)));

    // ---- R3: data captured before the worker's AI-training consent, or before the config version that added the
    // ai_training purpose, is used for training.
    private IEnumerable<Outcome> R3()
    {
        var hits = new List<(string, OBatch)>();
        foreach (var batch in _batches.Where(ReachesTraining))
        {
            var config = ConfigOf(batch)!;
            var consentAcks = _org.Acks.Where(a => a.Worker == batch.Worker && a.At < _cutoff && IsConsentAck(a, config)).ToList();
            var consentCameLater = consentAcks.Count > 0 && consentAcks.All(a => a.At > batch.From);
            var purposeCameLater = !config.Purposes.Contains(AiTraining)
                && _org.Configs.Any(later => later.Tool == config.Tool && later.From > config.From && later.From <= _asOf && later.Purposes.Contains(AiTraining));
            if (consentCameLater || purposeCameLater)
            {
                hits.Add((ConfigKey(batch), batch));
            }
        }

        return Group("R3", "config", hits);
    }

    // ---- R4: data captured after a worker's opt-out (or before it, where the opt-out covers past data) reaches the
    // program's training sinks after the opt-out date: a path all of whose edges were last seen after the opt-out and
    // whose last run came no earlier than the capture. Every batch of the worker counts, whatever the tool.
    private IEnumerable<Outcome> R4()
    {
        var hits = new List<(string, OBatch)>();
        foreach (var program in _org.Programs)
        {
            var sinks = TrainingSinksOf(program.Id);
            foreach (var batch in _batches)
            {
                var violated = _org.OptOuts.Any(o => o.Worker == batch.Worker && o.Program == program.Id && o.At < _cutoff
                    && (o.Scope == "including_past" || batch.To > o.At)
                    && PathsFrom(batch.Dataset).Any(p => sinks.Contains(p.End) && p.MinLast > o.At && p.MinLast >= batch.From));
                if (violated)
                {
                    hits.Add((program.Id, batch));
                }
            }
        }

        return Group("R4", "program", hits);
    }

    // ---- R5: a program (or a config with no program) with the ai_training purpose whose notice offers no opt-out, or
    // whose opt-out takes relocation or leaving the job. Judged while one of its config versions is in force, on the
    // notice versions in force of the series that speak for that config (its tool's and its program's); an opt-out
    // offered by a notice that does not name AI training (a security notice) is no opt-out from training.
    private IEnumerable<Outcome> R5()
    {
        var byKey = new SortedDictionary<string, List<OConfig>>(StringComparer.Ordinal);
        foreach (var config in _org.Configs.Where(c => InForce(c) && c.Purposes.Contains(AiTraining)))
        {
            var program = _org.Programs.SingleOrDefault(p => p.Id == config.Program);
            var trainingOptOut = NoticesInForceFor(config).Any(n => n.Purposes.Contains(AiTraining) && n.OffersOptOut);
            if (program?.OptOut is "none" or "relocation" or "leave_job" || !trainingOptOut)
            {
                var key = program is null ? $"R5:config:{config.Tool} {config.Version}" : $"R5:program:{program.Id}";
                if (!byKey.TryGetValue(key, out var configs))
                {
                    byKey[key] = configs = [];
                }

                configs.Add(config);
            }
        }

        return byKey.Select(e => Workers(e.Key, e.Value)).ToList();
    }

    // ---- R6: a program says EU/EEA staff are exempt, yet batches of workers located there at capture time exist
    // (under the program's configs) or reach the program's training sinks (any tool). Also: an exemption with no
    // written rationale.
    private IEnumerable<Outcome> R6()
    {
        var hits = new List<(string, OBatch)>();
        var results = new List<Outcome>();
        foreach (var program in _org.Programs.Where(p => p.EuExempt))
        {
            var sinks = TrainingSinksOf(program.Id);
            foreach (var batch in _batches)
            {
                if (LocationAt(batch.Worker, DateOnly.FromDateTime(batch.From)) is not { } location || !IsExempt(location.Country))
                {
                    continue;
                }

                var ofProgram = ConfigOf(batch)!.Program == program.Id;
                var reachesItsTraining = PathsFrom(batch.Dataset).Any(p => sinks.Contains(p.End) && p.MinLast >= batch.From);
                if (ofProgram || reachesItsTraining)
                {
                    hits.Add((program.Id, batch));
                }
            }

            if (string.IsNullOrWhiteSpace(program.Rationale))
            {
                results.Add(new Outcome($"R6:program-rationale:{program.Id}", new HashSet<string>(StringComparer.Ordinal), null, null, null));
            }
        }

        return [.. Group("R6", "program", hits), .. results];
    }

    // ---- R7: a worker's batches reach a commercial model and no agreement covers that program and period. The
    // uncovered share of the capture window, minute by minute, is the uncompensated share of its active time.
    private IEnumerable<Outcome> R7()
    {
        var byKey = new SortedDictionary<string, (List<OBatch> Batches, Dictionary<string, decimal> Hours)>(StringComparer.Ordinal);
        foreach (var batch in _batches)
        {
            if (!_org.Datasets.Any(d => d.Kind == "model" && d.Commercial && Carries(batch.Dataset, batch.From, d.Name)))
            {
                continue;
            }

            var program = ConfigOf(batch)!.Program;
            var minutes = (int)(batch.To - batch.From).TotalMinutes;
            var uncovered = 0;
            for (var m = 0; m < minutes; m++)
            {
                var day = DateOnly.FromDateTime(batch.From.AddMinutes(m));
                var covered = program is not null && _org.Agreements.Any(a => a.Worker == batch.Worker && a.Program == program && a.From <= _asOf
                    && a.From <= day && (a.To is null || day <= a.To));
                if (!covered)
                {
                    uncovered++;
                }
            }

            if (uncovered == 0)
            {
                continue;
            }

            var key = program is null ? $"R7:tool:{batch.Tool}" : $"R7:program:{program}";
            if (!byKey.TryGetValue(key, out var entry))
            {
                byKey[key] = entry = ([], new Dictionary<string, decimal>(StringComparer.Ordinal));
            }

            entry.Batches.Add(batch);
            entry.Hours[batch.Worker] = entry.Hours.GetValueOrDefault(batch.Worker) + (batch.ActiveMinutes * (decimal)uncovered / minutes / 60m);
        }

        return byKey.Select(e => new Outcome(e.Key, e.Value.Batches.Select(b => b.Worker).ToHashSet(StringComparer.Ordinal),
            e.Value.Batches.Count, e.Value.Batches.Sum(b => (long)b.ActiveMinutes), e.Value.Hours)).ToList();
    }

    // ---- R8, for config versions in force: capabilities no notice in force for it names; security-only but
    // trajectory-grade; capabilities or purposes added over the previous version without a notice of its series,
    // published between the previous version's start and its own, naming what was added.
    private IEnumerable<Outcome> R8()
    {
        var results = new List<Outcome>();
        foreach (var config in _org.Configs.Where(InForce))
        {
            var key = $"{config.Tool} {config.Version}";
            var speaksFor = (Func<ONotice, bool>)(n => n.Tool == config.Tool || (n.Program is not null && n.Program == config.Program));
            var inForce = NoticesInForceFor(config);
            if (config.Caps.Any(cap => !inForce.Any(n => n.Caps.Contains(cap))))
            {
                results.Add(Workers($"R8:config-beyond-notice:{key}", [config]));
            }

            var trajectory = config.Caps.Contains("screenshots") && config.Caps.Contains("ui_hierarchy")
                && (config.Caps.Contains("keystrokes") || config.Caps.Contains("window_text"));
            if (IsSecurityOnly(config) && trajectory)
            {
                results.Add(Workers($"R8:config-trajectory-grade:{key}", [config]));
            }

            var previous = _org.Configs.Where(c => c.Tool == config.Tool && c.From < config.From).MaxBy(c => c.From);
            if (previous is not null)
            {
                var addedCaps = config.Caps.Except(previous.Caps).ToList();
                var addedPurposes = config.Purposes.Except(previous.Purposes).ToList();
                var told = _org.Notices.Any(n => speaksFor(n) && n.Published > previous.From && n.Published <= config.From
                    && addedCaps.All(n.Caps.Contains) && addedPurposes.All(n.Purposes.Contains));
                if ((addedCaps.Count > 0 || addedPurposes.Count > 0) && !told)
                {
                    results.Add(Workers($"R8:config-drift:{key}", [config]));
                }
            }
        }

        return results;
    }

    // ---- R9: workers whose data reached training and who were let go in a reduction in force within N days of their
    // last contributing capture; and a reduction in force announced within N days either side of an AI-investment
    // announcement.
    private IEnumerable<Outcome> R9()
    {
        var results = new List<Outcome>();
        var reductions = _org.Events.Where(e => e.Kind == "reduction_in_force" && e.Announced <= _asOf).OrderBy(e => e.Announced).ToList();
        var byKey = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var worker in _org.Workers)
        {
            if (worker.Reason != "reduction_in_force" || worker.Terminated is not { } terminated || terminated > _asOf)
            {
                continue;
            }

            var contributions = _batches.Where(b => b.Worker == worker.Id && ReachesTraining(b)).ToList();
            if (contributions.Count == 0)
            {
                continue;
            }

            var lastCapture = DateOnly.FromDateTime(contributions.Max(b => b.To));
            var days = terminated.DayNumber - lastCapture.DayNumber;
            if (days < 0 || days > _org.WindowDays)
            {
                continue;
            }

            // Keyed by the termination date, event or not: the finding keeps its identity when the event is imported later (issue 7).
            var key = $"R9:reduction-in-force:{Org.Day(terminated)}";
            if (!byKey.TryGetValue(key, out var workers))
            {
                byKey[key] = workers = new HashSet<string>(StringComparer.Ordinal);
            }

            workers.Add(worker.Id);
        }

        results.AddRange(byKey.Select(e => new Outcome(e.Key, e.Value, null, null, null)));
        var announcements = _org.Events.Where(e => e.Kind == "ai_investment_announcement" && e.Announced <= _asOf).ToList();
        foreach (var reduction in reductions)
        {
            if (announcements.Any(a => Math.Abs(a.Announced.DayNumber - reduction.Announced.DayNumber) <= _org.WindowDays))
            {
                var laidOff = _org.Workers.Where(w => w.Reason == "reduction_in_force" && w.Terminated is { } t && t <= _asOf
                    && Math.Abs((reduction.Effective ?? reduction.Announced).DayNumber - t.DayNumber) <= MatchDays).Select(w => w.Id);
                results.Add(new Outcome($"R9:workforce-event-after-ai:{reduction.Id}", laidOff.ToHashSet(StringComparer.Ordinal), null, null, null));
            }
        }

        return results;
    }

    // ---- shared readings

    /// <summary>Consent: an acknowledgement, made by then, of a version of the tool's or the program's series that names
    /// ai_training, with ai_training consented to; it keeps counting after later versions, until an opt-out from the program.</summary>
    private bool HasConsentAt(string worker, OConfig config, DateTime at) =>
        _org.Acks.Any(a => a.Worker == worker && a.At <= at && IsConsentAck(a, config)
            && !_org.OptOuts.Any(o => o.Worker == worker && config.Program is not null && o.Program == config.Program && o.At > a.At && o.At <= at));

    private bool IsConsentAck(OAck ack, OConfig config)
    {
        var notice = _org.Notices.Single(n => n.Id == ack.Notice);
        var ofSeries = notice.Tool == config.Tool || (notice.Program is not null && notice.Program == config.Program);
        return ofSeries && notice.Published <= _asOf && notice.Purposes.Contains(AiTraining) && (ack.Consent ?? notice.Purposes).Contains(AiTraining);
    }

    /// <summary>Notice series: a tool's notices, or a program's (the generator names exactly one of the two). The version in force
    /// on the as-of date is the series' latest published on or before it; the series that speak for a config are its tool's and its program's.</summary>
    // ---- R10, the disclosure does not say it: a batch reaches training, captured while the text of the notice in force
    // for its tool or program (per series, the latest version published by the capture day) is vague or silent about AI
    // training, or never names a capability the config captured. A notice in force without a text counts by its record;
    // where no notice in force has a text, there is nothing to read. The finding names the notice whose text falls short
    // (the program's before the tool's).
    private IEnumerable<Outcome> R10()
    {
        var hits = new List<(string Subject, OBatch Batch)>();
        foreach (var batch in _batches.Where(ReachesTraining))
        {
            var config = ConfigOf(batch)!;
            var day = DateOnly.FromDateTime(batch.From);
            var inForce = _org.Notices.Where(n => n.Published <= _asOf && n.Published <= day && (n.Tool == config.Tool || (n.Program is not null && n.Program == config.Program)))
                .GroupBy(n => n.Program is not null ? "program:" + n.Program : "tool:" + n.Tool, StringComparer.Ordinal)
                .Select(series => series.OrderBy(n => n.Published).ThenBy(n => n.Version, StringComparer.Ordinal).Last())
                .ToList();
            var texted = inForce.Where(n => n.Text is not null).OrderBy(n => n.Program is null ? 1 : 0).ToList();
            if (texted.Count == 0)
            {
                continue;
            }

            var said = inForce.Any(n => n.Text?.SaysTraining ?? n.Purposes.Contains(AiTraining));
            var named = inForce.SelectMany(n => n.Text?.NamedCaps ?? n.Caps).ToHashSet(StringComparer.Ordinal);
            if (said && config.Caps.All(named.Contains))
            {
                continue;
            }

            var subject = texted.First(n => !said ? !n.Text!.SaysTraining : !config.Caps.All(n.Text!.NamedCaps.Contains));
            hits.Add((subject.Id, batch));
        }

        return Group("R10", "notice", hits);
    }

    private List<ONotice> NoticesInForceFor(OConfig config) =>
        _org.Notices.Where(n => n.Tool == config.Tool || (n.Program is not null && n.Program == config.Program))
            .GroupBy(n => n.Tool is not null ? "tool:" + n.Tool : "program:" + n.Program, StringComparer.Ordinal)
            .Select(series => series.Where(n => n.Published <= _asOf).OrderBy(n => n.Published).LastOrDefault())
            .OfType<ONotice>()
            .ToList();

    /// <summary>In force on the as-of date: taken effect, and not ended before it.</summary>
    private bool InForce(OConfig config) => config.From <= _asOf && (config.To is null || config.To >= _asOf);

    /// <summary>Counted as EU staff: EU/EEA, and the UK and Switzerland unless the setting narrows the sets to EU/EEA.</summary>
    private bool IsExempt(string country) => EuEea.Contains(country) || (_org.ExemptUkAndSwitzerland && country is "GB" or "CH");

    private static bool IsSecurityOnly(OConfig config) => config.Purposes.Count > 0 && config.Purposes.All(p => p is "security" or "compliance");

    private OConfig? ConfigOf(OBatch batch) => _org.Configs.SingleOrDefault(c => c.Tool == batch.Tool && c.Version == batch.Version);

    private static string ConfigKey(OBatch batch) => $"{batch.Tool} {batch.Version}";

    private OLocation? LocationAt(string worker, DateOnly day) =>
        _org.Locations.LastOrDefault(l => l.Worker == worker && l.From <= day && (l.To is null || day <= l.To));

    private bool IsTraining(ODataset dataset) => dataset.Kind is "training_dataset" or "model";

    private bool ReachesTraining(OBatch batch) => _org.Datasets.Any(d => IsTraining(d) && Carries(batch.Dataset, batch.From, d.Name));

    /// <summary>Data captured at <paramref name="capturedFrom"/> in <paramref name="from"/> reaches <paramref name="to"/> when some
    /// path between them still ran after the capture: the batch was captured no later than the path's last run.</summary>
    private bool Carries(string from, DateTime capturedFrom, string to) => PathsFrom(from).Any(p => p.End == to && p.MinLast >= capturedFrom);

    /// <summary>A program's training sinks: the training datasets and models its config versions' batches reach.</summary>
    private HashSet<string> TrainingSinksOf(string program) =>
        _org.Datasets.Where(d => IsTraining(d) && _batches.Any(b => ConfigOf(b)!.Program == program && Carries(b.Dataset, b.From, d.Name)))
            .Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every simple path from a dataset (the empty one included), as its end and the earliest last-seen along it.</summary>
    private List<(string End, DateTime MinLast)> PathsFrom(string origin)
    {
        if (_paths.TryGetValue(origin, out var known))
        {
            return known;
        }

        var paths = new List<(string, DateTime)>();
        var onPath = new HashSet<string>(StringComparer.Ordinal) { origin };
        void Walk(string node, DateTime minLast)
        {
            paths.Add((node, minLast));
            foreach (var (edge, last) in _edges.Where(e => e.Edge.Source == node))
            {
                if (onPath.Add(edge.Target))
                {
                    Walk(edge.Target, last < minLast ? last : minLast);
                    onPath.Remove(edge.Target);
                }
            }
        }

        Walk(origin, DateTime.MaxValue);
        _paths[origin] = paths;
        return paths;
    }

    private Outcome Workers(string key, IReadOnlyList<OConfig> configs) =>
        new(key, _batches.Where(b => configs.Any(c => c.Tool == b.Tool && c.Version == b.Version)).Select(b => b.Worker).ToHashSet(StringComparer.Ordinal), null, null, null);

    private static IEnumerable<Outcome> Group(string rule, string kind, IEnumerable<(string Subject, OBatch Batch)> hits) =>
        hits.GroupBy(h => h.Subject, StringComparer.Ordinal).Select(g =>
        {
            var batches = g.Select(h => h.Batch).DistinctBy(b => b.Id).ToList();
            return new Outcome($"{rule}:{kind}:{g.Key}", batches.Select(b => b.Worker).ToHashSet(StringComparer.Ordinal), batches.Count, batches.Sum(b => (long)b.ActiveMinutes), null);
        }).ToList();
}
