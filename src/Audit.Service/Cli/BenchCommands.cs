using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Demo;
using Audit.Service.Ingest;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Scanning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// Speed and memory targets are checked here, as whole commands, not in timed unit tests (which flake on
/// shared machines). Each verb measures one thing in its own process, so the peak working set it prints is that
/// thing's. They work on their own SQLite files: data/bench.db (the organisation) and data/bench-import.db.
/// </summary>
internal static class Bench
{
    public const string Database = "data/bench.db";

    /// <summary>The import benchmark has a file of its own, so it never replaces the 100,000-worker organisation.</summary>
    public const string ImportDatabase = "data/bench-import.db";

    public static ServiceProvider Services(IConfiguration configuration, string database = Database) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["Database:ConnectionString"] = $"Data Source={database}",
                    ["Audit:OutputPath"] = "out/bench",
                })
                .Build())
            .AddAuditCore()
            .BuildServiceProvider();

    public static void Report(string what, Stopwatch clock, long rows = 0)
    {
        using var process = Process.GetCurrentProcess();
        var line = $"{what}: {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
        if (rows > 0)
        {
            line += $", {rows.ToString("N0", CultureInfo.InvariantCulture)} rows, {(rows / clock.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} rows/s";
        }

        Console.WriteLine($"{line}, peak working set {(process.PeakWorkingSet64 / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} MB");
    }

    public static void Delete(string database = Database)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}

/// <summary>Options shared by the verbs that work on the benchmark organisation.</summary>
internal class BenchSettings : CommandSettings
{
    [CommandOption("--database <FILE>")]
    [Description("The benchmark organisation's SQLite file.")]
    [DefaultValue(Bench.Database)]
    public string Database { get; init; } = Bench.Database;

    [CommandOption("--result <PATH>", IsHidden = true)]
    [Description("Where the measurement writes its figures as JSON (bench all and the interleaved scan rounds read it).")]
    public string? Result { get; init; }
}

internal sealed class BenchSeedCommand(IConfiguration configuration) : AsyncCommand<BenchSeedCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--workers <N>")]
        [Description("Size of the demo organisation to benchmark on.")]
        [DefaultValue(100_000)]
        public int Workers { get; init; } = 100_000;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Bench.Delete(settings.Database);
        await using var services = Bench.Services(configuration, settings.Database);
        var files = settings.Database + "-files";
        var meter = BenchMeter.Start();
        await CliApp.WithProgressAsync("seed", p => services.GetRequiredService<DemoSeeder>().SeedAsync(files, new DemoOptions(settings.Workers), p, cancellationToken));
        var measured = meter.Stop("seed", 0);
        measured.Print($"seed {settings.Workers.ToString("N0", CultureInfo.InvariantCulture)} workers (generate and import)");
        measured.Save(settings.Result);

        // The generated import files are as large as the database (5 GB at a million workers) and made again on demand.
        Directory.Delete(files, recursive: true);
        return 0;
    }
}

internal sealed class BenchImportCommand(IConfiguration configuration) : AsyncCommand<BenchImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--rows <N>")]
        [Description("Capture-batch rows in the CSV to import.")]
        [DefaultValue(1_000_000)]
        public int Rows { get; init; } = 1_000_000;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Bench.Delete(Bench.ImportDatabase);
        await using var services = Bench.Services(configuration, Bench.ImportDatabase);
        await services.GetRequiredService<DemoSeeder>().SeedAsync("data/bench-import-files", new DemoOptions(Workers: 1000), null, cancellationToken);
        var path = Path.GetFullPath("data/bench-import-files/bench-capture-batches.csv");
        WriteBatches(path, settings.Rows);
        Console.WriteLine($"import of {path} ({(new FileInfo(path).Length / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} MB) into an organisation of 1,000 workers");
        var clock = Stopwatch.StartNew();
        var result = await services.GetRequiredService<Importer>().ImportAsync(ImportSpecs.CaptureBatches, path, null, cancellationToken: cancellationToken);
        Bench.Report("import capture-batches", clock, result.RowsRead);
        return 0;
    }

    /// <summary>New batches for the seeded workers, in the demo's own datasets and configs.</summary>
    private static void WriteBatches(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine("batch_id,worker_id,tool_id,config_version,dataset_namespace,dataset_name,captured_from,captured_to,active_minutes,event_count");
        var start = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var from = start.AddHours(i % 5000);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"X{i:D9},W{(i % 1000) + 1:D6},sentinel-dlp,2.0,{DemoGenerator.CaptureNamespace},dlp/raw,{from:yyyy-MM-ddTHH:mm:ssZ},{from.AddHours(1):yyyy-MM-ddTHH:mm:ssZ},{i % 60},{i % 5000}\n"));
        }
    }
}

