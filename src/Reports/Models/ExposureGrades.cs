using System.Globalization;
using Audit.Reports.Wording;

namespace Audit.Reports.Models;

/// <summary>
/// How much of an exposure total rests on firm ground: <see cref="GroundedLow"/>–<see cref="GroundedHigh"/> is the
/// total on the theories graded A and B alone (statutes, regulators' figures), the grade-C part the rest (litigation
/// theories, unconfirmed figures; <see cref="GradeCTheories"/> names them). The two parts add up to the total.
/// </summary>
public sealed record ExposureGrades(decimal GroundedLow, decimal GroundedHigh, decimal GradeCLow, decimal GradeCHigh, IReadOnlyList<string> GradeCTheories)
{
    public decimal TotalLow => GroundedLow + GradeCLow;

    public decimal TotalHigh => GroundedHigh + GradeCHigh;

    /// <summary>The grade-C part's share of the low figure, 0 to 1.</summary>
    public decimal GradeCShareOfLow => TotalLow == 0 ? 0 : GradeCLow / TotalLow;

    /// <summary>The grade-C part's share of the high figure, 0 to 1.</summary>
    public decimal GradeCShareOfHigh => TotalHigh == 0 ? 0 : GradeCHigh / TotalHigh;

    public decimal GroundedShareOfLow => TotalLow == 0 ? 0 : 1 - GradeCShareOfLow;

    public decimal GroundedShareOfHigh => TotalHigh == 0 ? 0 : 1 - GradeCShareOfHigh;

    /// <summary>"94%" (never "100%" for a part that is not the whole, never "0%" for a part that is not nothing).</summary>
    public static string Percent(decimal share)
    {
        var rounded = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        rounded = share > 0 && rounded == 0 ? 1 : share < 1 && rounded == 100 ? 99 : rounded;
        return rounded.ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The grounded part: "USD 10M - USD 80M (6% of the low figure, 12% of the high)", or "nothing".</summary>
    public string GroundedPart(string currency) => GroundedLow == 0 && GroundedHigh == 0
        ? "nothing"
        : $"{Range(GroundedLow, GroundedHigh, currency)} ({Percent(GroundedShareOfLow)} of the low figure, {Percent(GroundedShareOfHigh)} of the high)";

    /// <summary>The grade-C part, naming the theories it rests on, or "nothing".</summary>
    public string GradeCPart(string currency) => GradeCLow == 0 && GradeCHigh == 0
        ? "nothing"
        : $"{Range(GradeCLow, GradeCHigh, currency)} ({Percent(GradeCShareOfLow)} of the low figure, {Percent(GradeCShareOfHigh)} of the high)"
          + (GradeCTheories.Count == 0 ? string.Empty : ", from " + string.Join("; ", GradeCTheories));

    private static string Range(decimal low, decimal high, string currency) => CountFormatter.RangeOf(low, high, a => CountFormatter.MoneyShort(a, currency));

    /// <summary>What the grades mean, printed once next to the split.</summary>
    public const string Explanation =
        "Grades A and B rest on statute text and regulators' published figures; grade C on a litigation theory or a figure not yet confirmed. "
        + "Each part is the total on its theories, caps applied once, so the two add up to the range.";

    /// <summary>The sentence a report prints under a total.</summary>
    public string Sentence(string currency) => $"Of this range, {GroundedPart(currency)} rests on grades A and B, and {GradeCPart(currency)} on grade C.";
}
