using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Security;
using Audit.Service.Tests.OpenLineage;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// The audit log's triggers and the OpenLineage run model on a real SQL Server (the T-SQL is otherwise only
/// parsed and resolved). Runs when AUDIT_TEST_SQLSERVER is set.
/// </summary>
public sealed class SqlServerLineageAndAuditTests : IDisposable
{
    private readonly string? _databaseName = SqlServerFactAttribute.ConnectionString is null ? null : "AuditTest_" + Guid.NewGuid().ToString("N")[..12];

    [SqlServerFact]
    public async Task AuditLog_UpdateOrDelete_RefusedBySqlServer()
    {
        var database = Migrated();
        await new AuditTrail(new AuditLog(database), database).DownloadAsync(new Caller("carol", Role.Counsel), "GET /x", "x.pdf", new string('a', 64));
        await using var connection = await database.OpenAsync();

        foreach (var statement in new[] { "UPDATE dbo.AuditLog SET Actor = 'someone else'", "UPDATE dbo.AuditLog SET Sha256 = NULL", "DELETE FROM dbo.AuditLog" })
        {
            var ex = await Assert.ThrowsAsync<SqlException>(() => connection.ExecuteAsync(statement));
            Assert.Contains("AuditLog is append-only", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal("carol", await connection.ExecuteScalarAsync<string>("SELECT Actor FROM dbo.AuditLog"));
    }

    [SqlServerFact]
    public async Task Lineage_RunsMergeAndFailuresRetract_OnSqlServer()
    {
        var database = Migrated();
        var ingestor = new LineageIngestor(database, new AuditLog(database));
        using var folder = new TempFolder();
        const string Run = "00000000-0000-4000-8000-00000000000a";
        const string Failed = "00000000-0000-4000-8000-00000000000b";

        await ingestor.IngestFileAsync(folder.Text("a.ndjson", string.Join('\n',
            LineageFixtures.Event("START", "2026-05-04T02:00:00Z", Run, "raw", "train"),
            LineageFixtures.Event("COMPLETE", "2026-05-04T04:00:00Z", Run, "raw", "train"),
            LineageFixtures.Event("START", "2026-05-11T02:00:00Z", Failed, "raw", "train"))));
        await ingestor.IngestFileAsync(folder.Text("b.ndjson", LineageFixtures.Event("FAIL", "2026-05-11T03:00:00Z", Failed, "raw", "train")));

        await using var connection = await database.OpenAsync();
        var edge = await connection.QuerySingleAsync<(DateTime FirstSeen, DateTime LastSeen, string LastRunId)>("SELECT FirstSeen, LastSeen, LastRunId FROM dbo.LineageEdge");
        Assert.Equal((new DateTime(2026, 5, 4, 2, 0, 0), new DateTime(2026, 5, 4, 4, 0, 0), Run), edge);
    }

    private Database Migrated()
    {
        var database = new Database(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString) { InitialCatalog = _databaseName }.ConnectionString,
        });
        new Migrator(database).Migrate();
        return database;
    }

    public void Dispose()
    {
        if (_databaseName is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        using var master = new SqlConnection(new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString) { InitialCatalog = "master" }.ConnectionString);
        master.Open();
        using var drop = master.CreateCommand();
        drop.CommandText = $"IF DB_ID('{_databaseName}') IS NOT NULL BEGIN ALTER DATABASE [{_databaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_databaseName}]; END";
        drop.ExecuteNonQuery();
    }
}
