namespace Audit.Service.Rules;

/// <summary>
/// The workers captured under each config version, for the config-level rules (R5, R8): every place each was at
/// when captured and the days of their capture under it. Nothing depends on the order batches arrive in.
/// </summary>
public sealed class ConfigWorkers
{
    private readonly Dictionary<string, Dictionary<int, Seen>> _byConfig = new(StringComparer.Ordinal);

    public void Observe(BatchFacts batch)
    {
        if (!_byConfig.TryGetValue(batch.Config.Key, out var workers))
        {
            _byConfig[batch.Config.Key] = workers = [];
        }

        if (!workers.TryGetValue(batch.Worker.Index, out var seen))
        {
            workers[batch.Worker.Index] = seen = new Seen(FindingBuilder.ConductDay(batch.CapturedFrom), FindingBuilder.ConductDay(batch.CapturedTo, batch.CapturedFrom));
        }

        seen.Add(batch);
    }

    /// <summary>Adds the config's workers to a finding about it, in worker order; the act is the rule's judgement of that config.</summary>
    public void AddTo(FindingBuilder finding, ConfigInfo config, ScanContext context)
    {
        var act = $"{finding.Rule}:{config.Key}";
        foreach (var (index, seen) in (_byConfig.GetValueOrDefault(config.Key) ?? []).OrderBy(w => w.Key))
        {
            var worker = context.Snapshot.WorkersByIndex[index];
            WorkerHit? hit = null;
            foreach (var location in seen.Locations)
            {
                hit = finding.AddWorker(worker, location);
            }

            (hit ?? finding.AddWorker(worker, null)).Act(act, seen.From, seen.To, config.Biometric);
        }
    }

    private sealed class Seen(DateOnly from, DateOnly to)
    {
        private LocationSpan? _last;

        public DateOnly From { get; private set; } = from;

        public DateOnly To { get; private set; } = to;

        /// <summary>Ordered by where the worker was from, so a relocated worker's places come out the same on every scan.</summary>
        public SortedSet<LocationSpan> Locations { get; } = new(Comparer<LocationSpan>.Create((a, b) =>
            a.From != b.From ? a.From.CompareTo(b.From) : string.CompareOrdinal(a.Code, b.Code)));

        public void Add(BatchFacts batch)
        {
            var from = FindingBuilder.ConductDay(batch.CapturedFrom);
            var to = FindingBuilder.ConductDay(batch.CapturedTo, batch.CapturedFrom);
            From = from < From ? from : From;
            To = to > To ? to : To;
            // Most batches repeat the worker's last place: a reference check spares the sorted set.
            if (batch.Location is { } location && !ReferenceEquals(location, _last))
            {
                Locations.Add(location);
                _last = location;
            }
        }
    }
}
