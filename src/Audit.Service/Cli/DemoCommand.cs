using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Reporting;
using Audit.Service.Scanning;
using Dapper;
using Microsoft.Data.Sqlite;
using Spectre.Console.Cli;
using Audit.Service.Configuration;

namespace Audit.Service.Cli;

/// <summary>
/// The README's first command: a demo organisation in the configured database (by default data/audit.db), a
/// year of month-end scans (so trends are real), the monthly report, the board summary and a counsel export, and
/// where they are. The data stays where every other verb looks, so `scan` or `report` afterwards work on it.
/// It only ever replaces an empty database or an earlier demo: anything else is refused, untouched.
/// </summary>
internal sealed class DemoCommand(Database database, Migrator migrator, AuditLog auditLog, IServiceProvider provider) : AsyncCommand<DemoCommand.Settings>
{
    /// <summary>The audit-log action that marks a database as the demo's, so a later demo may replace it.</summary>
    public const string DemoAction = "demo";

    public sealed class Settings : OrganisationSettings
    {
        [CommandOption("--replace")]
        [Description("Rebuild over an earlier demo even when people have worked in it since (audit entries, status changes); the audit log is kept either way.")]
        public bool Replace { get; init; }
    }

    /// <summary>Tables a rebuild keeps: the append-only audit log, DbUp's journal, and the accounts and keys people made.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase) { "AuditLog", "SchemaVersions", "UserAccount", "UserSession", "ApiKey" };

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var where = Describe(database);
        var refusal = await PrepareAsync(settings.Replace, cancellationToken);
        if (refusal is not null)
        {
            await Console.Error.WriteLineAsync($"audit demo: {refusal}");
            return ExitCodes.WouldOverwrite;
        }

        Console.WriteLine($"Building a demo organisation of {settings.Workers.ToString("N0", CultureInfo.InvariantCulture)} workers in {where}");
        await CliApp.WithProgressAsync("seed", progress =>
            provider.GetRequiredService<DemoSeeder>().SeedAsync(FilesFolder(database), new DemoOptions(settings.Workers, settings.Seed), progress, cancellationToken));
        // The year is played as it would have run: each month's scan in the night after its last day, and the
        // compliance officer's review of the findings early in the last month, so every report reads the workflow
        // as it stood on its own month's last day (owners and due days on the October report, none before).
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>();
        var demoTime = new DemoClock();
        var scanner = new Scanner(database, options, provider.GetRequiredService<ExposureTable>(), demoTime);
        var period = new YearMonth(DemoGenerator.DataEnd.Year, DemoGenerator.DataEnd.Month);
        ScanResult? last = null;
        for (var month = DemoGenerator.DataStart; month <= DemoGenerator.DataEnd; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            demoTime.Now = new DateTimeOffset(monthEnd.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
            last = await CliApp.WithProgressAsync($"scan as of {monthEnd:yyyy-MM-dd}", progress => scanner.ScanAsync(monthEnd, progress, cancellationToken));
            Console.WriteLine($"  as of {monthEnd:yyyy-MM-dd}: {last.Findings.Count(f => f.Change != ChangeState.Resolved)} findings, {last.Rules.Sum(r => r.New)} new, {last.Rules.Sum(r => r.Resolved)} resolved");
            if (YearMonth.Containing(monthEnd) == period.Before())
            {
                demoTime.Now = new DateTimeOffset(period.FirstDay.AddDays(5).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                var assigned = await OfficerReviewsAsync(last, demoTime, options.Value.Sla, cancellationToken);
                Console.WriteLine($"  {period.FirstDay.AddDays(5):yyyy-MM-dd}: the compliance officer assigned {assigned} findings an owner and a due day");
            }
        }

        ScanCommand.Print(last!, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.ReportCurrency);

        var reports = provider.GetRequiredService<ReportService>();
        var quarter = Quarter.Containing(DemoGenerator.DataEnd).Previous;
        var monthly = await CliApp.WithProgressAsync($"monthly report {period}", progress => reports.MonthlyAsync(period, progress, cancellationToken));
        var board = await CliApp.WithProgressAsync($"board summary {quarter}", progress => reports.BoardAsync(quarter, progress, cancellationToken));
        var request = new LineageExportRequest("DEMO-001", [], null, "models/agent-cua-1", null, null, "demo");
        var (export, manifest) = await CliApp.WithProgressAsync("lineage export DEMO-001", progress => reports.ExportLineageAsync(request, progress, cancellationToken));

        // The marker comes last: every entry after it, and every status change after it, is someone's work in the demo.
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await auditLog.AppendAsync(connection, null, DemoAction, "organisation", $"{settings.Workers} workers, seed {settings.Seed}");
        }

        Console.WriteLine();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s. Reports:");
        Console.WriteLine("Monthly compliance report (compliance officer):");
        CliApp.PrintFiles(monthly.Paths);
        Console.WriteLine($"Board summary {quarter}:");
        CliApp.PrintFiles(board.Paths);
        Console.WriteLine($"Lineage export for counsel, matter DEMO-001, everything that reaches the commercial model ({manifest.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows):");
        CliApp.PrintFiles(export.Paths);
        Console.WriteLine($"The demo organisation is in {where}: scan, report and export now work on it.");
        Console.WriteLine();
        Console.WriteLine("Next, for instance:");
        foreach (var (what, command) in NextCommands(period))
        {
            Console.WriteLine($"  {what}:");
            Console.WriteLine($"    {Invocation.Command(command)}");
        }

        return 0;
    }

