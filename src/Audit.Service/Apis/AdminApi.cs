using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>A key to create; <c>expiresOn</c> is the last day (UTC) it works, none for a key that works until revoked.</summary>
public sealed record KeyRequest(string? Name, string? Role, DateOnly? ExpiresOn = null);

/// <summary>A key just created: <see cref="Token"/> is shown this once and never stored.</summary>
public sealed record KeyCreated(string KeyId, string Name, string Role, string Token);

/// <summary>Admin routes: the audit log, and API keys (list, create, revoke), each change in the audit log.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/audit-log", AuditLogAsync).WithSummary("Audit entries, newest first (since, until as ISO dates; actor, action, role; limit ≤ 1000; before: older than that auditId).");
        admin.MapGet("/keys", async (KeyStore keys, CancellationToken ct) => TypedResults.Ok(await keys.ListAsync(ct))).WithSummary("API keys (never their secrets).");
        admin.MapPost("/keys", CreateKeyAsync).RequireRecentSignIn().WithSummary("Create an API key; the token is in this answer only.");
        admin.MapDelete("/keys/{keyOrName}", RevokeKeyAsync).RequireRecentSignIn().WithSummary("Revoke a key by id or name.");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, ProblemHttpResult>> AuditLogAsync(
        AuditTrail trail, string? since, string? until, string? actor, string? action, string? role, string? limit, string? before, CancellationToken cancellationToken)
    {
        // An empty filter (a form's blank field, `actor=`) means no filter; a number that does not parse names its field.
        static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        (since, until, actor, action, role, limit, before) = (Given(since), Given(until), Given(actor), Given(action), Given(role), Given(limit), Given(before));
        int? take = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1000)
            {
                return TypedResults.Problem("limit: between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
            }

            take = n;
        }

        long? older = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return TypedResults.Problem($"before: '{before}' is not an auditId (a whole number).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
            }

            older = id;
        }

        DateTime? from = null, to = null;
        foreach (var (name, text) in new[] { ("since", since), ("until", until) })
        {
            if (text is null)
            {
                continue;
            }

            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                return TypedResults.Problem($"{name}: '{text}' is not a date or time (e.g. 2026-11-28 or 2026-11-28T09:00:00Z).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid filter");
            }

            if (name == "since")
            {
                from = at;
            }
            else
            {
                to = at;
            }
        }

        return TypedResults.Ok(await trail.ListAsync(new AuditQuery(from, to, actor, action, role, take ?? 100, older), cancellationToken));
    }

    public static async Task<Results<Created<KeyCreated>, ProblemHttpResult>> CreateKeyAsync(KeyRequest? request, HttpContext context, KeyStore keys, CancellationToken cancellationToken)
    {
        if (!Roles.TryParse(request?.Role, out var role))
        {
            return TypedResults.Problem($"role: one of {Roles.Expected}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid key request");
        }

        try
        {
            var created = await keys.CreateAsync(request!.Name ?? string.Empty, role, context.User.Caller().Name,
                request.ExpiresOn is { } day ? day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null, cancellationToken: cancellationToken);
            return TypedResults.Created((string?)null, new KeyCreated(created.KeyId, created.Name, created.Role.Code(), created.Token));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(ex.Message.Replace("--name", "name", StringComparison.Ordinal).Replace("--expires", "expiresOn", StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest, title: "Invalid key request");
        }
    }

    public static async Task<Results<NoContent, NotFound>> RevokeKeyAsync(string keyOrName, HttpContext context, KeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(keyOrName, context.User.Caller().Name, cancellationToken: cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
