using System.Globalization;
using Audit.Reports.Models;
using Audit.Reports.Wording;

namespace Audit.Service.Reporting;

/// <summary>
/// The executive summary's two or three sentences: what changed since the scan the month is compared with, how the
/// exposure moved, and what matters most. Written from the scan record's figures, so every sentence is true for
/// whatever they are: nothing new, one finding or many, a first month with nothing to compare.
/// </summary>
public static class MonthHighlights
{
    private const int NamedAtMost = 3;

    /// <param name="period">The month reported.</param>
    /// <param name="comparedAsOf">The day of the scan it is compared with; null in the first month scanned.</param>
    /// <param name="previousExposure">That scan's exposure range (low, high).</param>
    /// <param name="rows">The month's findings: new, persisting and resolved since the compared scan.</param>
    public static IReadOnlyList<string> Write(
        YearMonth period,
        DateOnly? comparedAsOf,
        (decimal Low, decimal High)? previousExposure,
        SeverityCounts open,
        IReadOnlyList<FindingRow> rows,
        (decimal Low, decimal High) exposure,
        IReadOnlyList<BoardRisk> topRisks,
        string currency)
    {
        var sentences = new List<string>();
        var created = rows.Where(r => r.Change == ChangeState.New).ToList();
        var resolved = rows.Count(r => r.Change == ChangeState.Resolved);
        var persisting = rows.Count(r => r.Change == ChangeState.Persisting);
        string Range(decimal low, decimal high) => CountFormatter.ShortMoneyRange(low, high, currency);

        if (comparedAsOf is not { } before)
        {
            sentences.Add(open.Total switch
            {
                0 => "This is the first month scanned, and it found no open finding.",
                1 => "This is the first month scanned: its one open finding is new.",
                _ => $"This is the first month scanned: all {Count(open.Total)} open findings are new.",
            });
        }
        else
        {
            var since = before == period.Before().LastDay
                ? "last month (" + before.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + ")"
                : "the scan of " + CountFormatter.Date(before);
            if (created.Count == 0 && resolved == 0)
            {
                sentences.Add(persisting switch
                {
                    0 => $"Nothing changed since {since}: there was no open finding then and there is none now.",
                    1 => $"Nothing changed in the findings since {since}: none is new, none was resolved, and the one open finding persists.",
                    _ => $"Nothing changed in the findings since {since}: none is new, none was resolved, and all {Count(persisting)} open findings persist.",
                });
            }
            else
            {
                var parts = new List<string>();
                if (created.Count > 0)
                {
                    parts.Add($"{Findings(created.Count)} {(created.Count == 1 ? "is" : "are")} new ({Rules(created)})");
                }

                if (resolved > 0)
                {
                    parts.Add($"{Findings(resolved)} {(resolved == 1 ? "was" : "were")} resolved");
                }

                var tail = persisting switch
                {
                    0 => "; no other finding is open",
                    1 => "; one other persists",
                    _ => $"; {Count(persisting)} others persist",
                };
                sentences.Add($"Since {since}, {string.Join(" and ", parts)}{tail}.");
            }

            if (previousExposure is { } was)
            {
                var sameFindings = created.Count == 0 && resolved == 0 && persisting > 0 ? ", from the same findings" : string.Empty;
                sentences.Add((was.Low, was.High) == (exposure.Low, exposure.High)
                    ? $"The exposure estimate is unchanged{(exposure.Low == 0 && exposure.High == 0 ? ": " : " at ")}{Range(exposure.Low, exposure.High)}."
                    : $"The exposure estimate {Direction(was, exposure)} {Range(was.Low, was.High)} to {Range(exposure.Low, exposure.High)}{sameFindings}.");
            }
        }

        var newCritical = created.Where(r => r.Severity == Severity.Critical).ToList();
        if (newCritical.Count > 0)
        {
            sentences.Add($"Most urgent: {(newCritical.Count == 1 ? "a new critical finding" : Count(newCritical.Count) + " new critical findings")}, {Named(newCritical.Select(r => r.Title))}.");
        }
        else if (open.Total > 0 && topRisks.Count > 0 && topRisks[0] is var top)
        {
            var critical = open.Critical switch
            {
                0 => open.Total == 1 ? "it is not critical" : "none of the open findings is critical",
                var c when c == open.Total => open.Total == 1 ? "it is critical" : $"all {Count(c)} open findings are critical",
                var c => $"{Count(c)} of the {Count(open.Total)} open findings {(c == 1 ? "is" : "are")} critical",
            };
            sentences.Add(top.ExposureHigh > 0
                ? $"What matters most: {RuleCatalog.Title(top.Rule)} ({top.Rule}), the largest exposure at {Range(top.ExposureLow, top.ExposureHigh)}; {critical}."
                : $"What matters most: {RuleCatalog.Title(top.Rule)} ({top.Rule}); {critical}.");
        }

        return sentences;
    }

    private static string Direction((decimal Low, decimal High) was, (decimal Low, decimal High) now) =>
        now.Low >= was.Low && now.High >= was.High ? "rose from"
        : now.Low <= was.Low && now.High <= was.High ? "fell from"
        : "moved from";

    private static string Count(int n) => CountFormatter.Count(n);

    private static string Findings(int n) => n == 1 ? "one finding" : $"{Count(n)} findings";

    private static string Rules(IEnumerable<FindingRow> rows) =>
        Named(rows.Select(r => r.Rule).Distinct().Order().Select(r => $"{r} {RuleCatalog.Title(r)}"));

    /// <summary>"a", "a and b", "a, b and c", "a, b, c and 2 more".</summary>
    private static string Named(IEnumerable<string> items)
    {
        var all = items.ToList();
        var shown = all.Take(NamedAtMost).ToList();
        if (all.Count > shown.Count)
        {
            return string.Join(", ", shown) + $" and {Count(all.Count - shown.Count)} more";
        }

        return shown.Count == 1 ? shown[0] : string.Join(", ", shown[..^1]) + " and " + shown[^1];
    }
}
