using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Guard;

/// <summary>An alert: a run that moved data against a rule, with what it moved and where the alert went.</summary>
public sealed record GuardAlertRecord(
    string AlertId,
    string RunId,
    LineageName Job,
    string Rule,
    string Title,
    IReadOnlyList<string> Findings,
    int Workers,
    long Batches,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<string> Path,
    DateTime EventTime,
    DateTime RaisedAt,
    int Delivered,
    int Deliveries);

/// <summary>Filters for the alert list; each is ignored when null.</summary>
public sealed record GuardAlertQuery(string? Rule = null, string? Job = null, DateTime? Since = null, int Limit = 100);

/// <summary>
/// Alerts as lineage arrives: every run event the lineage store keeps (posted or imported) leaves a GuardPending row;
/// this judges each run with the guard, as of the event, on what the run read and wrote over all its events (no
/// rescan: the batches upstream of its inputs only), and raises one alert per (run, rule) the run breaks. Each new alert
/// gets one delivery per webhook and per mail recipient; <see cref="GuardDeliveries"/> sends them.
/// </summary>
public sealed class GuardAlerts(Database database, GuardService guard, AuditLog log, IOptions<GuardOptions> options, IOptions<DeliveryOptions> delivery, TimeProvider? time = null)
{
    public const string PurposeFacet = "audit_purpose";
    public const int BatchSize = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Judges what is pending (up to <see cref="BatchSize"/> events); returns the new deliveries to send.</summary>
    /// <summary>Judges the oldest pending events; returns how many, and the new deliveries, each marked when it is a mail.</summary>
    public async Task<(int Judged, IReadOnlyList<NewDelivery> Deliveries)> ProcessPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var pending = (await connection.QueryAsync<(string EventHash, string RunKey, object EventTime, string Payload)>(
            new CommandDefinition(database.Sql["GuardPending_ListOldest"], new { Limit = BatchSize }, cancellationToken: cancellationToken))).ToList();
        if (pending.Count == 0)
        {
            return (0, []);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var deliveries = new List<NewDelivery>();

        // Events of one day share one read of the facts; a run's events after the first are judged with its whole lineage.
        foreach (var day in pending.Select(p => (Row: p, At: Clamp(TypeHandlers.ToUtc(p.EventTime), now))).GroupBy(p => DateOnly.FromDateTime(p.At)))
        {
            var alerts = new List<NewAlert>();
            using (await guard.AdmitAsync(cancellationToken))
            {
                var facts = await guard.ReadAsync(connection, day.Key, cancellationToken);
                try
                {
                    foreach (var (row, at) in day)
                    {
                        if (await FlowOfRunAsync(connection, row.RunKey, row.Payload, at, cancellationToken) is not (var runId, var flow))
                        {
                            continue;
                        }

                        var verdict = await guard.JudgeAsync(connection, facts, flow, cancellationToken);
                        alerts.AddRange(AlertsOf(row.RunKey, runId, flow, verdict, now));
                    }
                }
                finally
                {
                    await guard.EndReadAsync(connection);
                }
            }

            deliveries.AddRange(await StoreAsync(connection, alerts, day.Select(d => d.Row.EventHash), cancellationToken));
        }

        return (pending.Count, deliveries);
    }

