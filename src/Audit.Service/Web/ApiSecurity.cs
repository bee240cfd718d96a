using Audit.Service.Configuration;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Audit.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Audit.Service.Web;

/// <summary>
/// Who may call what. One policy per kind of act, each naming the roles that may do it (admin is in every
/// one): the routes ask for a policy, never for a role, so a role's reach is read here in one place.
/// </summary>
public static class Policies
{
    /// <summary>Findings and their history: compliance and counsel (read-only for counsel).</summary>
    public const string ReadFindings = "read-findings";

    /// <summary>Changing a finding's status with a note: compliance.</summary>
    public const string ChangeStatus = "change-status";

    /// <summary>Scans (list, ask for one as of a date) and monthly reports: compliance.</summary>
    public const string Compliance = "compliance";

    /// <summary>Board summaries: board, and compliance, who answers for them.</summary>
    public const string BoardSummaries = "board-summaries";

    /// <summary>Counsel's lineage exports: counsel.</summary>
    public const string Exports = "exports";

    /// <summary>Posting lineage and importing files: ingest.</summary>
    public const string Ingest = "ingest";

    /// <summary>Asking the guard whether a flow may run: ingest (the pipelines' keys).</summary>
    public const string GuardAsk = "guard-ask";

    /// <summary>One decision and its exclusions CSV: ingest (who asked), and compliance.</summary>
    public const string GuardRead = "guard-read";

    /// <summary>The guard's decision log (the /guard page): compliance.</summary>
    public const string GuardLog = "guard-log";

    /// <summary>The remediation plan (GET /api/v1/plan): compliance and counsel, who decide and defend the remedies.</summary>
    public const string Plans = "plans";

    /// <summary>What the notices' texts say (the disclosures review, GET /api/v1/disclosures, the /disclosures page): compliance and counsel.</summary>
    public const string Disclosures = "disclosures";

    /// <summary>Keys, the audit log, the jobs dashboard: admin only.</summary>
    public const string Admin = "admin";

    /// <summary>Any caller with an Audit role (a sign-in whose token carries no Audit role has none).</summary>
    public const string AnyRole = "any-role";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        [ReadFindings] = [Role.Admin, Role.Compliance, Role.Counsel],
        [ChangeStatus] = [Role.Admin, Role.Compliance],
        [Compliance] = [Role.Admin, Role.Compliance],
        [BoardSummaries] = [Role.Admin, Role.Compliance, Role.Board],
        [Exports] = [Role.Admin, Role.Counsel],
        [Plans] = [Role.Admin, Role.Compliance, Role.Counsel],
        [Disclosures] = [Role.Admin, Role.Compliance, Role.Counsel],
        [Ingest] = [Role.Admin, Role.Ingest],
        [GuardAsk] = [Role.Admin, Role.Ingest],
        [GuardRead] = [Role.Admin, Role.Compliance, Role.Ingest],
        [GuardLog] = [Role.Admin, Role.Compliance],
        [Admin] = [Role.Admin],
        [AnyRole] = Enum.GetValues<Role>(),
    };
}

/// <summary>Sign-in settings ("Authentication" section); OpenID Connect is on when Authority and ClientId are set.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "Authentication";

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    /// <summary>
    /// Lets anyone on this machine open the jobs dashboard without signing in (a single-machine installation
    /// without accounts). Off by default: the dashboard is the admin role's.
    /// </summary>
    public bool DashboardOpenOnLoopback { get; set; }
}

public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The token claim holding the user's Audit role codes (admin, compliance, counsel, board, ingest).</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Authentication for the API and the web page: a policy scheme that takes a Bearer API key when the request
/// carries one and the cookie sign-in otherwise; API requests are challenged with 401 + WWW-Authenticate:
/// Bearer, pages are sent to sign in (OpenID Connect when configured).
/// </summary>
public static class ApiSecurity
{
    public const string Scheme = "audit";
    public const string ApiKeyScheme = "api-key";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignInPath = "/sign-in";
    public const string SessionCookieName = "audit.session";

