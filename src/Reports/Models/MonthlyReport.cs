namespace Audit.Reports.Models;

/// <summary>
/// Everything the monthly PDF and workbook print. Small sections are lists; the four workbook-only sheets are
/// <see cref="IEnumerable{T}"/> so the service can stream them from the database (100,000+ rows) and the
/// workbook writer enumerates each exactly once.
/// </summary>
public sealed record MonthlyReport(
    string CompanyName,
    YearMonth Period,
    DateTimeOffset GeneratedAt,
    DateOnly DataAsOf,
    string CurrencyCode,
    ExecutiveSummary Summary,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<InventoryRow> Inventory,
    IReadOnlyList<RuleSection> Rules,
    EuSection Eu,
    CompensationSection Compensation,
    ReportAppendix Appendix,
    IEnumerable<FindingRow> AllFindings,
    IEnumerable<ConsentGapRow> ConsentGaps,
    IEnumerable<LineagePathRow> LineagePaths,
    IEnumerable<CompensationRow> CompensationRows,
    IReadOnlyList<NoticeTextRow>? Notices = null);

/// <summary>
/// What one notice version's own text says ("What the notices say"): the disclosure reader's verdicts (null when no
/// text is imported) and each problem, with the sentence that shows it where one does.
/// </summary>
public sealed record NoticeTextRow(
    string NoticeId,
    string Version,
    DateOnly PublishedOn,
    string? TextSha256,
    string? AiTraining,
    string? OptOut,
    string? Consent,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<NoticeProblemRow> Problems);

/// <summary>A problem of a notice text: its code, the paragraph and sentence quoted (none for what the text lacks), and why it matters.</summary>
public sealed record NoticeProblemRow(string Code, int? Paragraph, string? Quote, string Explanation);

/// <summary>
/// The month at a glance: <see cref="Highlights"/> are the two or three sentences saying what changed since last
/// month and what matters most, written from the scan record; <see cref="TopRisks"/> are the same themes as the
/// board's, with exact counts.
/// </summary>
public sealed record ExecutiveSummary(
    SeverityCounts OpenBySeverity,
    int New,
    int Resolved,
    int Persisting,
    int AffectedWorkers,
    decimal ExposureLow,
    decimal ExposureHigh,
    IReadOnlyList<string>? Highlights = null,
    IReadOnlyList<BoardRisk>? TopRisks = null,
    ExposureGrades? Grades = null,
    IReadOnlyList<ResolvedFinding>? ResolvedFindings = null,
    IReadOnlyList<NewFinding>? NewFindings = null,
    ExposureChange? ExposureChange = null,
    IReadOnlyList<RiskPath>? TopPaths = null);

/// <summary>How the data of a top risk's gravest finding reaches training: the lineage path its evidence names (to a commercial model where one is reached).</summary>
public sealed record RiskPath(RuleCode Rule, string Title, IReadOnlyList<LineageStep> Steps, bool Commercial);

/// <summary>A finding resolved in the period, by name, and why: no longer seen by a scan, or set resolved by someone.</summary>
public sealed record ResolvedFinding(RuleCode Rule, string Title, string Subject, string Why);

/// <summary>A finding first seen in the period, by name, gravest first.</summary>
public sealed record NewFinding(RuleCode Rule, Severity Severity, string Title, string Subject);

/// <summary>The exposure of the scan the month is compared with (the last of the month before), to print the change.</summary>
public sealed record ExposureChange(DateOnly ComparedAsOf, decimal PreviousLow, decimal PreviousHigh);

/// <summary>One capture-tool config version: what it records, why, where and for how many workers.</summary>
public sealed record InventoryRow(
    string Tool,
    string ConfigVersion,
    string? Program,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> CountriesIncluded,
    IReadOnlyList<string> CountriesExcluded,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    int WorkerCount,
    bool TrajectoryGrade);

/// <summary>
/// One rule's section. Intro and remediation come from <c>templates/report-text.json</c> via
/// <see cref="Wording.ReportText"/>: the service copies them in, so renderers only ever read the model.
/// </summary>
public sealed record RuleSection(
    RuleCode Code,
    string Title,
    string Intro,
    string Remediation,
    int FindingCount,
    int AffectedWorkers,
    int New,
    int Resolved,
    decimal ExposureLow,
    decimal ExposureHigh,
    IReadOnlyList<FindingRow> WorstExamples);

