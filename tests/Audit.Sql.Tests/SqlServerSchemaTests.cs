using Audit.Tests.Shared;
using Audit.Sql.Tests.Schema;

namespace Audit.Sql.Tests;

/// <summary>Integration: the T-SQL migrations on a real server. Skipped unless AUDIT_TEST_SQLSERVER is set.</summary>
public sealed class SqlServerSchemaTests
{
    [SqlServerFact]
    public async Task Migrations_OnSqlServer_GiveTheSameSchemaAsSqliteAsync()
    {
        await using var database = await SqlServerSchema.CreateMigratedAsync(await SqlServerTarget.ConnectionStringAsync());
        var sqlServer = await database.ReadAsync();
        using var connection = SqliteSchema.OpenMigrated();
        var sqlite = SqliteSchema.Read(connection);

        var differences = SchemaSnapshot.Differences(sqlite, "SQLite", sqlServer, "SQL Server");
        Assert.True(differences.Count == 0, "The migrated schemas differ:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void SplitBatches_SplitsOnLinesThatAreJustGo()
    {
        var batches = SqlServerSchema.SplitBatches("CREATE TABLE dbo.A (Go INT);\nGO\nSELECT 1 AS go;\n  go  \r\nSELECT 2;\nGO").ToList();

        Assert.Equal(["CREATE TABLE dbo.A (Go INT);\n", "\nSELECT 1 AS go;\n", "\nSELECT 2;\n"], batches);
    }
}