internal sealed class BenchScanCommand(IConfiguration configuration) : AsyncCommand<BenchScanCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--only <WHAT>")]
        [Description("Measure one thing in this process: scan, plain-read (the scan's own queries through Microsoft.Data.Sqlite, typed getters, the same per-worker totals) or c-api (the same through SQLite's C API: the floor).")]
        public string? Only { get; init; }

        [CommandOption("--plain-read")]
        [Description("Same as --only plain-read.")]
        public bool PlainRead { get; init; }

        [CommandOption("--runs <N>")]
        [Description("Rounds of scan, plain read and C-API read, interleaved, each in a process of its own; prints medians, ranges and both ratios.")]
        [DefaultValue(1)]
        public int Runs { get; init; } = 1;

        [CommandOption("--as-of <DATE>")]
        [Description("The day the scan judges as of, yyyy-MM-dd (default 2026-10-31, the demo data's last day).")]
        public string? AsOf { get; init; }

        public DateOnly AsOfDate => AsOf is null ? DemoGenerator.DataEnd : DateOnly.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string? What => PlainRead ? "plain-read" : Only;

        public override ValidationResult Validate()
        {
            if (Only is not null && Only is not ("scan" or "plain-read" or "c-api"))
            {
                return ValidationResult.Error($"--only '{Only}' is not a measurement; expected scan, plain-read or c-api");
            }

            if (PlainRead && Only is not null)
            {
                return ValidationResult.Error("--plain-read and --only both choose the measurement; give one");
            }

            if (AsOf is not null && !DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return ValidationResult.Error($"--as-of: '{AsOf}' is not a date (yyyy-MM-dd)");
            }

            if (Runs < 1)
            {
                return ValidationResult.Error($"--runs must be at least 1, not {Runs}");
            }

            if (Runs != 1 && What is not null)
            {
                return ValidationResult.Error("--runs repeats the interleaved comparison; it does not combine with a single measurement");
            }

            return ValidationResult.Success();
        }
    }

    /// <summary>The database's logical size: pages in use (the WAL's included) less free pages.</summary>
    private static async Task<long> DatabaseBytesAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pages = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "PRAGMA page_count") - await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "PRAGMA freelist_count");
        return pages * await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "PRAGMA page_size");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.What is not { } what)
        {
            return await ScanComparison.RunAsync(settings.Runs, settings.Database, cancellationToken);
        }

        await using var services = Bench.Services(configuration, settings.Database);
        var database = services.GetRequiredService<Database>();
        var sizeBefore = what == "scan" ? await DatabaseBytesAsync(database, cancellationToken) : 0;
        var meter = BenchMeter.Start();
        string line;
        long rows;
        if (what == "scan")
        {
            var result = await services.GetRequiredService<Scanner>().ScanAsync(settings.AsOfDate, null, cancellationToken);
            rows = result.BatchesRead;
            line = $"scan as of {result.AsOf:yyyy-MM-dd} ({result.Findings.Count} findings)";
            var measured = meter.Stop(what, rows);
            measured.Print(line);
            foreach (var stage in result.Profile)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {stage.Name}: {stage.Elapsed.TotalSeconds:0.00} s wall, {stage.Cpu.TotalSeconds:0.00} s CPU, {stage.AllocatedBytes / (1024.0 * 1024):N0} MB allocated"));
            }

            // What the scan record costs: its rows per table and how much the database grew.
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                var counts = new List<string>();
                foreach (var table in new[] { "ScanFinding", "ScanFindingWorker", "ScanExposureLine", "ScanSection" })
                {
                    var n = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT COUNT(*) FROM {table} WHERE ScanId = @ScanId", new { result.ScanId });
                    counts.Add($"{table} {n.ToString("N0", CultureInfo.InvariantCulture)}");
                }

                var grown = (await DatabaseBytesAsync(database, cancellationToken) - sizeBefore) / (1024.0 * 1024);
                Console.WriteLine($"scan record {result.ScanId}: {string.Join(", ", counts)} rows; the database grew {grown.ToString("N0", CultureInfo.InvariantCulture)} MB");
            }

            measured.Save(settings.Result);
            return 0;
        }

        rows = what == "plain-read"
            ? await ScanBaselines.PlainReadAsync(database, settings.AsOfDate, cancellationToken)
            : await ScanBaselines.CApiReadAsync(database, settings.AsOfDate, cancellationToken);
        var baseline = meter.Stop(what, rows);
        baseline.Print(what == "plain-read"
            ? "plain read of the rows and columns the scan reads (Microsoft.Data.Sqlite, typed getters, per-worker totals)"
            : "C-API read of the rows and columns the scan reads (SQLitePCLRaw statements, per-worker totals)");
        baseline.Save(settings.Result);
        return 0;
    }
}

