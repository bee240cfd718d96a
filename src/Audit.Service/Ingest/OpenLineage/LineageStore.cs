using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Domain;
using Dapper;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>What writing one event did.</summary>
public readonly record struct LineageWrite(bool IsNew, int EdgesTouched);

/// <summary>
/// Writes one parsed event inside the caller's transaction: the event as received, its datasets, its run's
/// accumulated state, and the run's shares of the edges the scan reads. The same code serves file imports
/// and the HTTP intake. An exact repeat (same hash) writes nothing at all.
/// </summary>
public sealed class LineageStore
{
    private readonly Database _database;

    public LineageStore(Database database)
    {
        _database = database;
    }

    public async Task<LineageWrite> WriteAsync(DbConnection connection, DbTransaction transaction, LineageEvent ev)
    {
        var sql = _database.Sql;
        var inserted = await connection.ExecuteAsync(sql["LineageEvent_Insert"], new
        {
            EventHash = ev.Hash,
            RunId = ev.RunId ?? string.Empty,
            ev.EventType,
            ev.EventTime,
            ev.JobNamespace,
            ev.JobName,
            ev.Producer,
            ev.Payload,
            ReceivedAt = DateTime.UtcNow,
            EventTimeAssumedUtc = ev.Time.OffsetAssumed,
        }, transaction);
        if (inserted == 0)
        {
            return new LineageWrite(false, 0);
        }

        var orderKey = ev.OrderKey;
        var ids = new Dictionary<(string, string), long>();
        foreach (var dataset in ev.Inputs.Concat(ev.Outputs))
        {
            var key = (dataset.Namespace, dataset.Name);
            var id = await connection.ExecuteScalarAsync<long>(sql["Dataset_UpsertFromLineage"], new
            {
                dataset.Namespace,
                dataset.Name,
                Kind = dataset.Kind is { } k ? Codes.ToCode(k) : null,
                dataset.IsCommercial,
                SeenAt = ev.EventTime,
                Facets = dataset.FacetsJson,
                OrderKey = orderKey,
            }, transaction);
            ids.TryAdd(key, id);
        }

        if (ev.Kind == LineageEventKind.Dataset)
        {
            return new LineageWrite(true, 0);
        }

        // A JobEvent stands alone: a "run" of its own, keyed by its hash, that never fails.
        var runKey = RunKey(ev.RunId ?? "job-event " + ev.Hash, ev.JobNamespace, ev.JobName);
        var endType = await connection.ExecuteScalarAsync<string?>(sql["LineageRun_Upsert"], new
        {
            RunKey = runKey,
            RunId = ev.RunId ?? string.Empty,
            ev.JobNamespace,
            ev.JobName,
            SeenAt = ev.EventTime,
            EndType = ev.IsTerminal ? ev.EventType : null,
            EndKey = ev.IsTerminal ? orderKey : null,
        }, transaction);

        foreach (var (direction, datasets) in new[] { ("in", ev.Inputs), ("out", ev.Outputs) })
        {
            foreach (var dataset in datasets)
            {
                await connection.ExecuteAsync(sql["LineageRunDataset_Insert"], new { RunKey = runKey, Direction = direction, DatasetId = ids[(dataset.Namespace, dataset.Name)] }, transaction);
            }
        }

        foreach (var t in ev.Transforms)
        {
            await connection.ExecuteAsync(sql["LineageRunTransform_Upsert"], new
            {
                RunKey = runKey,
                TargetDatasetId = ids[(t.TargetNamespace, t.TargetName)],
                SourceKey = SourceKey(t.SourceNamespace, t.SourceName),
                t.SourceNamespace,
                t.SourceName,
                Transform = Codes.ToCode(t.Transform),
                TransformKey = orderKey,
            }, transaction);
        }

        if (endType is "FAIL" or "ABORT")
        {
            return new LineageWrite(true, await RetractAsync(connection, transaction, runKey));
        }

        if (ev.Inputs.Count == 0 && ev.Outputs.Count == 0 && !ev.IsTerminal && ev.Transforms.Count == 0)
        {
            // Nothing this event adds can change the run's shares but its window; a heartbeat (RUNNING) still
            // widens it, so fall through only when the run has shares at all.
            if (!await connection.ExecuteScalarAsync<bool>("SELECT CASE WHEN EXISTS (SELECT 1 FROM LineageRunEdge WHERE RunKey = @RunKey) THEN 1 ELSE 0 END", new { RunKey = runKey }, transaction))
            {
                return new LineageWrite(true, 0);
            }
        }

        await connection.ExecuteAsync(sql["LineageRunEdge_Refresh"], new { RunKey = runKey }, transaction);
        var touched = await connection.ExecuteAsync(sql["LineageEdge_UpsertFromRun"], new { RunKey = runKey }, transaction);
        return new LineageWrite(true, touched);
    }

    /// <summary>Takes a failed run's shares back and rebuilds each edge it had a share in from the shares left.</summary>
    private async Task<int> RetractAsync(DbConnection connection, DbTransaction transaction, string runKey)
    {
        var shares = (await connection.QueryAsync<(long SourceDatasetId, long TargetDatasetId, string JobNamespace, string JobName)>(
            "SELECT SourceDatasetId, TargetDatasetId, JobNamespace, JobName FROM LineageRunEdge WHERE RunKey = @RunKey", new { RunKey = runKey }, transaction)).ToList();
        if (shares.Count == 0)
        {
            return 0;
        }

        await connection.ExecuteAsync("DELETE FROM LineageRunEdge WHERE RunKey = @RunKey", new { RunKey = runKey }, transaction);
        foreach (var share in shares)
        {
            await connection.ExecuteAsync(_database.Sql["LineageEdge_Recompute"], new { share.SourceDatasetId, share.TargetDatasetId, share.JobNamespace, share.JobName }, transaction);
        }

        return shares.Count;
    }

    private static string RunKey(string runId, string jobNamespace, string jobName) => Sha256Hex(runId + "\n" + jobNamespace + "\n" + jobName);

    private static string SourceKey(string ns, string name) => Sha256Hex(ns + "\n" + name);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
