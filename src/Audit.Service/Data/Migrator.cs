using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.SqlClient;

namespace Audit.Service.Data;

/// <summary>
/// Applies the embedded forward-only migrations of the configured dialect with DbUp, which records each
/// script it ran in its journal table (SchemaVersions), so a script runs once per database.
/// </summary>
public sealed class Migrator
{
    /// <summary>
    /// Scripts SQL Server refuses inside a transaction (ALTER DATABASE). They run after the others, each on its own,
    /// so each must be safe to re-run should it fail halfway.
    /// </summary>
    private static readonly HashSet<string> OutsideTransaction = new(StringComparer.Ordinal) { "2026-11-28_01_SnapshotIsolation.sql" };

    private readonly Database _database;
    private readonly IDatabaseSeed? _seed;

    /// <param name="seed">When given, runs after a migration that applied scripts: the exposure table seeds itself from the
    /// template then, so the first run of any verb (they all migrate) gives counsel a table to edit, and a scan never imports.</param>
    public Migrator(Database database, IDatabaseSeed? seed = null)
    {
        _database = database;
        _seed = seed;
    }

    public MigrationResult Migrate()
    {
        if (_database.Provider == DatabaseProvider.SqlServer)
        {
            EnsureSqlServerDatabase(_database.ConnectionString);
        }

        var applied = new List<string>();
        Run(Engine(inTransaction: true), applied);

        // A second engine: DbUp runs all its scripts one way, and these must not run inside a transaction.
        Run(Engine(inTransaction: false), applied);

        // A database's first migration (or an upgrade) seeds an empty exposure table; a migrate that applies nothing
        // writes nothing. Synchronous like the rest of Migrate: it runs at start-up, before any other work.
        if (applied.Count > 0)
        {
            _seed?.EnsureLoadedAsync().GetAwaiter().GetResult();
        }

        return new MigrationResult(applied);
    }

    /// <summary>Embedded migrations the journal does not list yet (the health check reports them).</summary>
    public IReadOnlyList<string> PendingScripts() =>
        Engine(inTransaction: true).GetScriptsToExecute().Concat(Engine(inTransaction: false).GetScriptsToExecute()).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    private void Run(UpgradeEngine engine, List<string> applied)
    {
        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            // No script named: it failed before running one, e.g. the database could not be reached.
            throw new InvalidOperationException(
                result.ErrorScript is null
                    ? $"Cannot migrate the {_database.Provider} database: {result.Error.Message}"
                    : $"Migration {result.ErrorScript.Name} failed: {result.Error.Message}",
                result.Error);
        }

        applied.AddRange(result.Scripts.Select(s => s.Name));
    }

    private UpgradeEngine Engine(bool inTransaction)
    {
        UpgradeEngineBuilder builder = _database.Provider switch
        {
            DatabaseProvider.Sqlite => DeployChanges.To.SqliteDatabase(_database.ConnectionString),
            DatabaseProvider.SqlServer => DeployChanges.To.SqlDatabase(_database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown provider {_database.Provider}."),
        };
        builder = builder.WithScripts(LoadScripts().Where(s => OutsideTransaction.Contains(s.Name) != inTransaction));
        return (inTransaction ? builder.WithTransactionPerScript() : builder.WithoutTransaction()).LogToNowhere().Build();
    }

    private IEnumerable<SqlScript> LoadScripts()
    {
        var names = SqlFiles.MigrationResourceNames(_database.Provider);
        if (names.Count == 0)
        {
            throw new InvalidOperationException(
                $"No embedded migrations for {_database.Provider} in {Assembly.GetExecutingAssembly().GetName().Name}.");
        }

        // The journal records the bare file name, so moving the folder never re-runs a script.
        return names.Select(n => new SqlScript(Path.GetFileName(n), SqlFiles.ReadResource(n)));
    }

    private static void EnsureSqlServerDatabase(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.InitialCatalog))
        {
            return;
        }

        EnsureDatabase.For.SqlDatabase(connectionString, new NoOpUpgradeLog());
    }
}

public sealed record MigrationResult(IReadOnlyList<string> AppliedScripts);

/// <summary>What a database must hold once migrated (the exposure table): filled only while empty, after scripts were applied.</summary>
public interface IDatabaseSeed
{
    Task EnsureLoadedAsync(CancellationToken cancellationToken = default);
}