public sealed record FindingRow(
    string FindingKey,
    RuleCode Rule,
    Severity Severity,
    string Subject,
    string Title,
    int AffectedWorkers,
    string Evidence,
    DateOnly FirstSeen,
    DateOnly LastSeen,
    FindingStatus Status,
    ChangeState Change,
    decimal ExposureLow,
    decimal ExposureHigh,
    string? StatusNote = null,
    string? Owner = null,
    DateOnly? DueOn = null,
    int? DaysOpen = null);

public sealed record EuSection(
    IReadOnlyList<string> JurisdictionSets,
    IReadOnlyList<EuProgramRow> Programs,
    int EuWorkersCaptured,
    int EuBatchesReachingTraining,
    int RelocatedWorkers,
    IReadOnlyList<FindingRow> Findings);

public sealed record EuProgramRow(string Program, bool EuExempt, bool HasWrittenRationale);

public sealed record CompensationSection(IReadOnlyList<CompensationProgramRow> Programs);

public sealed record CompensationProgramRow(
    string Program,
    int Contributors,
    int Compensated,
    decimal UncompensatedHours,
    decimal ReplacementValueLow,
    decimal ReplacementValueHigh,
    decimal BenchmarkRatePerHour);

public sealed record ReportAppendix(
    string MethodText,
    IReadOnlyList<ExposureAssumptionRow> ExposureAssumptions,
    IReadOnlyList<DataSourceLine> DataSources,
    ExposureBreakdown? ExposureByTheory = null,
    IReadOnlyList<RemediationRow>? Remediation = null)
{
    public string Disclaimer => ReportConstants.Disclaimer;
}

/// <summary>
/// One priced option for one open finding, as the remediation plan gives it (the workbook's "Remediation" sheet):
/// the finding's exposure and what it accrues a month, the option's cost, the exposure left after it (past conduct
/// stays, except what the option settles), what still accrues after it, owner, deadline and basis.
/// </summary>
public sealed record RemediationRow(
    string FindingKey,
    RuleCode Rule,
    Severity Severity,
    string FindingTitle,
    decimal ExposureLow,
    decimal ExposureHigh,
    decimal AccruingLow,
    decimal AccruingHigh,
    string OptionId,
    string Option,
    bool Recommended,
    decimal CostLow,
    decimal CostHigh,
    decimal AfterLow,
    decimal AfterHigh,
    decimal AccrualAfterLow,
    decimal AccrualAfterHigh,
    string Settles,
    string Owner,
    int WithinDays,
    string Basis);

/// <summary>
/// How the exposure total is built: one row per theory that counts, and what the findings' own figures add up to
/// (more than the total: a regulator's cap counts once, and one act or person named by several findings once).
/// </summary>
public sealed record ExposureBreakdown(IReadOnlyList<ExposureTheoryRow> Theories, decimal TotalLow, decimal TotalHigh, decimal FindingsLow, decimal FindingsHigh);

/// <summary>One theory's part of the total: its units, figures, grade, whether a cap absorbed it, and the findings that feed it.</summary>
public sealed record ExposureTheoryRow(
    string TheoryId,
    string Jurisdiction,
    string Unit,
    decimal Units,
    decimal Low,
    decimal High,
    Confidence? Confidence,
    bool Capped,
    IReadOnlyList<string> Findings);

public sealed record ExposureAssumptionRow(
    string TheoryId,
    string Regime,
    string Jurisdiction,
    IReadOnlyList<RuleCode> TriggeringRules,
    string Unit,
    decimal Low,
    decimal High,
    string Currency,
    string Citation,
    Confidence Confidence,
    string? Note,
    LegalSource? Source = null);

/// <summary>How many rows of one stored table the scan read; kept in the scan record under the table's name.</summary>
public sealed record DataSourceRow(string TableName, long RowCount);

/// <summary>A data source as the report prints it: what the data is, in the reader's words, and how many records.</summary>
public sealed record DataSourceLine(string Data, long Records);

/// <summary>A worker whose batches reached training without the consent the rules require.</summary>
public sealed record ConsentGapRow(
    string WorkerId,
    string ConfigVersion,
    string Tool,
    int Batches,
    DateTimeOffset FirstCapture,
    DateTimeOffset LastCapture,
    string ConsentState,
    IReadOnlyList<RuleCode> Rules);

public sealed record LineagePathRow(
    string OriginDataset,
    string SinkDataset,
    string SinkKind,
    bool SinkCommercial,
    string Path,
    DateTimeOffset FirstSeen);

public sealed record CompensationRow(
    string WorkerId,
    string Program,
    string Model,
    decimal UncompensatedHours,
    decimal ReplacementValue);
