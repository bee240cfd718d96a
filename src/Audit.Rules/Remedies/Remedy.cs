namespace Audit.Rules;

/// <summary>What a remedy's cost scales with: a fixed sum, or a count the finding itself holds.</summary>
public static class RemedyCostUnits
{
    /// <summary>Once for the finding, whatever its size (engineering work, counsel's review, a notice campaign).</summary>
    public const string Fixed = "fixed";

    /// <summary>Per worker the finding names (a letter, a consent request, a stipend a year).</summary>
    public const string PerWorker = "per_worker";

    /// <summary>Per capture batch the finding names (finding, deleting and verifying it downstream).</summary>
    public const string PerBatch = "per_batch";

    /// <summary>
    /// Per batch while a training dataset still holds the finding's data (locating and deleting it downstream): once every
    /// training set it reached is recorded purged, this part counts nothing.
    /// </summary>
    public const string PerHeldBatch = "per_held_batch";

    /// <summary>Per model still holding the finding's data (retraining, or the investment written off); a model recorded purged (deleted) counts no more.</summary>
    public const string PerModel = "per_model";

    /// <summary>A multiple of the replacement value R7 puts on the uncompensated work: low of its low figure, high of its high one.</summary>
    public const string ReplacementValue = "replacement_value";

    public static readonly IReadOnlyCollection<string> All = [Fixed, PerWorker, PerBatch, PerHeldBatch, PerModel, ReplacementValue];
}

/// <summary>One part of a remedy's cost: so much per unit, low and high.</summary>
public sealed record RemedyCost(string Unit, decimal Low, decimal High);

/// <summary>
/// One row of the remedy table counsel and the compliance officer edit (<c>templates/remedies.csv</c>): what can be
/// done about findings of the listed rules, what it costs, what it changes and on what authority.
/// <see cref="Retires"/>: the theories whose exposure for past conduct the remedy settles (paying contributors settles
/// the wage claim); every other theory's past exposure stays. <see cref="StopsAccrual"/>: from the decision date the
/// conduct ends, so nothing more accrues.
/// </summary>
public sealed record Remedy(
    string Id,
    IReadOnlyList<RuleCode> Rules,
    string Title,
    IReadOnlyList<RemedyCost> Costs,
    string Currency,
    IReadOnlyList<string> Retires,
    bool StopsAccrual,
    string Owner,
    int DeadlineDays,
    string Basis);

/// <summary>
/// The facts of one finding the planner prices remedies from, as its scan recorded them: its counts, its exposure and
/// the exposure lines that make it up. <see cref="ReplacementValue"/> is R7's valuation of the uncompensated work.
/// <see cref="Models"/>: the models still holding its data. <see cref="DataHeld"/>: every training set and model its
/// data reached and whether a purge has since deleted it there; null for a scan made before scans recorded it.
/// </summary>
public sealed record PlanFinding(
    string FindingKey,
    RuleCode Rule,
    Severity Severity,
    string Title,
    long Workers,
    long Batches,
    int Models,
    ExposureRange? ReplacementValue,
    ExposureRange Exposure,
    IReadOnlyList<ExposureLine> Lines,
    IReadOnlyList<DataHolding>? DataHeld = null)
{
    /// <summary>The batches a purge still has to delete: all of them while any training dataset (not a model) holds them, none once each is purged.</summary>
    public long HeldBatches => DataHeld is null || DataHeld.Any(h => !h.IsModel && h.StillHeld) ? Batches : 0;

    /// <summary>The training sets and models recorded purged since the finding's data reached them.</summary>
    public IReadOnlyList<DataHolding> Purged => DataHeld?.Where(h => !h.StillHeld).ToList() ?? [];
}

/// <summary>
/// One priced option for one finding. <see cref="ExposureAfter"/>: the finding's exposure once the option is taken;
/// past conduct stays, except what the option settles. <see cref="AccrualAfter"/>: what still accrues a month after it.
/// </summary>
public sealed record RemedyOption(
    string Id,
    string Title,
    ExposureRange Cost,
    ExposureRange ExposureAfter,
    ExposureRange AccrualAfter,
    bool StopsAccrual,
    IReadOnlyList<string> Retires,
    string Owner,
    DateOnly Deadline,
    string Basis);

/// <summary>A finding with what it is accruing a month now and its options, the recommended one first.</summary>
public sealed record PlannedFinding(PlanFinding Finding, ExposureRange AccruingPerMonth, IReadOnlyList<RemedyOption> Options)
{
    public RemedyOption? Recommended => Options.Count > 0 ? Options[0] : null;
}
