using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Audit.Service.Data;

/// <summary>
/// Moves rows into a table through its stage: <c>{Table}_StageCreate</c>, a fast bulk path into the stage,
/// then <c>{Table}_StageMerge</c>, all inside the caller's transaction. On SQLite the bulk path is one
/// prepared INSERT reused per row; on SQL Server it is SqlBulkCopy streaming from the row sequence.
/// </summary>
public static class StageWriter
{
    public static async Task<long> WriteAsync(
        Database database,
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, database.Sql[$"{table}_StageCreate"], cancellationToken);
        var staged = connection switch
        {
            SqliteConnection sqlite => InsertSqlite(sqlite, $"Stage_{table}", columns, rows, cancellationToken),
            SqlConnection sql => await BulkCopySqlServerAsync(sql, (SqlTransaction)transaction, table, columns, rows, cancellationToken),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        await ExecuteAsync(connection, transaction, database.Sql[$"{table}_StageMerge"], cancellationToken);
        return staged;
    }

    /// <summary>
    /// Rows that are only ever new to the table (a new scan's record): on SQLite straight into the table through the
    /// prepared statement, since copying them through a stage doubled the writing; on SQL Server through the stage as
    /// <see cref="WriteAsync"/>, where bulk copy wants it.
    /// </summary>
    public static async Task<long> AppendAsync(
        Database database,
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? InsertSqlite(sqlite, table, columns, rows, cancellationToken)
            : await WriteAsync(database, connection, transaction, table, columns, rows, cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts through SQLite's own prepared-statement API, one statement reused for every row: the ADO.NET
    /// command costs a few microseconds a row in bookkeeping, which is most of an import's time.
    /// </summary>
    private static long InsertSqlite(
        SqliteConnection connection,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        // Dialect-neutral and built only from our own column names, never from input.
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            long count = 0;

            // A reset statement keeps its bindings: a value that is the very object bound for the row before (a scan's id,
            // a finding's key on each of its workers' rows) is not bound again. Text is encoded into one reused buffer.
            var bound = new object?[columns.Count];
            var utf8 = new byte[256];
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (row[i] is { } same && ReferenceEquals(same, bound[i]))
                    {
                        continue;
                    }

                    bound[i] = row[i];
                    var rc = ToSqlite(row[i]) switch
                    {
                        string text => BindText(statement, i + 1, text, ref utf8),
                        long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                        double real => raw.sqlite3_bind_double(statement, i + 1, real),
                        _ => raw.sqlite3_bind_null(statement, i + 1),
                    };
                    Check(db, rc);
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                raw.sqlite3_reset(statement);
                if ((++count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return count;
        }
    }

    private static int BindText(sqlite3_stmt statement, int index, string text, ref byte[] buffer)
    {
        var most = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > buffer.Length)
        {
            buffer = new byte[most * 2];
        }

        var length = System.Text.Encoding.UTF8.GetBytes(text, buffer);
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    /// <summary>SQLite keeps dates and timestamps as sortable ISO-8601 text (see TypeHandlers).</summary>
    public static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString(TypeHandlers.DateFormat, CultureInfo.InvariantCulture),
        DateTime t => TypeHandlers.FormatTimestamp(t),
        bool b => b ? 1L : 0L,
        // Money is exact: the decimal's invariant text, kept as written by TEXT columns (REAL columns convert it).
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => (long)i,
        _ => value,
    };

    private static async Task<long> BulkCopySqlServerAsync(
        SqlConnection connection,
        SqlTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction)
        {
            DestinationTableName = $"#Stage_{table}",
            BatchSize = 50_000,
            BulkCopyTimeout = 0,
            EnableStreaming = true,
        };
        foreach (var column in columns)
        {
            bulk.ColumnMappings.Add(column, column);
        }

        using var reader = new RowReader(columns, rows);
        await bulk.WriteToServerAsync(reader, cancellationToken);
        return reader.RowsRead;
    }

    /// <summary>A forward-only IDataReader over object rows, so SqlBulkCopy streams instead of buffering a DataTable.</summary>
    private sealed class RowReader : DbDataReader
    {
        private readonly IReadOnlyList<string> _columns;
        private readonly IEnumerator<object?[]> _rows;

        public RowReader(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
        {
            _columns = columns;
            _rows = rows.GetEnumerator();
        }

        public long RowsRead { get; private set; }

        public override int FieldCount => _columns.Count;

        public override bool HasRows => true;

        public override bool IsClosed => false;

        public override int RecordsAffected => -1;

        public override int Depth => 0;

        public override object this[int ordinal] => GetValue(ordinal);

        public override object this[string name] => GetValue(GetOrdinal(name));

        public override bool Read()
        {
            if (!_rows.MoveNext())
            {
                return false;
            }

            RowsRead++;
            return true;
        }

        public override bool NextResult() => false;

        public override object GetValue(int ordinal) => _rows.Current[ordinal] switch
        {
            null => DBNull.Value,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            DateTime t => TypeHandlers.ToWholeSecond(t),
            var v => v,
        };

        public override int GetOrdinal(string name)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                if (string.Equals(_columns[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(name), name, "No such column.");
        }

        public override string GetName(int ordinal) => _columns[ordinal];

        public override bool IsDBNull(int ordinal) => _rows.Current[ordinal] is null;

        public override Type GetFieldType(int ordinal) => GetValue(ordinal).GetType();

        public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

        public override int GetValues(object[] values)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                values[i] = GetValue(i);
            }

            return _columns.Count;
        }

        public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

        public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

        public override char GetChar(int ordinal) => throw new NotSupportedException();

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

        public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

        public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override float GetFloat(int ordinal) => Convert.ToSingle(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

        public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture);

        public override string GetString(int ordinal) => (string)GetValue(ordinal);

        public override System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
