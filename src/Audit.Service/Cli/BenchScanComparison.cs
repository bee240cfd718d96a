using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Audit.Service.Cli;

/// <summary>One measurement of `bench scan`: wall and CPU time, allocation, peak memory and the machine's load meanwhile.</summary>
internal sealed record BenchMeasurement(
    string What,
    double WallSeconds,
    double CpuSeconds,
    long Rows,
    double AllocatedMegabytes,
    int Gen0Collections,
    double PeakWorkingSetMegabytes,
    double LoadBefore,
    double LoadAfter)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Print(string label) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label}: {WallSeconds:0.00} s wall, {CpuSeconds:0.00} s CPU, {Rows:N0} rows, {Rows / WallSeconds:N0} rows/s, {AllocatedMegabytes:N0} MB allocated, {Gen0Collections:N0} gen-0 collections, peak working set {PeakWorkingSetMegabytes:N0} MB, load average {LoadBefore:0.0} → {LoadAfter:0.0}"));

    public void Save(string? path)
    {
        if (path is not null)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        }
    }

    public static BenchMeasurement Load(string path) => JsonSerializer.Deserialize<BenchMeasurement>(File.ReadAllText(path), Json)
        ?? throw new InvalidOperationException($"{path} holds no measurement.");

    /// <summary>The one-minute load average (Linux); 0 where the system does not say.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

/// <summary>Takes the process's clocks and counters at the start of a measurement.</summary>
internal sealed class BenchMeter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly double _load = BenchMeasurement.LoadAverage();

    public static BenchMeter Start() => new();

    public BenchMeasurement Stop(string what, long rows)
    {
        var wall = _clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return new BenchMeasurement(
            what,
            wall,
            (process.TotalProcessorTime - _cpu).TotalSeconds,
            rows,
            (GC.GetTotalAllocatedBytes() - _allocated) / (1024.0 * 1024),
            GC.CollectionCount(0) - _gen0,
            process.PeakWorkingSet64 / (1024.0 * 1024),
            _load,
            BenchMeasurement.LoadAverage());
    }
}

/// <summary>
/// The scan against its two baselines, in rounds (scan, plain read, C-API read), each measurement in a process of its
/// own so its peak memory is its own and no JIT or heap carries over. On a shared machine the load changes by the
/// minute: interleaving puts each round's three measurements under about the same load, and the medians say the rest.
/// </summary>
internal static class ScanComparison
{
    private static readonly string[] Order = ["scan", "plain-read", "c-api"];

    public static async Task<int> RunAsync(int runs, CancellationToken cancellationToken)
    {
        var measured = Order.ToDictionary(w => w, _ => new List<BenchMeasurement>(), StringComparer.Ordinal);
        for (var round = 1; round <= runs; round++)
        {
            foreach (var what in Order)
            {
                Console.WriteLine($"round {round.ToString(CultureInfo.InvariantCulture)}/{runs.ToString(CultureInfo.InvariantCulture)}, {what}:");
                var result = Path.Combine(Path.GetTempPath(), $"audit-bench-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{what}.json");
                var exit = await RunChildAsync(["bench", "scan", "--only", what, "--result", result], cancellationToken);
                if (exit != 0)
                {
                    Console.Error.WriteLine($"bench scan --only {what} failed (exit code {exit.ToString(CultureInfo.InvariantCulture)})");
                    return exit;
                }

                measured[what].Add(BenchMeasurement.Load(result));
                File.Delete(result);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"over {runs.ToString(CultureInfo.InvariantCulture)} interleaved round(s), median (range):");
        foreach (var what in Order)
        {
            var m = measured[what];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what,-10} wall {Spread(m.Select(x => x.WallSeconds))} s, CPU {Spread(m.Select(x => x.CpuSeconds))} s, peak working set {Spread(m.Select(x => x.PeakWorkingSetMegabytes), "N0")} MB"));
        }

        Ratio("scan / plain read", measured["scan"], measured["plain-read"]);
        Ratio("scan / C-API read", measured["scan"], measured["c-api"]);
        var loads = measured.Values.SelectMany(m => m).SelectMany(m => new[] { m.LoadBefore, m.LoadAfter }).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  load average during the rounds: {loads.Min():0.0}–{loads.Max():0.0} on {Environment.ProcessorCount} cores"));
        return 0;
    }

    /// <summary>Each round's ratio (its three measurements ran under about the same load), as a median and range.</summary>
    private static void Ratio(string label, List<BenchMeasurement> scan, List<BenchMeasurement> baseline)
    {
        var wall = scan.Zip(baseline, (s, b) => s.WallSeconds / b.WallSeconds);
        var cpu = scan.Zip(baseline, (s, b) => s.CpuSeconds / b.CpuSeconds);
        Console.WriteLine($"  {label}: {Spread(wall, "0.00")}× wall, {Spread(cpu, "0.00")}× CPU");
    }

    private static string Spread(IEnumerable<double> values, string format = "0.00")
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var text = median.ToString(format, CultureInfo.InvariantCulture);
        return sorted.Count == 1 ? text : $"{text} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    /// <summary>Runs this program again with the given arguments (through `dotnet` when that is how it was started), passing its output through.</summary>
    private static async Task<int> RunChildAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScanComparison).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode;
    }
}
