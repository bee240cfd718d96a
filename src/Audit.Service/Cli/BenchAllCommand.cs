using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// The scale ladder: for each organisation size, seed it, then scan, monthly report, board summary and the
/// whole-organisation lineage export over it, each step in a process of its own (so its peak working set is its
/// own). Writes a Markdown table and a JSON file with the machine it ran on and the load average around each step.
/// </summary>
internal sealed class BenchAllCommand : AsyncCommand<BenchAllCommand.Settings>
{
    public const string DefaultLadder = "10000,100000,1000000";
    public const string QuickLadder = "1000,10000";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--workers <LIST>")]
        [Description("Organisation sizes to run, comma-separated and ascending (default 10000,100000,1000000).")]
        public string? Workers { get; init; }

        [CommandOption("--quick")]
        [Description("A small ladder (1000,10000) to try the verb in a minute.")]
        public bool Quick { get; init; }

        [CommandOption("--reuse")]
        [Description("Keep an organisation already seeded at a size (data/bench-N.db) and its recorded seed measurement instead of seeding again.")]
        public bool Reuse { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder for the Markdown and JSON results.")]
        [DefaultValue("bench")]
        public string Out { get; init; } = "bench";

        public override ValidationResult Validate()
        {
            if (Quick && Workers is not null)
            {
                return ValidationResult.Error("--quick and --workers both name the ladder; give one");
            }

            return BenchLadder.TryParseSizes(Workers ?? DefaultLadder, out _, out var error)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--workers: {error}");
        }
    }

    /// <summary>The steps after the seed, as `bench` arguments; each reads the organisation the seed built.</summary>
    private static readonly (string Step, string[] Arguments)[] Steps =
    [
        ("scan", ["bench", "scan", "--only", "scan"]),
        ("monthly report (PDF + workbook)", ["bench", "reports", "monthly"]),
        // The board stands on the scan of its quarter's last day; a step of its own, so the board's peak is its own.
        ("scan for the board (as of 2026-09-30)", ["bench", "scan", "--only", "scan", "--as-of", "2026-09-30"]),
        ("board summary", ["bench", "reports", "board"]),
        ("lineage export (whole organisation)", ["bench", "reports", "export"]),
    ];

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!BenchLadder.TryParseSizes(settings.Quick ? QuickLadder : settings.Workers ?? DefaultLadder, out var sizes, out var error))
        {
            throw new InvalidOperationException(error); // Validate() refused this already
        }

        Directory.CreateDirectory(settings.Out);
        var run = new BenchRun(DateTimeOffset.UtcNow, null, BenchMachine.Describe(), BenchMachine.LoadAverage(), null, sizes, [], []);
        var failed = false;
        foreach (var workers in sizes)
        {
            var database = Path.Combine("data", $"bench-{workers.ToString(CultureInfo.InvariantCulture)}.db");
            var seedRecord = database + ".seed.json";
            if (settings.Reuse && File.Exists(database) && File.Exists(seedRecord))
            {
                var seeded = JsonSerializer.Deserialize<BenchStep>(await File.ReadAllTextAsync(seedRecord, cancellationToken))!;
                run.Steps.Add(seeded with { Reused = true });
                Console.WriteLine($"{workers:N0} workers: reusing {database}, seeded {seeded.MeasuredAt:yyyy-MM-dd HH:mm} UTC".ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                var seed = await RunStepAsync(workers, "seed (generate + import)", database, ["bench", "seed", "--workers", workers.ToString(CultureInfo.InvariantCulture)], cancellationToken);
                run.Steps.Add(seed);
                if (seed.ExitCode != 0)
                {
                    failed = true;
                    continue;
                }

                await File.WriteAllTextAsync(seedRecord, JsonSerializer.Serialize(seed), cancellationToken);
            }

            foreach (var (step, arguments) in Steps)
            {
                var measured = await RunStepAsync(workers, step, database, arguments, cancellationToken);
                run.Steps.Add(measured);
                if (measured.ExitCode != 0)
                {
                    failed = true;
                    break;
                }
            }

            // The bench's export of a million workers is tens of gigabytes; its size is recorded, the files are not kept.
            var exports = Path.Combine("out", "bench", "exports", "BENCH");
            if (Directory.Exists(exports))
            {
                Directory.Delete(exports, recursive: true);
            }
        }

        run = run with { FinishedAt = DateTimeOffset.UtcNow, LoadAtEnd = BenchMachine.LoadAverage() };
        run.Exponents.AddRange(BenchLadder.Exponents(run.Steps));
        var stamp = run.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.GetFullPath(Path.Combine(settings.Out, $"ladder-{stamp}.json"));
        var markdown = Path.GetFullPath(Path.Combine(settings.Out, $"ladder-{stamp}.md"));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(run, Indented), cancellationToken);
        await File.WriteAllTextAsync(markdown, BenchLadder.Markdown(run), cancellationToken);
        Console.WriteLine();
        Console.Write(BenchLadder.Markdown(run));
        Console.WriteLine($"written: {markdown}");
        Console.WriteLine($"written: {json}");
        return failed ? ExitCodes.Failure : 0;
    }

    /// <summary>Runs one bench verb as a child process of this program and reads back what it measured.</summary>
    private static async Task<BenchStep> RunStepAsync(int workers, string step, string database, string[] arguments, CancellationToken cancellationToken)
    {
        var results = Path.Combine(Path.GetTempPath(), $"audit-bench-all-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.json");
        File.Delete(results);
        try
        {
            var start = new ProcessStartInfo { FileName = Environment.ProcessPath!, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                // Started as `dotnet Audit.Service.dll`: the child needs the assembly named again.
                start.ArgumentList.Add(typeof(BenchAllCommand).Assembly.Location);
            }

            foreach (var argument in arguments.Concat(["--database", database, "--result", results]))
            {
                start.ArgumentList.Add(argument);
            }

            Console.WriteLine($"== {workers.ToString("N0", CultureInfo.InvariantCulture)} workers: {step}");
            var loadAtStart = BenchMachine.LoadAverage();
            var measuredAt = DateTimeOffset.UtcNow;
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(cancellationToken);
            var loadAtEnd = BenchMachine.LoadAverage();
            var measurement = process.ExitCode == 0 && File.Exists(results) ? BenchMeasurement.Load(results) : null;
            return new BenchStep(workers, step, measuredAt, process.ExitCode, measurement?.WallSeconds, measurement?.CpuSeconds,
                measurement?.PeakWorkingSetMegabytes, measurement?.Rows ?? 0, DatabaseBytes(database), loadAtStart, loadAtEnd, Reused: false);
        }
        finally
        {
            File.Delete(results);
        }
    }

    /// <summary>The database as it sits on disk: its file and the write-ahead log not yet folded into it.</summary>
    private static long DatabaseBytes(string database) =>
        new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}

