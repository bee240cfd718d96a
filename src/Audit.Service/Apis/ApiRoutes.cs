using Audit.Service.Web;

namespace Audit.Service.Apis;

/// <summary>The HTTP API under /api/v1, its OpenAPI document at /openapi/v1.json, and the services it needs.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddAuditApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();

        // A parameter that does not bind is a 400 in every environment (Development would otherwise throw: a 500).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi();
        services.AddAuditAuthentication(configuration);
        services.AddSingleton<Jobs.CounselExports>();
        return services;
    }

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        var api = app.MapGroup(Prefix);
        api.MapSessionApi();
        api.MapLineageApi();
        api.MapImportsApi();
        api.MapFindingsApi();
        api.MapScansApi();
        api.MapReportsApi();
        api.MapExportsApi();
        api.MapGuardApi();
        api.MapPlanApi();
        api.MapDisclosuresApi();
        api.MapPurgeScopesApi();
        api.MapAdminApi();
        return app;
    }
}
