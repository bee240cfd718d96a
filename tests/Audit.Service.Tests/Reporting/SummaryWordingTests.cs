using Audit.Service.Configuration;
using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Rules;
using Audit.Service.Scanning;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Tests.Rules;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// Issue 15: the executive summary says in two or three true sentences what changed since last month and what matters
/// most, for any figures (nothing new, one, many, a first month); top risks say what each asks of the board or owner, and
/// a finding with nothing to put before a reader is listed as what it is.
/// </summary>
public sealed class SummaryWordingTests
{
    private static readonly YearMonth October = new(2026, 10);
    private static readonly DateOnly EndOfSeptember = new(2026, 9, 30);

    private static FindingRow Row(string key, ChangeState change, Severity severity = Severity.High, RuleCode rule = RuleCode.R2, string? title = null) =>
        new(key, rule, severity, "Config version: x 1.0", title ?? $"Finding {key}", 10, "", new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 31), FindingStatus.Open, change, 1m, 2m);

    private static SeverityCounts Open(IEnumerable<FindingRow> rows)
    {
        var open = rows.Where(r => r.Change != ChangeState.Resolved).ToList();
        return new SeverityCounts(open.Count(r => r.Severity == Severity.Critical), open.Count(r => r.Severity == Severity.High), open.Count(r => r.Severity == Severity.Medium), open.Count(r => r.Severity == Severity.Low));
    }

    private static IReadOnlyList<string> Write(IReadOnlyList<FindingRow> rows, DateOnly? compared = null, (decimal, decimal)? before = null, (decimal, decimal)? now = null, IReadOnlyList<BoardRisk>? risks = null) =>
        MonthHighlights.Write(October, compared, before, Open(rows), rows, now ?? (1_000_000m, 5_000_000m), risks ?? [], "USD");

    [Fact]
    public void Highlights_NothingNewNothingResolved_SaysNothingChangedAndHowManyPersist()
    {
        var sentences = Write([Row("a", ChangeState.Persisting), Row("b", ChangeState.Persisting)], EndOfSeptember, (1_000_000m, 5_000_000m));

        Assert.Equal("Nothing changed in the findings since last month (September 2026): none is new, none was resolved, and all 2 open findings persist.", sentences[0]);
        Assert.Equal("The exposure estimate is unchanged at USD 1.0M - 5.0M.", sentences[1]);
    }

    [Fact]
    public void Highlights_OneNewOneResolvedOnePersisting_UseTheSingular()
    {
        var sentences = Write(
            [Row("a", ChangeState.New, Severity.High, RuleCode.R4), Row("b", ChangeState.Resolved), Row("c", ChangeState.Persisting)],
            EndOfSeptember, (800_000m, 4_000_000m));

        Assert.Equal("Since last month (September 2026), one finding is new (R4 Opt-out not honoured) and one finding was resolved; one other persists.", sentences[0]);
        Assert.Equal("The exposure estimate rose from USD 800K - 4.0M to USD 1.0M - 5.0M.", sentences[1]);
        Assert.DoesNotContain(sentences, s => s.Contains(" 1 findings", StringComparison.Ordinal) || s.Contains("1 were", StringComparison.Ordinal));
    }

    [Fact]
    public void Highlights_NewCriticalFindings_AreWhatMattersMost()
    {
        var sentences = Write(
            [Row("a", ChangeState.New, Severity.Critical, RuleCode.R1, "Security telemetry in raw reaches model m"), Row("b", ChangeState.New, Severity.Critical, RuleCode.R4, "Opt-outs from P are not honoured"), Row("c", ChangeState.Persisting)],
            EndOfSeptember, (2_000_000m, 9_000_000m));

        Assert.StartsWith("Since last month (September 2026), 2 findings are new (R1 Security telemetry reaches training and R4 Opt-out not honoured); one other persists.", sentences[0], StringComparison.Ordinal);
        Assert.Equal("The exposure estimate fell from USD 2.0M - 9.0M to USD 1.0M - 5.0M.", sentences[1]);
        Assert.Equal("Most urgent: 2 new critical findings, Security telemetry in raw reaches model m and Opt-outs from P are not honoured.", sentences[2]);
    }

    [Fact]
    public void Highlights_FirstMonthScanned_SaysSoAndComparesWithNothing()
    {
        Assert.Equal(["This is the first month scanned, and it found no open finding."], Write([], now: (0m, 0m)));
        var one = Write([Row("a", ChangeState.New)]);
        Assert.Equal("This is the first month scanned: its one open finding is new.", one[0]);
        Assert.DoesNotContain(one, s => s.Contains("exposure estimate", StringComparison.Ordinal));
    }

    [Fact]
    public void Highlights_WithoutNewCriticalFinding_NameTheLargestRiskAndTheCriticalCount()
    {
        BoardRisk[] risks = [new(RuleCode.R7, Severity.High, "Work of 20 workers trained a commercial model without compensation.", 3_000_000m, 9_000_000m)];

        var sentences = Write([Row("a", ChangeState.Persisting, Severity.Critical), Row("b", ChangeState.Persisting)], EndOfSeptember, (1_000_000m, 5_000_000m), risks: risks);

        Assert.Equal("What matters most: Compensation gap (R7), the largest exposure at USD 3.0M - 9.0M; 1 of the 2 open findings is critical.", sentences[2]);
    }

    [Fact]
    public void Highlights_ComparedWithAnOlderScan_NameItsDate()
    {
        var sentences = Write([], new DateOnly(2026, 7, 31), (0m, 0m), (0m, 0m));

        Assert.Equal("Nothing changed since the scan of 2026-07-31: there was no open finding then and there is none now.", sentences[0]);
        Assert.Equal("The exposure estimate is unchanged: none estimated.", sentences[1]);
    }

    private static ScanFindingRecord Finding(RuleCode rule, string kind, string key, Severity severity, string? name = null) =>
        new() { FindingKey = $"{rule}:{kind}:{key}", RuleCode = rule.ToString(), SubjectKind = kind, SubjectKey = key, SubjectName = name, Severity = severity.ToString(), Change = "persisting" };

    private static RuleSummary Stats(RuleCode rule, int findings, int workers, decimal low, decimal high) => new(rule, findings, workers, 0, 0, low, high);

    private static async Task<ReportText> TextAsync() =>
        await ReportText.LoadAsync(Templates.Resolve(ScanWorld.TemplatesPath, ReportService.ReportTextFile));

    [Fact]
    public async Task TopRisks_ExemptionWithOnlyAMissingRationale_SaysSoAndComesAfterRisksWithPeopleOrMoney()
    {
        var text = await TextAsync();
        RuleSummary[] rules = [Stats(RuleCode.R6, 1, 0, 0, 0), Stats(RuleCode.R2, 1, 40, 1_000m, 9_000m), Stats(RuleCode.R9, 1, 0, 0, 0)];
        ScanFindingRecord[] active =
        [
            Finding(RuleCode.R6, "program-rationale", "mci", Severity.Medium, "Model Capability Initiative"),
            Finding(RuleCode.R2, "config", "rec 1.0", Severity.Critical),
            Finding(RuleCode.R9, "workforce-event-after-ai", "RIF-1", Severity.Medium),
        ];

        var risks = TopRisks.Rank(rules, active, text, n => CountFormatter.Count(n));

        Assert.Equal([RuleCode.R2, RuleCode.R6], risks.Select(r => r.Risk.Rule));
        var rationale = risks[1].Risk;
        Assert.StartsWith("Model Capability Initiative exempts EU/EEA staff with no written rationale", rationale.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("0 workers", rationale.Sentence, StringComparison.Ordinal);
        Assert.StartsWith("Owner: counsel", rationale.Decision, StringComparison.Ordinal);
        Assert.All(risks, r => Assert.False(string.IsNullOrWhiteSpace(r.Risk.Decision)));
    }

    [Fact]
    public async Task TopRisks_ExemptionBreachedAndWithoutRationale_OneRiskSayingBoth()
    {
        var text = await TextAsync();
        RuleSummary[] rules = [Stats(RuleCode.R6, 2, 91, 5m, 10m)];
        ScanFindingRecord[] active = [Finding(RuleCode.R6, "program-rationale", "mci", Severity.Medium), Finding(RuleCode.R6, "program", "mci", Severity.Critical)];

        var risk = Assert.Single(TopRisks.Rank(rules, active, text, n => CountFormatter.Count(n))).Risk;

        Assert.Equal("Data of 91 workers covered by the EU exemption still reached AI training. The exemption has no written rationale either.", risk.Sentence);
        Assert.Equal(Severity.Critical, risk.Severity);
    }

    [Fact]
    public async Task BoardDisclosure_MaskedRiskCount_TotalCannotBoundItAndItsExposureIsWithheld()
    {
        var text = await TextAsync();
        // Three people under R4, whose exposure is per worker; R2's 40 people; 45 people in all.
        RuleSummary[] rules = [Stats(RuleCode.R2, 1, 40, 10_000m, 90_000m), Stats(RuleCode.R4, 1, 3, 3_000m, 15_000m)];
        ScanFindingRecord[] active = [Finding(RuleCode.R2, "config", "rec 1.0", Severity.High), Finding(RuleCode.R4, "program", "p", Severity.Critical)];
        var ranked = TopRisks.Rank(rules, active, text, n => CountFormatter.Masked(n));

        var shown = BoardSummaryBuilder.Disclosure.Protect(ranked, affectedWorkers: 45, exposureLow: 13_000m, exposureHigh: 105_000m);

        var r4 = shown.Risks.Single(r => r.Rule == RuleCode.R4);
        Assert.Contains("<5", r4.Sentence, StringComparison.Ordinal);
        Assert.True(r4.ExposureWithheld);
        Assert.Equal((0m, 0m), (r4.ExposureLow, r4.ExposureHigh));

        // 45 people against 40 shown would put the other 5 under R4 (a floor for a "<5"): the total prints as a lower bound instead.
        Assert.True(shown.AffectedWorkersIsLowerBound);
        Assert.True(shown.AffectedWorkers <= 40);

        // The exposure totals less R2's shown figures would give R4's 3,000 - 15,000 (3 workers at 1,000 - 5,000): rounded away.
        Assert.NotNull(shown.RoundedTo);
        Assert.True(shown.RoundedTo >= 2 * 15_000m);
        Assert.Equal(0m, shown.Round(13_000m) % shown.RoundedTo!.Value);
    }

    [Fact]
    public async Task BoardDisclosure_NothingMasked_PrintsExactFigures()
    {
        var text = await TextAsync();
        RuleSummary[] rules = [Stats(RuleCode.R2, 1, 40, 10_000m, 90_000m), Stats(RuleCode.R4, 1, 7, 7_000m, 35_000m)];
        ScanFindingRecord[] active = [Finding(RuleCode.R2, "config", "rec 1.0", Severity.High), Finding(RuleCode.R4, "program", "p", Severity.Critical)];

        var shown = BoardSummaryBuilder.Disclosure.Protect(TopRisks.Rank(rules, active, text, n => CountFormatter.Masked(n)), 45, 17_000m, 125_000m);

        Assert.False(shown.AffectedWorkersIsLowerBound);
        Assert.Equal(45, shown.AffectedWorkers);
        Assert.Null(shown.RoundedTo);
        Assert.All(shown.Risks, r => Assert.False(r.ExposureWithheld));
    }
}
