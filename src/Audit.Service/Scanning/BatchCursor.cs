using System.Data.Common;
using System.Text;
using Audit.Rules;
using Audit.Service.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Audit.Service.Scanning;

/// <summary>
/// The scan's one pass over capture batches (<c>CaptureBatch_ReadForScan</c>), as the rules' <see cref="BatchRows"/>:
/// a row at a time and without a string per column. On SQLite it reads through SQLite's own statement API, as the
/// importer writes; on SQL Server through ADO.NET.
/// </summary>
public abstract class BatchCursor : BatchRows
{
    public static async Task<BatchCursor> OpenAsync(Database database, DbConnection connection, DateTime cutoff, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? new SqliteBatchCursor(sqlite, database.Sql["CaptureBatch_ReadForScan"], cutoff)
            : await AdoBatchCursor.OpenReaderAsync(database, connection, cutoff, cancellationToken);

    /// <summary>Through ADO.NET whatever the provider: the scan's SQL Server path, and the plain-read baseline on SQLite.</summary>
    public static Task<BatchCursor> OpenAdoAsync(Database database, DbConnection connection, DateTime cutoff, CancellationToken cancellationToken) =>
        AdoBatchCursor.OpenReaderAsync(database, connection, cutoff, cancellationToken);

    /// <summary>Reads the batch query through SQLite's statement API: UTF-8 bytes compared in place, decoded only when they change.</summary>
    private sealed class SqliteBatchCursor : BatchCursor
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly Text _worker = new();
        private readonly Text _tool = new();
        private readonly Text _version = new();

        public SqliteBatchCursor(SqliteConnection connection, string sql, DateTime cutoff)
        {
            _db = connection.Handle!;
            Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
            var at = raw.sqlite3_bind_parameter_index(_statement, "@Cutoff");
            Check(raw.sqlite3_bind_text(_statement, at, TypeHandlers.FormatTimestamp(cutoff)));
        }

        public override ReadOnlySpan<char> WorkerId => _worker.Chars;

        public override ReadOnlySpan<char> ToolId => _tool.Chars;

        public override ReadOnlySpan<char> ConfigVersion => _version.Chars;

        public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return ValueTask.FromResult(false);
            }

            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
            }

            NewWorker = _worker.Set(raw.sqlite3_column_blob(_statement, 0));
            var newTool = _tool.Set(raw.sqlite3_column_blob(_statement, 1));
            NewConfig = _version.Set(raw.sqlite3_column_blob(_statement, 2)) | newTool;
            DatasetId = raw.sqlite3_column_int64(_statement, 3);
            CapturedFrom = TypeHandlers.ToUtc(raw.sqlite3_column_blob(_statement, 4));
            CapturedTo = TypeHandlers.ToUtc(raw.sqlite3_column_blob(_statement, 5));
            ActiveMinutes = raw.sqlite3_column_int(_statement, 6);
            return ValueTask.FromResult(true);
        }

        public override ValueTask DisposeAsync()
        {
            _statement.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
            }
        }

        /// <summary>One text column: its last bytes and their characters, replaced only when the bytes change.</summary>
        private sealed class Text
        {
            private byte[] _bytes = new byte[64];
            private char[] _chars = new char[64];
            private int _byteCount = -1;
            private int _charCount;

            public ReadOnlySpan<char> Chars => _chars.AsSpan(0, _charCount);

            /// <summary>True when the value differs from the one before.</summary>
            public bool Set(ReadOnlySpan<byte> value)
            {
                if (value.Length == _byteCount && value.SequenceEqual(_bytes.AsSpan(0, _byteCount)))
                {
                    return false;
                }

                if (value.Length > _bytes.Length)
                {
                    _bytes = new byte[value.Length * 2];
                    _chars = new char[value.Length * 2];
                }

                value.CopyTo(_bytes);
                _byteCount = value.Length;
                _charCount = Encoding.UTF8.GetChars(value, _chars);
                return true;
            }
        }
    }

    /// <summary>Reads the batch query through ADO.NET with typed getters.</summary>
    private sealed class AdoBatchCursor : BatchCursor
    {
        private readonly DbCommand _command;
        private readonly DbDataReader _reader;
        private readonly bool _textDates;
        private string? _worker;
        private string? _tool;
        private string? _version;

        private AdoBatchCursor(DbCommand command, DbDataReader reader, bool textDates)
        {
            _command = command;
            _reader = reader;
            _textDates = textDates;
        }

        public static async Task<BatchCursor> OpenReaderAsync(Database database, DbConnection connection, DateTime cutoff, CancellationToken cancellationToken)
        {
            var command = connection.CreateCommand();
            command.CommandText = database.Sql["CaptureBatch_ReadForScan"];
            command.CommandTimeout = 0;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@Cutoff";
            var sqlite = connection is SqliteConnection;
            parameter.Value = sqlite ? StageWriter.ToSqlite(cutoff) : cutoff;
            command.Parameters.Add(parameter);
            var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            return new AdoBatchCursor(command, reader, sqlite);
        }

        public override ReadOnlySpan<char> WorkerId => _worker;

        public override ReadOnlySpan<char> ToolId => _tool;

        public override ReadOnlySpan<char> ConfigVersion => _version;

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (!await _reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            // Sequential access: the columns are read in order, once each.
            var worker = _reader.GetString(0);
            var tool = _reader.GetString(1);
            var version = _reader.GetString(2);
            NewWorker = worker != _worker;
            NewConfig = tool != _tool || version != _version;
            (_worker, _tool, _version) = (worker, tool, version);
            DatasetId = _reader.GetInt64(3);
            CapturedFrom = ReadUtc(4);
            CapturedTo = ReadUtc(5);
            ActiveMinutes = _reader.GetInt32(6);
            return true;
        }

        private DateTime ReadUtc(int ordinal)
        {
            if (!_textDates)
            {
                return DateTime.SpecifyKind(_reader.GetDateTime(ordinal), DateTimeKind.Utc);
            }

            return TypeHandlers.ToUtc(_reader.GetString(ordinal).AsSpan());
        }

        public override async ValueTask DisposeAsync()
        {
            await _reader.DisposeAsync();
            await _command.DisposeAsync();
        }
    }
}
