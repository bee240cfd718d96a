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
        var scanner = provider.GetRequiredService<Scanner>();
        ScanResult? last = null;
        for (var month = DemoGenerator.DataStart; month <= DemoGenerator.DataEnd; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            last = await CliApp.WithProgressAsync($"scan as of {monthEnd:yyyy-MM-dd}", progress => scanner.ScanAsync(monthEnd, progress, cancellationToken));
            Console.WriteLine($"  as of {monthEnd:yyyy-MM-dd}: {last.Findings.Count(f => f.Change != ChangeState.Resolved)} findings, {last.Rules.Sum(r => r.New)} new, {last.Rules.Sum(r => r.Resolved)} resolved");
        }

        ScanCommand.Print(last!, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.ReportCurrency);

        var reports = provider.GetRequiredService<ReportService>();
        var period = new YearMonth(DemoGenerator.DataEnd.Year, DemoGenerator.DataEnd.Month);
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
