using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Mail;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Audit.Service.Guard;

/// <summary>
/// Sends an alert to one target. A webhook gets a JSON body naming the run, job, rule, datasets and counts, signed
/// (<c>X-Audit-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the webhook's secret&gt;</c>), with
/// <c>X-Audit-Delivery</c> (the delivery's id, the same on every attempt) and <c>X-Audit-Event: guard.alert</c>.
/// A mail recipient (<c>Guard:Recipients</c>, when <c>Delivery:Smtp:Host</c> is set; stored as <c>mailto:</c>) gets
/// the alert in words with the same JSON attached. A delivery its target took is never sent again.
/// </summary>
public sealed class GuardDeliveries(Database database, IOptions<GuardOptions> options, IOptions<DeliveryOptions> delivery, TimeProvider? time = null) : IDisposable
{
    public const string EventName = "guard.alert";
    public const string SignatureHeader = "X-Audit-Signature";
    public const string DeliveryHeader = "X-Audit-Delivery";
    public const string EventHeader = "X-Audit-Event";
    public const string MailScheme = "mailto:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>One attempt: true when delivered (now or before), false when the receiver failed or could not be reached.</summary>
    public async Task<bool> SendAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(database.Sql["GuardDelivery_GetById"], new { DeliveryId = deliveryId }, cancellationToken: cancellationToken));
        if (row is null || row.Status == "delivered")
        {
            return true;
        }

        if (!Targets(options.Value, delivery.Value).Contains(row.Url))
        {
            await RecordAsync(connection, deliveryId, "abandoned", "the target is no longer configured");
            return true;
        }

        var (delivered, result) = row.Url.StartsWith(MailScheme, StringComparison.Ordinal)
            ? await MailAsync(row.Url[MailScheme.Length..], row.Alert.ToRecord(), cancellationToken)
            : await PostAsync(row.Url, deliveryId, row.Alert.ToRecord(), cancellationToken);
        await RecordAsync(connection, deliveryId, delivered ? "delivered" : "pending", result);
        return delivered;
    }

    /// <summary>Where each new alert goes: every webhook, and every recipient when a mail server is configured.</summary>
    public static IReadOnlyList<string> Targets(GuardOptions guard, DeliveryOptions delivery) =>
        [.. guard.Webhooks.Select(h => h.Url),
         .. delivery.Smtp.IsConfigured ? guard.Recipients.Distinct(StringComparer.OrdinalIgnoreCase).Select(r => MailScheme + r) : []];

    private async Task<(bool Delivered, string Result)> PostAsync(string url, string deliveryId, GuardAlertRecord alert, CancellationToken cancellationToken)
    {
        // The secret is the configured one for the URL now (a rotated secret signs the retries).
        var hook = options.Value.Webhooks.First(h => h.Url == url);
        var body = Body(alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, hook.Secret));
        request.Headers.Add(DeliveryHeader, deliveryId);
        request.Headers.Add(EventHeader, EventName);
        string result;
        var delivered = false;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            delivered = response.IsSuccessStatusCode;
            result = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            result = ex is TaskCanceledException ? "no answer within 10 s" : ex.Message;
        }

        return (delivered, result);
    }

    private async Task<(bool Delivered, string Result)> MailAsync(string recipient, GuardAlertRecord alert, CancellationToken cancellationToken)
    {
        var smtp = delivery.Value.Smtp;
        var body = new BodyBuilder { TextBody = MailText(alert) };
        body.Attachments.Add($"guard-alert-{alert.AlertId}.json", Body(alert), new ContentType("application", "json"));
        var message = SmtpSender.Message(smtp, [recipient], $"Audit guard alert: {alert.Rule} in run {alert.RunId} of {alert.Job}", body.ToMessageBody());
        try
        {
            await SmtpSender.SendAsync(smtp, message, cancellationToken);
            return (true, "mailed");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or TimeoutException)
        {
            return (false, ex.Message.Length > 400 ? ex.Message[..400] : ex.Message);
        }
    }

    /// <summary>The alert in words, for a person.</summary>
    public static string MailText(GuardAlertRecord alert) => string.Join('\n',
        $"{alert.Rule}: {alert.Title}",
        string.Empty,
        $"Run {alert.RunId} of job {alert.Job}, event at {alert.EventTime:yyyy-MM-dd HH:mm:ss} UTC, moved data of {alert.Workers} workers ({alert.Batches} batches).",
        $"Read: {string.Join(", ", alert.Inputs)}",
        $"Wrote: {string.Join(", ", alert.Outputs)}",
        $"Path: {string.Join(" -> ", alert.Path)}",
        $"Findings: {string.Join(", ", alert.Findings)}",
        string.Empty,
        "The alert is on the service's /guard page and in GET /api/v1/guard/alerts; the attached JSON is what webhooks receive.");

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256 of the body with the secret: what a receiver recomputes.</summary>
    public static string Sign(byte[] body, string secret) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The body: the same bytes for every attempt of a delivery.</summary>
    public static byte[] Body(GuardAlertRecord alert) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @event = EventName,
        alertId = alert.AlertId,
        raisedAt = alert.RaisedAt,
        run = new { runId = alert.RunId, job = new { @namespace = alert.Job.Namespace, name = alert.Job.Name }, eventTime = alert.EventTime },
        rule = alert.Rule,
        title = alert.Title,
        findings = alert.Findings,
        datasets = new { inputs = alert.Inputs, outputs = alert.Outputs, path = alert.Path },
        counts = new { workers = alert.Workers, batches = alert.Batches },
    }, Json);

    private Task RecordAsync(System.Data.Common.DbConnection connection, string deliveryId, string status, string result) =>
        connection.ExecuteAsync(database.Sql["GuardDelivery_Record"], new { DeliveryId = deliveryId, At = TypeHandlers.ToWholeSecond(_time.GetUtcNow().UtcDateTime), Status = status, Result = result });

    public void Dispose() => _http.Dispose();

    private sealed class DeliveryRow
    {
        public string DeliveryId { get; set; } = string.Empty;

        public string Url { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public int Attempts { get; set; }

        public GuardAlertRow Alert => new()
        {
            AlertId = AlertId, RunKey = RunKey, RunId = RunId, JobNamespace = JobNamespace, JobName = JobName, RuleCode = RuleCode, Title = Title, Findings = Findings,
            Workers = Workers, Batches = Batches, Inputs = Inputs, Outputs = Outputs, Path = Path, EventTime = EventTime, RaisedAt = RaisedAt,
        };

        public string AlertId { get; set; } = string.Empty;

        public string RunKey { get; set; } = string.Empty;

        public string RunId { get; set; } = string.Empty;

        public string JobNamespace { get; set; } = string.Empty;

        public string JobName { get; set; } = string.Empty;

        public string RuleCode { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public string Findings { get; set; } = "[]";

        public int Workers { get; set; }

        public long Batches { get; set; }

        public string Inputs { get; set; } = "[]";

        public string Outputs { get; set; } = "[]";

        public string Path { get; set; } = "[]";

        public object EventTime { get; set; } = DateTime.MinValue;

        public object RaisedAt { get; set; } = DateTime.MinValue;
    }
}

/// <summary>A delivery a receiver did not take at once: Hangfire retries it with growing delays, across restarts.</summary>
public sealed class GuardDeliveryJob(GuardDeliveries deliveries)
{
    /// <exception cref="InvalidOperationException">Not delivered this time (Hangfire schedules the next attempt).</exception>
    [AutomaticRetry(Attempts = 15, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Guard alert delivery {0}")]
    public async Task DeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (!await deliveries.SendAsync(deliveryId, cancellationToken))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"guard alert delivery {deliveryId} was not taken; retrying"));
        }
    }
}

