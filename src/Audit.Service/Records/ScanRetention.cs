using Audit.Service.Data;
using Audit.Service.Reporting;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Records;

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

/// <summary>
/// Removes the per-worker rows (ScanFindingWorker) of scans the retention setting does not keep whole. Those rows
/// are most of a scan record's size (about a million rows for 100,000 workers); what a report prints as figures stays.
/// </summary>
public sealed class ScanRetention(Database database, ScanHistory history, IOptions<AuditOptions> options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The scans the setting would prune now (not yet pruned).</summary>
    public async Task<IReadOnlyList<ScanRecord>> PlanAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Retention;
        settings.Validate();
        var scans = await history.ListAsync(cancellationToken);
        if (settings.KeepWhole == RetentionOptions.All || scans.Count == 0)
        {
            return [];
        }

        var keep = new HashSet<long> { scans.MaxBy(s => (s.AsOf, s.ScanId))!.ScanId };
        foreach (var day in scans.GroupBy(s => s.AsOf))
        {
            var newest = day.Last();
            var isMonthEnd = day.Key == YearMonth.Containing(day.Key).LastDay;
            var isQuarterEnd = day.Key == Quarter.Containing(day.Key).LastDay;
            if (settings.KeepWhole == RetentionOptions.MonthEnd ? isMonthEnd : isQuarterEnd)
            {
                keep.Add(newest.ScanId);
            }
        }

        return scans.Where(s => !keep.Contains(s.ScanId) && s.WorkersPrunedAt is null).ToList();
    }

    public async Task<IReadOnlyList<ScanRecord>> PruneAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken);
        foreach (var scan in plan)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(database.Sql["ScanFindingWorker_DeleteByScan"], new { scan.ScanId }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(database.Sql["ScanRun_MarkPruned"], new { scan.ScanId, PrunedAt = _time.GetUtcNow().UtcDateTime }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        return plan;
    }

    public async Task<IReadOnlyList<ScanRecord>> PruneAfterScanAsync(CancellationToken cancellationToken = default) =>
        options.Value.Retention.PruneAfterScan ? await PruneAsync(cancellationToken) : [];
}
