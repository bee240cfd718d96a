using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Security;
using Audit.Service.Tests.OpenLineage;
using Audit.Tests.Shared;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// The audit log's triggers and the OpenLineage run model on a real SQL Server (the T-SQL is otherwise only
/// parsed and resolved). Runs on the SQL Server target (AUDIT_TEST_SQLSERVER or a container).
/// </summary>
public sealed class SqlServerLineageAndAuditTests
{
    [SqlServerFact]
    public async Task AuditLog_UpdateOrDelete_RefusedBySqlServer()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        var database = Migrated(scratch.ConnectionString);
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
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        var database = Migrated(scratch.ConnectionString);
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

    private static Database Migrated(string connectionString)
    {
        var database = new Database(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = connectionString });
        new Migrator(database).Migrate();
        return database;
    }
}
