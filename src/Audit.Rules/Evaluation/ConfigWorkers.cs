namespace Audit.Rules;

/// <summary>
/// The workers captured under each config version, for the config-level rules (R5, R8): every place each was at
/// when captured and the days of their capture under it. Nothing depends on the order batches arrive in.
/// </summary>
public sealed class ConfigWorkers
{
    private readonly Dictionary<string, Dictionary<int, Seen>> _byConfig = new(StringComparer.Ordinal);
    private ConfigInfo? _lastConfig;
    private Dictionary<int, Seen>? _lastWorkers;

    public void Observe(BatchFacts batch)
    {
        // Consecutive batches mostly share a config: look it up only on a change.
        var workers = ReferenceEquals(batch.Config, _lastConfig) ? _lastWorkers! : null;
        if (workers is null && !_byConfig.TryGetValue(batch.Config.Key, out workers))
        {
            _byConfig[batch.Config.Key] = workers = [];
        }

        (_lastConfig, _lastWorkers) = (batch.Config, workers);

        ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(workers, batch.Worker.Index, out _);
        seen.Add(batch);
    }

    /// <summary>Adds the config's workers to a finding about it, in worker order; the act is the rule's judgement of that config.</summary>
    public void AddTo(FindingBuilder finding, ConfigInfo config, ScanContext context)
    {
        var act = $"{finding.Rule}:{config.Key}";
        foreach (var (index, seen) in (_byConfig.GetValueOrDefault(config.Key) ?? []).OrderBy(w => w.Key))
        {
            var worker = context.Snapshot.WorkersByIndex[index];
            finding.AddWorker(worker, null);
            foreach (var location in seen.Locations())
            {
                finding.AddWorker(worker, location);
            }

            // The rule judges the config, so its act is every batch of the worker under it (a per-violation count counts them).
            finding.AddAct(worker, act, seen.From, seen.To, config.Biometric, new WholeConfig(config.Key, seen.Batches));
        }
    }

    /// <summary>One worker under one config, kept in the dictionary and changed in place: most have one place, so a second is the only allocation.</summary>
    private struct Seen
    {
        private LocationSpan? _first;
        private List<LocationSpan>? _more;
        private bool _any;

        public DateOnly From { get; private set; }

        public DateOnly To { get; private set; }

        /// <summary>How many batches of the worker the config captured.</summary>
        public int Batches { get; private set; }

        /// <summary>Ordered by where the worker was from, so a relocated worker's places come out the same on every scan.</summary>
        public readonly IEnumerable<LocationSpan> Locations() =>
            (_first is null ? [] : new[] { _first }.Concat(_more ?? [])).OrderBy(l => l.From).ThenBy(l => l.Code, StringComparer.Ordinal);

        public void Add(BatchFacts batch)
        {
            var from = FindingBuilder.ConductDay(batch.CapturedFrom);
            var to = FindingBuilder.ConductDay(batch.CapturedTo, batch.CapturedFrom);
            From = !_any || from < From ? from : From;
            To = !_any || to > To ? to : To;
            _any = true;
            Batches++;

            // Location spans are shared per worker, so a reference check finds a place already seen.
            if (batch.Location is not { } location || ReferenceEquals(location, _first))
            {
                return;
            }

            if (_first is null)
            {
                _first = location;
            }
            else if (!Has(location))
            {
                (_more ??= []).Add(location);
            }
        }

        private readonly bool Has(LocationSpan location)
        {
            if (_more is null)
            {
                return false;
            }

            foreach (var l in _more)
            {
                if (ReferenceEquals(l, location))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
