using System.Security.Cryptography;
using Audit.Service.Data;
using Audit.Service.Demo;

namespace Audit.Service.Tests.Demo;

/// <summary>The demo organisation is deterministic per seed and imports cleanly through the real importers.</summary>
public sealed class DemoTests : IDisposable
{
    private const int Workers = 200;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_SameSeedTwice_ByteIdenticalFiles()
    {
        var first = Hashes(new DemoGenerator().Write(_folder.File("a"), new DemoOptions(Workers, Seed: 7)));
        var second = Hashes(new DemoGenerator().Write(_folder.File("b"), new DemoOptions(Workers, Seed: 7)));

        Assert.Equal(14, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_DifferentSeed_DifferentFiles()
    {
        var first = Hashes(new DemoGenerator().Write(_folder.File("a"), new DemoOptions(Workers, Seed: 7)));
        var second = Hashes(new DemoGenerator().Write(_folder.File("b"), new DemoOptions(Workers, Seed: 8)));

        Assert.NotEqual(first["workers.csv"], second["workers.csv"]);
        Assert.NotEqual(first["lineage.ndjson"], second["lineage.ndjson"]);
        // The fixed part of the organisation does not depend on the seed.
        Assert.Equal(first["programs.csv"], second["programs.csv"]);
    }

    [Fact]
    public async Task Seed_TwoHundredWorkers_ImportsEverythingAndBothRelocations()
    {
        using var db = new TestDatabase();
        var seeder = new DemoSeeder(new Migrator(db.Database), db.Importer, db.Lineage, new Audit.Service.Ingest.NoticeTexts.NoticeTextImporter(db.Database, new AuditLog(db.Database)));

        var files = await seeder.SeedAsync(_folder.File("demo"), new DemoOptions(Workers));

        Assert.Equal(Workers, await db.CountAsync("Worker"));
        foreach (var (spec, path) in files.BeforeLineage.Concat(files.AfterLineage))
        {
            var dataLines = File.ReadLines(path).Count() - 1;
            Assert.True(dataLines <= await db.CountAsync(spec.Table), $"{spec.Kind}: {dataLines} rows in the file");
        }

        Assert.True(await db.CountAsync("LineageEvent") > 0);
        var relocations = await db.RowsAsync($"""
            SELECT WorkerId, CountryCode, ValidFrom, ValidTo FROM WorkerLocation
            WHERE WorkerId IN ('{DemoGenerator.RelocatedToIreland}', '{DemoGenerator.RelocatedFromGermany}')
            ORDER BY WorkerId, ValidFrom
            """);
        Assert.Equal(
            [(DemoGenerator.RelocatedToIreland, "US", "2026-05-31"), (DemoGenerator.RelocatedToIreland, "IE", null),
             (DemoGenerator.RelocatedFromGermany, "DE", "2026-04-30"), (DemoGenerator.RelocatedFromGermany, "US", null)],
            relocations.Select(r => (r[0], r[1], r[3])));
    }

    private static Dictionary<string, string> Hashes(DemoFiles files) =>
        Directory.EnumerateFiles(files.Folder).ToDictionary(p => Path.GetFileName(p), p => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p))));
}
