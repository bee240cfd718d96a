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
    BoardChanges Changes,
    IReadOnlyList<BoardDecision>? Decisions = null)
{
    public string Disclaimer => ReportConstants.Disclaimer;
}

/// <summary>
/// <see cref="AffectedWorkersIsLowerBound"/>: the tile prints "at least N" because the exact total, less the people
/// counts of the risks, would narrow down a count the board masks (complementary suppression).
/// <see cref="ExposureRoundedTo"/>: likewise the exposure totals are rounded to that unit, so the exposure of a
/// risk whose people count is masked (and with it, for a per-worker theory, the count) cannot be read off them.
/// </summary>
public sealed record BoardKpis(
    SeverityCounts OpenBySeverity,
    int AffectedWorkers,
    decimal ExposureLow,
    decimal ExposureHigh,
    string CurrencyCode,
    bool AffectedWorkersIsLowerBound = false,
    decimal? ExposureRoundedTo = null,
    ExposureGrades? Grades = null)
{
    public int CriticalCount => OpenBySeverity.Critical;
}

/// <summary>
/// One of the top five risks, as a sentence a reader takes in without the rulebook, and the decision it asks of the
/// board or the owner who must act. The board summary and the monthly executive summary both list them.
/// <see cref="ExposureWithheld"/>: the risk's people count is masked, and its exposure (per worker, for some
/// theories) would give the count away, so the board prints neither. <see cref="Owners"/> and <see cref="DueOn"/>:
/// who the open findings of the risk are assigned to and the earliest day one of them is due (null where none is).
/// </summary>
public sealed record BoardRisk(
    RuleCode Rule,
    Severity Severity,
    string Sentence,
    decimal ExposureLow,
    decimal ExposureHigh,
    string? Decision = null,
    bool ExposureWithheld = false,
    IReadOnlyList<string>? Owners = null,
    DateOnly? DueOn = null);

public sealed record BoardChanges(int New, int Resolved, decimal ExposureLowChange, decimal ExposureHighChange);

/// <summary>
/// A decision the board is asked to take: one remedy, recommended for <see cref="Findings"/> open findings, what it
/// costs, the exposure it settles for past conduct and what it stops accruing a month, who acts and within how many
/// days of the data date (a day, not a date: a report of a past period prints nothing dated after it).
/// <see cref="FiguresWithheld"/>: the findings behind it name fewer than five people, and a per-person cost would
/// give the count away, so the board prints no figures for it.
/// </summary>
public sealed record BoardDecision(
    string Decision,
    int Findings,
    IReadOnlyList<RuleCode> Rules,
    decimal CostLow,
    decimal CostHigh,
    decimal SettlesLow,
    decimal SettlesHigh,
    decimal StopsPerMonthLow,
    decimal StopsPerMonthHigh,
    string Owner,
    int WithinDays,
    bool FiguresWithheld = false);
