using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Audit.Service.Data;

/// <summary>Opens connections for the configured provider and hands out that dialect's SQL files.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(IOptions<DatabaseOptions> options)
        : this(options.Value)
    {
    }

    public Database(DatabaseOptions options)
    {
        TypeHandlers.Register();
        Provider = options.Provider;
        _connectionString = options.ConnectionString;
        Sql = new SqlFiles(Provider);
        if (Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(_connectionString);
        }
    }

    public DatabaseProvider Provider { get; }

    public SqlFiles Sql { get; }

    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Create();
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = SqlitePragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>Opens a connection and runs the cheapest query there is: the health check's probe.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>For the lazily enumerated report sheets, which read inside an iterator and cannot await.</summary>
    public DbConnection Open()
    {
        var connection = Create();
        connection.Open();
        if (connection is SqliteConnection)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = SqlitePragmas;
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    private DbConnection Create() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(_connectionString),
        DatabaseProvider.SqlServer => new SqlConnection(_connectionString),
        _ => throw new InvalidOperationException($"Unknown provider {Provider}."),
    };

    // WAL lets the web page read while a scan writes; foreign keys are off by default in SQLite.
    // Temporary tables and large sorts go to a temp file (SQLite's default), not RAM: a monthly report's
    // GROUP BY over millions of batches would otherwise hold them all in memory.
    // A 64 MB page cache: SQLite's 2 MB default makes bulk upserts into indexed tables twice as slow.
    private const string SqlitePragmas = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA cache_size = -65536;";

    /// <summary>
    /// SQLite only, before a transaction: turns off its per-row foreign-key checks on this connection, for a
    /// bulk import that has already checked every reference itself. The next open turns them back on.
    /// SQL Server keeps its constraints: MERGE checks them set-wise at little cost.
    /// </summary>
    public async Task SuspendForeignKeyChecksAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
