using Audit.Reports.Models;
using Audit.Service.Rules;

namespace Audit.Service.Exposure;

/// <summary>
/// One theory's contribution: how many units, and the low and high figure in report currency. ConductFrom and
/// ConductTo are the earliest and latest dates of the conduct it prices (captures, terminations), when known.
/// </summary>
public sealed record ExposureLine(string TheoryId, string Jurisdiction, string Unit, decimal Units, decimal Low, decimal High, string Citation, bool Capped, DateOnly? ConductFrom = null, DateOnly? ConductTo = null);

public sealed record ExposureRange(decimal Low, decimal High)
{
    public static ExposureRange Zero { get; } = new(0, 0);

    public ExposureRange Add(ExposureRange other) => new(Low + other.Low, High + other.High);
}

/// <summary>The estimate for a set of findings: total, per theory, and each finding's standalone figure.</summary>
public sealed record ExposureEstimate(ExposureRange Total, IReadOnlyList<ExposureLine> Lines, IReadOnlyDictionary<string, (ExposureRange Range, IReadOnlyList<ExposureLine> Lines)> PerFinding);

/// <summary>
/// Maps findings to legal theories by rule and by where the affected workers were at capture time, and
/// prices them low–high. Statutory per-worker and per-violation figures add up; a regulator's cap (a theory
/// with a cap group, such as GDPR) bounds everything under it: the gravest figure of the group counts once,
/// never once per finding. A finding's own figure is what it would cost alone, so findings do not sum to the total.
/// An estimate to support counsel, not legal advice.
/// </summary>
public sealed class ExposureModel
{
    private readonly IReadOnlyList<ExposureTheory> _theories;
    private readonly AuditOptions _options;

    public ExposureModel(IReadOnlyList<ExposureTheory> theories, AuditOptions options)
    {
        _theories = theories;
        _options = options;
    }

    public ExposureEstimate Estimate(IReadOnlyList<FindingBuilder> findings, ScanSnapshot snapshot)
    {
        var lines = new List<ExposureLine>();
        var perFinding = findings.ToDictionary(f => f.Key, _ => new List<ExposureLine>(), StringComparer.Ordinal);
        foreach (var theory in _theories.Where(t => t.EffectiveFrom <= snapshot.AsOf))
        {
            var triggered = findings.Where(f => theory.TriggeringRules.Contains(f.Rule)).ToList();
            var units = 0m;
            var workersOnce = new HashSet<int>();
            foreach (var finding in triggered)
            {
                var (workers, value) = InJurisdiction(finding, theory);
                var findingUnits = theory.Unit switch
                {
                    ExposureUnits.PerWorker or ExposureUnits.PerViolation => workers.Count,
                    ExposureUnits.PerOffense or ExposureUnits.TurnoverCap => workers.Count > 0 || (finding.Workers.Count == 0 && theory.Jurisdiction == "ANY") ? 1 : 0,
                    ExposureUnits.ReplacementValue => value,
                    _ => 0,
                };
                if (findingUnits == 0)
                {
                    continue;
                }

                workersOnce.UnionWith(workers);
                units += theory.Unit == ExposureUnits.PerWorker ? 0 : findingUnits;
                perFinding[finding.Key].Add(Price(theory, findingUnits, capped: false));
            }

            if (theory.Unit == ExposureUnits.PerWorker)
            {
                units = workersOnce.Count;
            }
            else if (theory.Unit == ExposureUnits.TurnoverCap)
            {
                units = units > 0 ? 1 : 0;
            }

            if (units > 0)
            {
                lines.Add(Price(theory, units, capped: false));
            }
        }

        var (total, bounded) = Bound(lines);
        var byFinding = perFinding.ToDictionary(
            p => p.Key,
            p =>
            {
                var (range, findingLines) = Bound(p.Value);
                return (range, (IReadOnlyList<ExposureLine>)findingLines);
            },
            StringComparer.Ordinal);
        return new ExposureEstimate(total, bounded, byFinding);
    }

