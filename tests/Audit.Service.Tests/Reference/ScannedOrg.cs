using Audit.Reports.Models;
using Audit.Service.Tests.Infrastructure;
using Audit.Service.Data;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Ingest;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;
using Audit.Service.Guard;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// A generated organisation written as CSV import files, imported by the real importer into a fresh SQLite file,
/// and scanned by the real scanner. Scan results are turned into <see cref="Outcome"/>s to compare with the reference.
/// </summary>
public sealed class ScannedOrg : IDisposable
{
    private static readonly IReadOnlyDictionary<string, ImportSpec> Specs = ImportSpecs.All.ToDictionary(s => s.Kind, StringComparer.Ordinal);

    private readonly string _folder;
    private readonly Database _database;
    private readonly Importer _importer;
    private readonly Org _org;

    private ScannedOrg(string folder, Org org)
    {
        _folder = folder;
        _org = org;
        _database = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "audit.db")};Pooling=False" });
        new Migrator(_database).Migrate();
        _importer = new Importer(_database, new AuditLog(_database));
    }

    /// <summary>Imports the organisation's files in dependency order; <paramref name="split"/> puts each kind's rows in that many files.</summary>
    public static async Task<ScannedOrg> ImportAsync(Org org, int split = 1)
    {
        var scanned = new ScannedOrg(Path.Combine(Path.GetTempPath(), "audit-reference", Guid.NewGuid().ToString("N")), org);
        var n = 0;
        foreach (var (kind, csv) in org.Files())
        {
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var rows = lines.Skip(1).ToList();
            var parts = Math.Max(1, Math.Min(split, rows.Count));
            for (var part = 0; part < parts; part++)
            {
                var mine = rows.Where((_, i) => i % parts == part);
                var path = Path.Combine(scanned._folder, $"{++n:D2}-{kind}.csv");
                await File.WriteAllTextAsync(path, lines[0] + "\n" + string.Concat(mine.Select(r => r + "\n")));
                await scanned._importer.ImportAsync(Specs[kind], path);
            }
        }

        // The notices' texts, as workers read them: one file per notice that has one.
        if (org.Notices.Any(x => x.Text is not null))
        {
            var texts = Path.Combine(scanned._folder, "notice-texts");
            Directory.CreateDirectory(texts);
            foreach (var notice in org.Notices.Where(x => x.Text is not null))
            {
                await File.WriteAllTextAsync(Path.Combine(texts, notice.Id + ".txt"), notice.Text!.Body);
            }

            await new Audit.Service.Ingest.NoticeTexts.NoticeTextImporter(scanned._database, new AuditLog(scanned._database)).ImportAsync(texts, replace: false);
        }

        return scanned;
    }

    public async Task<IReadOnlyList<Outcome>> ScanAsync(DateOnly asOf)
    {
        var options = Options.Create(Settings(_org));
        var exposureTable = new ExposureTable(_database, _importer, options);

        // What a new database's first migration does (the scan itself never imports).
        await exposureTable.EnsureLoadedAsync();
        var result = await new Scanner(_database, options, exposureTable).ScanAsync(asOf);
        await using var connection = await _database.OpenAsync();
        // Findings know workers by their position in the scan's read of Worker: the same query, run whole (a narrower
        // SELECT over it may be answered from an index in another order).
        var ids = (await connection.QueryAsync(_database.Sql["Worker_ReadForScan"], new { AsOf = asOf })).Select(row => (string)((IDictionary<string, object>)row)["WorkerId"]).ToList();
        return result.Findings.Select(s => ToOutcome(s.Finding, ids)).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The guard's decision on a proposed flow over the imported facts, and the batches it would leave out.</summary>
    public async Task<(GuardDecisionRecord Decision, IReadOnlyList<ExcludedBatch> Exclusions)> GuardAsync(ProposedFlow flow)
    {
        var options = Options.Create(Settings(_org));
        var exposureTable = new ExposureTable(_database, _importer, options);
        await exposureTable.EnsureLoadedAsync();
        var guard = new GuardService(_database, exposureTable, new AuditLog(_database), options, Options.Create(new GuardOptions()));
        var decision = await guard.DecideAsync(flow, new Audit.Service.Security.Caller("property-test", Audit.Service.Security.Role.Ingest), GuardService.SourceApi, null);
        return (decision, await guard.ExclusionsAsync(decision.DecisionId));
    }

    /// <summary>The remediation plan of the newest scan, with the shipped remedy table.</summary>
    public async Task<Audit.Service.Planning.RemediationPlan> PlanAsync()
    {
        var options = Options.Create(Settings(_org));
        var plans = new Audit.Service.Planning.PlanService(_database, new Audit.Service.Records.ScanHistory(_database), new ExposureTable(_database, _importer, options),
            new Audit.Service.Planning.RemedyTable(options), options);
        return (await plans.PlanAsync((long?)null))!;
    }

    /// <summary>The organisation's settings, set the way a user sets them.</summary>
    private static AuditOptions Settings(Org org) => UserSettings.Bind(org.Environment());

    /// <summary>Rules that count batches report them; the config- and event-level rules (R5, R8, R9, R6's rationale check) name workers only.</summary>
    private static Outcome ToOutcome(FindingBuilder finding, List<string> ids)
    {
        var workers = finding.Workers.Keys.Select(i => ids[i]).ToHashSet(StringComparer.Ordinal);
        var countsBatches = finding.Rule is RuleCode.R1 or RuleCode.R2 or RuleCode.R3 or RuleCode.R4 or RuleCode.R7 or RuleCode.R10 || (finding.Rule == RuleCode.R6 && finding.SubjectKind == "program");
        var hours = finding.Rule == RuleCode.R7 ? finding.Workers.ToDictionary(w => ids[w.Key], w => w.Value.Quantity, StringComparer.Ordinal) : null;
        return new Outcome(finding.Key, workers, countsBatches ? finding.Batches : null, countsBatches ? finding.ActiveMinutes : null, hours);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }
}
