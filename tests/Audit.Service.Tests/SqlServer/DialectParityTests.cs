using Audit.Service.Data;
using Audit.Service.Ingest;
using Audit.Tests.Shared;
using Dapper;
using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// The same data means the same thing on both databases: money is exact, ids are case-sensitive and never merged
/// by SQL Server's case-insensitive collation, timestamps keep the same precision. Each behaviour is written once
/// and run on SQLite always and on SQL Server when there is one (AUDIT_TEST_SQLSERVER or a container).
/// </summary>
public sealed class DialectParityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Money_OnSqlite_KeptExactlyAndRefusedBeyondFourPlaces() => MoneyAsync(Sqlite());

    [SqlServerFact]
    public async Task Money_OnSqlServer_KeptExactlyAndRefusedBeyondFourPlaces()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        await MoneyAsync(SqlServer(scratch));
    }

    [Fact]
    public Task Ids_OnSqlite_DifferingOnlyByCase_Refused() => IdsAsync(Sqlite());

    [SqlServerFact]
    public async Task Ids_OnSqlServer_DifferingOnlyByCase_Refused()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        await IdsAsync(SqlServer(scratch));
    }

    [Fact]
    public Task Timestamps_OnSqlite_KeptToTheWholeSecond() => TimestampsAsync(Sqlite());

    [SqlServerFact]
    public async Task Timestamps_OnSqlServer_KeptToTheWholeSecond()
    {
        await using var scratch = await SqlServerTarget.CreateDatabaseAsync();
        await TimestampsAsync(SqlServer(scratch));
    }

    private async Task MoneyAsync(Database database)
    {
        var importer = Migrated(database);
        await ImportAsync(importer, ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,");
        await ImportAsync(importer, ImportSpecs.Programs, ProgramsHeader, "mci,MCI,Train,false,,none,,");

        // 19 significant digits: a double (SQLite REAL) keeps about 15.
        await ImportAsync(importer, ImportSpecs.CompensationAgreements, AgreementsHeader,
            "AG-1,W1,mci,stipend,987654321098765.4321,USD,2026-01-01,",
            "AG-2,W1,mci,stipend,0.1,USD,2026-01-01,",
            "AG-3,W1,mci,stipend,0.2,USD,2026-01-01,");
        var tooPrecise = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            ImportAsync(importer, ImportSpecs.CompensationAgreements, AgreementsHeader, "AG-4,W1,mci,stipend,0.12345,USD,2026-01-01,"));

        await using var connection = await database.OpenAsync();
        var amounts = (await connection.QueryAsync<(string Id, string WorkerId, string ProgramId, string Kind, decimal Amount, string Currency, DateOnly From, DateOnly? To)>(
            database.Sql["CompensationAgreement_ReadForScan"], new { AsOf = new DateOnly(2026, 12, 31) }))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Amount)
            .ToList();
        Assert.Equal([987654321098765.4321m, 0.1m, 0.2m], amounts);
        Assert.Equal(0.3m, amounts[1] + amounts[2]);
        Assert.Contains("amount: '0.12345' is not an amount of money: at most 4 decimal places", tooPrecise.Message, StringComparison.Ordinal);
    }

    private async Task IdsAsync(Database database)
    {
        var importer = Migrated(database);
        await ImportAsync(importer, ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,");

        var againstStored = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            ImportAsync(importer, ImportSpecs.Workers, WorkersHeader, "w1,Other,employee,2021-01-01,,"));
        var inOneFile = await Assert.ThrowsAsync<ImportRejectedException>(() =>
            ImportAsync(importer, ImportSpecs.Workers, WorkersHeader, "W2,Ben,employee,2021-01-01,,", "w2,Other,employee,2021-01-01,,"));

        Assert.Contains("'w1' differs only by case from the stored 'W1'", againstStored.Message, StringComparison.Ordinal);
        Assert.Contains(":3:worker_id: duplicate key (w2) already on row 2", inOneFile.Message, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync();
        Assert.Equal(["W1|Ada"], await connection.QueryAsync<string>("SELECT WorkerId + '|' + DisplayName FROM Worker".Replace(" + ", database.Provider == DatabaseProvider.Sqlite ? " || " : " + ", StringComparison.Ordinal)));
    }

    private async Task TimestampsAsync(Database database)
    {
        var importer = Migrated(database);
        await ImportAsync(importer, ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,");
        await ImportAsync(importer, ImportSpecs.CaptureTools, ToolsHeader, "rec,Recorder,");
        await ImportAsync(importer, ImportSpecs.Notices, NoticesHeader, "N1,rec,,1,2026-01-01,security,,false,");

        // SQL Server's DATETIME2(0) would round .6 up to 09:00:01; SQLite's text would keep 09:00:00.
        await ImportAsync(importer, ImportSpecs.Acknowledgements, AcknowledgementsHeader, "W1,N1,2026-01-02T09:00:00.600Z,security");

        await using var connection = await database.OpenAsync();
        var at = await connection.QuerySingleAsync<DateTime>("SELECT AcknowledgedAt FROM Acknowledgement");
        Assert.Equal(new DateTime(2026, 1, 2, 9, 0, 0, DateTimeKind.Utc), at);
        Assert.Equal(DateTimeKind.Utc, at.Kind);
    }

    private Database Sqlite() =>
        new(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_folder.File("audit.db")};Pooling=False" });

    private static Database SqlServer(ScratchDatabase scratch) =>
        new(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = scratch.ConnectionString });

    private static Importer Migrated(Database database)
    {
        new Migrator(database).Migrate();
        return new Importer(database, new AuditLog(database));
    }

    private Task<ImportResult> ImportAsync(Importer importer, ImportSpec spec, string header, params string[] rows) =>
        importer.ImportAsync(spec, _folder.Csv($"{spec.Kind}-{Guid.NewGuid():N}.csv", header, rows));
}
