using System.Reflection;
using DbUp;
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
    private readonly Database _database;

    public Migrator(Database database)
    {
        _database = database;
    }

    public MigrationResult Migrate()
    {
        if (_database.Provider == DatabaseProvider.SqlServer)
        {
            EnsureSqlServerDatabase(_database.ConnectionString);
        }

        var result = Engine().PerformUpgrade();
        if (!result.Successful)
        {
            // No script named: it failed before running one, e.g. the database could not be reached.
            throw new InvalidOperationException(
                result.ErrorScript is null
                    ? $"Cannot migrate the {_database.Provider} database: {result.Error.Message}"
                    : $"Migration {result.ErrorScript.Name} failed: {result.Error.Message}",
                result.Error);
        }

        return new MigrationResult(result.Scripts.Select(s => s.Name).ToList());
    }

    /// <summary>Embedded migrations the journal does not list yet (the health check reports them).</summary>
    public IReadOnlyList<string> PendingScripts() => Engine().GetScriptsToExecute().Select(s => s.Name).ToList();

    private UpgradeEngine Engine()
    {
        var builder = _database.Provider switch
        {
            DatabaseProvider.Sqlite => DeployChanges.To.SqliteDatabase(_database.ConnectionString),
            DatabaseProvider.SqlServer => DeployChanges.To.SqlDatabase(_database.ConnectionString),
            _ => throw new InvalidOperationException($"Unknown provider {_database.Provider}."),
        };
        return builder
            .WithScripts(LoadScripts())
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
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
