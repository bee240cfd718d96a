using System.Text.RegularExpressions;

namespace Audit.Sql.Tests;

public sealed partial class FileLayoutTests
{
    [Fact]
    public void SqlFolder_IsCopiedWithMigrationsForBothDialects()
    {
        // Guards the other tests: with no files they would have nothing to fail on.
        Assert.NotEmpty(SqlFiles.Migrations(SqlFiles.Sqlite));
        Assert.NotEmpty(SqlFiles.Migrations(SqlFiles.SqlServer));
    }

    [Fact]
    public void DialectFolders_HoldTheSameFileNames()
    {
        var sqlite = SqlFiles.RelativeNames(SqlFiles.Sqlite).ToHashSet(StringComparer.Ordinal);
        var sqlServer = SqlFiles.RelativeNames(SqlFiles.SqlServer).ToHashSet(StringComparer.Ordinal);

        var missing = sqlite.Except(sqlServer).Select(n => $"missing in sql/{SqlFiles.SqlServer}/: {n}")
            .Concat(sqlServer.Except(sqlite).Select(n => $"missing in sql/{SqlFiles.Sqlite}/: {n}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "The dialect folders differ:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void SqlFiles_AreNamedByConvention()
    {
        var wrong = new List<string>();
        foreach (var dialect in new[] { SqlFiles.Sqlite, SqlFiles.SqlServer })
        {
            foreach (var name in SqlFiles.RelativeNames(dialect))
            {
                var parts = name.Split('/');
                var ok = parts switch
                {
                    ["migrations", var file] => MigrationName().IsMatch(file),
                    ["queries", var file] => QueryName().IsMatch(file),
                    _ => false,
                };
                if (!ok)
                {
                    wrong.Add($"sql/{dialect}/{name}");
                }
            }
        }

        Assert.True(
            wrong.Count == 0,
            "Expected migrations/YYYY-MM-DD_NN_Description.sql or queries/{Table}_{Verb}[By{Key}].sql, got:\n" + string.Join('\n', wrong));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}_\d{2}_[A-Za-z0-9]+\.sql$")]
    private static partial Regex MigrationName();

    [GeneratedRegex(@"^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+\.sql$")]
    private static partial Regex QueryName();
}