internal sealed class BenchReportsCommand(IConfiguration configuration) : AsyncCommand<BenchReportsCommand.Settings>
{
    /// <summary>The board summary benchmarked: the last whole quarter of the demo's data.</summary>
    public static readonly Quarter BoardQuarter = Quarter.Containing(DemoGenerator.DataEnd).Previous;

    public sealed class Settings : BenchSettings
    {
        [CommandArgument(0, "<monthly|board|export>")]
        [Description("monthly: the monthly PDF and workbook; board: the quarterly board summary; export: the lineage export of the whole organisation.")]
        public string What { get; init; } = string.Empty;

        public override ValidationResult Validate() => What is "monthly" or "board" or "export"
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{What}' is not a report to time; expected monthly, board or export");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = Bench.Services(configuration, settings.Database);
        var reports = services.GetRequiredService<ReportService>();
        if (settings.What is "monthly" or "board")
        {
            // The scan the report stands on is made first, so the timing is the report's own.
            var asOf = settings.What == "monthly" ? DemoGenerator.DataEnd : BoardQuarter.LastDay;
            if (!await services.GetRequiredService<ScanHistory>().HasScanAsync(asOf, cancellationToken))
            {
                // Not timed, but it does raise the peak: `bench all` runs this scan as a step of its own first.
                Console.WriteLine($"scanning as of {asOf:yyyy-MM-dd} first (not timed)");
                await services.GetRequiredService<Scanner>().ScanAsync(asOf, null, cancellationToken);
            }

            var meter = BenchMeter.Start();
            var files = settings.What == "monthly"
                ? await reports.MonthlyAsync(new YearMonth(DemoGenerator.DataEnd.Year, DemoGenerator.DataEnd.Month), null, cancellationToken)
                : await reports.BoardAsync(BoardQuarter, null, cancellationToken);
            var measured = meter.Stop(settings.What, 0);
            measured.Print(settings.What == "monthly" ? "monthly PDF and workbook" : $"board summary {BoardQuarter}");
            measured.Save(settings.Result);
            CliApp.PrintFiles(files.Paths);
        }
        else
        {
            var meter = BenchMeter.Start();
            var (files, manifest) = await reports.ExportLineageAsync(new LineageExportRequest("BENCH", [], null, null, null, null), null, cancellationToken);
            var measured = meter.Stop("export", manifest.RowCount);
            measured.Print("lineage export of the whole organisation");
            measured.Save(settings.Result);
            CliApp.PrintFiles(files.Paths);
        }

        return 0;
    }
}
