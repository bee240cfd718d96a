namespace Audit.Rules;

/// <summary>
/// One worker's acts under a per-violation theory, counted as domain.md settles it: one act is one batch, and a batch
/// several findings hold (R2, R3, R4; or R8 and R2, whose judgement of a whole config holds every batch under it) counts
/// once. Batches are known by their ordinals where a finding kept them, or as "every batch under this config" for a
/// judgement of a whole config, which takes in whatever other findings hold under that config; an act about no batch
/// (a termination) is one act by its key.
/// </summary>
internal sealed class ActTally
{
    private HashSet<string>? _keys;
    private Dictionary<string, int>? _whole;
    private Dictionary<string, BatchSet>? _partial;

    public void Add(WorkerAct act)
    {
        if (act.WholeConfigBatches > 0 && act.ConfigKey is { } whole)
        {
            _whole ??= new(StringComparer.Ordinal);
            _whole[whole] = Math.Max(_whole.GetValueOrDefault(whole), act.WholeConfigBatches);
        }
        else if (act.Batches is { Count: > 0 } batches)
        {
            // A kept batch is always a capture under a config (FindingBuilder.AddCapture names it).
            var config = act.ConfigKey ?? act.Key;
            _partial ??= new(StringComparer.Ordinal);
            if (!_partial.TryGetValue(config, out var set))
            {
                _partial[config] = set = new BatchSet();
            }

            set.UnionWith(batches);
        }
        else
        {
            (_keys ??= new(StringComparer.Ordinal)).Add(act.Key);
        }
    }

    public void UnionWith(ActTally other)
    {
        foreach (var key in other._keys ?? [])
        {
            (_keys ??= new(StringComparer.Ordinal)).Add(key);
        }

        foreach (var (config, count) in other._whole ?? [])
        {
            _whole ??= new(StringComparer.Ordinal);
            _whole[config] = Math.Max(_whole.GetValueOrDefault(config), count);
        }

        foreach (var (config, set) in other._partial ?? [])
        {
            _partial ??= new(StringComparer.Ordinal);
            if (!_partial.TryGetValue(config, out var mine))
            {
                _partial[config] = mine = new BatchSet();
            }

            mine.UnionWith(set);
        }

    }

    /// <summary>The distinct acts: keyed acts, each whole config's batches, and the kept batches of configs no whole-config act covers.</summary>
    public long Count =>
        (_keys?.Count ?? 0)
        + (_whole?.Values.Sum(c => (long)c) ?? 0)
        + (_partial?.Where(p => _whole is null || !_whole.ContainsKey(p.Key)).Sum(p => (long)p.Value.Count) ?? 0);
}
