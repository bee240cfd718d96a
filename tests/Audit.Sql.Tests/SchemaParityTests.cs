using Audit.Sql.Tests.Schema;

namespace Audit.Sql.Tests;

public sealed class SchemaParityTests
{
    [Fact]
    public void Migrations_GiveTheSameSchemaInBothDialects()
    {
        using var connection = SqliteSchema.OpenMigrated();
        var sqlite = SqliteSchema.Read(connection);
        var sqlServer = SchemaSnapshot.FromModel(TSqlSchema.Migrated);

        Assert.NotEmpty(sqlite.Tables);
        var differences = SchemaSnapshot.Differences(sqlite, "SQLite", sqlServer, "T-SQL");
        Assert.True(differences.Count == 0, "The migrated schemas differ:\n" + string.Join('\n', differences));
    }
}
