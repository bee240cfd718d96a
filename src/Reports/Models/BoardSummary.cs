namespace Audit.Reports.Models;

/// <summary>
/// The quarterly board summary. By construction it holds counts, money and plain sentences only: no type here
/// has a worker name or id, so nothing personal can reach the board PDF.
/// </summary>
public sealed record BoardSummary(
    string CompanyName,
    string QuarterLabel,
    DateTimeOffset GeneratedAt,
    DateOnly DataAsOf,
    BoardKpis Kpis,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<BoardRisk> TopRisks,
    BoardChanges Changes)
{
    public string Disclaimer => ReportConstants.Disclaimer;
}

public sealed record BoardKpis(
    SeverityCounts OpenBySeverity,
    int AffectedWorkers,
    decimal ExposureLow,
    decimal ExposureHigh,
    string CurrencyCode)
{
    public int CriticalCount => OpenBySeverity.Critical;
}

/// <summary>One of the top five risks, as a sentence a board member reads without the rulebook.</summary>
public sealed record BoardRisk(RuleCode Rule, Severity Severity, string Sentence, decimal ExposureLow, decimal ExposureHigh);

public sealed record BoardChanges(int New, int Resolved, decimal ExposureLowChange, decimal ExposureHighChange);
