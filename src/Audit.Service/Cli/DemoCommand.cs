using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Demo;
using Audit.Service.Reporting;
using Audit.Service.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// The README's first command: a fresh demo organisation in its own SQLite file, a year of month-end scans
/// (so trends are real), the monthly report, the board summary and a counsel export, and where they are.
/// </summary>
internal sealed class DemoCommand(IConfiguration configuration) : AsyncCommand<DemoCommand.Settings>
{
    public const string DemoDatabase = "data/demo.db";

    public sealed class Settings : OrganisationSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        DeleteDemoDatabase();

        // The demo always runs on the embedded default, in its own file, whatever the configured database is.
        var demoConfiguration = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={DemoDatabase}",
            })
            .Build();
        await using var provider = new ServiceCollection().AddSingleton<IConfiguration>(demoConfiguration).AddAuditCore().BuildServiceProvider();

        Console.WriteLine($"Building a demo organisation of {settings.Workers.ToString("N0", CultureInfo.InvariantCulture)} workers in {Path.GetFullPath(DemoDatabase)}");
        await CliApp.WithProgressAsync("seed", progress =>
            provider.GetRequiredService<DemoSeeder>().SeedAsync("data/demo-files", new DemoOptions(settings.Workers, settings.Seed), progress, cancellationToken));

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
        return 0;
    }

    private static void DeleteDemoDatabase()
    {
        Directory.CreateDirectory("data");
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(DemoDatabase + suffix);
        }
    }
}
