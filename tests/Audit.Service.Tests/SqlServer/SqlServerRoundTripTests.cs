using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Ingest;
using Audit.Service.Ingest.OpenLineage;
using Audit.Tests.Shared;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// The same demo organisation imported and scanned on SQL Server and on SQLite must give the same findings:
/// the T-SQL files are otherwise only parsed and resolved statically. Runs on the SQL Server target (AUDIT_TEST_SQLSERVER or a container).
/// </summary>
public sealed class SqlServerRoundTripTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audit-mssql-" + Guid.NewGuid().ToString("N"));

    public SqlServerRoundTripTests()
    {
        Directory.CreateDirectory(_folder);
    }

    [SqlServerFact]
    public async Task DemoOrganisation_OnSqlServer_GivesTheSameFindingsAsSqlite()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        var onSqlServer = await SeedAndScanAsync(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = scratch.ConnectionString });
        var onSqlite = await SeedAndScanAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "audit.db")};Pooling=False" });

        Assert.Equal(Enum.GetValues<RuleCode>(), onSqlServer.Findings.Select(f => f.Finding.Rule).Distinct().Order());
        Assert.Equal(
            onSqlite.Findings.Select(f => (f.Finding.Key, f.Finding.Workers.Count, f.Exposure.Low, f.Exposure.High)),
            onSqlServer.Findings.Select(f => (f.Finding.Key, f.Finding.Workers.Count, f.Exposure.Low, f.Exposure.High)));
    }

    [SqlServerFact]
    public async Task Reimport_OnSqlServer_AddsNothing()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        var database = new Database(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = scratch.ConnectionString });
        new Migrator(database).Migrate();
        var importer = new Importer(database, new AuditLog(database));
        var files = new DemoGenerator().Write(Path.Combine(_folder, "files"), new DemoOptions(Workers: 50));

        foreach (var (spec, path) in files.BeforeLineage)
        {
            await importer.ImportAsync(spec, path);
        }

        var again = await importer.ImportAsync(ImportSpecs.Workers, files.BeforeLineage[0].Path);
        Assert.Equal(0, again.RowsAdded);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ScanResult> SeedAndScanAsync(DatabaseOptions databaseOptions)
    {
        var database = new Database(databaseOptions);
        var auditLog = new AuditLog(database);
        var importer = new Importer(database, auditLog);
        var options = Options.Create(new AuditOptions { TemplatesPath = Path.Combine(AppContext.BaseDirectory, "templates") });
        var exposureTable = new ExposureTable(database, importer, options);

        // Migrated as the CLI migrates: the first run seeds the exposure table from the template.
        var migrator = new Migrator(database, exposureTable);
        var folder = Path.Combine(_folder, databaseOptions.Provider.ToString());
        await new DemoSeeder(migrator, importer, new LineageIngestor(database, auditLog), new Audit.Service.Ingest.NoticeTexts.NoticeTextImporter(database, auditLog)).SeedAsync(folder, new DemoOptions(Workers: 200, Seed: 42));
        return await new Scanner(database, options, exposureTable).ScanAsync(new DateOnly(2026, 10, 31));
    }
}
