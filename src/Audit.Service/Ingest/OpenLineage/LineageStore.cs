using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Microsoft.Data.Sqlite;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>What writing one event did.</summary>
public readonly record struct LineageWrite(bool IsNew, int EdgesTouched);

/// <summary>
/// Writes parsed events inside the caller's transaction: the event as received, its datasets, its run's
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

    /// <summary>
    /// A writer bound to one connection and transaction. Its commands are built once and re-executed, so SQLite
    /// parses and plans each statement once per batch instead of once per event (most of the cost otherwise).
    /// </summary>
    public Session Begin(DbConnection connection, DbTransaction transaction) => new(_database, connection, transaction);

    public sealed class Session : IAsyncDisposable
    {
        private readonly Database _database;
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        internal Session(Database database, DbConnection connection, DbTransaction transaction)
        {
            _database = database;
            _connection = connection;
            _transaction = transaction;
        }

        public async Task<LineageWrite> WriteAsync(LineageEvent ev, CancellationToken cancellationToken = default)
        {
            var inserted = await ExecuteAsync("LineageEvent_Insert", cancellationToken,
                ("EventHash", ev.Hash), ("RunId", ev.RunId ?? string.Empty), ("EventType", ev.EventType), ("EventTime", ev.EventTime),
                ("JobNamespace", ev.JobNamespace), ("JobName", ev.JobName), ("Producer", ev.Producer), ("Payload", ev.Payload),
                ("ReceivedAt", DateTime.UtcNow), ("EventTimeAssumedUtc", ev.Time.OffsetAssumed));
            if (inserted == 0)
            {
                return new LineageWrite(false, 0);
            }

            var orderKey = ev.OrderKey;
            var ids = new Dictionary<(string, string), long>();
            foreach (var dataset in ev.Inputs.Concat(ev.Outputs))
            {
                var id = Convert.ToInt64(await ScalarAsync("Dataset_UpsertFromLineage", cancellationToken,
                    ("Namespace", dataset.Namespace), ("Name", dataset.Name), ("Kind", dataset.Kind is { } k ? Codes.ToCode(k) : null),
                    ("IsCommercial", dataset.IsCommercial), ("SeenAt", ev.EventTime), ("Facets", dataset.FacetsJson), ("OrderKey", orderKey)), System.Globalization.CultureInfo.InvariantCulture);
                ids.TryAdd((dataset.Namespace, dataset.Name), id);
            }

            if (ev.Kind == LineageEventKind.Dataset)
            {
                return new LineageWrite(true, 0);
            }

            // A JobEvent stands alone: a "run" of its own, keyed by its hash, that never fails.
            var runKey = Sha256Hex((ev.RunId ?? "job-event " + ev.Hash) + "\n" + ev.JobNamespace + "\n" + ev.JobName);
            var endType = await ScalarAsync("LineageRun_Upsert", cancellationToken,
                ("RunKey", runKey), ("RunId", ev.RunId ?? string.Empty), ("JobNamespace", ev.JobNamespace), ("JobName", ev.JobName),
                ("SeenAt", ev.EventTime), ("EndType", ev.IsTerminal ? ev.EventType : null), ("EndKey", ev.IsTerminal ? orderKey : null)) as string;

            foreach (var (direction, datasets) in new[] { ("in", ev.Inputs), ("out", ev.Outputs) })
            {
                foreach (var dataset in datasets)
                {
                    await ExecuteAsync("LineageRunDataset_Insert", cancellationToken,
                        ("RunKey", runKey), ("Direction", direction), ("DatasetId", ids[(dataset.Namespace, dataset.Name)]));
                }
            }

            foreach (var t in ev.Transforms)
            {
                await ExecuteAsync("LineageRunTransform_Upsert", cancellationToken,
                    ("RunKey", runKey), ("TargetDatasetId", ids[(t.TargetNamespace, t.TargetName)]), ("SourceKey", Sha256Hex(t.SourceNamespace + "\n" + t.SourceName)),
                    ("SourceNamespace", t.SourceNamespace), ("SourceName", t.SourceName), ("Transform", Codes.ToCode(t.Transform)), ("TransformKey", orderKey));
            }

            if (endType is "FAIL" or "ABORT")
            {
                return new LineageWrite(true, await RetractAsync(runKey, cancellationToken));
            }

            await ExecuteAsync("LineageRunEdge_Refresh", cancellationToken, ("RunKey", runKey));
            var touched = await ExecuteAsync("LineageEdge_UpsertFromRun", cancellationToken, ("RunKey", runKey));

            // The guard judges the run once this commits (its alerter reads the row; a crash before then loses nothing).
            await ExecuteAsync("GuardPending_Insert", cancellationToken, ("EventHash", ev.Hash), ("RunKey", runKey), ("QueuedAt", DateTime.UtcNow));
            return new LineageWrite(true, touched);
        }

        /// <summary>Takes a failed run's shares back and rebuilds each edge it had a share in from the shares left.</summary>
        private async Task<int> RetractAsync(string runKey, CancellationToken cancellationToken)
        {
            var shares = new List<(long Source, long Target, string JobNamespace, string JobName)>();
            var select = Command("LineageRunEdge_ListByRun", ("RunKey", runKey));
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    shares.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
                }
            }

            if (shares.Count == 0)
            {
                return 0;
            }

            await ExecuteAsync("LineageRunEdge_DeleteByRun", cancellationToken, ("RunKey", runKey));
            foreach (var (source, target, jobNamespace, jobName) in shares)
            {
                await ExecuteAsync("LineageEdge_Recompute", cancellationToken,
                    ("SourceDatasetId", source), ("TargetDatasetId", target), ("JobNamespace", jobNamespace), ("JobName", jobName));
            }

            return shares.Count;
        }

        private Task<int> ExecuteAsync(string name, CancellationToken cancellationToken, params (string Name, object? Value)[] values) =>
            Command(name, values).ExecuteNonQueryAsync(cancellationToken);

        private async Task<object?> ScalarAsync(string name, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
        {
            var result = await Command(name, values).ExecuteScalarAsync(cancellationToken);
            return result is DBNull ? null : result;
        }

        private DbCommand Command(string name, params (string Name, object? Value)[] values)
        {
            if (!_commands.TryGetValue(name, out var command))
            {
                command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = _database.Sql[name];
                foreach (var (parameterName, _) in values)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + parameterName;
                    command.Parameters.Add(parameter);
                }

                _commands[name] = command;
            }

            for (var i = 0; i < values.Length; i++)
            {
                Bind(command.Parameters[i], values[i].Value);
            }

            return command;
        }

        /// <summary>The same conventions as the Dapper type handlers: UTC timestamps as TEXT on SQLite, DATETIME2 on SQL Server.</summary>
        private static void Bind(DbParameter parameter, object? value)
        {
            switch (value)
            {
                case null:
                    parameter.Value = DBNull.Value;
                    break;
                case DateTime time when parameter is SqliteParameter:
                    parameter.DbType = DbType.String;
                    parameter.Value = TypeHandlers.FormatTimestamp(time);
                    break;
                case DateTime time:
                    parameter.DbType = DbType.DateTime2;
                    parameter.Value = DateTime.SpecifyKind(time, DateTimeKind.Utc);
                    break;
                default:
                    parameter.Value = value;
                    break;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
