
namespace Audit.Rules;

/// <summary>
/// One theory's contribution: how many units, and the low and high figure in report currency. ConductFrom and
/// ConductTo are the earliest and latest dates of the conduct it prices (captures, terminations), when known.
/// Confidence is the theory row's grade (null on lines stored before grades were kept with them).
/// </summary>
public sealed record ExposureLine(string TheoryId, string Jurisdiction, string Unit, decimal Units, decimal Low, decimal High, string Citation, bool Capped, DateOnly? ConductFrom = null, DateOnly? ConductTo = null, Confidence? Confidence = null);

public sealed record ExposureRange(decimal Low, decimal High)
{
    public static ExposureRange Zero { get; } = new(0, 0);

    public ExposureRange Add(ExposureRange other) => new(Low + other.Low, High + other.High);

    public ExposureRange Subtract(ExposureRange other) => new(Low - other.Low, High - other.High);
}

/// <summary>
/// The estimate for a set of findings: total, per theory, and each finding's standalone figure. Grounded is what the
/// total would be on the theories graded A and B alone (statutes, regulators' figures), caps applied the same way;
/// the rest of the total (<see cref="GradeC"/>) rests on grade-C theories (litigation theories, unconfirmed figures).
/// </summary>
public sealed record ExposureEstimate(
    ExposureRange Total,
    IReadOnlyList<ExposureLine> Lines,
    IReadOnlyDictionary<string, (ExposureRange Range, IReadOnlyList<ExposureLine> Lines)> PerFinding,
    ExposureRange Grounded)
{
    public ExposureRange GradeC => Total.Subtract(Grounded);
}

/// <summary>
/// Maps findings to legal theories by rule, by where the affected workers were at capture time, and by the date of
/// the conduct (the capture, the termination): a row applies to conduct on or after its effective date, and a later
/// row of the same series replaces it for conduct from then on. Prices them low–high. Per-violation statutes count
/// acts (one batch named by R2, R3 and R4 is one violation); per-worker statutes count people once; offense
/// statutes count findings, in tiers where the row gives them; a regulator's cap (a cap group, such as GDPR) bounds
/// everything under it: the gravest figure of the group counts once, never once per finding. A finding's own figure
/// is what it would cost alone, so findings do not sum to the total. An estimate to support counsel, not legal advice.
/// </summary>
public sealed class ExposureModel
{
    private const string AnyJurisdiction = "ANY";

    private readonly IReadOnlyList<ExposureTheory> _theories;
    private readonly RuleSettings _settings;

    public ExposureModel(IReadOnlyList<ExposureTheory> theories, RuleSettings settings)
    {
        _theories = theories;
        _settings = settings;
    }

