using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Audit.Sql.Tests.Schema;

/// <summary>A throwaway SQL Server database with the T-SQL migrations applied, and its schema read back.</summary>
public sealed partial class SqlServerSchema : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private SqlServerSchema(string serverConnectionString, string databaseName)
    {
        _serverConnectionString = serverConnectionString;
        DatabaseName = databaseName;
    }

    public string DatabaseName { get; }

    public string ConnectionString => new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = DatabaseName }.ConnectionString;

    /// <summary>Creates a database with a unique name on the server and applies every T-SQL migration in name order.</summary>
    public static async Task<SqlServerSchema> CreateMigratedAsync(string serverConnectionString)
    {
        var name = "AuditSqlTests_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var server = new SqlConnection(new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = "master" }.ConnectionString))
        {
            await server.ExecuteAsync($"CREATE DATABASE [{name}];");
        }

        var database = new SqlServerSchema(serverConnectionString, name);
        try
        {
            await using var connection = new SqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            foreach (var file in SqlFiles.Migrations(SqlFiles.SqlServer))
            {
                foreach (var batch in SplitBatches(SqlFiles.Read(file)))
                {
                    try
                    {
                        await connection.ExecuteAsync(batch);
                    }
                    catch (SqlException e)
                    {
                        throw new InvalidOperationException($"sql/{file} fails on SQL Server (line {e.LineNumber} of its batch): {e.Message}", e);
                    }
                }
            }
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    /// <summary>Splits a script on lines that hold only GO, as sqlcmd and DbUp do.</summary>
    public static IEnumerable<string> SplitBatches(string script) =>
        GoLine().Split(script).Where(b => !string.IsNullOrWhiteSpace(b));

    public async Task<SchemaSnapshot> ReadAsync()
    {
        await using var connection = new SqlConnection(ConnectionString);
        var columns = await connection.QueryAsync<(string Table, string Column)>("""
            SELECT CASE WHEN c.TABLE_SCHEMA = 'dbo' THEN c.TABLE_NAME ELSE c.TABLE_SCHEMA + '.' + c.TABLE_NAME END, c.COLUMN_NAME
            FROM INFORMATION_SCHEMA.COLUMNS AS c
            JOIN INFORMATION_SCHEMA.TABLES AS t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
            WHERE t.TABLE_TYPE = 'BASE TABLE';
            """);
        var indexColumns = await connection.QueryAsync<(string Table, string Index, bool IsPrimaryKey, bool IsUniqueConstraint, bool IsUnique, string Column)>("""
            SELECT CASE WHEN s.name = 'dbo' THEN t.name ELSE s.name + '.' + t.name END, i.name,
                   i.is_primary_key, i.is_unique_constraint, i.is_unique, c.name
            FROM sys.indexes AS i
            JOIN sys.tables AS t ON t.object_id = i.object_id
            JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
            JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE t.is_ms_shipped = 0 AND i.type > 0 AND ic.is_included_column = 0
            ORDER BY t.name, i.name, ic.key_ordinal;
            """);
        var triggers = await connection.QueryAsync<string>("SELECT name FROM sys.triggers WHERE parent_class = 1;");

        var byTable = indexColumns.ToLookup(r => r.Table, StringComparer.Ordinal);
        var tables = columns.GroupBy(c => c.Table, StringComparer.Ordinal).Select(g =>
        {
            var indexes = byTable[g.Key].GroupBy(r => r.Index, StringComparer.Ordinal).ToList();
            return new TableSnapshot(
                g.Key,
                g.Select(c => c.Column).ToImmutableHashSet(StringComparer.Ordinal),
                [.. indexes.Where(i => i.First().IsPrimaryKey).SelectMany(i => i.Select(r => r.Column))],
                indexes.Where(i => !i.First().IsPrimaryKey && !i.First().IsUniqueConstraint)
                    .ToImmutableDictionary(i => i.Key, i => new IndexSnapshot(i.Key, [.. i.Select(r => r.Column)], i.First().IsUnique), StringComparer.Ordinal),
                indexes.Where(i => i.First().IsUniqueConstraint)
                    .Select(i => string.Join(", ", i.Select(r => r.Column)))
                    .ToImmutableHashSet(StringComparer.Ordinal));
        });
        return new SchemaSnapshot(
            tables.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal),
            triggers.ToImmutableHashSet(StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var server = new SqlConnection(new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = "master" }.ConnectionString);
        await server.ExecuteAsync($"""
            IF DB_ID(N'{DatabaseName}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{DatabaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{DatabaseName}];
            END;
            """);
    }

    [GeneratedRegex(@"^[ \t]*GO[ \t]*;?[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
