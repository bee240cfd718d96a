using Audit.Sql.Tests.Schema;
using Microsoft.Data.Sqlite;

namespace Audit.Sql.Tests;

public sealed class SqliteQueryTests
{
    /// <summary>
    /// A migration must run on the database the migrations before it left; a query file must compile against the
    /// fully migrated database, so a misspelled table or column in the SQLite dialect fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(SqlFiles.AllSqlite), MemberType = typeof(SqlFiles))]
    public void SqliteFile_CompilesAgainstTheMigratedDatabase(string file)
    {
        var migrations = SqlFiles.Migrations(SqlFiles.Sqlite);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var before = migrations.Contains(file) ? migrations.TakeWhile(m => m != file) : migrations;
        foreach (var migration in before)
        {
            Assert.Empty(Run(connection, migration).Select(p => $"sql/{migration}: {p}"));
        }

        // Migrations run for real (they must leave the schema the next one expects); queries are only compiled.
        var problems = migrations.Contains(file)
            ? Run(connection, file)
            : SqliteStatements.Compile(connection, SqlFiles.Read(file), SqliteStatements.TempTables);

        Assert.True(problems.Count == 0, string.Join('\n', problems.Select(p => $"sql/{file}:{p}")));
    }

    private static IReadOnlyList<string> Run(SqliteConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqlFiles.Read(file);
        try
        {
            command.ExecuteNonQuery();
            return [];
        }
        catch (SqliteException e)
        {
            return [e.Message];
        }
    }

    private const string StageCreate = """
        DROP TABLE IF EXISTS temp.Stage_CaptureBatch;
        CREATE TEMP TABLE Stage_CaptureBatch (
            BatchId TEXT NOT NULL PRIMARY KEY, WorkerId TEXT NOT NULL, ToolId TEXT NOT NULL, ConfigVersion TEXT NOT NULL,
            DatasetId INTEGER NOT NULL, CapturedFrom TEXT NOT NULL, CapturedTo TEXT NOT NULL,
            ActiveMinutes INTEGER NOT NULL, EventCount INTEGER NOT NULL
        );
        """;

    private const string StageMerge = """
        -- Upsert the staged batches.
        INSERT INTO CaptureBatch (BatchId, WorkerId, ToolId, ConfigVersion, DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, EventCount)
        SELECT s.BatchId, s.WorkerId, s.ToolId, s.ConfigVersion, s.DatasetId, s.CapturedFrom, s.CapturedTo, s.ActiveMinutes, s.EventCount
        FROM Stage_CaptureBatch AS s
        WHERE true
        ON CONFLICT (BatchId) DO UPDATE SET
            CapturedTo = excluded.CapturedTo, ActiveMinutes = excluded.ActiveMinutes, EventCount = excluded.EventCount;

        DELETE FROM Stage_CaptureBatch WHERE BatchId = @BatchId;
        """;

    [Fact]
    public void Compile_KnownNames_Passes()
    {
        using var connection = SqliteSchema.OpenMigrated();

        Assert.Empty(SqliteStatements.Compile(connection, "SELECT w.WorkerId FROM Worker AS w WHERE w.HireDate <= @AsOf;"));
    }

    [Fact]
    public void Compile_MisspelledColumn_FailsWithItsLine()
    {
        using var connection = SqliteSchema.OpenMigrated();

        Assert.Equal(
            ["3: no such column: w.WorkerNmae"],
            SqliteStatements.Compile(connection, "SELECT 1;\n\nSELECT w.WorkerNmae FROM Worker AS w;"));
    }

    [Fact]
    public void Compile_StagingTableCreatedInTheSameScript_Passes()
    {
        using var connection = SqliteSchema.OpenMigrated();

        Assert.Empty(SqliteStatements.Compile(connection, StageCreate + "\n" + StageMerge));
    }

    [Fact]
    public void Compile_StagingTableFromAnotherFile_IsCreatedFirst()
    {
        using var connection = SqliteSchema.OpenMigrated();
        var tempTables = new Dictionary<string, string> { ["Stage_CaptureBatch"] = StageCreate.Split(';')[1] };

        Assert.Empty(SqliteStatements.Compile(connection, StageMerge, tempTables));
    }

    [Fact]
    public void Compile_MisspelledColumnAfterTheStagingTable_Fails()
    {
        using var connection = SqliteSchema.OpenMigrated();
        var script = StageCreate + "\n" + StageMerge.Replace("excluded.EventCount", "excluded.EventCnt", StringComparison.Ordinal);

        Assert.Equal(["8: no such column: excluded.EventCnt"], SqliteStatements.Compile(connection, script));
    }
}
