using Audit.Service.Security;
using Audit.Service.Ingest.OpenLineage;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>
/// POST /api/v1/lineage, where the stock OpenLineage HTTP transports post: a thin route over
/// <see cref="LineageIntake"/>, which decides every answer (201, 400, 413, 415, 503).
/// </summary>
public static class LineageApi
{
    /// <summary>Largest event accepted, after decompression (the setting Lineage:MaxEventBytes).</summary>
    public const long DefaultMaxEventBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapLineageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/lineage", PostAsync)
            .RequireAuthorization(Policies.Ingest)
            .Accepts<object>("application/json")
            .WithSummary("Store one OpenLineage RunEvent, DatasetEvent or JobEvent (optionally Content-Encoding: gzip).");
        return api;
    }

    public static async Task<Results<Created<LineageAccepted>, ProblemHttpResult>> PostAsync(
        HttpContext context, LineageIntake intake, AuditTrail trail, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var limit = configuration.GetValue("Lineage:MaxEventBytes", DefaultMaxEventBytes);

        // The raw body is capped too (a compressed body never needs more than the limit).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        IntakeOutcome outcome;
        try
        {
            outcome = await intake.ReceiveAsync(context.Request.Body, context.Request.ContentType, context.Request.Headers.ContentEncoding.ToString(), limit, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            outcome = new IntakeOutcome.TooLarge(limit);
        }

        var caller = context.User.Caller();
        trail.LineagePosted(caller, outcome.Status, outcome is IntakeOutcome.Accepted { Repeat: true });
        if (outcome is IntakeOutcome.Transient)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        return outcome switch
        {
            IntakeOutcome.Accepted accepted => TypedResults.Created((string?)null, new LineageAccepted(accepted.EventHash, accepted.Repeat, accepted.Warnings)),
            IntakeOutcome.Invalid invalid => TypedResults.Problem(invalid.Detail, statusCode: invalid.Status, title: invalid.Title,
                extensions: new Dictionary<string, object?> { ["field"] = invalid.Field, ["line"] = invalid.Line }),
            _ => TypedResults.Problem(outcome.Detail, statusCode: outcome.Status, title: outcome.Title),
        };
    }
}

/// <summary>The answer to an accepted event: its hash, whether it was an exact repeat, and any warnings (e.g. a time read as UTC).</summary>
public sealed record LineageAccepted(string EventHash, bool Repeat, IReadOnlyList<string> Warnings);