/// <summary>One measured step of the ladder. Seconds, CPU and peak are null when the step failed before measuring.</summary>
internal sealed record BenchStep(
    int Workers,
    string Step,
    DateTimeOffset MeasuredAt,
    int ExitCode,
    double? Seconds,
    double? CpuSeconds,
    double? PeakWorkingSetMb,
    long Rows,
    long DatabaseBytes,
    double[]? LoadAtStart,
    double[]? LoadAtEnd,
    bool Reused);

/// <summary>How a step's time grows from one size to the next: log(t2/t1)/log(n2/n1); 1.0 is linear.</summary>
internal sealed record BenchExponent(string Step, int FromWorkers, int ToWorkers, double? Wall, double? Cpu);

internal sealed record BenchMachineInfo(string Os, string Runtime, int Cores, string? CpuModel, double? MemoryGib, string Version);

internal sealed record BenchRun(
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    BenchMachineInfo Machine,
    double[]? LoadAtStart,
    double[]? LoadAtEnd,
    IReadOnlyList<int> Sizes,
    List<BenchStep> Steps,
    List<BenchExponent> Exponents);

internal static class BenchMachine
{
    public static BenchMachineInfo Describe()
    {
        string? cpu = null;
        double? memory = null;
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }

        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
            {
                memory = kib / (1024.0 * 1024);
            }
        }

        memory ??= GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var version = typeof(BenchMachine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
        return new BenchMachineInfo(RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Environment.ProcessorCount, cpu, Math.Round(memory.Value, 1), version);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux); null where the system does not say.</summary>
    public static double[]? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
                : null;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal static class BenchLadder
{
    /// <summary>Strict: positive whole numbers, ascending, no repeats. A typo must not run a different ladder.</summary>
    public static bool TryParseSizes(string text, out IReadOnlyList<int> sizes, out string? error)
    {
        var list = new List<int>();
        sizes = list;
        foreach (var part in text.Split(','))
        {
            var trimmed = part.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
            if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 10)
            {
                error = $"'{part.Trim()}' is not a number of workers (whole numbers of at least 10, comma-separated, e.g. 10000,100000)";
                return false;
            }

            if (list.Count > 0 && n <= list[^1])
            {
                error = $"sizes must ascend without repeats; {n.ToString(CultureInfo.InvariantCulture)} follows {list[^1].ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            list.Add(n);
        }

        error = null;
        return true;
    }

    public static IEnumerable<BenchExponent> Exponents(IReadOnlyList<BenchStep> steps)
    {
        foreach (var group in steps.GroupBy(s => s.Step))
        {
            var ordered = group.OrderBy(s => s.Workers).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (a, b) = (ordered[i - 1], ordered[i]);
                yield return new BenchExponent(group.Key, a.Workers, b.Workers, Exponent(a.Seconds, b.Seconds, a.Workers, b.Workers), Exponent(a.CpuSeconds, b.CpuSeconds, a.Workers, b.Workers));
            }
        }
    }

    public static double? Exponent(double? t1, double? t2, int n1, int n2) =>
        t1 is > 0 && t2 is > 0 ? Math.Round(Math.Log(t2.Value / t1.Value) / Math.Log((double)n2 / n1), 2) : null;

    public static string Markdown(BenchRun run)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var m = run.Machine;
        md.AppendLine(c, $"Scale ladder, `bench all`, {run.StartedAt:yyyy-MM-dd HH:mm}–{run.FinishedAt:HH:mm} UTC, Audit {m.Version}");
        md.AppendLine();
        md.AppendLine(c, $"Machine: {m.Cores} cores{(m.CpuModel is null ? "" : $" ({m.CpuModel})")}, {m.MemoryGib?.ToString("0.0", c)} GiB memory, {m.Os}, {m.Runtime}; load average (1/5/15 min) {Load(run.LoadAtStart)} at start, {Load(run.LoadAtEnd)} at end.");
        md.AppendLine();
        var sizes = run.Sizes;
        md.Append("| step |");
        foreach (var n in sizes)
        {
            md.Append(c, $" {n:N0} workers |");
        }

        for (var i = 1; i < sizes.Count; i++)
        {
            md.Append(c, $" growth {Short(sizes[i - 1])}→{Short(sizes[i])} |");
        }

        md.AppendLine();
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", 1 + sizes.Count + Math.Max(0, sizes.Count - 1))));
        foreach (var step in run.Steps.Select(s => s.Step).Distinct())
        {
            md.Append(c, $"| {step} |");
            foreach (var n in sizes)
            {
                var s = run.Steps.FirstOrDefault(x => x.Step == step && x.Workers == n);
                md.Append(c, $" {Cell(s)} |");
            }

            for (var i = 1; i < sizes.Count; i++)
            {
                var e = run.Exponents.FirstOrDefault(x => x.Step == step && x.ToWorkers == sizes[i]);
                md.Append(c, $" {(e?.Wall is { } w ? w.ToString("0.00", c) : "—")} (CPU {(e?.Cpu is { } cpu ? cpu.ToString("0.00", c) : "—")}) |");
            }

            md.AppendLine();
        }

        md.Append("| database on disk after the ladder |");
        foreach (var n in sizes)
        {
            var last = run.Steps.LastOrDefault(x => x.Workers == n);
            md.Append(c, $" {(last is null ? "—" : Megabytes(last.DatabaseBytes))} |");
        }

        md.AppendLine(string.Concat(Enumerable.Repeat(" |", Math.Max(0, sizes.Count - 1))));
        md.AppendLine();
        md.AppendLine("Each cell: wall time · peak working set of that step's own process. Growth: log(t₂/t₁)/log(n₂/n₁) of wall time (1.00 is linear), CPU time's in brackets.");
        md.AppendLine();
        md.AppendLine("| workers | step | wall s | CPU s | peak MB | rows | database MB after | load at start | load at end | measured (UTC) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in run.Steps)
        {
            md.AppendLine(c, $"| {s.Workers:N0} | {s.Step}{(s.Reused ? " (seeded earlier, reused)" : "")}{(s.ExitCode != 0 ? $" **failed, exit {s.ExitCode}**" : "")} | {s.Seconds?.ToString("0.0", c) ?? "—"} | {s.CpuSeconds?.ToString("0.0", c) ?? "—"} | {s.PeakWorkingSetMb?.ToString("N0", c) ?? "—"} | {(s.Rows > 0 ? s.Rows.ToString("N0", c) : "")} | {(s.DatabaseBytes / (1024.0 * 1024)).ToString("N0", c)} | {Load(s.LoadAtStart)} | {Load(s.LoadAtEnd)} | {s.MeasuredAt:yyyy-MM-dd HH:mm} |");
        }

        return md.ToString();
    }

    private static string Cell(BenchStep? s) => s switch
    {
        null => "—",
        { ExitCode: not 0 } => $"failed (exit {s.ExitCode.ToString(CultureInfo.InvariantCulture)})",
        _ => $"{s.Seconds?.ToString("0.0", CultureInfo.InvariantCulture)} s · {s.PeakWorkingSetMb?.ToString("N0", CultureInfo.InvariantCulture)} MB",
    };

    private static string Megabytes(long bytes) => bytes >= 1L << 30
        ? $"{(bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} GB"
        : $"{(bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} MB";

    private static string Short(int n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{(n / 1_000_000).ToString(CultureInfo.InvariantCulture)}M",
        >= 1_000 when n % 1_000 == 0 => $"{(n / 1_000).ToString(CultureInfo.InvariantCulture)}k",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Load(double[]? load) => load is null ? "n/a" : string.Join(" / ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));
}
