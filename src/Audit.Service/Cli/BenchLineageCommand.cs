using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// Posts a fixed number of generated OpenLineage events through the lineage intake (the code behind
/// POST /api/v1/lineage, without HTTP) from concurrent posters, on data/bench-lineage.db, and prints events/s
/// and the p50/p99 time from receiving a body to its acknowledgement (committed).
/// </summary>
internal sealed class BenchLineageCommand(IConfiguration configuration) : AsyncCommand<BenchLineageCommand.Settings>
{
    public const string Database = "data/bench-lineage.db";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--events <N>")]
        [Description("How many events to post.")]
        [DefaultValue(50_000)]
        public int Events { get; init; } = 50_000;

        [CommandOption("--concurrency <N>")]
        [Description("Posters at once (each waits for its acknowledgement before posting again).")]
        [DefaultValue(64)]
        public int Concurrency { get; init; } = 64;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Bench.Delete(Database);
        await using var services = Bench.Services(configuration, Database);
        services.GetRequiredService<Migrator>().Migrate();
        var intake = services.GetRequiredService<LineageIntake>();
        var bodies = Enumerable.Range(0, settings.Events).Select(i => Encoding.UTF8.GetBytes(LineageFeed.Event(i))).ToArray();
        var latencies = new double[settings.Events];
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await intake.ReceiveAsync(new MemoryStream(bodies[i], writable: false), "application/json", null, 1 << 20, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (outcome.Status != 201)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken)));
        clock.Stop();
        Array.Sort(latencies);
        string Ms(double q) => latencies[(int)Math.Min(latencies.Length - 1, Math.Ceiling(q * latencies.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        Bench.Report($"lineage intake, {settings.Concurrency} posters", clock, settings.Events);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events/s {settings.Events / clock.Elapsed.TotalSeconds:N0}; latency p50 {Ms(0.50)} ms, p99 {Ms(0.99)} ms, max {latencies[^1]:0.0} ms; not 201: {failures}"));
        return failures == 0 ? 0 : 1;
    }
}

/// <summary>Writes a generated NDJSON feed of a given size, for the import memory check (e.g. 500 MB).</summary>
internal sealed class BenchLineageFeedCommand : AsyncCommand<BenchLineageFeedCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--megabytes <N>")]
        [Description("Size of the file to write.")]
        [DefaultValue(500)]
        public int Megabytes { get; init; } = 500;

        [CommandOption("--out <FILE>")]
        [Description("Where to write it.")]
        [DefaultValue("data/bench-lineage.ndjson")]
        public string Out { get; init; } = "data/bench-lineage.ndjson";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Out))!);
        var target = (long)settings.Megabytes * 1024 * 1024;
        long written = 0;
        var events = 0;
        await using (var file = new StreamWriter(settings.Out, false, new UTF8Encoding(false), 1 << 16))
        {
            while (written < target)
            {
                var line = LineageFeed.Event(events++);
                await file.WriteAsync(line.AsMemory(), cancellationToken);
                await file.WriteAsync("\n".AsMemory(), cancellationToken);
                written += Encoding.UTF8.GetByteCount(line) + 1;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings.Out}: {events:N0} events, {written / (1024.0 * 1024):N0} MB"));
        return 0;
    }
}

/// <summary>
/// Realistic generated events: 40 jobs over 400 datasets, each run a START and a COMPLETE (with schema and
/// columnLineage facets), one in fifty runs failing instead.
/// </summary>
internal static class LineageFeed
{
    private const string Template = """
        {"eventType":"@TYPE@","eventTime":"@TIME@","run":{"runId":"@RUN@","facets":{"nominalTime":{"_producer":"https://example.test/bench","_schemaURL":"https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json","nominalStartTime":"@NOMINAL@"}}},"job":{"namespace":"bench","name":"job-@JOB@"},"inputs":[{"namespace":"s3://capture","name":"dataset-@SOURCE@","facets":{"schema":{"_producer":"https://example.test/bench","_schemaURL":"https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json","fields":[{"name":"worker_id","type":"VARCHAR"},{"name":"keystrokes","type":"VARCHAR"},{"name":"captured_at","type":"TIMESTAMP"}]}}}],"outputs":[{"namespace":"s3://ml","name":"dataset-@TARGET@","facets":{"columnLineage":{"_producer":"https://example.test/bench","_schemaURL":"https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json","fields":{"keystrokes":{"inputFields":[{"namespace":"s3://capture","name":"dataset-@SOURCE@","field":"keystrokes","transformations":[{"type":"DIRECT","subtype":"IDENTITY","masking":@MASKED@}]}]}}}}}],"producer":"https://example.test/bench","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
        """;

    public static string Event(int i)
    {
        var run = i / 2;
        var job = run % 40;
        var source = (run * 7) % 400;
        var target = (source + 1 + (run % 3)) % 400;
        var type = i % 2 == 0 ? "START" : (run % 50 == 49 ? "FAIL" : "COMPLETE");
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(run * 60L + (i % 2 * 30)).AddTicks(run % 9_999_999);
        return Template
            .Replace("@TYPE@", type, StringComparison.Ordinal)
            .Replace("@TIME@", time.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@NOMINAL@", time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@RUN@", new Guid(run, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0).ToString("D"), StringComparison.Ordinal)
            .Replace("@JOB@", job.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@SOURCE@", source.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@TARGET@", target.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@MASKED@", run % 4 == 0 ? "true" : "false", StringComparison.Ordinal);
    }
}
