using Audit.Service.Configuration;
using Audit.Service.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Records;

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
