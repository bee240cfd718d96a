using System.Globalization;
using Audit.Service.Configuration;
using Audit.Service.Disclosures;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>GET /api/v1/disclosures (compliance, counsel, admin): what `audit disclosures review --json` prints.</summary>
public static class DisclosuresApi
{
    public static RouteGroupBuilder MapDisclosuresApi(this RouteGroupBuilder api)
    {
        api.MapGet("/disclosures", GetAsync).RequireAuthorization(Policies.Disclosures).WithTags("Disclosures")
            .WithSummary("Each notice's text read as workers read it: aiTraining (specific, vague, absent), optOut (described, absent, not_real), consent, the capabilities named, and every problem with its paragraph and sentence. ?notice=ID for one; ?asOf=yyyy-MM-dd (default today).");
        return api;
    }

    public static async Task<Results<Ok<DisclosureDocument>, ProblemHttpResult>> GetAsync(DisclosureService disclosures, string? notice, string? asOf, CancellationToken cancellationToken)
    {
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return TypedResults.Problem($"asOf: '{Shorten(asOf)}' is not a date (yyyy-MM-dd).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid disclosures request");
            }

            day = parsed;
        }

        if (notice is not null && (notice.Length is 0 or > 64))
        {
            return TypedResults.Problem("notice: a notice id of 1 to 64 characters.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid disclosures request");
        }

        try
        {
            var review = await disclosures.ReviewAsync(notice, day, cancellationToken);
            return TypedResults.Ok(new DisclosureDocument(review.AsOf, review.Notices));
        }
        catch (UnknownNoticeException ex)
        {
            return TypedResults.Problem("notice: " + ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Unknown notice");
        }
        catch (ConfigurationException ex)
        {
            return TypedResults.Problem($"An administrator must fix {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Disclosure lexicon not valid");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>The disclosures review as the API and <c>--json</c> give it.</summary>
public sealed record DisclosureDocument(DateOnly AsOf, IReadOnlyList<NoticeReviewView> Notices);
