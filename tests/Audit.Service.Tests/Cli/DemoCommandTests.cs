using Audit.Service.Ingest;
using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.Cli;

/// <summary>
/// The demo builds into the configured database, so the verbs a new user tries next find its data; it never
/// mixes into or replaces a database that holds anything but an earlier demo.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_ThenScan_ScanFindsTheDemoOrganisation()
    {
        var settings = Settings($"Data Source={_folder.File("audit.db")};Pooling=False");

        var demo = await CliRunner.RunAsync(settings, "demo", "--workers", "10");
        var scan = await CliRunner.RunAsync(settings, "scan", "--as-of", "2026-10-31");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains($"The demo organisation is in {_folder.File("audit.db")}: scan, report and export now work on it.", demo.Out, StringComparison.Ordinal);
        Assert.True(scan.ExitCode == 0, scan.ToString());
        var database = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
        await using var connection = await database.OpenAsync();
        Assert.Equal(10L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM Worker"));
    }

    [Fact]
    public async Task Demo_PlaysTheYearAsItWouldHaveRun_ScansTheNightAfterEachMonth_AndTheOfficerAssignsOwnersInOctober()
    {
        // A newcomer opening the October report sees who must act by when: the demo's officer reviewed the findings
        // on 2026-10-06, after September's scan and before October's, and each assignment is in the audit log.
        var settings = Settings($"Data Source={_folder.File("audit.db")};Pooling=False");

        var demo = await CliRunner.RunAsync(settings, "demo", "--workers", "40");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        var database = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
        await using var connection = await database.OpenAsync();
        var scans = (await Dapper.SqlMapper.QueryAsync<(string AsOf, DateTime StartedAt)>(connection, "SELECT AsOf, StartedAt FROM ScanRun ORDER BY ScanId")).ToList();
        Assert.Equal(12, scans.Count);
        Assert.All(scans, s => Assert.Equal(DateOnly.Parse(s.AsOf, System.Globalization.CultureInfo.InvariantCulture).AddDays(1), DateOnly.FromDateTime(s.StartedAt)));

        var owned = (await Dapper.SqlMapper.QueryAsync<(string FindingKey, string Owner, string DueOn, DateTime ChangedAt)>(connection,
            "SELECT FindingKey, Owner, DueOn, ChangedAt FROM FindingStatusChange WHERE ChangedBy = 'demo officer'")).ToList();
        Assert.NotEmpty(owned);
        Assert.All(owned, o => Assert.Equal(new DateOnly(2026, 10, 6), DateOnly.FromDateTime(o.ChangedAt)));
        Assert.Contains(owned, o => o.FindingKey.StartsWith("R1:", StringComparison.Ordinal) && o.Owner == "CISO");
        var audited = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM AuditLog WHERE Actor = 'demo officer' AND Action = 'status-change'");
        Assert.Equal(owned.Count, audited);
        Assert.Contains($"2026-10-06: the compliance officer assigned {owned.Count} findings an owner and a due day", demo.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_TwiceOnOneFile_ReplacesTheEarlierDemo()
    {
        var settings = Settings($"Data Source={_folder.File("audit.db")};Pooling=False");

        await CliRunner.RunAsync(settings, "demo", "--workers", "10");
        var again = await CliRunner.RunAsync(settings, "demo", "--workers", "12");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("12 workers", again.Out, StringComparison.Ordinal);
    }

    /// <summary>Issue 20: the audit log is append-only, so a second demo keeps every entry of it.</summary>
    [Fact]
    public async Task Demo_Twice_KeepsEveryAuditEntry()
    {
        var settings = Settings($"Data Source={_folder.File("audit.db")};Pooling=False");
        await CliRunner.RunAsync(settings, "demo", "--workers", "10");
        var first = await AuditIdsAsync(settings);

        var again = await CliRunner.RunAsync(settings, "demo", "--workers", "10");

        Assert.True(again.ExitCode == 0, again.ToString());
        var second = await AuditIdsAsync(settings);
        Assert.Subset(second.ToHashSet(), first.ToHashSet());
        Assert.True(second.Count > first.Count);
    }

    /// <summary>Issue 20: an earlier demo someone has worked in (an account made, a status set) is not rebuilt unless told, and then the log stays.</summary>
    [Fact]
    public async Task Demo_OverADemoPeopleWorkedIn_Exits73_UnlessReplace_AndKeepsTheLog()
    {
        var settings = Settings($"Data Source={_folder.File("audit.db")};Pooling=False");
        await CliRunner.RunAsync(settings, "demo", "--workers", "10");
        string id;
        {
            var demoDb = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
            await using var demoConnection = await demoDb.OpenAsync();
            id = await Dapper.SqlMapper.ExecuteScalarAsync<string>(demoConnection, "SELECT FindingKey FROM Finding ORDER BY FindingKey LIMIT 1") ?? throw new InvalidOperationException("the demo made no finding");
        }

        var status = await CliRunner.RunAsync(settings, "findings", "set-status", id, "remediating", "--note", "owner: dana", "--by", "dana");
        Assert.True(status.ExitCode == 0, status.ToString());
        var before = await AuditIdsAsync(settings);

        var refused = await CliRunner.RunAsync(settings, "demo", "--workers", "10");
        var replaced = await CliRunner.RunAsync(settings, "demo", "--workers", "10", "--replace");

        Assert.True(refused.ExitCode == 73, refused.ToString());
        Assert.Contains("--replace", refused.Error, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Subset((await AuditIdsAsync(settings)).ToHashSet(), before.ToHashSet());
        var database = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
        await using var connection = await database.OpenAsync();
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'status-change' AND Actor LIKE 'dana (os user %'"));
    }

    [Fact]
    public async Task Demo_DatabaseHoldingOtherData_RefusedNamingItAndChangesNothing()
    {
        using var db = new TestDatabase();
        await db.ImportCsvAsync(ImportSpecs.Workers, WorkersHeader, "W1,Ada,employee,2020-01-01,,");
        var before = await db.FingerprintAsync();

        var run = await CliRunner.RunAsync(Settings(db.ConnectionString), "demo", "--workers", "10");

        Assert.True(run.ExitCode == 73, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("holds data that is not the demo's (1 workers)", line, StringComparison.Ordinal);
        Assert.Equal(before, await db.FingerprintAsync());
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    private static async Task<List<long>> AuditIdsAsync(Dictionary<string, string?> settings)
    {
        var database = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
        await using var connection = await database.OpenAsync();
        return (await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT AuditId FROM AuditLog")).ToList();
    }

    private Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Database:ConnectionString"] = connectionString,
        ["Audit:OutputPath"] = _folder.File("out"),
    };
}