    public ExposureEstimate Estimate(IReadOnlyList<FindingBuilder> findings, ScanSnapshot snapshot)
    {
        var lines = new List<ExposureLine>();
        var perFinding = findings.ToDictionary(f => f.Key, _ => new List<ExposureLine>(), StringComparer.Ordinal);
        var sets = _settings.Jurisdictions.CountrySets();
        foreach (var series in _theories.Where(t => t.EffectiveFrom <= snapshot.AsOf).GroupBy(t => t.SeriesKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = series.OrderBy(t => t.EffectiveFrom).ThenBy(t => t.TheoryId, StringComparer.Ordinal).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                // A row governs conduct from its effective date until the next row of its series takes over.
                var until = i + 1 < rows.Count ? rows[i + 1].EffectiveFrom : (DateOnly?)null;
                var line = PriceTheory(rows[i], until, findings, snapshot, sets, perFinding);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }

        var (total, bounded) = Bound(lines);
        var (grounded, _) = Bound(lines.Where(l => l.Confidence != Confidence.C).ToList());
        var byFinding = perFinding.ToDictionary(
            p => p.Key,
            p =>
            {
                var (range, findingLines) = Bound(p.Value);
                return (range, (IReadOnlyList<ExposureLine>)findingLines);
            },
            StringComparer.Ordinal);
        return new ExposureEstimate(total, bounded, byFinding, grounded);
    }

    /// <summary>One row over every finding it may apply to: each finding's own line, and the row's line for all of them together.</summary>
    private ExposureLine? PriceTheory(
        ExposureTheory theory,
        DateOnly? until,
        IReadOnlyList<FindingBuilder> findings,
        ScanSnapshot snapshot,
        IReadOnlyDictionary<string, IReadOnlyList<string>> sets,
        Dictionary<string, List<ExposureLine>> perFinding)
    {
        bool InPeriod(DateOnly day) => day >= theory.EffectiveFrom && (until is null || day < until);
        var countries = sets.TryGetValue(theory.Jurisdiction, out var set) ? set.ToHashSet(StringComparer.Ordinal) : null;
        // Per violation: one act is one batch, and a batch several findings hold counts once (see ActTally).
        var perViolation = theory.Unit == ExposureUnits.PerViolation;
        var violations = new Dictionary<int, ActTally>();
        var workers = new HashSet<int>();
        decimal offenses = 0;
        decimal value = 0;
        var span = new ConductSpan();
        foreach (var finding in findings.Where(f => f.Basis != ExposureBasis.RiskOnly && theory.TriggeringRules.Contains(f.Rule)))
        {
            var own = perViolation ? new List<(int Worker, ActTally Acts)>() : null;
            long ownActs = 0;
            var ownWorkers = 0;
            decimal ownHours = 0;
            var ownSpan = new ConductSpan();
            foreach (var (index, hit) in finding.Workers)
            {
                if (!InJurisdiction(hit, theory, countries))
                {
                    continue;
                }

                ActTally? acts = null;
                var counted = false;
                for (var a = 0; a < Math.Max(1, hit.ActCount); a++)
                {
                    var act = ActOf(hit, a, finding, snapshot);
                    if (InPeriod(act.To) && Qualifies(theory, finding, act))
                    {
                        if (perViolation)
                        {
                            (acts ??= new ActTally()).Add(act);
                        }

                        ownSpan.Add(act.From, act.To);
                        counted = true;
                    }
                }

                if (counted)
                {
                    ownWorkers++;
                    ownHours += hit.Quantity;
                    workers.Add(index);
                    if (acts is not null)
                    {
                        own!.Add((index, acts));
                        ownActs += acts.Count;
                    }
                }
            }

            // A finding about no one (an exemption without a rationale) counts where the theory applies anywhere.
            var workerless = finding.Workers.Count == 0 && theory.Jurisdiction == AnyJurisdiction && theory.AppliesWhen == ExposureConditions.Always
                && InPeriod(DateOnly.FromDateTime(finding.LastSeen ?? snapshot.Cutoff.AddDays(-1)));
            var units = theory.Unit switch
            {
                ExposureUnits.PerViolation => ownActs,
                ExposureUnits.PerWorker => ownWorkers,
                ExposureUnits.PerOffense or ExposureUnits.TurnoverCap => ownWorkers > 0 || workerless ? 1 : 0,
                ExposureUnits.ReplacementValue => ownHours * _settings.BenchmarkHourlyRate,
                _ => 0,
            };
            if (units == 0)
            {
                continue;
            }

            foreach (var (worker, acts) in own ?? [])
            {
                if (violations.TryGetValue(worker, out var tally))
                {
                    tally.UnionWith(acts);
                }
                else
                {
                    violations[worker] = acts;
                }
            }

            span.Add(ownSpan);
            offenses++;
            value += theory.Unit == ExposureUnits.ReplacementValue ? units : 0;
            perFinding[finding.Key].Add(Price(theory, units, ownSpan));
        }

        var total = theory.Unit switch
        {
            ExposureUnits.PerViolation => violations.Values.Sum(t => (decimal)t.Count),
            ExposureUnits.PerWorker => workers.Count,
            ExposureUnits.PerOffense => offenses,
            ExposureUnits.TurnoverCap => offenses > 0 ? 1 : 0,
            ExposureUnits.ReplacementValue => value,
            _ => 0,
        };
        return total > 0 ? Price(theory, total, span) : null;
    }

    /// <summary>The act at <paramref name="index"/>; a worker added with no act stands for one act on the finding's last day.</summary>
    private static WorkerAct ActOf(WorkerHit hit, int index, FindingBuilder finding, ScanSnapshot snapshot)
    {
        if (hit.ActCount > 0)
        {
            return hit.ActAt(index);
        }

        var day = DateOnly.FromDateTime(finding.LastSeen ?? snapshot.Cutoff.AddDays(-1));
        return new WorkerAct(finding.Key, day, day);
    }

    /// <summary>What the row's condition asks of an act: notice statutes follow capture beyond notice, or a worker with no monitoring notice at all; BIPA a biometric capture.</summary>
    private static bool Qualifies(ExposureTheory theory, FindingBuilder finding, WorkerAct act) => theory.AppliesWhen switch
    {
        ExposureConditions.NoMonitoringNotice => finding.Basis == ExposureBasis.NoticeViolation || act.WithoutAnyNotice,
        ExposureConditions.BiometricCapture => act.Biometric,
        _ => true,
    };

    private static bool InJurisdiction(WorkerHit hit, ExposureTheory theory, HashSet<string>? countries)
    {
        if (theory.Jurisdiction == AnyJurisdiction)
        {
            return true;
        }

        for (var i = 0; i < hit.LocationCount; i++)
        {
            var (code, country) = hit.LocationAt(i);
            if (countries is not null ? countries.Contains(country) : code == theory.Jurisdiction || country == theory.Jurisdiction)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// What is left of one finding's exposure once the theories in <paramref name="retired"/> no longer count against it
    /// (a remedy settled them for past conduct), caps applied as in <see cref="Estimate"/>. A line the cap had zeroed
    /// counts again when the line that held the cap is retired, at its own cap figure.
    /// </summary>
    public ExposureRange Remaining(IReadOnlyList<ExposureLine> findingLines, IReadOnlySet<string> retired)
    {
        var kept = findingLines.Where(l => !retired.Contains(l.TheoryId)).Select(l => l.Capped ? Restore(l) : l).ToList();
        return Bound(kept).Total;
    }

    /// <summary>
    /// What one finding's exposure grows by in a month if its conduct goes on: the lines that count acts, people or
    /// hours, at the pace of the conduct so far, for conduct that ran into the last month before
    /// <paramref name="asOf"/>. A regulator's cap and an offense count do not grow with time, and conduct that ended
    /// earlier has stopped already.
    /// </summary>
    public static ExposureRange MonthlyAccrual(IEnumerable<ExposureLine> findingLines, DateOnly asOf)
    {
        const decimal daysPerMonth = 30.4375m;
        var accrual = ExposureRange.Zero;
        foreach (var line in findingLines)
        {
            var grows = line.Unit is ExposureUnits.PerViolation or ExposureUnits.PerWorker or ExposureUnits.ReplacementValue;
            if (!grows || line.Capped || line.ConductFrom is not { } from || line.ConductTo is not { } to || to < asOf.AddDays(-31))
            {
                continue;
            }

            var months = Math.Max(1m, (to.DayNumber - from.DayNumber + 1) / daysPerMonth);
            accrual = accrual.Add(new ExposureRange(Money.Round(line.Low / months), Money.Round(line.High / months)));
        }

        return accrual;
    }

    /// <summary>An amount in <paramref name="currency"/> in the report currency, by the configured rates.</summary>
    public decimal ToReport(decimal amount, string currency) => amount * RateToReport(currency);

    private ExposureLine Restore(ExposureLine capped)
    {
        var theory = _theories.FirstOrDefault(t => t.TheoryId == capped.TheoryId);
        if (theory is null || theory.Unit != ExposureUnits.TurnoverCap)
        {
            return capped;
        }

        var (low, high) = CapAmounts(theory);
        var rate = RateToReport(theory.Currency);
        return capped with { Low = Money.Round(low * rate), High = Money.Round(high * rate), Capped = false };
    }

    /// <summary>A cap theory's low and high figure for this company, in the theory's currency.</summary>
    public (decimal Low, decimal High) CapAmounts(ExposureTheory theory)
    {
        var turnover = _settings.GlobalAnnualTurnover * RateToReport(_settings.TurnoverCurrency) / RateToReport(theory.Currency);
        var lowShare = (theory.TurnoverShareLow ?? 0) * turnover;
        var highShare = (theory.TurnoverShareHigh ?? 0) * turnover;

        // AI Act Art. 99(6): for an SME each cap is the lower of the two figures.
        var sme = _settings.IsSme && string.Equals(theory.CapGroup, "EU AI Act", StringComparison.Ordinal);
        return sme
            ? (Math.Min(theory.LowAmount, lowShare), Math.Min(theory.HighAmount, highShare))
            : (Math.Max(theory.LowAmount, lowShare), Math.Max(theory.HighAmount, highShare));
    }

    private string? CapGroupOf(string theoryId) => _theories.First(t => t.TheoryId == theoryId).CapGroup;

    private ExposureLine Price(ExposureTheory theory, decimal units, ConductSpan conduct)
    {
        var rate = RateToReport(theory.Currency);
        decimal low;
        decimal high;
        if (theory.Unit == ExposureUnits.TurnoverCap)
        {
            (low, high) = CapAmounts(theory);
        }
        else if (theory.Unit == ExposureUnits.PerOffense && theory.Tiered)
        {
            // Offenses in tiers: at least one first offense; at most the tier sum for every offense counted.
            low = theory.FirstOffenseAmount!.Value;
            high = theory.TierSum(units);
        }
        else
        {
            low = theory.LowAmount * units;
            high = theory.HighAmount * units;
        }

        return new ExposureLine(theory.TheoryId, theory.Jurisdiction, theory.Unit, units, Money.Round(low * rate), Money.Round(high * rate), theory.Citation, false, conduct.From, conduct.To, theory.Confidence);
    }

    private decimal RateToReport(string currency)
    {
        if (string.Equals(currency, _settings.ReportCurrency, StringComparison.Ordinal))
        {
            return 1m;
        }

        if (!_settings.CurrencyRates.TryGetValue(currency, out var toUsd) || !_settings.CurrencyRates.TryGetValue(_settings.ReportCurrency, out var reportToUsd))
        {
            throw new InvalidOperationException($"No currency rate for {currency} or {_settings.ReportCurrency}: set Audit:CurrencyRates.");
        }

        return toUsd / reportToUsd;
    }

    /// <summary>The earliest and latest conduct day a line prices.</summary>
    private sealed class ConductSpan
    {
        public DateOnly? From { get; private set; }

        public DateOnly? To { get; private set; }

        public void Add(DateOnly from, DateOnly to)
        {
            From = From is null || from < From ? from : From;
            To = To is null || to > To ? to : To;
        }

        public void Add(ConductSpan other)
        {
            if (other.From is { } from && other.To is { } to)
            {
                Add(from, to);
            }
        }
    }
}
