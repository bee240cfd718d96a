using System.Globalization;
using Audit.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Audit.Service.Web;

/// <summary>
/// Changes to accounts and keys need a recent sign-in (OWASP ASVS 3.7.1): a session whose holder signed in longer ago
/// than <c>Authentication:Session:ReauthenticateAfter</c> (15 minutes by default) is asked to sign in again first. A
/// page's write is sent to the sign-in page (which comes back to the page); an API write by cookie is 403 problem+json
/// saying so. API keys are not sessions: a key's holder is not asked.
/// </summary>
public static class RecentSignIn
{
    /// <summary>The sign-in page's <c>reason</c> when it asks the user to confirm it is them.</summary>
    public const string ReasonValue = "confirm";

    public const string ProblemTitle = "Sign in again to make this change";

    /// <summary>Whether the request may make a change to accounts or keys now.</summary>
    public static bool Holds(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.AuthenticationType == ApiSecurity.ApiKeyScheme)
        {
            return true;
        }

        return user.FindFirst(SessionCookie.AuthenticatedAtClaim)?.Value is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            && context.RequestServices.GetRequiredService<UserSessions>().IsRecent(at);
    }

    public static string Detail(HttpContext context) =>
        $"Changes to accounts and keys need a sign-in within the last {Minutes(context.RequestServices.GetRequiredService<UserSessions>())} minutes. Sign in again (POST /api/v1/session) and repeat the request.";

    /// <summary>For the API's account and key writes.</summary>
    public static RouteHandlerBuilder RequireRecentSignIn(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
            Holds(context.HttpContext)
                ? await next(context)
                : TypedResults.Problem(Detail(context.HttpContext), statusCode: StatusCodes.Status403Forbidden, title: ProblemTitle));

    /// <summary>The window in whole minutes, as the sign-in page and the API's refusal state it.</summary>
    public static int Minutes(UserSessions sessions) => (int)Math.Round(sessions.Settings.ReauthenticateAfter.TotalMinutes);

    /// <summary>On a page model: every POST handler needs a recent sign-in; GET is untouched.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RequiredAttribute : Attribute, IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var http = context.HttpContext;
            if (HttpMethods.IsPost(http.Request.Method) && !Holds(http))
            {
                var back = http.Request.PathBase + http.Request.Path;
                context.Result = new RedirectResult(ApiSecurity.SignInPath + QueryString.Create("ReturnUrl", back.ToString()).Add("reason", ReasonValue));
                return;
            }

            await next();
        }
    }
}
