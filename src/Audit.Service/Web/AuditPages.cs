using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;

namespace Audit.Service.Web;

/// <summary>
/// The web page: server-rendered Razor Pages under the same authentication and policies as the API, and its
/// stylesheet and script served by the app itself from the assembly (no CDN, no front-end build, and no
/// dependence on the directory `serve` is started from).
/// </summary>
public static class AuditPages
{
    public const string AssetsPath = "/assets";

    public static IServiceCollection AddAuditPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            // Every page needs a signed-in user with an Audit role unless it says otherwise; each folder asks for
            // the policy the matching API asks for, so a page never shows what its API would refuse.
            o.Conventions.AuthorizeFolder("/", Policies.AnyRole);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/SignOut");
            o.Conventions.AllowAnonymousToPage("/Status");
            foreach (var (folder, policy) in Navigation.FolderPolicies)
            {
                o.Conventions.AuthorizeFolder(folder, policy);
            }
        }).ConfigureApplicationPartManager(parts =>
        {
            // Pages are found in the entry assembly by default; a host built from another one (a test) has none.
            var assembly = typeof(AuditPages).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                // The assembly's own factory: its code and its compiled Razor pages (a bare AssemblyPart has no pages).
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "audit.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = RequestProtection.CsrfHeader;
        });
        return services;
    }

    /// <summary>Static assets, then the pages. Call after authentication and authorization.</summary>
    public static WebApplication MapAuditPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>The stylesheet and script, embedded as resources named Audit.Service.Assets.{file}.</summary>
    public static WebApplication UseAuditAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Audit.Service.Assets"),
            RequestPath = AssetsPath,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>Pages show a readable page for 403/404 (the API keeps its problem details).</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments(AssetsPath, StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    internal static IAntiforgery Antiforgery(HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>();
}
