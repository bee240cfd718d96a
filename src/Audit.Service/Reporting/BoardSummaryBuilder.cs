using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Records;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Reporting;

/// <summary>
/// Builds the board summary from the scan record of the quarter's last day: counts, money and plain sentences only. Worker names and ids are never read
/// here, so they cannot reach the board PDF; counts of people are masked below five, and nothing printed beside them gives a masked one away.
/// </summary>
public sealed class BoardSummaryBuilder(ScanHistory history, Planning.PlanService plans, IOptions<AuditOptions> options)
{
    public async Task<BoardSummary> BuildAsync(Quarter quarter, ReportText text, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scan = await history.ScanForAsync(quarter.LastDay, cancellationToken);
        var scans = await history.ListAsync(cancellationToken);
        var sections = await history.SectionsAsync(scan.ScanId, cancellationToken);
        progress?.Report("reading the scan record");
        var active = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();

        // New and resolved compare with the last scan of the previous quarter.
        var previousScan = ScanHistory.ComparedWith(scans, quarter.Previous.LastDay);
        var previous = previousScan is null
            ? []
            : (await history.FindingsAsync(previousScan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var current = active.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);

        var ranked = TopRisks.Rank(scan.Summary.Rules, active, text, n => CountFormatter.Masked(n));
        var settings = options.Value;
        var disclosure = Disclosure.Protect(ranked, scan.Summary.AffectedWorkers, scan.Summary.Exposure.Low, scan.Summary.Exposure.High);
        var workers = active.ToDictionary(f => f.FindingKey, f => f.AffectedWorkerCount, StringComparer.Ordinal);
        var decisions = RemediationViews.Decisions(await plans.PlanAsync(scan, scan.AsOf, cancellationToken), key => workers.GetValueOrDefault(key))
            .Select(d => disclosure.Protect(d.Decision, d.Workers.Sum()))
            .ToList();
        var exposureLowChange = disclosure.Round(scan.Summary.Exposure.Low - (previousScan?.Summary.Exposure.Low ?? 0));
        var exposureHighChange = disclosure.Round(scan.Summary.Exposure.High - (previousScan?.Summary.Exposure.High ?? 0));
        return new BoardSummary(
            settings.CompanyName,
            quarter.ToString(),
            DateTimeOffset.UtcNow,
            scan.AsOf,
            new BoardKpis(Trends.Counts(active), disclosure.AffectedWorkers, disclosure.Down(scan.Summary.Exposure.Low), disclosure.Up(scan.Summary.Exposure.High),
                settings.ReportCurrency, disclosure.AffectedWorkersIsLowerBound, disclosure.RoundedTo,
                disclosure.Grades(scan.Summary.Grades(sections.Assumptions.ToDictionary(a => a.TheoryId, a => a.Regime, StringComparer.Ordinal)))),
            // The chart must not draw what the figures withhold: its exposure band is rounded outwards like them.
            (await history.TrendAsync(scans, quarter.LastMonth, 12, cancellationToken))
                .Select(t => t with
                {
                    ExposureLow = disclosure.Down(t.ExposureLow), ExposureHigh = disclosure.Up(t.ExposureHigh),
                    GroundedLow = t.GroundedLow is { } gl ? disclosure.Down(gl) : null, GroundedHigh = t.GroundedHigh is { } gh ? disclosure.Up(gh) : null,
                }).ToList(),
            disclosure.Risks,
            new BoardChanges(
                current.Count(k => !previous.Contains(k)),
                previous.Count(k => !current.Contains(k)),
                exposureLowChange,
                exposureHighChange),
            decisions);
    }

    /// <summary>
    /// Complementary suppression. A count of fewer than five people prints as "&lt;5"; it must not follow from the figures
    /// beside it either. The board prints two kinds of figure that could give it away:
    /// <list type="bullet">
    /// <item>The total of people affected: the risks' people counts overlap (one person in several rules), so the total is
    /// at most their sum, and a total above the sum of the counts shown bounds a masked one from below. Then the total
    /// prints as a lower bound no larger than the largest count shown (true, and it bounds nothing).</item>
    /// <item>Exposure: some theories are per worker, so a masked risk's exposure could be divided back into its count. That
    /// risk prints no exposure, and the totals (and their change, which last quarter's board turns back into a total) are
    /// rounded to a power of ten at least twice the withheld figure, so the difference cannot pin it down.</item>
    /// </list>
    /// Finding counts are not people and print as they are.
    /// </summary>
    internal sealed record Disclosure(IReadOnlyList<BoardRisk> Risks, int AffectedWorkers, bool AffectedWorkersIsLowerBound, decimal? RoundedTo)
    {
        public decimal Round(decimal amount) => RoundedTo is { } unit ? Math.Round(amount / unit, MidpointRounding.AwayFromZero) * unit : amount;

        /// <summary>A low estimate rounded down and a high one up, so the rounded range still brackets the exact one.</summary>
        public decimal Down(decimal amount) => RoundedTo is { } unit ? Math.Floor(amount / unit) * unit : amount;

        public decimal Up(decimal amount) => RoundedTo is { } unit ? Math.Ceiling(amount / unit) * unit : amount;

        /// <summary>The split rounded like the total: the grounded part outwards, the grade-C part what is left of the rounded total.</summary>
        public ExposureGrades? Grades(ExposureGrades? exact)
        {
            if (exact is null || RoundedTo is null)
            {
                return exact;
            }

            var (low, high) = (Down(exact.TotalLow), Up(exact.TotalHigh));
            var (groundedLow, groundedHigh) = (Down(exact.GroundedLow), Math.Min(Up(exact.GroundedHigh), high));
            return exact with { GroundedLow = groundedLow, GroundedHigh = groundedHigh, GradeCLow = low - groundedLow, GradeCHigh = high - groundedHigh };
        }

        /// <summary>
        /// A decision's figures as the board may see them: withheld where the findings behind it name fewer than five
        /// people (a per-person cost would give the count away), else rounded outwards like the exposure.
        /// </summary>
        public BoardDecision Protect(BoardDecision decision, long people) =>
            people is > 0 and < CountFormatter.SmallCountThreshold
                ? decision with { CostLow = 0, CostHigh = 0, SettlesLow = 0, SettlesHigh = 0, StopsPerMonthLow = 0, StopsPerMonthHigh = 0, FiguresWithheld = true }
                : decision with
                {
                    CostLow = Down(decision.CostLow), CostHigh = Up(decision.CostHigh), SettlesLow = Down(decision.SettlesLow), SettlesHigh = Up(decision.SettlesHigh),
                    StopsPerMonthLow = Down(decision.StopsPerMonthLow), StopsPerMonthHigh = Up(decision.StopsPerMonthHigh),
                };

        public static Disclosure Protect(IReadOnlyList<RankedRisk> ranked, int affectedWorkers, decimal exposureLow, decimal exposureHigh)
        {
            static bool Masked(int n) => n is > 0 and < CountFormatter.SmallCountThreshold;
            var masked = ranked.Where(r => Masked(r.Workers)).ToList();
            var risks = ranked.Select(r => Masked(r.Workers) && r.Risk.ExposureHigh > 0
                ? r.Risk with { ExposureLow = 0, ExposureHigh = 0, ExposureWithheld = true }
                : r.Risk).ToList();
            if (masked.Count == 0)
            {
                return new Disclosure(risks, affectedWorkers, false, null);
            }

            var shown = ranked.Where(r => !Masked(r.Workers)).ToList();
            var total = affectedWorkers;
            var lowerBound = false;
            if (!Masked(affectedWorkers) && affectedWorkers - shown.Sum(r => r.Workers) > 0)
            {
                total = Math.Max(CountFormatter.SmallCountThreshold, shown.Select(r => r.Workers).DefaultIfEmpty(0).Max());
                lowerBound = true;
            }

            var withheld = masked.Max(r => r.Risk.ExposureHigh);
            decimal? unit = null;
            if (withheld > 0 && (exposureLow > 0 || exposureHigh > 0))
            {
                unit = 1m;
                while (unit < withheld * 2)
                {
                    unit *= 10;
                }
            }

            return new Disclosure(risks, total, lowerBound, unit);
        }
    }
}