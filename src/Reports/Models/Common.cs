namespace Audit.Reports.Models;

/// <summary>A calendar month, printed as yyyy-MM.</summary>
public readonly record struct YearMonth
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public override string ToString() => FormattableString.Invariant($"{Year:D4}-{Month:D2}");
}

public sealed record SeverityCounts(int Critical, int High, int Medium, int Low)
{
    public static SeverityCounts Zero { get; } = new(0, 0, 0, 0);

    public int Total => Critical + High + Medium + Low;

    public int this[Severity severity] => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

/// <summary>One month of the trend chart.</summary>
public sealed record TrendPoint(DateOnly MonthEnd, SeverityCounts Counts, decimal ExposureLow, decimal ExposureHigh);

/// <summary>Fixed wording every report carries; counsel asked for it verbatim.</summary>
public static class ReportConstants
{
    public const string Disclaimer = "An estimate to support counsel, not legal advice.";

    public const string Confidential = "Confidential - prepared at the request of counsel";

    public const string SoftwareName = "Audit";
}