/// <summary>
/// Runs in `serve`: wakes on each commit of new lineage (and every two seconds, for events imported by the CLI or left
/// by a restart), judges what is pending, tries each new delivery at once and leaves what fails to Hangfire's retries.
/// Never in the way of lineage intake: it reads committed rows only.
/// </summary>
public sealed class GuardAlerter(GuardAlerts alerts, GuardDeliveries deliveries, LineageSignal signal, IBackgroundJobClient jobs, ILogger<GuardAlerter> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var (judged, created) = await alerts.ProcessPendingAsync(stoppingToken);
                    foreach (var delivery in created)
                    {
                        var id = delivery.Id;
                        if (delivery.Mail)
                        {
                            // A mail server's pace must not hold up the next run's webhooks: mail goes through a job.
                            jobs.Enqueue<GuardDeliveryJob>(j => j.DeliverAsync(id, CancellationToken.None));
                        }
                        else if (!await deliveries.SendAsync(id, stoppingToken))
                        {
                            jobs.Schedule<GuardDeliveryJob>(j => j.DeliverAsync(id, CancellationToken.None), TimeSpan.FromSeconds(15));
                        }
                    }

                    if (judged < GuardAlerts.BatchSize)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The pending rows stay: the next pass judges them again.
                log.LogError(ex, "The guard could not judge pending lineage; it retries in a few seconds.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
