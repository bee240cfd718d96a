using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Ingest.OpenLineage;
using Audit.Rules;
using Audit.Service.Scanning;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace Audit.Service.Tests.Rules;

/// <summary>The demo organisation (300 workers, seed 42) seeded and scanned once for the class.</summary>
public sealed class ScanDemoFixture : IAsyncLifetime
{
    public ScanWorld World { get; } = new();

    public ScanResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var seeder = new DemoSeeder(new Migrator(World.Database), World.Importer, new LineageIngestor(World.Database, new AuditLog(World.Database)), new Audit.Service.Ingest.NoticeTexts.NoticeTextImporter(World.Database, new AuditLog(World.Database)));
        await seeder.SeedAsync(Path.Combine(World.Folder, "demo"), new DemoOptions(Workers: 300, Seed: 42));
        await World.SeedExposureTableAsync();
        Result = await World.Scanner().ScanAsync(new DateOnly(2026, 10, 31));
    }

    public Task DisposeAsync()
    {
        World.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ScanDemoTests(ScanDemoFixture demo) : IClassFixture<ScanDemoFixture>
{
    [Fact]
    public void Scan_DemoOrganisation_HasFindingsUnderEveryRule()
    {
        var rules = demo.Result.Findings.Select(f => f.Finding.Rule).Distinct().Order();

        Assert.Equal(Enum.GetValues<RuleCode>(), rules);
    }

    [Fact]
    public async Task Scan_DemoOrganisationRescanned_EveryFindingPersists()
    {
        var again = await demo.World.Scanner().ScanAsync(new DateOnly(2026, 10, 31));

        Assert.Equal(demo.Result.Keys(), again.Keys());
        Assert.All(again.Findings, f => Assert.Equal(ChangeState.Persisting, f.Change));
        Assert.All(again.Rules, r => Assert.Equal((0, 0), (r.New, r.Resolved)));
    }

    [Fact]
    public void Scan_DemoOrganisation_MatchesSnapshot()
    {
        var projection = demo.Result.Findings
            .OrderBy(f => f.Finding.Key, StringComparer.Ordinal)
            .Select(f => new
            {
                Rule = f.Finding.Rule.ToString(),
                f.Finding.SubjectKind,
                f.Finding.SubjectKey,
                Severity = f.Finding.Severity.ToString(),
                AffectedWorkers = f.Finding.Workers.Count,
                Change = f.Change.ToString(),
                f.Exposure.Low,
                f.Exposure.High,
                Evidence = Newtonsoft.Json.Linq.JToken.Parse(f.Finding.EvidenceJson()),
            })
            .ToList();

        // Beside the project, not beside this file: the brief keeps the test project's snapshots in one folder.
        var name = Snapshot.FullName();
        Snapshot.Match(projection, new SnapshotFullName(name.Filename, Path.GetDirectoryName(name.FolderPath)!));
    }
}
