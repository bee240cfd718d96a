using System.Text.RegularExpressions;
using Audit.Service.Configuration;
using Audit.Service.Ingest;
using Audit.Service.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>The command line: one verb per file in this folder.</summary>
public static partial class CliApp
{
    /// <param name="console">Where Spectre writes help and the command model (tests read them); the terminal when null.</param>
    public static async Task<int> RunAsync(string[] args, IServiceCollection services, IAnsiConsole? console = null)
    {
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("audit");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.PropagateExceptions();

            // Every verb, present and future, refuses what it does not understand: an unknown option or a surplus
            // argument is an error (exit 64), never ignored, so a typo cannot widen what a command does.
            config.UseStrictParsing();
            config.Settings.ConvertFlagsToRemainingArguments = false;
            config.SetInterceptor(new StartupCheck(services));

            config.AddCommand<DemoCommand>("demo").WithDescription("Build a demo organisation in the configured database (default data/audit.db; only if empty or an earlier demo), scan it, write the reports to ./out.");
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
            config.AddBranch("findings", f => { f.SetDescription("Findings and the compliance officer's status."); f.AddCommand<FindingsListCommand>("list").WithDescription("List findings with their ids (filters: --rule, --status, --severity, --owner, --overdue)."); f.AddCommand<FindingsSetStatusCommand>("set-status").WithDescription("Record a status with a note and who set it (accepted_risk: --approver and --expires); every change is kept."); f.AddCommand<FindingsAssignCommand>("assign").WithDescription("Give a finding an owner and, optionally, a due day."); f.AddCommand<FindingsHistoryCommand>("history").WithDescription("Every status change of a finding."); });
            config.AddCommand<ExplainCommand>("explain").WithDescription("The recorded facts that made a finding fire (config, notices, acknowledgements, paths, locations, agreements, exposure).");
            config.AddBranch("disclosures", d =>
            {
                d.SetDescription("Read the notices' own texts against what the tools capture.");
                d.AddCommand<DisclosuresReviewCommand>("review").WithDescription("What each notice's text says of AI training, the opt-out and what is captured, with the sentences behind each problem.");
            });
            config.AddCommand<PlanCommand>("plan").WithDescription("The remediation plan: each open finding's options, priced from templates/remedies.csv, with the exposure left after each.");
            config.AddBranch("scans", s => { s.SetDescription("Scan records."); s.AddCommand<ScansPruneCommand>("prune").WithDescription("Remove per-worker rows of scans the retention setting does not keep whole."); });
            config.AddBranch("export", export =>
            {
                export.SetDescription("Exports for counsel.");
                export.AddCommand<ExportLineageCommand>("lineage").WithDescription("Lineage export for a matter: CSV, workbook and manifest.");
                export.AddCommand<ExportPurgeScopeCommand>("purge-scope").WithDescription("What deleting findings' data takes: every training dataset and model downstream of their batches, the batch ids, a manifest.");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks for the speed and memory targets (on data/bench.db); see the README.");
                bench.AddCommand<BenchSeedCommand>("seed").WithDescription("Build the benchmark organisation (default 100,000 workers).");
                bench.AddCommand<BenchImportCommand>("import").WithDescription("Time a capture-batch CSV import (default 1,000,000 rows).");
                bench.AddCommand<BenchScanCommand>("scan").WithDescription("Time a scan of the benchmark organisation, or with --plain-read the baseline read.");
                bench.AddCommand<BenchReportsCommand>("reports").WithDescription("Time the monthly report, the board summary or the whole-organisation lineage export.");
                bench.AddCommand<BenchLineageCommand>("lineage").WithDescription("Post generated OpenLineage events through the lineage intake: events/s, p50/p99 latency.");
                bench.AddCommand<BenchLineageHttpCommand>("lineage-http").WithDescription("Post generated OpenLineage events to a running serve on loopback with an ingest key: events/s, p50/p99.");
                bench.AddCommand<BenchGuardCommand>("guard").WithDescription("Ask the guard the README's three flows from concurrent callers on the benchmark organisation: decisions/s, p50/p99.");
                bench.AddCommand<BenchAllCommand>("all").WithDescription("Run the scale ladder (default 10k, 100k, 1M workers): seed, scan, monthly, board, export; writes Markdown and JSON.");
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
                users.AddCommand<UsersDisableCommand>("disable").WithDescription("Disable an account and end its sessions.");
                users.AddCommand<UsersEnableCommand>("enable").WithDescription("Enable a disabled account.");
                users.AddCommand<UsersSetPasswordCommand>("set-password").WithDescription("Set a new password (standard input); ends the account's sessions.");
                users.AddCommand<UsersEndSessionsCommand>("end-sessions").WithDescription("End every session of an account.");
            });
            config.AddBranch("guard", guard =>
            {
                guard.SetDescription("The guard: may a pipeline run this flow, decided from what was captured, consented to and opted out of.");
                guard.AddCommand<GuardCheckCommand>("check").WithDescription("Decide a proposed flow: exit 0 allow, 77 deny (or allow with exclusions unless --exclusions FILE is given).");
            });
            config.AddCommand<AuditLogCommand>("audit-log").WithDescription("Read the append-only audit log, newest first, with filters.");
            config.AddCommand<ServeCommand>("serve").WithDescription("Run the web service and the scheduled jobs.");
            config.AddBranch("jobs", jobs => { jobs.SetDescription("Queue work for the running `serve`."); jobs.AddCommand<JobsTriggerCommand>("trigger").WithDescription("Run a recurring job now."); jobs.AddCommand<JobsScanCommand>("scan").WithDescription("Queue a scan as of a date."); });
        });

        try
        {
            return await app.RunAsync(args);
        }
        catch (ImportRejectedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.ImportRejected;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.Message}");
            return ExitCodes.Config;
        }
        catch (Exception ex) when (ex is UsageException or InvalidRequestException)
        {
            await Console.Error.WriteLineAsync($"audit: {OneLine(ex.Message)}");
            return ExitCodes.Usage;
        }
        catch (CommandAppException ex)
        {
            await Console.Error.WriteLineAsync($"audit: {OneLine(DescribeUsageError(ex.Message, args))}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"audit: {ex.GetType().Name}: {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Spectre's own wording names a value but not its option ("Failed to convert 'abc' to Int32."); the option is
    /// found in the arguments so the one line says which option and what form it takes.
    /// </summary>
    internal static string DescribeUsageError(string message, IReadOnlyList<string> args)
    {
        var conversion = ConversionFailed().Match(message);
        if (message.Contains($"'{MissingValue}'", StringComparison.Ordinal))
        {
            return $"{args.LastOrDefault(a => a.StartsWith('-'))?.Split('=', 2)[0] ?? "an option"}: a value is required; see --help";
        }

        if (conversion.Success)
        {
            var value = conversion.Groups["value"].Value;
            var type = conversion.Groups["type"].Value;
            var expected = type switch
            {
                "Int32" or "Int64" or "Int16" => "a whole number",
                "Decimal" or "Double" or "Single" => "a number",
                "Boolean" => "true or false",
                "DateOnly" or "DateTime" => "a date (yyyy-MM-dd)",
                _ => "a " + type,
            };
            return $"{OptionHolding(value, args) ?? "a value"}: '{value}' is not {expected}";
        }

        var unknown = UnknownOption().Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups["name"].Value;
            var given = args.FirstOrDefault(a => a.TrimStart('-').Split('=', 2)[0] == name) ?? (name.Length == 1 ? "-" + name : "--" + name);
            return $"unknown option '{given.Split('=', 2)[0]}'; see --help for the options this verb takes";
        }

        var surplus = CouldNotMatch().Match(message);
        if (surplus.Success)
        {
            return $"unexpected argument '{surplus.Groups["value"].Value}'; see --help for what this verb takes";
        }

        // After a verb, Spectre reads a surplus word as a sub-command name.
        var command = UnknownCommand().Match(message);
        if (command.Success)
        {
            var value = command.Groups["value"].Value;
            return args.Count > 0 && args[0] == value
                ? $"unknown verb '{value}'; see --help for the verbs"
                : $"unexpected argument '{value}'; see --help for what this verb takes";
        }

        return message;
    }

    private static string? OptionHolding(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
            {
                return args[i].Split('=', 2)[0];
            }

            if (i > 0 && args[i] == value && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }
        }

        return null;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex("^Failed to convert '(?<value>.*)' to (?<type>[A-Za-z0-9]+)")]
    private static partial Regex ConversionFailed();

    [GeneratedRegex("^(Unknown|Unexpected) option '(?<name>[^']*)'")]
    private static partial Regex UnknownOption();

    [GeneratedRegex("^Unknown command '(?<value>[^']*)'")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex("^Could not match '(?<value>[^']*)'")]
    private static partial Regex CouldNotMatch();

    /// <summary>How `--json` prints what the API answers: its field names (web defaults), indented, text unescaped.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions ApiJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What Spectre.Console.Cli binds to an option given without its value ("--period" at the end).</summary>
    private const string MissingValue = "__default_command";

    /// <summary>
    /// Runs once a verb's arguments are bound, before it executes (never for --help): arguments after "--" are
    /// refused like any surplus argument, and the configuration is checked in one place (exit 78 when it fails).
    /// </summary>
    private sealed class StartupCheck(IServiceCollection services) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings)
        {
            if (context.Remaining.Raw.Count > 0)
            {
                throw new UsageException($"unexpected argument '{context.Remaining.Raw[0]}'; see --help for what this verb takes");
            }

            foreach (var property in settings.GetType().GetProperties())
            {
                var value = property.GetValue(settings);
                var missing = value is string text ? text == MissingValue : value is string[] texts && texts.Contains(MissingValue, StringComparer.Ordinal);
                if (missing && property.GetCustomAttributes(typeof(CommandOptionAttribute), true).FirstOrDefault() is CommandOptionAttribute option)
                {
                    throw new UsageException($"--{(option.LongNames.Count > 0 ? option.LongNames[0] : property.Name)}: a value is required; see --help");
                }
            }

            var configuration = services.LastOrDefault(d => d.ServiceType == typeof(IConfiguration))?.ImplementationInstance as IConfiguration
                ?? throw new InvalidOperationException("No configuration registered.");
            ConfigurationCheck.Validate(configuration, services
                .Where(d => d.ServiceType == typeof(CheckedSection))
                .Select(d => (CheckedSection)d.ImplementationInstance!));
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
