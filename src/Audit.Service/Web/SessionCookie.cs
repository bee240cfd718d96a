using System.Security.Claims;
using Audit.Service.Security;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Audit.Service.Web;

/// <summary>
/// The session cookie's events: the cookie (data-protected) carries a random session id, and the row in UserSession
/// is the session. Every sign-in starts a new row with a new id, so a cookie present before a sign-in, planted or left
/// by someone else, never becomes the new session (no fixation). Every request asks <see cref="UserSessions"/> whether
/// the row still holds and rebuilds the principal from the database (a local account's role as it is now); sign-out
/// ends the row, so a copy of the cookie taken before is refused after it.
/// </summary>
public static class SessionCookie
{
    /// <summary>Set by the local sign-in on the sign-in's properties; absent for an OpenID Connect sign-in.</summary>
    public const string SourceItem = "audit.source";

    /// <summary>The session row's key (its id's SHA-256), on the principal rebuilt each request.</summary>
    public const string SessionClaim = "audit:session";

    /// <summary>When the person behind the session last signed in (round-trip UTC), for changes that need a recent sign-in.</summary>
    public const string AuthenticatedAtClaim = "audit:authenticated_at";

    /// <summary>"local" or "oidc": where the session's sign-in was made.</summary>
    public const string SourceClaim = "audit:source";

    // The id itself: inside the encrypted cookie and on the request's principal, never in a page or a log.
    private const string IdClaim = "audit:sid";

    public static void Attach(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = StartAsync;
        events.OnValidatePrincipal = ValidateAsync;
        events.OnSigningOut = EndAsync;
    }

    private static async Task StartAsync(CookieSigningInContext context)
    {
        var principal = context.Principal!;
        var name = principal.Identity?.Name ?? principal.FindFirstValue("name") ?? principal.FindFirstValue("sub") ?? "unknown";
        var role = principal.FindAll(ClaimTypes.Role).Select(c => Roles.TryParse(c.Value, out var r) ? r : (Role?)null).FirstOrDefault(r => r is not null);
        var source = context.Properties.Items.TryGetValue(SourceItem, out var s) && s == "local" ? SessionSource.Local : SessionSource.OpenIdConnect;
        var http = context.HttpContext;
        var id = await Sessions(http).StartAsync(new SessionStart(name, role, source, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString()), http.RequestAborted);

        // Only the name, the role and the id travel in the cookie; all else is read from the row on each request.
        context.Principal = Principal(name, role, new Claim(IdClaim, id));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        if (context.Principal?.FindFirstValue(IdClaim) is not { } id || await Sessions(http).ResolveAsync(id, http.RequestAborted) is not { } session)
        {
            context.RejectPrincipal();
            return;
        }

        context.ReplacePrincipal(Principal(session.Name, session.Role,
            new Claim(IdClaim, id),
            new Claim(SessionClaim, session.SessionHash),
            new Claim(AuthenticatedAtClaim, session.AuthenticatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(SourceClaim, session.Source == SessionSource.Local ? "local" : "oidc")));
        context.ShouldRenew = false;
    }

    private static async Task EndAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirstValue(IdClaim) is { } id)
        {
            await Sessions(context.HttpContext).EndAsync(id, SessionEnd.SignedOut, context.HttpContext.RequestAborted);
        }
    }

    private static ClaimsPrincipal Principal(string name, Role? role, params Claim[] session)
    {
        var claims = new List<Claim>(session) { new(ClaimTypes.Name, name) };
        if (role is { } known)
        {
            claims.Add(new Claim(ClaimTypes.Role, known.Code()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static UserSessions Sessions(HttpContext context) => context.RequestServices.GetRequiredService<UserSessions>();
}
