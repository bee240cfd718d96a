using Audit.Service.Configuration;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Guard;
using Audit.Service.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// Asks the guard the README's three flows (deny, allow, allow with exclusions) over and over from concurrent callers,
/// in process (the code behind POST /api/v1/guard/decisions, without HTTP), on the benchmark organisation
/// (<c>bench seed</c> first), and prints decisions/s and the p50/p99 time of one decision, logging included.
/// </summary>
internal sealed class BenchGuardCommand(IConfiguration configuration) : AsyncCommand<BenchGuardCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--decisions <N>")]
        [Description("How many decisions to ask for.")]
        [DefaultValue(200)]
        public int Decisions { get; init; } = 200;

        [CommandOption("--concurrency <N>")]
        [Description("Callers at once (each waits for its answer before asking again).")]
        [DefaultValue(16)]
        public int Concurrency { get; init; } = 16;

        public override ValidationResult Validate() =>
            Decisions < 1 ? ValidationResult.Error("--decisions: at least 1.")
            : Concurrency < 1 ? ValidationResult.Error("--concurrency: at least 1.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Database))
        {
            await Console.Error.WriteLineAsync($"audit: {settings.Database} does not exist; run `{Invocation.Command("bench seed")}` first.");
            return 64;
        }

        await using var services = Bench.Services(configuration, settings.Database);
        services.GetRequiredService<Migrator>().Migrate();
        var guard = services.GetRequiredService<GuardService>();
        var at = guard.Now;
        static LineageName N(string ns, string name) => new(ns, name);
        ProposedFlow[] flows =
        [
            new(N("ml", "shadow-train"), [N("s3://northwind-capture", "dlp/incident-response")], [new(N("s3://northwind-ml", "training/agent-trajectories"), null)], Purpose.AiTraining, at),
            new(N("analytics", "weekly"), [N("s3://northwind-capture", "analytics/productivity")], [new(N("s3://northwind-capture", "analytics/weekly"), null)], Purpose.Productivity, at),
            new(N("ml", "assist-sft-v3"), [N("s3://northwind-capture", "annotation/raw")], [new(N("s3://northwind-ml", "training/assist-sft-v3"), null)], Purpose.AiTraining, at),
        ];
        var caller = new Caller("bench", Role.Ingest);

        // One of each first: the answers the timed ones must repeat, and warm caches and JIT.
        var expected = new List<string>();
        foreach (var flow in flows)
        {
            expected.Add((await guard.DecideAsync(flow, caller, GuardService.SourceApi, "bench guard", cancellationToken)).Decision);
        }

        var latencies = new double[settings.Decisions];
        var next = -1;
        var wrong = 0;
        var meter = BenchMeter.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < latencies.Length)
            {
                var started = Stopwatch.GetTimestamp();
                var record = await guard.DecideAsync(flows[i % flows.Length], caller, GuardService.SourceApi, "bench guard", cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (record.Decision != expected[i % flows.Length])
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }, cancellationToken)));
        clock.Stop();
        meter.Stop("guard", settings.Decisions).Save(settings.Result);
        Array.Sort(latencies);
        string Ms(double q) => latencies[(int)Math.Min(latencies.Length - 1, Math.Ceiling(q * latencies.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        Bench.Report($"guard decisions in process, {settings.Concurrency} callers ({string.Join(", ", expected)})", clock, settings.Decisions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decisions/s {settings.Decisions / clock.Elapsed.TotalSeconds:N1}; latency p50 {Ms(0.50)} ms, p99 {Ms(0.99)} ms, max {latencies[^1]:0.0} ms; answers that changed: {wrong}; load average {Load(BenchMachine.LoadAverage())}"));
        return wrong == 0 ? 0 : 1;
    }

    private static string Load(double[]? load) => load is null ? "unknown" : string.Join(" ", load.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));
}