    public async Task<IReadOnlyList<GuardAlertRecord>> ListAsync(GuardAlertQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GuardAlertRow>(new CommandDefinition(database.Sql["GuardAlert_List"], new { query.Rule, query.Job, query.Since, query.Limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The purpose a run's event declares in the audit_purpose job facet; undeclared when it declares none (or one that is not a purpose).</summary>
    public static Purpose DeclaredPurpose(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("job", out var job) && job.ValueKind == JsonValueKind.Object
                && job.TryGetProperty("facets", out var facets) && facets.ValueKind == JsonValueKind.Object
                && facets.TryGetProperty(PurposeFacet, out var facet) && facet.ValueKind == JsonValueKind.Object
                && facet.TryGetProperty("purpose", out var purpose) && purpose.ValueKind == JsonValueKind.String
                && FlowRequest.Purposes.TryGetValue(purpose.GetString()!, out var declared)
                ? declared
                : Purpose.None;
        }
        catch (JsonException)
        {
            return Purpose.None;
        }
    }

    private static DateTime Clamp(DateTime at, DateTime now) => at > now ? now : at;

    private async Task<(string RunId, ProposedFlow Flow)?> FlowOfRunAsync(System.Data.Common.DbConnection connection, string runKey, string payload, DateTime at, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string RunId, string JobNamespace, string JobName, string Direction, string Namespace, string Name)>(
            new CommandDefinition(database.Sql["LineageRun_ReadForGuard"], new { RunKey = runKey }, cancellationToken: cancellationToken))).ToList();
        var inputs = rows.Where(r => r.Direction == "in").Select(r => new LineageName(r.Namespace, r.Name)).ToList();
        var outputs = rows.Where(r => r.Direction == "out").Select(r => new ProposedOutput(new LineageName(r.Namespace, r.Name), null)).ToList();
        if (inputs.Count == 0 || outputs.Count == 0)
        {
            return null; // A run that moves nothing (yet) breaks no rule.
        }

        return (rows[0].RunId, new ProposedFlow(new LineageName(rows[0].JobNamespace, rows[0].JobName), inputs, outputs, DeclaredPurpose(payload), at));
    }

    /// <summary>One alert per rule the run's reasons name (its findings, the most workers any names, the batches they hold).</summary>
    private static IEnumerable<NewAlert> AlertsOf(string runKey, string runId, ProposedFlow flow, FlowVerdict verdict, DateTime now) =>
        verdict.Reasons.Where(r => r.Finding is not null).GroupBy(r => r.Rule).Select(g => new NewAlert(
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runKey + "\n" + g.Key)))[..32],
            runKey,
            runId,
            flow.Job.Namespace,
            flow.Job.Name,
            g.Key,
            g.Count() == 1 ? g.First().Title : $"{g.First().Title} (and {g.Count() - 1} more {g.Key} finding(s))",
            JsonSerializer.Serialize(g.Select(r => r.Finding), Json),
            g.Max(r => r.Workers),
            g.Sum(r => r.Batches),
            JsonSerializer.Serialize(flow.Inputs.Select(i => i.ToString()), Json),
            JsonSerializer.Serialize(flow.Outputs.Select(o => o.Dataset.ToString()), Json),
            JsonSerializer.Serialize(g.First().Path, Json),
            TypeHandlers.ToWholeSecond(flow.At),
            TypeHandlers.ToWholeSecond(now)));

    private sealed record NewAlert(
        string AlertId, string RunKey, string RunId, string JobNamespace, string JobName, string Rule, string Title, string Findings, int Workers, long Batches,
        string Inputs, string Outputs, string Path, DateTime EventTime, DateTime RaisedAt);

    /// <summary>The new alerts, their deliveries and the judged events' removal from the queue, in one transaction.</summary>
    private async Task<List<NewDelivery>> StoreAsync(System.Data.Common.DbConnection connection, List<NewAlert> alerts, IEnumerable<string> judged, CancellationToken cancellationToken)
    {
        var deliveries = new List<NewDelivery>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            if (await connection.ExecuteAsync(database.Sql["GuardAlert_InsertIfMissing"], alert, transaction) == 0)
            {
                continue; // This run broke this rule before: alerted then.
            }

            await log.AppendAsync(connection, transaction, new AuditEntry("guard", null, AuditActions.GuardAlert, $"alert {alert.AlertId}",
                $"{alert.Rule}: run {alert.RunId} of job {alert.JobNamespace}/{alert.JobName} ({alert.Title}; {alert.Workers} workers, {alert.Batches} batches)"));

            foreach (var target in GuardDeliveries.Targets(options.Value, delivery.Value))
            {
                var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alert.AlertId + "\n" + target)))[..32];
                await connection.ExecuteAsync(database.Sql["GuardDelivery_Insert"], new { DeliveryId = id, alert.AlertId, Url = target }, transaction);
                deliveries.Add(new NewDelivery(id, target.StartsWith(GuardDeliveries.MailScheme, StringComparison.Ordinal)));
            }
        }

        foreach (var hash in judged)
        {
            await connection.ExecuteAsync(database.Sql["GuardPending_Delete"], new { EventHash = hash }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return deliveries;
    }
}

/// <summary>A delivery just created: its id, and whether it goes by mail (sent by a job, never in the alerter's way).</summary>
public readonly record struct NewDelivery(string Id, bool Mail);

/// <summary>An alert as stored (a class with setters: SQLite hands times back as TEXT, SQL Server as DATETIME2).</summary>
public sealed class GuardAlertRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

    public int Delivered { get; set; }

    public int Deliveries { get; set; }

    public GuardAlertRecord ToRecord() => new(
        AlertId, RunId, new LineageName(JobNamespace, JobName), RuleCode, Title, List(Findings), Workers, Batches, List(Inputs), List(Outputs), List(Path),
        TypeHandlers.ToUtc(EventTime), TypeHandlers.ToUtc(RaisedAt), Delivered, Deliveries);

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}