    /// <summary>Within a cap group only the gravest theory counts (GDPR Art. 83(3)); the others are kept, marked capped, at zero.</summary>
    private (ExposureRange Total, List<ExposureLine> Lines) Bound(List<ExposureLine> lines)
    {
        var result = new List<ExposureLine>();
        var total = ExposureRange.Zero;
        foreach (var group in lines.GroupBy(l => CapGroupOf(l.TheoryId) ?? "\u0000" + l.TheoryId))
        {
            var list = group.ToList();
            if (list.Count == 1 || group.Key.StartsWith('\u0000'))
            {
                result.AddRange(list);
                total = list.Aggregate(total, (t, l) => t.Add(new ExposureRange(l.Low, l.High)));
                continue;
            }

            var gravest = list.OrderByDescending(l => l.High).ThenBy(l => l.TheoryId, StringComparer.Ordinal).First();
            foreach (var line in list)
            {
                result.Add(line == gravest ? line : line with { Low = 0, High = 0, Capped = true });
            }

            total = total.Add(new ExposureRange(list.Max(l => l.Low), gravest.High));
        }

        return (total, result);
    }

    /// <summary>A cap theory's low and high figure for this company, in the theory's currency.</summary>
    public (decimal Low, decimal High) CapAmounts(ExposureTheory theory)
    {
        var turnover = _options.GlobalAnnualTurnover * RateToReport(_options.TurnoverCurrency) / RateToReport(theory.Currency);
        var lowShare = (theory.TurnoverShareLow ?? 0) * turnover;
        var highShare = (theory.TurnoverShareHigh ?? 0) * turnover;

        // AI Act Art. 99(6): for an SME each cap is the lower of the two figures.
        var sme = _options.IsSme && string.Equals(theory.CapGroup, "EU AI Act", StringComparison.Ordinal);
        return sme
            ? (Math.Min(theory.LowAmount, lowShare), Math.Min(theory.HighAmount, highShare))
            : (Math.Max(theory.LowAmount, lowShare), Math.Max(theory.HighAmount, highShare));
    }

    private string? CapGroupOf(string theoryId) => _theories.First(t => t.TheoryId == theoryId).CapGroup;

    private ExposureLine Price(ExposureTheory theory, decimal units, bool capped)
    {
        var rate = RateToReport(theory.Currency);
        decimal low;
        decimal high;
        if (theory.Unit == ExposureUnits.TurnoverCap)
        {
            (low, high) = CapAmounts(theory);
        }
        else
        {
            low = theory.LowAmount * units;
            high = theory.HighAmount * units;
        }

        return new ExposureLine(theory.TheoryId, theory.Jurisdiction, theory.Unit, units, Math.Round(low * rate, 0), Math.Round(high * rate, 0), theory.Citation, capped);
    }

    private decimal RateToReport(string currency)
    {
        if (string.Equals(currency, _options.ReportCurrency, StringComparison.Ordinal))
        {
            return 1m;
        }

        if (!_options.CurrencyRates.TryGetValue(currency, out var toUsd) || !_options.CurrencyRates.TryGetValue(_options.ReportCurrency, out var reportToUsd))
        {
            throw new InvalidOperationException($"No currency rate for {currency} or {_options.ReportCurrency}: set Audit:CurrencyRates.");
        }

        return toUsd / reportToUsd;
    }

    /// <summary>Affected workers located, at capture time, where the theory applies; and for R7 the replacement value.</summary>
    private (List<int> Workers, decimal Value) InJurisdiction(FindingBuilder finding, ExposureTheory theory)
    {
        var workers = new List<int>();
        decimal hours = 0;
        var countries = _options.Jurisdictions.CountrySets().TryGetValue(theory.Jurisdiction, out var set) ? set.ToHashSet(StringComparer.Ordinal) : null;
        foreach (var (index, hit) in finding.Workers)
        {
            var applies = theory.Jurisdiction == "ANY"
                || hit.Locations().Any(l => countries is not null ? countries.Contains(l.Country) : l.Code == theory.Jurisdiction || l.Country == theory.Jurisdiction);
            if (applies)
            {
                workers.Add(index);
                hours += hit.Quantity;
            }
        }

        return (workers, hours * _options.BenchmarkHourlyRate);
    }
}
