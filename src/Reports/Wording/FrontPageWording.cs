using Audit.Reports.Models;

namespace Audit.Reports.Wording;

/// <summary>The sentences of the monthly report's page 1, which carries the message: one place, so tests read them as the reader does.</summary>
public static class FrontPageWording
{
    /// <summary>"USD 193.9M - 766.7M; grades A and B USD 45.2M - 320.4M, grade C USD 148.8M - 446.3M".</summary>
    public static string Exposure(ExecutiveSummary s, string currency)
    {
        var total = CountFormatter.ShortMoneyRange(s.ExposureLow, s.ExposureHigh, currency);
        return s.Grades is not { } g
            ? total
            : $"{total}; on grades A and B {CountFormatter.ShortMoneyRange(g.GroundedLow, g.GroundedHigh, currency)}, on grade C (speculative) {CountFormatter.ShortMoneyRange(g.GradeCLow, g.GradeCHigh, currency)}";
    }

    /// <summary>The change of the low and the high figure since the scan compared with, and what it was.</summary>
    public static string Change(ExecutiveSummary s, ExposureChange c, string currency)
    {
        var low = s.ExposureLow - c.PreviousLow;
        var high = s.ExposureHigh - c.PreviousHigh;
        var was = $"was {CountFormatter.ShortMoneyRange(c.PreviousLow, c.PreviousHigh, currency)} on {CountFormatter.Date(c.ComparedAsOf)}";
        return low == 0 && high == 0
            ? $"unchanged ({was})"
            : $"low {Signed(low)}, high {Signed(high)} ({was})";

        string Signed(decimal d) => (d > 0 ? "+" : d < 0 ? "-" : "±") + CountFormatter.MoneyShort(Math.Abs(d), currency);
    }

    public static string OpenFindings(ExecutiveSummary s)
    {
        var o = s.OpenBySeverity;
        List<string> parts = [];
        foreach (var (n, what) in new[] { (o.Critical, "critical"), (o.High, "high"), (o.Medium, "medium"), (o.Low, "low") })
        {
            if (n > 0)
            {
                parts.Add($"{CountFormatter.Count(n)} {what}");
            }
        }

        return parts.Count == 0
            ? "none"
            : $"{CountFormatter.Count(o.Total)} ({string.Join(", ", parts)}), {CountFormatter.Count(s.AffectedWorkers)} workers affected";
    }

    /// <summary>The first <paramref name="shown"/> names, then how many more and where they are; "none" for none.</summary>
    public static string Names(IReadOnlyList<string>? names, int total, int shown)
    {
        if (total == 0 || names is not { Count: > 0 })
        {
            return total == 0 ? "none" : $"{CountFormatter.Count(total)} (named in the findings by rule)";
        }

        var listed = string.Join("; ", names.Take(shown));
        return total > shown
            ? $"{CountFormatter.Count(total)}: {listed}; and {CountFormatter.Count(total - shown)} more in the findings by rule"
            : $"{CountFormatter.Count(total)}: {listed}";
    }

    /// <summary>Who the findings of a decision are assigned to, or that nobody is yet.</summary>
    public static string Owners(IReadOnlyList<string>? owners) =>
        owners is { Count: > 0 } ? string.Join(", ", owners) : "not assigned yet";

    /// <summary>"due 2026-11-05", "due 2026-10-20, overdue" when the day had passed by the data date, or "no due day".</summary>
    public static string Due(DateOnly? due, DateOnly asOf) => due switch
    {
        null => "no due day",
        { } d when d < asOf => $"due {CountFormatter.Date(d)}, overdue",
        { } d => $"due {CountFormatter.Date(d)}",
    };
}
