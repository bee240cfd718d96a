using System.Security.Claims;
using Audit.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Audit.Service.Web;

/// <summary>
/// The cookie handler's session store: the cookie carries only a session id, and every request asks
/// <see cref="UserSessions"/> whether that session still holds, rebuilding the principal from the database (a local
/// account's role as it is now). Sign-out ends the row, so a copy of the cookie taken before it is refused after it.
/// </summary>
public sealed class SessionTicketStore(UserSessions sessions) : ITicketStore
{
    /// <summary>Set by the local sign-in on the ticket's properties; absent for an OpenID Connect sign-in.</summary>
    public const string SourceItem = "audit.source";

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var principal = ticket.Principal;
        var name = principal.Identity?.Name ?? principal.FindFirstValue("name") ?? principal.FindFirstValue("sub") ?? "unknown";
        var role = principal.FindAll(ClaimTypes.Role).Select(c => Roles.TryParse(c.Value, out var r) ? r : (Role?)null).FirstOrDefault(r => r is not null);
        var source = ticket.Properties.Items.TryGetValue(SourceItem, out var s) && s == "local" ? SessionSource.Local : SessionSource.OpenIdConnect;
        return sessions.StartAsync(new SessionStart(name, role, source, httpContext?.Connection.RemoteIpAddress?.ToString(), httpContext?.Request.Headers.UserAgent.ToString()), cancellationToken);
    }

    // The row is the session: nothing of the ticket needs keeping, and last use is recorded when it is resolved.
    public Task RenewAsync(string key, AuthenticationTicket ticket) => Task.CompletedTask;

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        if (await sessions.ResolveAsync(key, cancellationToken) is not { } session)
        {
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, session.Name) };
        if (session.Role is { } role)
        {
            claims.Add(new Claim(ClaimTypes.Role, role.Code()));
        }

        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)), ApiSecurity.CookieScheme);
    }

    public Task RemoveAsync(string key) => sessions.EndAsync(key, SessionEnd.SignedOut);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.EndAsync(key, SessionEnd.SignedOut, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => sessions.EndAsync(key, SessionEnd.SignedOut, cancellationToken);
}
