using Audit.Service.Configuration;
using Audit.Service.Data;
using Microsoft.AspNetCore.Antiforgery;

namespace Audit.Service.Web;

/// <summary>
/// What every answer carries and what every cookie-authenticated write must show.
/// <list type="bullet">
/// <item>Headers: a Content-Security-Policy (<c>default-src 'self'</c>, <c>frame-ancestors 'none'</c>), nosniff,
/// <c>Referrer-Policy: no-referrer</c>, <c>X-Frame-Options: DENY</c>, <c>Cache-Control: no-store</c> on everything but the
/// static assets (the API, downloads and pages all show data someone may not share), and HSTS when the request came
/// over HTTPS.</item>
/// <item>Cross-site writes: an unsafe API request that carries the session cookie (or signs in) must prove it comes
/// from this site: a valid anti-forgery token in <c>X-CSRF-TOKEN</c>, or an <c>Origin</c> equal to the service's own, or
/// <c>Sec-Fetch-Site: same-origin</c>. Anything else is 403 problem+json before the endpoint runs, so nothing is written.
/// Bearer-key requests carry no ambient credential and pass untouched (pipelines keep working).</item>
/// </list>
/// Razor Pages' forms are covered by their own anti-forgery validation.
/// </summary>
public static class RequestProtection
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    private const string PageCsp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Hangfire's dashboard writes inline script and style of its own; it is the admin's only, and still never framed.
    private const string DashboardCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The headers, on every answer: call first, so static assets and error pages carry them too.</summary>
    public static WebApplication UseAuditSecurityHeaders(this WebApplication app)
    {
        var publicOrigin = app.Services.GetRequiredService<WebSettings>().PublicOrigin;
        app.Use((context, next) =>
        {
            var request = context.Request;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase) ? DashboardCsp : PageCsp;
                if (!request.Path.StartsWithSegments(AuditPages.AssetsPath, StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                if (request.IsHttps || publicOrigin?.Scheme == "https")
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The cross-site check: call after authentication (an anti-forgery token is bound to the signed-in user).</summary>
    public static WebApplication UseAuditCrossSiteCheck(this WebApplication app)
    {
        var publicOrigin = app.Services.GetRequiredService<WebSettings>().PublicOrigin;
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (NeedsOriginProof(request) && await RefusalAsync(context, publicOrigin) is { } reason)
            {
                await context.RequestServices.GetRequiredService<AuditLog>().AppendAsync(new AuditEntry(
                    context.User.Identity?.Name ?? "anonymous", null, AuditActions.CrossSiteRefused, null, reason, Describe(request)), context.RequestAborted);
                await Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>The service's origin for a request: the configured public URL, else the request's own scheme and host.</summary>
    public static string OwnOrigin(HttpRequest request, Uri? publicOrigin) =>
        publicOrigin is { } o ? o.GetLeftPart(UriPartial.Authority) : $"{request.Scheme}://{request.Host.Value}";

    private static bool NeedsOriginProof(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
        && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && (request.Cookies.ContainsKey(ApiSecurity.SessionCookieName)
            || (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/v1/session", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Null when the request shows it comes from this site; otherwise why it is refused.</summary>
    private static async Task<string?> RefusalAsync(HttpContext context, Uri? publicOrigin)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(CsrfHeader))
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
                ? null
                : $"the {CsrfHeader} header does not match this session's anti-forgery token (GET /api/v1/session gives one)";
        }

        var own = OwnOrigin(request, publicOrigin);
        if (request.Headers.Origin is { Count: > 0 } origin)
        {
            return string.Equals(origin.ToString(), own, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"a request with this site's session cookie came from another origin ({Clip(origin.ToString())}); this site is {own}";
        }

        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            return site.ToString() == "same-origin" ? null : $"a request with this site's session cookie came from another site (Sec-Fetch-Site: {Clip(site.ToString())})";
        }

        return $"a write with the session cookie must show where it comes from: an Origin header ({own}) or the {CsrfHeader} header from GET /api/v1/session; pipelines use an API key instead";
    }

    private static string Describe(HttpRequest request) => $"{request.Method} {request.Path} ({request.HttpContext.TraceIdentifier})";

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100];
}
