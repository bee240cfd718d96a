using System.Globalization;
using System.Text;
using System.Text.Json;
using Audit.Service.Guard;
using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>
/// The guard under /api/v1/guard: a pipeline asks before it runs (POST decisions, ingest keys), reads a decision and
/// downloads its exclusions (ingest and compliance); compliance reads the decision log.
/// </summary>
public static class GuardApi
{
    /// <summary>Largest decision request: two hundred inputs and outputs with long names fit well within it.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapGuardApi(this RouteGroupBuilder api)
    {
        var guard = api.MapGroup("/guard").WithTags("Guard");
        guard.MapPost("/decisions", DecideAsync).RequireAuthorization(Policies.GuardAsk).Accepts<object>("application/json")
            .WithSummary("May this job read these inputs and write these outputs for this purpose? allow, deny or allow_with_exclusions, with reasons.");
        guard.MapGet("/decisions", ListAsync).RequireAuthorization(Policies.GuardLog)
            .WithSummary("The decision log, newest first: filters decision (allow, deny, allow_with_exclusions), job (namespace/name), since (yyyy-MM-dd), limit (≤ 500).");
        guard.MapGet("/decisions/{decisionId}", GetAsync).RequireAuthorization(Policies.GuardRead).WithSummary("One logged decision.");
        guard.MapGet("/decisions/{decisionId}/exclusions.csv", ExclusionsAsync).RequireAuthorization(Policies.GuardRead)
            .WithSummary("The batches an allow_with_exclusions decision leaves out, as CSV (one batch a row).");
        guard.MapGet("/alerts", AlertsAsync).RequireAuthorization(Policies.GuardLog)
            .WithSummary("Alerts raised as lineage arrived, newest first: one per (run, rule); filters rule (R1...R10), job (namespace/name), since (yyyy-MM-dd), limit (≤ 500).");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<GuardAlertRecord>>, ProblemHttpResult>> AlertsAsync(
        GuardAlerts alerts, string? rule, string? job, string? since, int? limit, CancellationToken cancellationToken)
    {
        if (GuardLogFilter.TryReadAlerts(rule, job, since, limit ?? 100, MaxLimit, out var error) is not { } query)
        {
            return Invalid(error!, error![..error!.IndexOf(':', StringComparison.Ordinal)]);
        }

        return TypedResults.Ok(await alerts.ListAsync(query, cancellationToken));
    }

    public static async Task<Results<Ok<GuardDecisionView>, ProblemHttpResult>> DecideAsync(HttpContext context, GuardService guard, CancellationToken cancellationToken)
    {
        if (!(context.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Send the flow as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        ProposedFlow flow;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            flow = FlowRequest.Parse(body.RootElement, guard.Now);
        }
        catch (FlowRequestException ex)
        {
            return Invalid(ex.Message, ex.Field);
        }
        catch (JsonException ex)
        {
            return Invalid($"The body is not JSON: {ex.Message}", "$");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem($"A decision request is at most {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }

        var record = await guard.DecideAsync(flow, context.User.Caller(), GuardService.SourceApi, context.Request.Describe(), cancellationToken);
        return TypedResults.Ok(GuardDecisionView.Of(record));
    }

    public static async Task<Results<Ok<IReadOnlyList<GuardDecisionView>>, ProblemHttpResult>> ListAsync(
        GuardService guard, string? decision, string? job, string? since, int? limit, CancellationToken cancellationToken)
    {
        if (GuardLogFilter.TryRead(decision, job, since, limit ?? 100, MaxLimit, out var error) is not { } query)
        {
            return Invalid(error!, error![..error!.IndexOf(':', StringComparison.Ordinal)]);
        }

        var records = await guard.ListAsync(query, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GuardDecisionView>>(records.Select(GuardDecisionView.Of).ToList());
    }

    public static async Task<Results<Ok<GuardDecisionView>, NotFound>> GetAsync(string decisionId, GuardService guard, CancellationToken cancellationToken) =>
        GuardLogFilter.IsDecisionId(decisionId) && await guard.GetAsync(decisionId, cancellationToken) is { } record
            ? TypedResults.Ok(GuardDecisionView.Of(record))
            : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> ExclusionsAsync(
        string decisionId, HttpContext context, GuardService guard, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (!GuardLogFilter.IsDecisionId(decisionId) || await guard.GetAsync(decisionId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var csv = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        ExclusionsCsv.Write(csv, await guard.ExclusionsAsync(decisionId, cancellationToken));
        var bytes = new UTF8Encoding(false).GetBytes(csv.ToString());
        await Downloads.RecordAsync(context, trail, bytes, $"guard exclusions {decisionId}", cancellationToken);
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"exclusions-{decisionId}.csv");
    }

    private static ProblemHttpResult Invalid(string detail, string field) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = field });
}
