using Audit.Service.Security;
using Audit.Service.Records;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>One page of findings: <see cref="Total"/> match the filters, <see cref="Items"/> are those from <see cref="Offset"/>.</summary>
public sealed record FindingsPage(int Total, int Offset, int Limit, IReadOnlyList<FindingListItem> Items);

/// <summary>A finding with its status history, oldest change first.</summary>
public sealed record FindingDetail(FindingListItem Finding, IReadOnlyList<FindingStatusChange> History);

/// <summary>
/// The officer's status change: open, remediating, accepted_risk or resolved, and why; <c>due</c> and <c>expires</c>
/// are days (yyyy-MM-dd), read here so a malformed one is refused naming its field.
/// </summary>
public sealed record StatusChangeRequest(string? Status, string? Note, string? Owner = null, string? Due = null, string? Approver = null, string? Expires = null);

/// <summary>
/// Findings under /api/v1/findings over the findings status service (the same one `findings list/set-status`
/// use): compliance and counsel read them (counsel read-only), compliance changes status with a note; each
/// change is in the finding's history and the audit log.
/// </summary>
public static class FindingsApi
{
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        var findings = api.MapGroup("/findings").WithTags("Findings");
        findings.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadFindings)
            .WithSummary("Findings, filtered by rule (R1...R10), status, severity, live (seen by the newest scan; default true); offset and limit (≤ 500).");
        findings.MapGet("/{findingKey}", GetAsync).RequireAuthorization(Policies.ReadFindings).WithSummary("A finding and its status history (the id URL-encoded).");
        findings.MapPost("/{findingKey}/status", SetStatusAsync).RequireAuthorization(Policies.ChangeStatus).Accepts<StatusChangeRequest>("application/json")
            .WithSummary("Change a finding's status with a note.");
        return api;
    }

    public static async Task<Results<Ok<FindingsPage>, ProblemHttpResult>> ListAsync(
        FindingStatusService findings, string? rule, string? status, string? severity, bool? live, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (FindingFilter.TryRead(rule, status, severity, static field => field, out var error) is not { } filter)
        {
            return Invalid(error + ".");
        }

        if (offset is < 0 || limit is < 1 or > MaxLimit)
        {
            return Invalid($"offset: 0 or more; limit: 1 to {MaxLimit}.");
        }

        var matching = (await findings.ListAsync(filter, cancellationToken))
            .Where(f => live == false || f.IsActive)
            .ToList();
        var from = offset ?? 0;
        var take = limit ?? 100;
        return TypedResults.Ok(new FindingsPage(matching.Count, from, take, matching.Skip(from).Take(take).ToList()));
    }

    public static async Task<Results<Ok<FindingDetail>, NotFound>> GetAsync(string findingKey, FindingStatusService findings, CancellationToken cancellationToken)
    {
        var key = Uri.UnescapeDataString(findingKey);
        var item = (await findings.ListAsync(new FindingFilter(), cancellationToken)).FirstOrDefault(f => f.FindingKey == key);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(new FindingDetail(item, await findings.HistoryAsync(key, cancellationToken)));
    }

    /// <summary>The longest status-change body: a note of 4,000 characters and its fields, with room to spare.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<Results<Ok<FindingStatusChange>, NotFound, ProblemHttpResult>> SetStatusAsync(
        string findingKey, HttpContext context, FindingStatusService findings, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        // Read here, not bound: a field of the wrong type or a day that is no day is refused naming the field.
        StatusChangeRequest? request;
        try
        {
            request = await System.Text.Json.JsonSerializer.DeserializeAsync<StatusChangeRequest>(context.Request.Body, Json, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            return Invalid(field is null ? "The body is not a JSON object of status, note, owner, due, approver, expires." : $"{field}: not the expected type (text; due and expires as yyyy-MM-dd).");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem($"A status change is at most {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }

        if (!FindingCodes.TryParse(request?.Status, out var status))
        {
            return Invalid($"status: one of {string.Join(", ", Enum.GetValues<FindingStatus>().Select(FindingCodes.ToCode))}.");
        }

        if (!Days.TryReadOptional(request!.Due, out var due))
        {
            return Invalid($"due: '{Days.Quoted(request.Due!)}' is not a day (yyyy-MM-dd).");
        }

        if (!Days.TryReadOptional(request.Expires, out var expires))
        {
            return Invalid($"expires: '{Days.Quoted(request.Expires!)}' is not a day (yyyy-MM-dd).");
        }

        var caller = context.User.Caller();
        try
        {
            var change = new FindingChangeRequest(caller.Name, request.Note, status, request.Owner, due, request.Approver, expires);
            return TypedResults.Ok(await ChangeStatusAsync(context, findings, trail, Uri.UnescapeDataString(findingKey), change, cancellationToken));
        }
        catch (FindingNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (FindingChangeRefusedException ex)
        {
            return Invalid(ex.MessageFor(static f => f) + ".");
        }
    }

    /// <summary>A status change by the signed-in caller (API and web page): the finding's history and the audit log.</summary>
    /// <exception cref="FindingNotFoundException">No finding with this id.</exception>
    /// <exception cref="FindingChangeRefusedException">The request does not hold; nothing was written.</exception>
    public static async Task<FindingStatusChange> ChangeStatusAsync(
        HttpContext context, FindingStatusService findings, AuditTrail trail, string findingKey, FindingChangeRequest request, CancellationToken cancellationToken) =>
        (await ChangeStatusAsync(context, findings, trail, [findingKey], request, cancellationToken))[0];

    /// <summary>The same change to several findings, all or none (the service checks every one first), each audited with its actor.</summary>
    public static async Task<IReadOnlyList<FindingStatusChange>> ChangeStatusAsync(
        HttpContext context, FindingStatusService findings, AuditTrail trail, IReadOnlyList<string> findingKeys, FindingChangeRequest request, CancellationToken cancellationToken)
    {
        var caller = context.User.Caller();
        var changes = await findings.ChangeAsync(findingKeys, request, cancellationToken);
        foreach (var change in changes)
        {
            await trail.StatusChangedAsync(caller, context.Request.Describe(), change.FindingKey, FindingChangeText.Describe(change), cancellationToken);
        }

        return changes;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
