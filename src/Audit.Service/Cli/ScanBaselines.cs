using Audit.Service.Data;
using Audit.Rules;
using Audit.Service.Scanning;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Audit.Service.Cli;

/// <summary>
/// What `bench scan` holds the scan against: a read of exactly the rows and columns the scan reads (its own
/// <c>*_ReadForScan</c> queries, in one read transaction), with typed getters, mapping each batch to its worker and
/// config and keeping the same per-worker totals (<see cref="PassResult"/>), but no rules, findings or record.
/// <see cref="PlainReadAsync"/> goes through Microsoft.Data.Sqlite as an application would; <see cref="CApiReadAsync"/>
/// through SQLite's statement API (as the importer and the scan's batch pass do): the floor.
/// </summary>
internal static class ScanBaselines
{
    private const string BatchQuery = "CaptureBatch_ReadForScan";

    public static Task<long> PlainReadAsync(Database database, DateOnly asOf, CancellationToken cancellationToken) =>
        ReadAsync(database, asOf, capi: false, cancellationToken);

    public static Task<long> CApiReadAsync(Database database, DateOnly asOf, CancellationToken cancellationToken) =>
        ReadAsync(database, asOf, capi: true, cancellationToken);

    private static async Task<long> ReadAsync(Database database, DateOnly asOf, bool capi, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (connection is not SqliteConnection sqlite)
        {
            throw new InvalidOperationException("The scan baselines read the SQLite benchmark database.");
        }

        var cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["@AsOf"] = asOf.ToString(TypeHandlers.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
            ["@Cutoff"] = TypeHandlers.FormatTimestamp(cutoff),
        };

        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = database.Sql["ScanInput_BeginRead"];
            await begin.ExecuteNonQueryAsync(cancellationToken);
        }

        long rows = 0;
        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        var configs = new List<ConfigInfo>();
        foreach (var name in database.Sql.QueryNames().Where(n => n.EndsWith("_ReadForScan", StringComparison.Ordinal) && n != BatchQuery))
        {
            // The first columns of these two are the keys batches name; the other tables are read and dropped.
            Action<string, string?>? keys = name switch
            {
                "Worker_ReadForScan" => (id, _) => workers.Add(id, workers.Count),
                "CaptureConfig_ReadForScan" => (tool, version) => configs.Add(new ConfigInfo(tool, version!, null, default, null, Capability.None, null, Purpose.None, new HashSet<string>(), new HashSet<string>())),
                _ => null,
            };
            rows += capi
                ? ReadTableCApi(sqlite, database.Sql[name], parameters, keys)
                : await ReadTableAsync(sqlite, database.Sql[name], parameters, keys, cancellationToken);
        }

        // The batch pass: the scan's own cursor (the C API) for the floor, ADO.NET typed getters for the plain read.
        await using var cursor = capi
            ? await BatchCursor.OpenAsync(database, connection, cutoff, cancellationToken)
            : await BatchCursor.OpenAdoAsync(database, connection, cutoff, cancellationToken);
        var byId = workers.GetAlternateLookup<ReadOnlySpan<char>>();
        var configLookup = new ConfigLookup(configs);
        var pass = new PassResult();
        var worker = -1;
        ConfigInfo? config = null;
        while (await cursor.ReadAsync(cancellationToken))
        {
            rows++;
            if (cursor.NewWorker)
            {
                worker = byId.TryGetValue(cursor.WorkerId, out var index) ? index : -1;
            }

            if (cursor.NewConfig)
            {
                config = configLookup.Find(cursor.ToolId, cursor.ConfigVersion);
            }

            if (worker >= 0 && config is not null)
            {
                pass.Add(worker, configLookup.Id, cursor.CapturedFrom, cursor.CapturedTo);
            }
        }

        return rows;
    }

    private static async Task<long> ReadTableAsync(SqliteConnection connection, string sql, Dictionary<string, string> parameters, Action<string, string?>? keys, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                // Typed getters by what SQLite holds: no boxing, a string only for text.
                _ = reader.IsDBNull(i) ? null : reader.GetFieldType(i) == typeof(long) ? reader.GetInt64(i) : reader.GetFieldType(i) == typeof(double) ? reader.GetDouble(i) : (object)reader.GetString(i);
            }

            keys?.Invoke(reader.GetString(0), reader.FieldCount > 1 && !reader.IsDBNull(1) ? reader.GetString(1) : null);
        }

        return rows;
    }

    private static long ReadTableCApi(SqliteConnection connection, string sql, Dictionary<string, string> parameters, Action<string, string?>? keys)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            foreach (var (name, value) in parameters)
            {
                var at = raw.sqlite3_bind_parameter_index(statement, name);
                if (at > 0)
                {
                    Check(db, raw.sqlite3_bind_text(statement, at, value));
                }
            }

            long rows = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows++;
                var columns = raw.sqlite3_column_count(statement);
                for (var i = 0; i < columns; i++)
                {
                    _ = raw.sqlite3_column_type(statement, i) switch
                    {
                        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, i),
                        raw.SQLITE_FLOAT => (long)raw.sqlite3_column_double(statement, i),
                        raw.SQLITE_TEXT => raw.sqlite3_column_blob(statement, i).Length,
                        _ => 0L,
                    };
                }

                keys?.Invoke(raw.sqlite3_column_text(statement, 0).utf8_to_string(), raw.sqlite3_column_type(statement, 1) == raw.SQLITE_TEXT ? raw.sqlite3_column_text(statement, 1).utf8_to_string() : null);
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }

            return rows;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }
}
