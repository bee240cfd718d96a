using Audit.Service.Ingest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>The command line: one verb per file in this folder.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IServiceCollection services)
    {
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("audit");
            config.PropagateExceptions();
            config.AddCommand<DemoCommand>("demo").WithDescription("Build a demo organisation, scan it, write the reports to ./out and print where they are.");
            config.AddCommand<MigrateCommand>("migrate").WithDescription("Apply database migrations.");
            config.AddCommand<SeedCommand>("seed").WithDescription("Generate a deterministic demo organisation and import it.");
            config.AddCommand<ImportCommand>("import").WithDescription("Import a CSV or JSON file of one entity, or OpenLineage events (NDJSON); all or nothing.");
            config.AddCommand<ScanCommand>("scan").WithDescription("Run every audit rule over the data (optionally as of a date).");
            config.AddBranch("report", report =>
            {
                report.SetDescription("Write a compliance or board report.");
                report.AddCommand<ReportMonthlyCommand>("monthly").WithDescription("Monthly compliance report: PDF and workbook.");
                report.AddCommand<ReportBoardCommand>("board").WithDescription("Board summary PDF for a quarter.");
            });
            config.AddBranch("export", export =>
            {
                export.SetDescription("Exports for counsel.");
                export.AddCommand<ExportLineageCommand>("lineage").WithDescription("Lineage export for a matter: CSV, workbook and manifest.");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks for the speed and memory targets (on data/bench.db); see the README.");
                bench.AddCommand<BenchSeedCommand>("seed").WithDescription("Build the benchmark organisation (default 100,000 workers).");
                bench.AddCommand<BenchImportCommand>("import").WithDescription("Time a capture-batch CSV import (default 1,000,000 rows).");
                bench.AddCommand<BenchScanCommand>("scan").WithDescription("Time a scan of the benchmark organisation, or with --plain-read the baseline read.");
                bench.AddCommand<BenchReportsCommand>("reports").WithDescription("Time the monthly report or the whole-organisation lineage export.");
                bench.AddCommand<BenchLineageCommand>("lineage").WithDescription("Post generated OpenLineage events through the lineage intake: events/s, p50/p99 latency.");
                bench.AddCommand<BenchLineageFeedCommand>("lineage-feed").WithDescription("Write a generated OpenLineage NDJSON file of a given size (for the import memory check).");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("API keys for pipelines and integrations (Authorization: Bearer <key>).");
                keys.AddCommand<KeysCreateCommand>("create").WithDescription("Create a key with a role; prints the key alone, once.");
                keys.AddCommand<KeysListCommand>("list").WithDescription("List keys (never their secrets).");
                keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a key by id or name.");
            });
            config.AddBranch("users", users =>
            {
                users.SetDescription("Local accounts for the web page.");
                users.AddCommand<UsersCreateCommand>("create").WithDescription("Create an account with a role; the password is read from standard input.");
                users.AddCommand<UsersListCommand>("list").WithDescription("List accounts.");
                users.AddCommand<UsersDisableCommand>("disable").WithDescription("Disable an account.");
            });
            config.AddCommand<AuditLogCommand>("audit-log").WithDescription("Read the append-only audit log, newest first, with filters.");
            config.AddCommand<ServeCommand>("serve").WithDescription("Run the web service and the scheduled jobs.");
        });

        try
        {
            return await app.RunAsync(args);
        }
        catch (ImportRejectedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (CommandAppException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return 64;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    public static void PrintFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            Console.WriteLine($"  {path}");
        }
    }

    /// <summary>A progress display on a terminal; plain lines when output is redirected (CI, logs).</summary>
    public static async Task<T> WithProgressAsync<T>(string description, Func<IProgress<string>, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output gets a line every few seconds instead of a live display.
            var last = DateTime.MinValue;
            return await work(new SynchronousProgress(m =>
            {
                if (DateTime.UtcNow - last > TimeSpan.FromSeconds(5))
                {
                    last = DateTime.UtcNow;
                    Console.WriteLine($"  {description}: {m}");
                }
            }));
        }

        return await AnsiConsole.Status().StartAsync(description, async ctx =>
            await work(new SynchronousProgress(m => ctx.Status($"{description}: {Markup.Escape(m)}"))));
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
