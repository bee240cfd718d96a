using Audit.Service.Ingest;
using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.Ingest;

/// <summary>Imports are upserts on the natural key: the same file twice adds nothing; a changed row updates.</summary>
public sealed class ReimportTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Import_SameFileTwice_AddsNothing()
    {
        var path = _db.Files.Csv("workers.csv", WorkersHeader, "W1,Ada,employee,2020-01-01,,", "W2,Ben,contractor,2021-06-01,,");
        await _db.ImportAsync(ImportSpecs.Workers, path);
        var before = await _db.FingerprintAsync();

        var again = await _db.ImportAsync(ImportSpecs.Workers, path);

        Assert.Equal((2, 2, 2, 0), (again.RowsRead, again.RowsBefore, again.RowsAfter, again.RowsAdded));
        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Import_EveryKindTwice_LeavesDatabaseUnchanged()
    {
        var paths = EveryKind.Select(k => (k.Spec, Path: _db.Files.Csv($"{k.Spec.Kind}.csv", k.Header, k.Row))).ToList();
        foreach (var (spec, path) in paths)
        {
            await _db.ImportAsync(spec, path);
        }

        var before = await _db.FingerprintAsync();
        foreach (var (spec, path) in paths)
        {
            Assert.Equal(0, (await _db.ImportAsync(spec, path)).RowsAdded);
        }

        Assert.Equal(before, await _db.FingerprintAsync());
    }

    [Fact]
    public async Task Import_SameKeyNewValue_UpdatesTheRow()
    {
        await _db.ImportCsvAsync(ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,", "W2,Ben,employee,2021-06-01,,");

        var result = await _db.ImportCsvAsync(ImportSpecs.Workers, WorkersHeader, "W2,Ben,employee,2021-06-01,2026-05-20,reduction_in_force");

        Assert.Equal(0, result.RowsAdded);
        var rows = await _db.RowsAsync("SELECT WorkerId, TerminationDate, TerminationReason FROM Worker ORDER BY WorkerId");
        Assert.Equal<string?[]>([["W1", null, null], ["W2", "2026-05-20", "reduction_in_force"]], rows);
    }

    [Fact]
    public async Task Import_SameCompositeKeyNewValue_UpdatesTheLocation()
    {
        await _db.WorkersAsync("W1");
        await _db.ImportCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader, "W1,US,US-CA,2020-01-01,");

        await _db.ImportCsvAsync(ImportSpecs.WorkerLocations, LocationsHeader, "W1,US,US-NY,2020-01-01,2026-05-31");

        var rows = await _db.RowsAsync("SELECT SubdivisionCode, ValidFrom, ValidTo FROM WorkerLocation");
        Assert.Equal<string?[]>([["US-NY", "2020-01-01", "2026-05-31"]], rows);
    }

    [Fact]
    public async Task Import_EdgeAgain_WidensSeenWindowAndTakesNewTransform()
    {
        await _db.DatasetsAsync("raw", "train");
        await _db.ImportCsvAsync(ImportSpecs.LineageEdges, EdgesHeader, "s3://cap,raw,s3://cap,train,ml,curate,copy,2026-05-04,2026-06-01");

        await _db.ImportCsvAsync(ImportSpecs.LineageEdges, EdgesHeader, "s3://cap,raw,s3://cap,train,ml,curate,anonymize,2026-05-10,2026-07-01");

        var rows = await _db.RowsAsync("SELECT Transform, FirstSeen, LastSeen FROM LineageEdge");
        Assert.Equal<string?[]>([["anonymize", "2026-05-04 00:00:00", "2026-07-01 00:00:00"]], rows);
    }
}
