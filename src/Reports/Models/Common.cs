namespace Audit.Reports.Models;

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

/// <summary>One month of the trend chart; the grounded figures (grades A and B alone) are null for scans that did not keep them.</summary>
public sealed record TrendPoint(DateOnly MonthEnd, SeverityCounts Counts, decimal ExposureLow, decimal ExposureHigh, decimal? GroundedLow = null, decimal? GroundedHigh = null);

/// <summary>Fixed wording every report carries; counsel asked for it verbatim.</summary>
public static class ReportConstants
{
    public const string Disclaimer = "An estimate to support counsel, not legal advice.";

    public const string Confidential = "Confidential - prepared at the request of counsel";

    public const string SoftwareName = "Audit";

    /// <summary>One yes/no vocabulary for every report and export (PDF, workbook, CSV).</summary>
    public static string YesNo(bool value) => value ? "Yes" : "No";
}