    public static IServiceCollection AddAuditAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthenticationSettings.SectionName).Get<AuthenticationSettings>() ?? new AuthenticationSettings();
        services.AddSingleton(settings);
        var web = configuration.GetSection(WebSettings.SectionName).Get<WebSettings>() ?? new WebSettings();
        services.AddSingleton(web);
        var session = configuration.GetSection(SessionSettings.SectionName).Get<SessionSettings>() ?? new SessionSettings();
        var secure = web.PublicOrigin?.Scheme == "https" ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        DataProtectionSetup.AddTo(services, configuration);
        services.AddSingleton<SignInGate>();
        services.AddCheckedOptions<SignInThrottleSettings>(SignInThrottleSettings.SectionName);
        var oidc = settings.OpenIdConnect.IsConfigured;
        var auth = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or sign-in", o =>
            {
                o.ForwardDefaultSelector = c => HasBearer(c.Request) ? ApiKeyScheme : CookieScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                // The cookie holds only a session id (SessionCookie); the idle timeout and absolute lifetime are
                // the session row's, checked on every request. The cookie itself lives no longer than the session.
                o.Cookie.Name = SessionCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = session.AbsoluteLifetime;
                o.SlidingExpiration = false;
                o.LoginPath = SignInPath;
                SessionCookie.Attach(o.Events);

                // The API never redirects: 401 naming the Bearer scheme, or 403. Pages go to sign in (OpenID
                // Connect when configured).
                o.Events.OnRedirectToLogin = context =>
                {
                    if (IsApi(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
                        return Task.CompletedTask;
                    }

                    if (oidc)
                    {
                        return context.HttpContext.ChallengeAsync(OidcScheme, new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString });
                    }

                    // A relative Location: the redirect never echoes the request's Host header (which a client chooses).
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect(SignInPath + QueryString.Create("ReturnUrl", back.ToString()));
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        if (oidc)
        {
            auth.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = settings.OpenIdConnect.Authority;
                o.ClientId = settings.OpenIdConnect.ClientId;
                o.ClientSecret = settings.OpenIdConnect.ClientSecret;
                o.ResponseType = "code";
                o.SignInScheme = CookieScheme;
                o.MapInboundClaims = false;
                if (web.PublicOrigin is { } publicOrigin)
                {
                    // The provider sends the user back to the configured origin, never to whatever Host the request named.
                    o.Events.OnRedirectToIdentityProvider = context =>
                    {
                        context.ProtocolMessage.RedirectUri = new Uri(publicOrigin, o.CallbackPath.Value).ToString();
                        return Task.CompletedTask;
                    };
                }

                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
                o.Events.OnTokenValidated = context =>
                {
                    // Only exact Audit role codes count: an unknown or misspelt role never widens access.
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    var roles = identity.FindAll(settings.OpenIdConnect.RoleClaim).Select(c => c.Value).ToList();
                    foreach (var code in roles)
                    {
                        if (Security.Roles.TryParse(code, out var role))
                        {
                            identity.AddClaim(new Claim(ClaimTypes.Role, role.Code()));
                        }
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder().AddAuditPolicies();
        return services;
    }

    private static AuthorizationBuilder AddAuditPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Policies.Roles)
        {
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.Code())));
        }

        return builder;
    }

    /// <summary>The caller behind an authenticated request (a key's name or a user name, and the role).</summary>
    public static Caller Caller(this ClaimsPrincipal user)
    {
        var role = user.FindAll(ClaimTypes.Role).Select(c => Security.Roles.TryParse(c.Value, out var r) ? r : (Role?)null).FirstOrDefault(r => r is not null)
            ?? throw new InvalidOperationException("an authorized request without an Audit role");
        return new Caller(user.Identity?.Name ?? user.FindFirstValue("name") ?? user.FindFirstValue("sub") ?? "unknown", role);
    }

    /// <summary>The principal a sign-in or a key stands for.</summary>
    public static ClaimsPrincipal Principal(Caller caller, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.Name), new Claim(ClaimTypes.Role, caller.Role.Code())], scheme));

    /// <summary>How a request is named in the audit log: method, path and query, and its trace id.</summary>
    public static string Describe(this HttpRequest request) =>
        $"{request.Method} {request.Path}{request.QueryString} ({request.HttpContext.TraceIdentifier})";

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Authorization: Bearer audit_{id}_{secret}, checked by the key store's validator.</summary>
    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyValidator validator)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }

            var caller = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);

            // Never the token in a message: it would reach the logs.
            return caller is null
                ? AuthenticateResult.Fail("unknown, malformed or revoked API key")
                : AuthenticateResult.Success(new AuthenticationTicket(Principal(caller, ApiKeyScheme), ApiKeyScheme));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return Task.CompletedTask;
        }
    }
}
