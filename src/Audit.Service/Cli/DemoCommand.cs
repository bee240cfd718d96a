using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Reporting;
using Audit.Service.Rules;
using Dapper;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Spectre.Console.Cli;

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

    public sealed class Settings : OrganisationSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var where = Describe(database);
        var refusal = await PrepareAsync(cancellationToken);
        if (refusal is not null)
        {
            await Console.Error.WriteLineAsync($"audit demo: {refusal}");
            return ExitCodes.WouldOverwrite;
        }

        Console.WriteLine($"Building a demo organisation of {settings.Workers.ToString("N0", CultureInfo.InvariantCulture)} workers in {where}");
        await CliApp.WithProgressAsync("seed", progress =>
            provider.GetRequiredService<DemoSeeder>().SeedAsync(FilesFolder(database), new DemoOptions(settings.Workers, settings.Seed), progress, cancellationToken));
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await auditLog.AppendAsync(connection, null, DemoAction, "organisation", $"{settings.Workers} workers, seed {settings.Seed}");
        }

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
        var request = new LineageExportRequest("DEMO-001", [], null, "models/agent-cua-1", null, null);
        var (export, manifest) = await CliApp.WithProgressAsync("lineage export DEMO-001", progress => reports.ExportLineageAsync(request, progress, cancellationToken));

        Console.WriteLine();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s. Reports:");
        Console.WriteLine("Monthly compliance report (compliance officer):");
        CliApp.PrintFiles(monthly.Paths);
        Console.WriteLine($"Board summary {quarter}:");
        CliApp.PrintFiles(board.Paths);
        Console.WriteLine($"Lineage export for counsel, matter DEMO-001, everything that reaches the commercial model ({manifest.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows):");
        CliApp.PrintFiles(export.Paths);
        Console.WriteLine($"The demo organisation is in {where}: scan, report and export now work on it.");
        return 0;
    }

    /// <summary>Null when the database may take the demo (made empty if it held an earlier demo); else why not.</summary>
    private async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        var sqliteFile = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource : null;
        if (sqliteFile is not null && !File.Exists(sqliteFile))
        {
            return null;
        }

        migrator.Migrate();
        long workers;
        bool demo;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            workers = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Worker");
            demo = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action = @DemoAction", new { DemoAction }) > 0;
        }

        if (workers == 0 && !demo)
        {
            return null;
        }

        if (!demo)
        {
            return $"{Describe(database)} holds data that is not the demo's ({workers.ToString("N0", CultureInfo.InvariantCulture)} workers), and the demo would mix into it; nothing was changed. " +
                "Point it elsewhere, e.g. AUDIT_Database__ConnectionString=\"Data Source=data/demo.db\"";
        }

        if (sqliteFile is null)
        {
            return $"{Describe(database)} holds an earlier demo, and a server database is never emptied by the demo; nothing was changed. Use an empty database.";
        }

        // An earlier demo in its own file: start again from nothing, so the same seed gives the same organisation.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(sqliteFile + suffix);
        }

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
