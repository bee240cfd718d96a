
namespace Audit.Rules;

/// <summary>
/// One audit rule of domain.md. The scan shows every batch to every rule in a single pass
/// (<see cref="Observe"/>), then asks each rule for its findings (<see cref="Complete"/>), where
/// dataset- and config-level checks that need no batches run.
/// </summary>
public interface IAuditRule
{
    RuleCode Code { get; }

    /// <summary>Before the pass over batches: precompute what is cheap once and costly per batch.</summary>
    void Prepare(ScanContext context)
    {
    }

    /// <summary>One batch of the pass. Config-level rules (R5, R8) need none: they read <see cref="ScanContext.ConfigWorkers"/>.</summary>
    void Observe(BatchFacts batch)
    {
    }

    IEnumerable<FindingBuilder> Complete(ScanContext context);
}

/// <summary>What rules may read besides the batches; the exposure table's rows where a rule's figures come from it (R7's multiple).</summary>
public sealed record ScanContext(ScanSnapshot Snapshot, LineageGraph Graph, RuleSettings Settings, IReadOnlyList<ExposureTheory> Theories)
{
    /// <summary>The workers captured under each config version, gathered once by the pass for the config-level rules (R5, R8).</summary>
    public ConfigWorkers ConfigWorkers { get; } = new();

    /// <summary>The replacement-value row governing conduct on the as-of day: the one source of R7's low and high multiples.</summary>
    public ExposureTheory? ReplacementValueRow =>
        Theories.Where(t => t.Unit == ExposureUnits.ReplacementValue && t.EffectiveFrom <= Snapshot.AsOf)
            .OrderBy(t => t.EffectiveFrom).ThenBy(t => t.TheoryId, StringComparer.Ordinal).LastOrDefault();
}

/// <summary>Keeps one builder per subject for a rule.</summary>
public sealed class FindingSet
{
    private readonly Dictionary<(string Kind, string Key), FindingBuilder> _bySubject = [];
    private FindingBuilder? _last;

    public FindingBuilder Get(RuleCode rule, string subjectKind, string subjectKey, Severity severity, Func<string> title) =>
        Get(rule, subjectKind, subjectKey, severity, title, static title => title());

    /// <summary>
    /// Called per batch: the title is made from <paramref name="state"/> only for a new subject (a static lambda allocates
    /// nothing), and the same key strings as the last call (a config's or program's own) find the builder without hashing.
    /// </summary>
    public FindingBuilder Get<TState>(RuleCode rule, string subjectKind, string subjectKey, Severity severity, TState state, Func<TState, string> title)
    {
        if (_last is { } last && ReferenceEquals(last.SubjectKey, subjectKey) && ReferenceEquals(last.SubjectKind, subjectKind))
        {
            return last;
        }

        if (!_bySubject.TryGetValue((subjectKind, subjectKey), out var builder))
        {
            _bySubject[(subjectKind, subjectKey)] = builder = new FindingBuilder(rule, subjectKind, subjectKey, severity, title(state));
        }

        return _last = builder;
    }

    public IEnumerable<FindingBuilder> All => _bySubject.Values;
}
