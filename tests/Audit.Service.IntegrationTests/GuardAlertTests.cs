using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Service.Demo;
using Audit.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>A webhook receiver on loopback: keeps every request, answers 503 while told to be down.</summary>
public sealed class WebhookSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookSink()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/audit";

    public bool Down { get; set; }

    public ConcurrentQueue<(DateTime At, int Answered, IReadOnlyDictionary<string, string> Headers, byte[] Body)> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var status = Down ? 503 : 204;
            Requests.Enqueue((DateTime.UtcNow, status, headers, body.ToArray()));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>
/// Alerts as lineage arrives (issue 22), on the demo with a webhook configured: a START event of a job that carries
/// security telemetry into training reaches the webhook within seconds, signed; it is listed by the API; the same event
/// posted again sends nothing; a receiver that is down gets the same delivery once it is back.
/// </summary>
public sealed class GuardAlertTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests-0123456789";
    private readonly WebhookSink _sink = new();
    private readonly SmtpSink _smtp = new();
    private ApiApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new ApiApp(new Dictionary<string, string>
        {
            ["Guard:Webhooks:0:Url"] = _sink.Url, ["Guard:Webhooks:0:Secret"] = Secret, ["Guard:Recipients:0"] = "dpo@example.test",
            ["Delivery:Smtp:Host"] = "127.0.0.1", ["Delivery:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:Smtp:Security"] = "None", ["Delivery:Smtp:From"] = "audit@example.test",
        });
        await _app.InitializeAsync();
        await _app.Services.GetRequiredService<DemoSeeder>().SeedAsync(Path.Combine(_app.World.Root, "demo"), new DemoOptions(Workers: 120, Seed: 42));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _sink.Dispose();
        await _smtp.DisposeAsync();
    }

    private static string Start(string runId, string job = "shadow-train") => $$$$"""
        {"eventType":"START","eventTime":"{{{{DateTime.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}}}","producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.0/client/python",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent","run":{"runId":"{{{{runId}}}}"},
         "job":{"namespace":"ml","name":"{{{{job}}}}","facets":{"audit_purpose":{"_producer":"https://example.test/pipelines","_schemaURL":"https://example.test/AuditPurposeJobFacet.json","purpose":"ai_training"}}},
         "inputs":[{"namespace":"s3://northwind-capture","name":"dlp/incident-response"}],
         "outputs":[{"namespace":"s3://northwind-ml","name":"training/agent-trajectories"}]}
        """;

    private async Task<HttpStatusCode> PostAsync(string json)
    {
        using var client = _app.Client(Role.Ingest);
        using var response = await client.PostAsync(new Uri("/api/v1/lineage", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    [Fact]
    public async Task AShadowTrainingRun_ReachesTheWebhookSigned_IsListed_AndARepeatSendsNothing()
    {
        var posted = DateTime.UtcNow;
        var start = Start("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        Assert.Equal(HttpStatusCode.Created, await PostAsync(start));

        // The demo's own runs alert too (its ir-anonymizer job carries the incident-response store into training).
        await Poll.UntilAsync(() => Task.FromResult(_sink.Requests.Any(r => Of(r.Body) == ("shadow-train", "R1")) ? "R1" : null), "the R1 alert to reach the webhook", TimeSpan.FromSeconds(30));
        var r1 = _sink.Requests.First(r => Of(r.Body) == ("shadow-train", "R1"));
        Assert.True(r1.At - posted < TimeSpan.FromSeconds(15), $"the webhook heard of it after {(r1.At - posted).TotalSeconds:N1} s");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), r1.Body));
        Assert.Equal(expected, r1.Headers["X-Audit-Signature"]);
        Assert.Equal("guard.alert", r1.Headers["X-Audit-Event"]);
        Assert.Equal(32, r1.Headers["X-Audit-Delivery"].Length);
        using (var body = JsonDocument.Parse(r1.Body))
        {
            var root = body.RootElement;
            Assert.Equal("shadow-train", root.GetProperty("run").GetProperty("job").GetProperty("name").GetString());
            Assert.Equal("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", root.GetProperty("run").GetProperty("runId").GetString());
            Assert.Equal(["s3://northwind-capture/dlp/incident-response"], root.GetProperty("datasets").GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
            Assert.True(root.GetProperty("counts").GetProperty("workers").GetInt32() > 0);
        }

        using var compliance = _app.Client(Role.Compliance);
        var alerts = await compliance.GetFromJsonAsync<JsonElement>("/api/v1/guard/alerts?job=ml/shadow-train&rule=R1");
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(2, alert.GetProperty("deliveries").GetInt32()); // the webhook and the compliance recipient
        await Poll.UntilAsync(async () => (await compliance.GetFromJsonAsync<JsonElement>("/api/v1/guard/alerts?job=ml/shadow-train&rule=R1"))[0].GetProperty("delivered").GetInt32() == 2 ? "both" : null,
            "both deliveries to be taken", TimeSpan.FromSeconds(60));

        // Every alert of the run (R1, and the other rules it breaks) delivered before counting what the webhook heard.
        await Poll.UntilAsync(async () => (await compliance.GetFromJsonAsync<JsonElement>("/api/v1/guard/alerts?job=ml/shadow-train")).EnumerateArray()
                .All(a => a.GetProperty("delivered").GetInt32() == a.GetProperty("deliveries").GetInt32()) ? "all" : null,
            "every alert's deliveries to be taken", TimeSpan.FromSeconds(60));

        // The same event again is a repeat: nothing judged, nothing sent.
        int Heard() => _sink.Requests.Count(r => Of(r.Body).Job == "shadow-train");
        var heard = Heard();
        Assert.Equal(HttpStatusCode.Created, await PostAsync(start));
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(heard, Heard());

        // The run's COMPLETE breaks the same rules: still one alert per (run, rule).
        Assert.Equal(HttpStatusCode.Created, await PostAsync(start.Replace("\"START\"", "\"COMPLETE\"", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(heard, Heard());
        using var ingest = _app.Client(Role.Ingest);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync(new Uri("/api/v1/guard/alerts", UriKind.Relative))).StatusCode);
        var trail = await _app.QueryAsync<string>("SELECT Details FROM AuditLog WHERE Action = 'guard-alert'");
        Assert.Contains(trail, s => s.StartsWith("R1: run 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b of job ml/shadow-train", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReceiverThatIsDown_GetsTheSameDelivery_OnceItIsBack()
    {
        _sink.Down = true;
        Assert.Equal(HttpStatusCode.Created, await PostAsync(Start("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4aff", "shadow-train-2")));
        await Poll.UntilAsync(() => Task.FromResult(_sink.Requests.Any(r => r.Answered == 503) ? "refused" : null), "a first, refused attempt", TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => Task.FromResult(_sink.Requests.Any(r => Of(r.Body).Job == "shadow-train-2") ? "refused" : null), "the run's alerts to be tried", TimeSpan.FromSeconds(30));
        var refused = _sink.Requests.Where(r => r.Answered == 503).Select(r => r.Headers["X-Audit-Delivery"]).ToHashSet();

        _sink.Down = false;
        await Poll.UntilAsync(() => Task.FromResult(refused.All(id => _sink.Requests.Any(r => r.Answered == 204 && r.Headers["X-Audit-Delivery"] == id)) ? "delivered" : null),
            "every refused delivery to be retried and taken", TimeSpan.FromSeconds(90));
        var delivered = await _app.QueryAsync<string>("SELECT Status FROM GuardDelivery WHERE Url NOT LIKE 'mailto:%'");
        Assert.All(delivered, s => Assert.Equal("delivered", s));
    }

    [Fact]
    public async Task TheComplianceRecipient_IsMailedTheAlertInWords_WithTheWebhookBodyAttached()
    {
        Assert.Equal(HttpStatusCode.Created, await PostAsync(Start("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a77", "shadow-train-mail")));
        bool IsIt((IReadOnlyList<string> Recipients, MimeKit.MimeMessage Message) m) =>
            m.Message.Subject is { } subject && subject.StartsWith("Audit guard alert: R1 ", StringComparison.Ordinal) && subject.EndsWith("ml/shadow-train-mail", StringComparison.Ordinal);
        await Poll.UntilAsync(() => Task.FromResult(_smtp.Received.Any(IsIt) ? "mailed" : null), "the R1 alert to be mailed", TimeSpan.FromSeconds(30));
        var (recipients, message) = _smtp.Received.First(IsIt);
        Assert.Contains("dpo@example.test", recipients); // a blind copy, next to the sender (the visible addressee)
        Assert.Empty(message.Cc);
        Assert.DoesNotContain(message.To.Mailboxes, m => m.Address == "dpo@example.test");
        var text = message.TextBody ?? string.Empty;
        Assert.Contains("Run 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a77 of job ml/shadow-train-mail", text, StringComparison.Ordinal);
        Assert.Contains("s3://northwind-capture/dlp/incident-response", text, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("application/json", attachment.ContentType.MimeType);
        using var stream = new MemoryStream();
        await (attachment.Content ?? throw new InvalidOperationException("the attachment is empty")).DecodeToAsync(stream);
        Assert.Equal(("shadow-train-mail", "R1"), Of(stream.ToArray()));
        var mail = await _app.QueryAsync<string>("SELECT d.Status FROM GuardDelivery d JOIN GuardAlert a ON a.AlertId = d.AlertId WHERE d.Url = 'mailto:dpo@example.test' AND a.JobName = 'shadow-train-mail' AND a.RuleCode = 'R1'");
        Assert.Equal("delivered", Assert.Single(mail));
    }

    private static (string? Job, string? Rule) Of(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return (document.RootElement.GetProperty("run").GetProperty("job").GetProperty("name").GetString(), document.RootElement.GetProperty("rule").GetString());
    }
}