    /// <summary>Who the demo's compliance officer makes answer for each rule's findings, and in how many days.</summary>
    private static readonly (RuleCode Rule, string Owner, int DueInDays)[] Owners =
    [
        (RuleCode.R1, "CISO", 21), (RuleCode.R2, "head of AI/ML", 30), (RuleCode.R3, "head of AI/ML", 30), (RuleCode.R4, "head of AI/ML", 14),
        (RuleCode.R7, "HR", 45), (RuleCode.R10, "counsel", 30),
    ];

    /// <summary>
    /// The officer's review: each live finding of the rules above gets its owner and a due day, one all-or-none change
    /// per rule as the list page's bulk form makes it, each in the finding's history and in the audit log.
    /// </summary>
    private async Task<int> OfficerReviewsAsync(ScanResult scan, TimeProvider clock, SlaOptions sla, CancellationToken cancellationToken)
    {
        var officer = new Records.FindingStatusService(database, clock, sla);
        var trail = provider.GetRequiredService<Security.AuditTrail>();
        var caller = new Security.Caller(DemoOfficer, Security.Role.Compliance);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var assigned = 0;
        foreach (var (rule, owner, days) in Owners)
        {
            var keys = scan.Findings.Where(f => f.Change != ChangeState.Resolved && f.Finding.Rule == rule).Select(f => f.Finding.Key).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            var changes = await officer.ChangeAsync(keys, new Records.FindingChangeRequest(DemoOfficer, $"Assigned to {owner} at the {today:yyyy-MM} review", Owner: owner, DueOn: today.AddDays(days)), cancellationToken);
            foreach (var change in changes)
            {
                await trail.StatusChangedAsync(caller, $"demo: the officer's review, dated {today:yyyy-MM-dd}", change.FindingKey, Records.FindingChangeText.Describe(change), cancellationToken);
            }

            assigned += changes.Count;
        }

        return assigned;
    }

    private const string DemoOfficer = "demo officer";

    /// <summary>The demo's own clock: the night after each month it scans, then the day of the officer's review.</summary>
    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>What a newcomer does next, as commands they can paste (named as they run this program).</summary>
    internal static IReadOnlyList<(string What, string Command)> NextCommands(YearMonth lastScanned) =>
    [
        ("the monthly report of another month it scanned", $"report monthly --period {lastScanned.Before().Before()}"),
        ("the findings with their ids (`explain <id>` gives the facts behind one)", "findings list"),
        ("the remediation plan: what each finding costs to fix", "plan"),
        ("a web sign-in for the compliance officer (the password is read from standard input)", "users create --name officer --role compliance"),
        ("the web page and the scheduled jobs, on http://127.0.0.1:5080", "serve"),
    ];

    /// <summary>
    /// Null when the database may take the demo (emptied, all but the audit log, accounts and keys, if it held an earlier
    /// demo); else why not. The audit log is append-only, so a rebuild never removes an entry of it.
    /// </summary>
    private async Task<string?> PrepareAsync(bool replace, CancellationToken cancellationToken)
    {
        var sqliteFile = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource : null;
        if (sqliteFile is not null && !File.Exists(sqliteFile))
        {
            return null;
        }

        migrator.Migrate();
        await using var connection = await database.OpenAsync(cancellationToken);
        var workers = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Worker");
        var marker = await connection.QuerySingleOrDefaultAsync<(long AuditId, DateTime At)?>(
            "SELECT AuditId, At FROM AuditLog WHERE Action = @DemoAction ORDER BY AuditId DESC LIMIT 1", new { DemoAction });
        if (workers == 0 && marker is null)
        {
            return null;
        }

        if (marker is not { } demo)
        {
            return $"{Describe(database)} holds data that is not the demo's ({workers.ToString("N0", CultureInfo.InvariantCulture)} workers), and the demo would mix into it; nothing was changed. " +
                "Point it elsewhere, e.g. AUDIT_Database__ConnectionString=\"Data Source=data/demo.db\"";
        }

        if (sqliteFile is null)
        {
            return $"{Describe(database)} holds an earlier demo, and a server database is never emptied by the demo; nothing was changed. Use an empty database.";
        }

        var entries = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE AuditId > @AuditId", new { demo.AuditId });
        var changes = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM FindingStatusChange WHERE ScanId IS NULL AND ChangedAt >= @At", new { demo.At });
        if ((entries > 0 || changes > 0) && !replace)
        {
            return $"{Describe(database)} holds an earlier demo that people have worked in since ({entries.ToString("N0", CultureInfo.InvariantCulture)} audit entries, " +
                $"{changes.ToString("N0", CultureInfo.InvariantCulture)} status changes after it was built); nothing was changed. Pass --replace to rebuild it anyway (the audit log is kept), or point the demo elsewhere.";
        }

        // Start again from nothing but the kept tables, so the same seed gives the same organisation (ids included).
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            .Where(t => !Kept.Contains(t)).ToList();
        await connection.ExecuteAsync("PRAGMA foreign_keys = OFF");
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables)
            {
                await connection.ExecuteAsync($"DELETE FROM \"{table}\"", transaction: transaction);
            }

            await connection.ExecuteAsync("DELETE FROM sqlite_sequence WHERE name <> 'AuditLog' AND name <> 'SchemaVersions'", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        await connection.ExecuteAsync("PRAGMA foreign_keys = ON");

        // As on a new database: the exposure table from its template.
        await provider.GetRequiredService<Scanning.ExposureTable>().EnsureLoadedAsync(cancellationToken);
        return null;
    }

    private static string Describe(Database database) => database.Provider == DatabaseProvider.Sqlite
        ? Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)
        : $"the SQL Server database {new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(database.ConnectionString).InitialCatalog}";

    /// <summary>The generated import files go beside a SQLite database (examples of every format), else under ./data.</summary>
    private static string FilesFolder(Database database) => Path.Combine(
        database.Provider == DatabaseProvider.Sqlite ? Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource))! : "data",
        "demo-files");
}
