using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>A local account's sign-in.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>Who is signed in.</summary>
public sealed record SessionInfo(string Name, string Role);

/// <summary>
/// Cookie sign-in for the web page with a local account (`users create`): POST /api/v1/session with JSON
/// (a cross-site form cannot send JSON without a CORS preflight, so this needs no anti-forgery token),
/// GET tells who is signed in, DELETE signs out. The web page's forms sit on top of this.
/// </summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/session").WithTags("Session");
        session.MapPost("/", SignInAsync).AllowAnonymous().WithSummary("Sign in with a local account; sets the session cookie.");
        session.MapGet("/", (HttpContext c) => TypedResults.Ok(new SessionInfo(c.User.Caller().Name, c.User.Caller().Role.Code()))).RequireAuthorization(Policies.AnyRole);
        session.MapDelete("/", async (HttpContext c) =>
        {
            await c.SignOutAsync(ApiSecurity.CookieScheme);
            return TypedResults.NoContent();
        }).AllowAnonymous();
        return api;
    }

    /// <summary>One answer for an unknown name, a wrong password and a disabled account.</summary>
    public const string SignInFailed = "The user name or password is not right.";

    public static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> SignInAsync(SignInRequest? request, HttpContext context, UserStore users, CancellationToken cancellationToken)
    {
        if (await SignInLocalAsync(context, users, request?.UserName, request?.Password, cancellationToken) is not { } caller)
        {
            return TypedResults.Problem(SignInFailed, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        return TypedResults.Ok(new SessionInfo(caller.Name, caller.Role.Code()));
    }

    /// <summary>Checks a local account and sets the session cookie (the API and the sign-in page); null when refused.</summary>
    public static async Task<Caller?> SignInLocalAsync(HttpContext context, UserStore users, string? userName, string? password, CancellationToken cancellationToken)
    {
        if (userName is not { Length: > 0 } name || password is not { Length: > 0 }
            || await users.VerifyAsync(name, password, cancellationToken) is not { } caller)
        {
            return null;
        }

        await context.SignInAsync(ApiSecurity.CookieScheme, ApiSecurity.Principal(caller, ApiSecurity.CookieScheme));
        return caller;
    }
}
