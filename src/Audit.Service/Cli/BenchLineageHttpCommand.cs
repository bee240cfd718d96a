using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Audit.Service.Cli;

/// <summary>
/// Posts a fixed number of generated OpenLineage events to a running `serve` on this machine, over HTTP with
/// an ingest key, from concurrent posters, and prints events/s and p50/p99 latency (request sent to 201
/// received). Loopback only: a load generator must never be pointed at someone else's server by a typo.
/// The events are new each run (fresh run ids) and land in the served database: run it against a throwaway one.
/// </summary>
internal sealed class BenchLineageHttpCommand : AsyncCommand<BenchLineageHttpCommand.Settings>
{
    public const string KeyVariable = "AUDIT_API_KEY";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The running serve's address (loopback only).")]
        [DefaultValue(Hosting.AuditWebHost.DefaultUrl)]
        public string Url { get; init; } = Hosting.AuditWebHost.DefaultUrl;

        [CommandOption("--events <N>")]
        [Description("How many events to post.")]
        [DefaultValue(50_000)]
        public int Events { get; init; } = 50_000;

        [CommandOption("--concurrency <N>")]
        [Description("Posters at once (each waits for its answer before posting again).")]
        [DefaultValue(32)]
        public int Concurrency { get; init; } = 32;

        public override ValidationResult Validate()
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                return ValidationResult.Error($"--url: '{Url}' is not an http(s) address");
            }

            if (!uri.IsLoopback && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                return ValidationResult.Error($"--url: '{uri.Host}' is not this machine; the load generator posts to loopback only");
            }

            return Events is < 1 or > 10_000_000 ? ValidationResult.Error("--events: between 1 and 10,000,000")
                : Concurrency is < 1 or > 1024 ? ValidationResult.Error("--concurrency: between 1 and 1024")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The key comes from the environment, never the command line (which other users can see in the process list).
        if (Environment.GetEnvironmentVariable(KeyVariable) is not { Length: > 0 } key)
        {
            await Console.Error.WriteLineAsync($"audit: set {KeyVariable} to an ingest key (keys create --role ingest --name bench)");
            return ExitCodes.Usage;
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(settings.Url),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // Fresh run ids every time, so a second run measures storing, not recognising repeats.
        var offset = Random.Shared.Next(1, 20_000) * 100_000;
        var bodies = Enumerable.Range(0, settings.Events).Select(i => Encoding.UTF8.GetBytes(LineageFeed.Event(offset + i))).ToArray();
        var latencies = new double[settings.Events];
        var statuses = new int[settings.Events];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(new Uri("/api/v1/lineage", UriKind.Relative), content, cancellationToken);
                    statuses[i] = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    statuses[i] = -1;
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)));
        clock.Stop();

        Array.Sort(latencies);
        string Ms(double q) => latencies[(int)Math.Min(latencies.Length - 1, Math.Ceiling(q * latencies.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        var byStatus = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count():N0} × {(g.Key < 0 ? "no answer" : g.Key)}")));
        Bench.Report($"lineage over HTTP to {settings.Url}, {settings.Concurrency} posters", clock, settings.Events);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events/s {settings.Events / clock.Elapsed.TotalSeconds:N0}; latency p50 {Ms(0.50)} ms, p99 {Ms(0.99)} ms, max {latencies[^1]:0.0} ms; answers: {byStatus}"));
        return statuses.All(s => s == 201) ? 0 : 1;
    }
}
