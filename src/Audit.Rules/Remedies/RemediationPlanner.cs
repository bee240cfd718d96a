namespace Audit.Rules;

/// <summary>
/// Prices the way out of each finding: every remedy of the table that applies to the finding's rule, costed from the
/// table's unit costs and the finding's own counts, with the exposure left once it is taken. The exposure model says
/// what a remedy changes: past conduct stays priced as the scan priced it, except the theories the remedy settles
/// (paying contributors settles the wage claim), caps applied as in the scan; a remedy that stops the flow stops what
/// the finding accrues from the decision date. An option whose cost scales only with counts the finding does not
/// hold (no model to delete, no worker to tell, nothing left to purge once every training set and model holding the
/// data is recorded purged) is not offered. Options come recommended first: the least exposure left
/// after a year (what stays plus a year of what still accrues), then the cheapest, then the table's order.
/// </summary>
public sealed class RemediationPlanner(IReadOnlyList<Remedy> remedies, ExposureModel model)
{
    /// <summary>How far ahead the ranking looks at what still accrues.</summary>
    public const int HorizonMonths = 12;

    public IReadOnlyList<PlannedFinding> Plan(IReadOnlyList<PlanFinding> findings, DateOnly decisionDate) =>
        findings.Select(f => Plan(f, decisionDate)).ToList();

    public PlannedFinding Plan(PlanFinding finding, DateOnly decisionDate)
    {
        var accruing = ExposureModel.MonthlyAccrual(finding.Lines, decisionDate);
        var options = new List<(RemedyOption Option, int Order)>();
        for (var i = 0; i < remedies.Count; i++)
        {
            var remedy = remedies[i];
            if (remedy.Rules.Contains(finding.Rule) && Cost(remedy, finding) is { } cost)
            {
                var after = model.Remaining(finding.Lines, remedy.Retires.ToHashSet(StringComparer.Ordinal));
                options.Add((new RemedyOption(
                    remedy.Id,
                    remedy.Title,
                    cost,
                    after,
                    remedy.StopsAccrual ? ExposureRange.Zero : accruing,
                    remedy.StopsAccrual,
                    remedy.Retires.Where(t => finding.Lines.Any(l => l.TheoryId == t)).ToList(),
                    remedy.Owner,
                    decisionDate.AddDays(remedy.DeadlineDays),
                    remedy.Basis), i));
            }
        }

        var ranked = options
            .OrderBy(o => o.Option.ExposureAfter.High + (o.Option.AccrualAfter.High * HorizonMonths))
            .ThenBy(o => o.Option.ExposureAfter.Low + (o.Option.AccrualAfter.Low * HorizonMonths))
            .ThenBy(o => o.Option.Cost.High)
            .ThenBy(o => o.Order)
            .Select(o => o.Option)
            .ToList();
        return new PlannedFinding(finding, accruing, ranked);
    }

    /// <summary>
    /// The remedy's cost for this finding in the report currency; null when the remedy has parts that scale with the
    /// finding's counts and every one of them counts nothing (no model to delete, no worker to tell, no unpaid work).
    /// </summary>
    private ExposureRange? Cost(Remedy remedy, PlanFinding finding)
    {
        // The table's unit costs are in its currency; R7's replacement value is in the report currency already.
        var inTable = ExposureRange.Zero;
        var inReport = ExposureRange.Zero;
        var variable = 0;
        var counted = 0;
        foreach (var part in remedy.Costs)
        {
            if (part.Unit == RemedyCostUnits.ReplacementValue)
            {
                variable++;
                if (finding.ReplacementValue is { High: > 0 } value)
                {
                    counted++;
                    inReport = inReport.Add(new ExposureRange(part.Low * value.Low, part.High * value.High));
                }

                continue;
            }

            decimal units = part.Unit switch
            {
                RemedyCostUnits.Fixed => 1,
                RemedyCostUnits.PerWorker => finding.Workers,
                RemedyCostUnits.PerBatch => finding.Batches,
                RemedyCostUnits.PerHeldBatch => finding.HeldBatches,
                RemedyCostUnits.PerModel => finding.Models,
                _ => throw new ArgumentException($"Remedy {remedy.Id}: unknown cost unit '{part.Unit}'.", nameof(remedy)),
            };
            if (part.Unit != RemedyCostUnits.Fixed)
            {
                variable++;
                counted += units > 0 ? 1 : 0;
            }

            inTable = inTable.Add(new ExposureRange(part.Low * units, part.High * units));
        }

        if (variable > 0 && counted == 0)
        {
            return null;
        }

        return new ExposureRange(
            Money.Round(model.ToReport(inTable.Low, remedy.Currency) + inReport.Low),
            Money.Round(model.ToReport(inTable.High, remedy.Currency) + inReport.High));
    }
}
