using System.Globalization;
using Audit.Reports.Models;

namespace Audit.Reports.Wording;

/// <summary>How the reports, the pages and the CLI put an exposure split and its breakdown into words: one place.</summary>
public static class ExposureWording
{
    /// <summary>What the grades mean, printed once next to the split.</summary>
    public const string Explanation =
        "Grades A and B rest on statute text and regulators' published figures; grade C on a litigation theory or a figure not yet confirmed. "
        + "Each part is the total on its theories, caps applied once, so the two add up to the range.";

    /// <summary>"94%" (never "100%" for a part that is not the whole, never "0%" for a part that is not nothing).</summary>
    public static string Percent(decimal share)
    {
        var rounded = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        rounded = share > 0 && rounded == 0 ? 1 : share < 1 && rounded == 100 ? 99 : rounded;
        return rounded.ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The grade-C part's shares of the low and the high figure: "94% / 67%".</summary>
    public static string GradeCShares(ExposureGrades g) => $"{Percent(g.GradeCShareOfLow)} / {Percent(g.GradeCShareOfHigh)}";

    /// <summary>The grounded part: "USD 10M - USD 80M (6% of the low figure, 12% of the high)", or "nothing".</summary>
    public static string GroundedPart(ExposureGrades g, string currency) => g.GroundedLow == 0 && g.GroundedHigh == 0
        ? "nothing"
        : $"{Range(g.GroundedLow, g.GroundedHigh, currency)} ({Percent(g.GroundedShareOfLow)} of the low figure, {Percent(g.GroundedShareOfHigh)} of the high)";

    /// <summary>The grade-C part, naming the theories it rests on, or "nothing".</summary>
    public static string GradeCPart(ExposureGrades g, string currency) => g.GradeCLow == 0 && g.GradeCHigh == 0
        ? "nothing"
        : $"{Range(g.GradeCLow, g.GradeCHigh, currency)} ({Percent(g.GradeCShareOfLow)} of the low figure, {Percent(g.GradeCShareOfHigh)} of the high)"
          + (g.GradeCTheories.Count == 0 ? string.Empty : ", from " + string.Join("; ", g.GradeCTheories));

    /// <summary>The sentence a report prints under a total.</summary>
    public static string Sentence(ExposureGrades g, string currency) =>
        $"Of this range, {GroundedPart(g, currency)} rests on grades A and B, and {GradeCPart(g, currency)} on grade C.";

    /// <summary>The line under the breakdown saying why the total is smaller than the sum of the findings.</summary>
    public static string Reconciliation(ExposureBreakdown b, string currency) =>
        $"The findings' own figures add up to {CountFormatter.Range(b.FindingsLow, b.FindingsHigh, currency)}; the total is {CountFormatter.Range(b.TotalLow, b.TotalHigh, currency)}. "
        + "Each finding is priced as if it stood alone; in the total a regulator's cap (GDPR Art. 83(3), the AI Act) counts once for the same processing "
        + "(the other theories of its group show as capped, at zero), and a worker or an act named by several findings counts once under each statute.";

    private static string Range(decimal low, decimal high, string currency) => CountFormatter.ShortMoneyRange(low, high, currency);

    /// <summary>The primary source of a theory as the appendix prints it, or what to do where none is recorded.</summary>
    public static string PrimarySource(LegalSource? source) =>
        source?.PrimarySource ?? "not recorded: re-import the exposure table with primary_source, pinpoint, verified_on and verified_by";

    /// <summary>When and by whom the source was last verified, flagged where that was over a year before the data date.</summary>
    public static string Verification(LegalSource? source, DateOnly asOf) => source switch
    {
        null => "never",
        _ when source.VerifiedAfter(asOf) => $"after the data date, by {source.VerifiedBy}",
        _ when source.DueForReverification(asOf) =>
            $"{source.VerifiedOn:yyyy-MM-dd} by {source.VerifiedBy}; more than {LegalSource.ReverifyAfterMonths} months before the data date: re-verify",
        _ => $"{source.VerifiedOn:yyyy-MM-dd} by {source.VerifiedBy}",
    };
}
