using Audit.Reports.Models;
using Audit.Rules;
using Audit.Service.Planning;

namespace Audit.Service.Reporting;

/// <summary>The remediation plan as the reports print it: every option for the workbook, the recommended ones grouped for the board.</summary>
public static class RemediationViews
{
    /// <summary>How many decisions the board summary lists.</summary>
    public const int BoardDecisions = 5;

    public static IReadOnlyList<RemediationRow> Rows(RemediationPlan plan) =>
        plan.Findings.SelectMany(f => f.Options.Select((o, i) => new RemediationRow(
            f.Finding.FindingKey,
            f.Finding.Rule,
            f.Finding.Severity,
            f.Finding.Title,
            f.Finding.Exposure.Low,
            f.Finding.Exposure.High,
            f.AccruingPerMonth.Low,
            f.AccruingPerMonth.High,
            o.Id,
            o.Title,
            i == 0,
            o.Cost.Low,
            o.Cost.High,
            o.ExposureAfter.Low,
            o.ExposureAfter.High,
            o.AccrualAfter.Low,
            o.AccrualAfter.High,
            string.Join(", ", o.Retires),
            o.Owner,
            o.Deadline.DayNumber - plan.AsOf.DayNumber,
            o.Basis)))
        .ToList();

    /// <summary>
    /// The decisions for the board: each finding's recommended option, one decision per remedy over the findings it is
    /// recommended for (costs, settled exposure and stopped accrual summed over them: each finding's own figures, so
    /// the settled sum can exceed what the total would fall by where a cap or an overlap counts once), ranked by
    /// what they take off in a year (settled plus twelve months of stopped accrual), then the cheapest.
    /// <paramref name="workers"/> gives each finding's count of people, for the board's small-count masking.
    /// </summary>
    public static IReadOnlyList<(BoardDecision Decision, IReadOnlyList<long> Workers)> Decisions(RemediationPlan plan, Func<string, long> workers) =>
        plan.Findings
            .Where(f => f.Recommended is not null)
            .GroupBy(f => f.Recommended!.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var option = g.First().Recommended!;
                var cost = Sum(g.Select(f => f.Recommended!.Cost));
                var settles = Sum(g.Select(f => f.Finding.Exposure.Subtract(f.Recommended!.ExposureAfter)));
                var stops = Sum(g.Select(f => f.AccruingPerMonth.Subtract(f.Recommended!.AccrualAfter)));
                var decision = new BoardDecision(
                    option.Title,
                    g.Count(),
                    g.Select(f => f.Finding.Rule).Distinct().Order().ToList(),
                    cost.Low,
                    cost.High,
                    settles.Low,
                    settles.High,
                    stops.Low,
                    stops.High,
                    option.Owner,
                    g.Min(f => f.Recommended!.Deadline.DayNumber - plan.AsOf.DayNumber));
                return (Decision: decision, Workers: (IReadOnlyList<long>)g.Select(f => workers(f.Finding.FindingKey)).ToList());
            })
            .OrderByDescending(d => d.Decision.SettlesHigh + (d.Decision.StopsPerMonthHigh * RemediationPlanner.HorizonMonths))
            .ThenBy(d => d.Decision.CostHigh)
            .ThenBy(d => d.Decision.Decision, StringComparer.Ordinal)
            .Take(BoardDecisions)
            .ToList();

    private static ExposureRange Sum(IEnumerable<ExposureRange> ranges) => ranges.Aggregate(ExposureRange.Zero, (a, b) => a.Add(b));
}
