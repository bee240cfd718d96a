using Audit.Service.Data;
using Hangfire;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Audit.Service.Jobs;

/// <summary>
/// Where the jobs live: on SQL Server, Hangfire's own schema in the audit database, shared by every `serve`;
/// on the embedded default, a Hangfire SQLite file beside the audit database, for one `serve` only (its queue
/// is guarded by in-process locks), which the <see cref="ServeLock"/> enforces.
/// </summary>
public static class JobStorageFactory
{
    public static JobStorage Create(DatabaseOptions database, JobsOptions jobs, ServeLock? held) => database.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            SchemaName = "HangFire",
        }),
        DatabaseProvider.Sqlite => CreateSqlite(database, jobs, held),
        _ => throw new InvalidOperationException($"Unknown provider {database.Provider}."),
    };

    /// <summary>The Hangfire file beside an embedded audit database: data/audit.db → data/audit.hangfire.db.</summary>
    public static string SqlitePath(DatabaseOptions database)
    {
        var path = SqliteDatabasePath(database);
        return Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".hangfire.db");
    }

    public static string SqliteDatabasePath(DatabaseOptions database)
    {
        var source = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            throw new InvalidOperationException("Database:ConnectionString: `serve` needs a database file (Data Source=path), not an in-memory database.");
        }

        return Path.GetFullPath(source);
    }

    private static SQLiteStorage CreateSqlite(DatabaseOptions database, JobsOptions jobs, ServeLock? held)
    {
        var path = SqlitePath(database);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var storage = new SQLiteStorage(path, new SQLiteStorageOptions
        {
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        });
        if (held is not null)
        {
            ReleaseOrphanedJobs(path);
        }

        return storage;
    }

    /// <summary>
    /// Only the process holding the serve lock runs jobs from this file, so a job still marked fetched now was
    /// fetched by a process that died (kill -9, power loss), and every distributed lock was held by it: hand the
    /// job out again at once instead of after the invisibility timeout, and drop the dead process's locks. Its
    /// work is re-entrant (the job ledger), so it completes exactly once.
    /// </summary>
    private static void ReleaseOrphanedJobs(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // The store writes an unfetched job's FetchedAt as 0 (DateTime.MinValue in ticks), a fetched one as its ticks.
        command.CommandText = "UPDATE JobQueue SET FetchedAt = 0 WHERE FetchedAt IS NULL OR FetchedAt <> 0; DELETE FROM DistributedLock;";
        command.ExecuteNonQuery();
    }
}
