namespace Audit.Service.Configuration;

/// <summary>The "Audit:Retention" settings: which scans keep their per-worker rows.</summary>
public sealed class RetentionOptions
{
    public const string All = "all";
    public const string MonthEnd = "month-end";
    public const string QuarterEnd = "quarter-end";

    /// <summary>
    /// Which scans keep their per-worker rows: "all" (default: nothing is pruned), "month-end" (the scan of each
    /// month's last day, so every monthly report keeps its worker sheets) or "quarter-end". The newest scan is
    /// always kept whole. A pruned scan keeps its findings, figures, exposure lines and sections.
    /// </summary>
    public string KeepWhole { get; set; } = All;

    /// <summary>Prune after every `audit scan` (otherwise only `audit scans prune` does).</summary>
    public bool PruneAfterScan { get; set; }

    public void Validate()
    {
        if (KeepWhole is not (All or MonthEnd or QuarterEnd))
        {
            throw new InvalidOperationException($"Audit:Retention:KeepWhole: '{KeepWhole}' is not one of {All}, {MonthEnd}, {QuarterEnd}.");
        }
    }
}
