using Audit.Reports.Models;

namespace Audit.Reports.Wording;

/// <summary>One figure of the board's headline: the text shown and what it is.</summary>
public sealed record BoardFigure(string Value, string Label);

/// <summary>
/// The board summary's headline figures as text, for the PDF's tiles and the board web page alike: one place formats
/// them, from a <see cref="BoardKpis"/> that <c>BoardSummaryBuilder</c> has already masked and rounded, so the page can
/// never show a figure the PDF withholds.
/// </summary>
public static class BoardHeadline
{
    public static IReadOnlyList<BoardFigure> Counts(BoardKpis k) =>
    [
        new(CountFormatter.Count(k.OpenBySeverity.Total), "Open findings"),
        new(CountFormatter.Count(k.CriticalCount), "Critical findings"),
        k.AffectedWorkersIsLowerBound
            ? new(CountFormatter.Count(k.AffectedWorkers) + "+", "Workers affected (at least)")
            : new(CountFormatter.Masked(k.AffectedWorkers), "Workers affected"),
    ];

    /// <summary>How much of the range rests on grade C, as a tile: "94% / 67%", or null when the scan kept no split.</summary>
    public static BoardFigure? GradeC(BoardKpis k) => k.Grades is not { } g || (k.ExposureLow == 0 && k.ExposureHigh == 0)
        ? null
        : new(ExposureWording.GradeCShares(g),
            "of the low / high figure rests on grade C");

    /// <summary>The split in one sentence, for under the tiles.</summary>
    public static string? Grades(BoardKpis k) => k.Grades is not { } g || (k.ExposureLow == 0 && k.ExposureHigh == 0)
        ? null
        : ExposureWording.Sentence(g, k.CurrencyCode) + (k.ExposureRoundedTo is null ? string.Empty : " Rounded like the range.");

    public static BoardFigure Exposure(BoardKpis k) => new(
        CountFormatter.ShortMoneyRange(k.ExposureLow, k.ExposureHigh, k.CurrencyCode),
        k.ExposureRoundedTo is { } rounding
            ? $"Estimated legal exposure (low - high), rounded to {CountFormatter.MoneyShort(rounding, k.CurrencyCode)}"
            : "Estimated legal exposure (low - high)");
}
