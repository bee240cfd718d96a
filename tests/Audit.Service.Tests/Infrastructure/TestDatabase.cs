using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;
using Dapper;

namespace Audit.Service.Tests.Infrastructure;

/// <summary>
/// A freshly migrated SQLite file of its own, with the importers wired to it. Pooling is off so no
/// connection outlives a test and the file can be deleted.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>Tables that legitimately change when nothing was imported: the evidence log and DbUp's journal.</summary>
    private static readonly string[] GrowingTables = ["AuditLog", "SchemaVersions"];

    private readonly TempFolder _folder = new();

    public TestDatabase()
    {
        ConnectionString = $"Data Source={_folder.File("audit.db")};Pooling=False";
        Database = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString });
        new Migrator(Database).Migrate();
        Importer = new Importer(Database, new AuditLog(Database));
        Lineage = new LineageIngestor(Database, new AuditLog(Database));
    }

    public string ConnectionString { get; }

    public Database Database { get; }

    public Importer Importer { get; }

    public LineageIngestor Lineage { get; }

    /// <summary>Where the test writes its import files.</summary>
    public TempFolder Files => _folder;

    public Task<ImportResult> ImportAsync(ImportSpec spec, string path) => Importer.ImportAsync(spec, path);

    /// <summary>Writes <c>{kind}.csv</c> from a header and rows and imports it.</summary>
    public Task<ImportResult> ImportCsvAsync(ImportSpec spec, string header, params string[] rows) =>
        Importer.ImportAsync(spec, _folder.Csv($"{spec.Kind}-{Guid.NewGuid():N}.csv", header, rows));

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>Every row of a query as the text SQLite holds (numbers in invariant culture, NULL as null).</summary>
    public async Task<List<string?[]>> RowsAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    public Task<long> CountAsync(string table) => ScalarAsync<long>($"SELECT COUNT(*) FROM {table}");

    /// <summary>
    /// Row counts of every table and a SHA-256 over every row (ordered by all columns), AuditLog and
    /// SchemaVersions left out. Equal fingerprints mean the data did not change.
    /// </summary>
    public Task<DatabaseFingerprint> FingerprintAsync() => OfAsync(Database);

    /// <summary>The fingerprint of any test database (a <see cref="Rules.ScanWorld"/> too).</summary>
    public static async Task<DatabaseFingerprint> OfAsync(Database database, IReadOnlyCollection<string>? only = null)
    {
        await using var connection = await database.OpenAsync();
        var tables = (await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            .Where(t => !GrowingTables.Contains(t, StringComparer.OrdinalIgnoreCase) && (only is null || only.Contains(t, StringComparer.Ordinal)))
            .ToList();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counts = new StringBuilder();
        foreach (var table in tables)
        {
            var rows = await HashTableAsync(connection, table, sha);
            counts.Append(CultureInfo.InvariantCulture, $"{table}={rows} ");
        }

        return new DatabaseFingerprint(counts.ToString().TrimEnd(), Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static async Task<long> HashTableAsync(DbConnection connection, string table, IncrementalHash sha)
    {
        var columns = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")).ToList();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", columns.Select(c => $"\"{c}\""))}";
        await using var reader = await command.ExecuteReaderAsync();
        sha.AppendData(Encoding.UTF8.GetBytes($"#{table}\n"));
        long rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                // Type-tagged so NULL, '' and 0 hash differently.
                var value = reader.IsDBNull(i) ? "N" : reader.GetFieldType(i).Name[0] + Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                sha.AppendData(Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value + "|"));
            }

            sha.AppendData("\n"u8);
        }

        return rows;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>Row counts per table (readable in an assertion message) and a hash of all their rows.</summary>
public sealed record DatabaseFingerprint(string RowCounts, string Sha256)
{
    public override string ToString() => $"{RowCounts} sha256={Sha256[..12]}";
}
