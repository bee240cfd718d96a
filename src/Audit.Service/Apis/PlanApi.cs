using Audit.Service.Configuration;
using Audit.Service.Planning;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>GET /api/v1/plan (compliance, counsel, admin): the remediation plan `audit plan --json` prints.</summary>
public static class PlanApi
{
    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plan", GetAsync).RequireAuthorization(Policies.Plans).WithTags("Plan")
            .WithSummary("The remediation plan of a scan (?scan=N; default the newest): each open finding's options, priced, with the exposure left after each, recommended first.");
        return api;
    }

    public static async Task<Results<Ok<PlanDocument>, ProblemHttpResult>> GetAsync(PlanService plans, long? scan, CancellationToken cancellationToken)
    {
        if (scan is <= 0)
        {
            return TypedResults.Problem("scan: a scan id is a positive number; omit it for the newest scan.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid plan request");
        }

        try
        {
            return await plans.PlanAsync(scan, cancellationToken) is { } plan
                ? TypedResults.Ok(PlanDocument.From(plan))
                : TypedResults.Problem("No scan yet: a plan is made from a scan (POST /api/v1/scans).", statusCode: StatusCodes.Status404NotFound, title: "No scan");
        }
        catch (UnknownScanException ex)
        {
            return TypedResults.Problem($"scan: there is no scan {ex.ScanId}; GET /api/v1/scans lists them.", statusCode: StatusCodes.Status404NotFound, title: "Unknown scan");
        }
        catch (ConfigurationException ex)
        {
            // The server's own template is wrong: not the caller's fault, and nothing half-made is returned.
            return TypedResults.Problem($"An administrator must fix {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Remedy table not valid");
        }
    }
}
