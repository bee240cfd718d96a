using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>A local account's sign-in.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>
/// Who is signed in, the anti-forgery token a script sends as X-CSRF-TOKEN with its writes, and at sign-in what
/// happened to the account since its previous sign-in (failed attempts, a password set by an administrator).
/// </summary>
public sealed record SessionInfo(string Name, string Role, string? CsrfToken = null, IReadOnlyList<string>? SinceLastSignIn = null);

/// <summary>
/// Cookie sign-in for the web page with a local account (`users create`): POST /api/v1/session with JSON, GET tells
/// who is signed in (with an anti-forgery token for cookie-authenticated writes), DELETE signs out. Writes with the
/// cookie must show this site's origin (see <see cref="RequestProtection"/>). The web page's forms sit on top of this.
/// </summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/session").WithTags("Session");
        session.MapPost("/", SignInAsync).AllowAnonymous().WithSummary("Sign in with a local account; sets the session cookie.");
        session.MapGet("/", (HttpContext c) =>
        {
            var caller = c.User.Caller();
            var token = c.User.Identity?.AuthenticationType == ApiSecurity.ApiKeyScheme ? null : AuditPages.Antiforgery(c).GetAndStoreTokens(c).RequestToken;
            return TypedResults.Ok(new SessionInfo(caller.Name, caller.Role.Code(), token));
        }).RequireAuthorization(Policies.AnyRole);
        session.MapDelete("/", async (HttpContext c, SignInGate gate, CancellationToken cancellationToken) =>
        {
            await gate.SignOutAsync(c, cancellationToken);
            return TypedResults.NoContent();
        }).AllowAnonymous();
        return api;
    }

    /// <summary>One answer for an unknown name, a wrong password and a disabled account.</summary>
    public const string SignInFailed = "The user name or password is not right.";

    public static string Throttled(TimeSpan retryAfter) =>
        $"Too many sign-in attempts. Try again in {Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)} seconds.";

    public static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> SignInAsync(SignInRequest? request, HttpContext context, SignInGate gate, CancellationToken cancellationToken)
    {
        switch (await gate.SignInAsync(context, request?.UserName, request?.Password, cancellationToken))
        {
            case SignInOutcome.SignedIn(var caller, var since):
                return TypedResults.Ok(new SessionInfo(caller.Name, caller.Role.Code(), SinceLastSignIn: since));
            case SignInOutcome.Throttled(var retryAfter):
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(Throttled(retryAfter), statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in throttled");
            default:
                return TypedResults.Problem(SignInFailed, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
    }
}
