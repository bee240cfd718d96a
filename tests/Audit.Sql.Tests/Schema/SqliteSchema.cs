using System.Collections.Immutable;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Audit.Sql.Tests.Schema;

/// <summary>SQLite databases migrated with the SQLite dialect's scripts, and their schema read back.</summary>
public static class SqliteSchema
{
    /// <summary>A fresh in-memory database with every SQLite migration applied, in name order.</summary>
    public static SqliteConnection OpenMigrated()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var file in SqlFiles.Migrations(SqlFiles.Sqlite))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlFiles.Read(file);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                throw new InvalidOperationException($"sql/{file} fails on SQLite: {e.Message}", e);
            }
        }

        return connection;
    }

    public static SchemaSnapshot Read(SqliteConnection connection)
    {
        var tables = new List<TableSnapshot>();
        var names = connection.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        foreach (var table in names)
        {
            var columns = connection.Query<(string Name, long Pk)>("SELECT name, pk FROM pragma_table_info(@table)", new { table }).ToList();
            var indexes = new Dictionary<string, IndexSnapshot>(StringComparer.Ordinal);
            var uniques = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (index, unique, origin) in connection.Query<(string, long, string)>(
                "SELECT name, \"unique\", origin FROM pragma_index_list(@table)", new { table }))
            {
                var indexColumns = connection.Query<string>("SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index }).ToList();
                switch (origin)
                {
                    // CREATE INDEX: compared by name. 'pk' is compared through pragma_table_info below.
                    case "c":
                        indexes[index] = new IndexSnapshot(index, indexColumns, unique != 0);
                        break;
                    case "u":
                        uniques.Add(string.Join(", ", indexColumns));
                        break;
                    default:
                        break;
                }
            }

            tables.Add(new TableSnapshot(
                table,
                columns.Select(c => c.Name).ToImmutableHashSet(StringComparer.Ordinal),
                [.. columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name)],
                indexes,
                uniques));
        }

        var triggers = connection.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'trigger'");
        return new SchemaSnapshot(
            tables.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal),
            triggers.ToImmutableHashSet(StringComparer.Ordinal));
    }
}
