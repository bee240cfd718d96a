using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Scanning;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

/// <summary>
/// Which batches each finding holds, said by the rules themselves: they run again over the data as it stood on a
/// scan's as-of day, on the batches of the workers asked for (what a rule holds against a worker depends on that
/// worker's batches and the shared facts), recording the captures each finding holds, mapped back to batch ids. The
/// one place the purge scope and counsel's lineage export learn which findings a batch is evidence for, so both
/// count what the scan counted.
/// </summary>
public sealed class HeldBatches(Database database, ExposureTable exposureTable, IOptions<AuditOptions> options)
{
    /// <param name="workers">The workers whose batches are judged; null for every worker.</param>
    /// <returns>Per finding key the rules raise, the batches it holds, by worker, capture start and batch id.</returns>
    public async Task<Dictionary<string, IReadOnlyList<(string BatchId, BatchRecord Row)>>> ByFindingAsync(DateOnly asOf, IReadOnlySet<string>? workers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var facts = await SnapshotReader.ReadAsync(database, connection, asOf, cancellationToken);
        var theories = await exposureTable.ReadAsync(connection, asOf, cancellationToken);
        var rows = new List<(string BatchId, BatchRecord Row)>();
        foreach (var b in await connection.QueryAsync<(string BatchId, string WorkerId, string Tool, string Version, long DatasetId, object From, object To, long Minutes, long Events)>(
                     new CommandDefinition(database.Sql["CaptureBatch_ReadForExport"], new { From = (DateTime?)null, To = (DateTime?)null }, cancellationToken: cancellationToken)))
        {
            if (workers is null || workers.Contains(b.WorkerId))
            {
                rows.Add((b.BatchId, new BatchRecord(b.WorkerId, b.Tool, b.Version, b.DatasetId, TypeHandlers.ToUtc(b.From), TypeHandlers.ToUtc(b.To), (int)b.Minutes)));
            }
        }

        var byCapture = rows.ToLookup(r => (r.Row.WorkerId, r.Row.ToolId, r.Row.ConfigVersion, r.Row.CapturedFrom, r.Row.CapturedTo));
        var evaluation = await Evaluator.EvaluateRecordingCapturesAsync(facts, new BatchList(rows.Select(r => r.Row), facts.Cutoff), options.Value.ToRuleSettings(), theories, cancellationToken);
        var result = new Dictionary<string, IReadOnlyList<(string BatchId, BatchRecord Row)>>(StringComparer.Ordinal);
        foreach (var finding in evaluation.Findings)
        {
            if (finding.Captures is not { Count: > 0 } captures)
            {
                continue;
            }

            result[finding.Key] = captures
                .SelectMany(c => byCapture[(c.Worker.WorkerId, c.Config.ToolId, c.Config.Version, c.CapturedFrom, c.CapturedTo)])
                .DistinctBy(r => r.BatchId, StringComparer.Ordinal)
                .OrderBy(r => r.Row.WorkerId, StringComparer.Ordinal).ThenBy(r => r.Row.CapturedFrom).ThenBy(r => r.BatchId, StringComparer.Ordinal)
                .ToList();
        }

        return result;
    }
}
