using System.Globalization;
using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Data;
using Audit.Service.Records;
using Dapper;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Reporting;

/// <summary>
/// Builds the monthly compliance report model from the scan record judged as of the month's last day, compared
/// with the last scan of the month before, with each finding's status as it stood on that day. It reads scan
/// records and the status history only, so the report of a month reads the same whenever it is made. The two big
/// per-worker sheets are queries over the record that run while the workbook is written.
/// </summary>
public sealed class MonthlyReportBuilder(Database database, ScanHistory history, Planning.PlanService plans, IOptions<AuditOptions> options, Disclosures.DisclosureService disclosures)
{
    private const int WorstExamples = 5;

    public async Task<MonthlyReport> BuildAsync(YearMonth period, ReportText text, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var asOf = period.LastDay;
        var scan = await history.ScanForAsync(asOf, cancellationToken);
        var scans = await history.ListAsync(cancellationToken);
        var compared = ScanHistory.ComparedWith(scans, period.Before().LastDay);
        progress?.Report("reading the scan record");
        var findings = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
        var before = compared is null ? [] : (await history.FindingsAsync(compared.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
        var statuses = await history.StatusAsOfAsync(asOf, cancellationToken);
        var sections = await history.SectionsAsync(scan.ScanId, cancellationToken);

        var current = findings.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var previous = before.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        OfficerStatus StatusOf(ScanFindingRecord f) => statuses.GetValueOrDefault(f.FindingKey) ?? OfficerStatus.Open;
        var activeRows = findings.Select(f => f.ToRow(previous.Contains(f.FindingKey) ? ChangeState.Persisting : ChangeState.New, StatusOf(f), scan.AsOf, settings.Sla)).ToList();
        var resolvedRows = before.Where(f => !current.Contains(f.FindingKey)).Select(f => f.ToRow(ChangeState.Resolved, StatusOf(f), compared!.AsOf)).ToList();
        var rows = activeRows.Concat(resolvedRows).OrderBy(r => r.Rule).ThenBy(r => r.FindingKey, StringComparer.Ordinal).ToList();
        progress?.Report("building the report model");

        var resolvedFindings = await ResolvedAsync(period, resolvedRows, activeRows, cancellationToken);
        var open = Trends.Counts(findings);
        var topRisks = TopRisks.Rank(scan.Summary.Rules, findings, text, n => CountFormatter.Count(n)).Select(r => WithOwners(r.Risk, activeRows)).ToList();
        var summary = new ExecutiveSummary(
            open,
            activeRows.Count(r => r.Change == ChangeState.New),
            resolvedRows.Count,
            activeRows.Count(r => r.Change == ChangeState.Persisting),
            scan.Summary.AffectedWorkers,
            scan.Summary.Exposure.Low,
            scan.Summary.Exposure.High,
            MonthHighlights.Write(period, compared?.AsOf, compared is null ? null : (compared.Summary.Exposure.Low, compared.Summary.Exposure.High),
                open, rows, (scan.Summary.Exposure.Low, scan.Summary.Exposure.High), topRisks, settings.ReportCurrency),
            topRisks,
            scan.Summary.Grades(sections.Assumptions.ToDictionary(a => a.TheoryId, a => a.Regime, StringComparer.Ordinal)),
            resolvedFindings,
            [.. activeRows.Where(r => r.Change == ChangeState.New).OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh).ThenBy(r => r.FindingKey, StringComparer.Ordinal)
                .Select(r => new NewFinding(r.Rule, r.Severity, r.Title, r.Subject))],
            compared is null ? null : new ExposureChange(compared.AsOf, compared.Summary.Exposure.Low, compared.Summary.Exposure.High),
            [.. topRisks.Select(r => PathOf(r.Rule, findings)).OfType<RiskPath>()]);

        var ruleSections = RuleCatalog.All.Select(code =>
        {
            var ofRule = rows.Where(r => r.Rule == code).ToList();
            var stats = scan.Summary.Rules.First(r => r.Rule == code);
            var worst = ofRule.Where(r => r.Change != ChangeState.Resolved)
                .OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh).ThenByDescending(r => r.AffectedWorkers).ThenBy(r => r.FindingKey, StringComparer.Ordinal)
                .Take(WorstExamples).ToList();
            return new RuleSection(code, RuleCatalog.Title(code), text.Intro(code), text.Remediation(code), stats.Findings, stats.AffectedWorkers,
                ofRule.Count(r => r.Change == ChangeState.New), ofRule.Count(r => r.Change == ChangeState.Resolved), stats.ExposureLow, stats.ExposureHigh, worst);
        }).ToList();

        var method = scan.WorkersPrunedAt is { } pruned
            ? text.Method + string.Create(CultureInfo.InvariantCulture, $" The per-worker rows of this scan were removed on {pruned:yyyy-MM-dd} under the retention setting, so the consent-gap and compensation sheets are empty; every figure and finding is kept.")
            : text.Method;
        var feeding = (await history.ExposureLinesAsync(scan.ScanId, cancellationToken))
            .Where(l => current.Contains(l.FindingKey) && (l.Low > 0 || l.High > 0))
            .GroupBy(l => l.TheoryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.FindingKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        var remediation = RemediationViews.Rows(await plans.PlanAsync(scan, scan.AsOf, cancellationToken));
        var breakdown = new ExposureBreakdown(
            [.. scan.Summary.Lines.Select(l => new ExposureTheoryRow(l.TheoryId, l.Jurisdiction, l.Unit, l.Units, l.Low, l.High, l.Confidence, l.Capped, feeding.GetValueOrDefault(l.TheoryId) ?? []))],
            scan.Summary.Exposure.Low, scan.Summary.Exposure.High, findings.Sum(f => f.ExposureLow), findings.Sum(f => f.ExposureHigh));
        var r6 = findings.Where(f => f.Rule == RuleCode.R6 && f.SubjectKind == "program").ToList();
        return new MonthlyReport(
            settings.CompanyName,
            period,
            DateTimeOffset.UtcNow,
            asOf,
            settings.ReportCurrency,
            summary,
            await history.TrendAsync(scans, period, 12, cancellationToken),
            InForce(sections.Inventory, period),
            ruleSections,
            new EuSection(
                sections.Eu.JurisdictionSets,
                sections.Eu.Programs,
                (int)r6.Sum(f => f.AffectedWorkerCount),
                (int)r6.Sum(f => f.BatchesReachingTraining ?? 0),
                sections.Eu.RelocatedWorkers,
                activeRows.Where(r => r.Rule == RuleCode.R6).ToList()),
            new CompensationSection(findings.Where(f => f.Rule == RuleCode.R7).Select(f => new CompensationProgramRow(
                ProgramName(f.SubjectKind, f.SubjectName, f.SubjectKey),
                (int)f.AffectedWorkerCount,
                (int)(f.CompensatedContributors ?? 0),
                Math.Round(f.UncompensatedHours ?? 0, 1, MidpointRounding.AwayFromZero),
                f.ReplacementValueLow ?? 0,
                f.ReplacementValueHigh ?? 0,
                f.BenchmarkRate ?? settings.BenchmarkHourlyRate)).ToList()),
            new ReportAppendix(method, sections.Assumptions, sections.DataSources.Select(d => new DataSourceLine(DataDescription(d.TableName), d.RowCount)).ToList(), breakdown, remediation),
            rows,
            ConsentGaps(scan.ScanId),
            sections.LineagePaths,
            CompensationRows(scan.ScanId),
            await NoticesAsync(asOf, cancellationToken));
    }

    /// <summary>The notices published by the data date, read as the disclosures review reads them.</summary>
    private async Task<IReadOnlyList<NoticeTextRow>> NoticesAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var review = await disclosures.ReviewAsync(asOf: asOf, cancellationToken: cancellationToken);
        return [.. review.Notices.Select(n => new NoticeTextRow(n.NoticeId, n.Version, n.PublishedOn, n.TextSha256, n.AiTraining, n.OptOut, n.Consent, n.Capabilities,
            [.. n.Problems.Select(p => new NoticeProblemRow(p.Code, p.Paragraph, p.Quote, p.Explanation))]))];
    }

    /// <summary>
    /// The inventory says "in force during the period": the scan stores every config it knew, so the month's
    /// report keeps those that started by the month's last day and had not ended before its first.
    /// </summary>
    internal static IReadOnlyList<InventoryRow> InForce(IEnumerable<InventoryRow> inventory, YearMonth period) =>
        inventory.Where(i => i.EffectiveFrom <= period.LastDay && (i.EffectiveTo is null || i.EffectiveTo >= period.FirstDay)).ToList();

    /// <summary>What each stored table holds, in the words of the report's readers (the scan record keeps the table names).</summary>
    internal static string DataDescription(string table) => table switch
    {
        "Worker" => "Workers (HR records)",
        "WorkerLocation" => "Work locations, relocations included",
        "Program" => "Programs (AI training and others)",
        "CaptureTool" => "Capture tools",
        "CaptureConfig" => "Capture-tool configuration versions",
        "Notice" => "Notice versions given to workers",
        "Acknowledgement" => "Acknowledgements of notices by workers",
        "OptOut" => "Opt-outs recorded",
        "Dataset" => "Datasets, stores and models",
        "LineageEdge" => "Data flows between datasets (lineage)",
        "CaptureBatch" => "Capture batches (a worker's captured data, by window)",
        "CompensationAgreement" => "Compensation agreements",
        "WorkforceEvent" => "Workforce events (reductions in force, AI announcements)",
        "ExposureTheory" => "Exposure assumptions (legal theories and figures)",
        "DatasetPurge" => "Purges of datasets and models (what was deleted, when)",
        _ => table,
    };

    /// <summary>
    /// The findings resolved in the month, by name, and why: the scan that no longer saw one (the first of the month
    /// to say so), or the officer who set one resolved (with the note). A finding both ways is named once, by the scan.
    /// </summary>
    private async Task<IReadOnlyList<ResolvedFinding>> ResolvedAsync(YearMonth period, IReadOnlyList<FindingRow> resolvedRows, IReadOnlyList<FindingRow> activeRows, CancellationToken cancellationToken)
    {
        var list = new List<ResolvedFinding>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (resolvedRows.Count > 0)
        {
            var byScan = (await history.ResolutionsAsync(null, period.FirstDay, period.LastDay, cancellationToken))
                .GroupBy(r => r.FindingKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var row in resolvedRows)
            {
                var why = byScan.TryGetValue(row.FindingKey, out var r)
                    ? string.Create(CultureInfo.InvariantCulture, $"no longer seen by scan {r.ScanId} as of {r.AsOf:yyyy-MM-dd}")
                    : "no longer seen by the scan of the month's last day";
                list.Add(new ResolvedFinding(row.Rule, row.Title, row.Subject, why));
                named.Add(row.FindingKey);
            }
        }

        var rows = resolvedRows.Concat(activeRows).GroupBy(r => r.FindingKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var change in await history.StatusChangesAsync(period.FirstDay, period.LastDay, cancellationToken))
        {
            if (change.ScanId is null && change.Status == FindingCodes.ToCode(FindingStatus.Resolved) && rows.TryGetValue(change.FindingKey, out var row) && named.Add(change.FindingKey))
            {
                list.Add(new ResolvedFinding(row.Rule, row.Title, row.Subject,
                    string.Create(CultureInfo.InvariantCulture, $"set resolved by {change.ChangedBy} on {change.ChangedAt:yyyy-MM-dd}") + (string.IsNullOrWhiteSpace(change.Note) ? string.Empty : $": {change.Note}")));
            }
        }

        return list;
    }

    private static string ProgramName(string kind, string? name, string key) =>
        kind == "program" ? name ?? key : $"{name ?? key} (no program)";

    /// <summary>Streams the scan's consent gaps, one row per worker and config with the rules it breaks.</summary>
    private IEnumerable<ConsentGapRow> ConsentGaps(long scanId)
    {
        using var connection = database.Open();
        ConsentGapRow? row = null;
        foreach (var g in connection.Query<(string WorkerId, string ConfigKey, string? Tool, string Rule, long? Batches, DateTime? First, DateTime? Last, string? State)>(
            database.Sql["ScanFindingWorker_ReadConsentGaps"], new { ScanId = scanId }, buffered: false))
        {
            var rule = Enum.Parse<RuleCode>(g.Rule);
            var version = g.ConfigKey.Contains(' ', StringComparison.Ordinal) ? g.ConfigKey[(g.ConfigKey.IndexOf(' ', StringComparison.Ordinal) + 1)..] : g.ConfigKey;
            if (row is not null && row.WorkerId == g.WorkerId && row.ConfigVersion == version && row.Tool == (g.Tool ?? g.ConfigKey))
            {
                // R3's state says more (the AI-training notice came later); it follows R2's row in rule order.
                row = row with { Rules = [.. row.Rules, rule], ConsentState = g.State ?? row.ConsentState };
                continue;
            }

            if (row is not null)
            {
                yield return row;
            }

            row = new ConsentGapRow(g.WorkerId, version, g.Tool ?? g.ConfigKey, (int)(g.Batches ?? 0),
                new DateTimeOffset(g.First ?? DateTime.UnixEpoch, TimeSpan.Zero), new DateTimeOffset(g.Last ?? DateTime.UnixEpoch, TimeSpan.Zero), g.State ?? string.Empty, [rule]);
        }

        if (row is not null)
        {
            yield return row;
        }
    }

    /// <summary>
    /// One row per worker of each compensation-gap finding, sharing out the finding's stored replacement value
    /// (the PDF's figure) pro rata to hours. Each row is the rounded running total less the rounded running total
    /// before it, so every row is within a cent of its exact share and a finding's rows add up to its figure
    /// exactly (rounding each row on its own drifted: USD 39,244,228.8 in the workbook against 39,244,224).
    /// </summary>
    private IEnumerable<CompensationRow> CompensationRows(long scanId)
    {
        using var connection = database.Open();
        string? finding = null;
        decimal hoursSoFar = 0, sharedSoFar = 0;
        foreach (var (workerId, kind, name, models, hours, findingKey, totalHours, value) in connection.Query<(string, string, string?, string?, decimal?, string, decimal?, decimal?)>(
            database.Sql["ScanFindingWorker_ReadCompensation"], new { ScanId = scanId }, buffered: false))
        {
            if (!string.Equals(finding, findingKey, StringComparison.Ordinal))
            {
                (finding, hoursSoFar, sharedSoFar) = (findingKey, 0, 0);
            }

            hoursSoFar += hours ?? 0;
            var shared = totalHours is > 0 ? Domain.Money.Round((value ?? 0) * hoursSoFar / totalHours.Value, 2) : 0;
            yield return new CompensationRow(
                workerId, ProgramName(kind, name, string.Empty), models ?? string.Empty,
                Math.Round(hours ?? 0, 2, MidpointRounding.AwayFromZero), shared - sharedSoFar);
            sharedSoFar = shared;
        }
    }

    /// <summary>The lineage path of a top risk's gravest finding that names one (commercial model first), for page 2's diagram.</summary>
    private static RiskPath? PathOf(RuleCode rule, IReadOnlyList<ScanFindingRecord> findings) =>
        findings.Where(f => f.Rule == rule).OrderBy(f => f.SeverityLevel).ThenByDescending(f => f.ExposureHigh).ThenBy(f => f.FindingKey, StringComparer.Ordinal)
            .Select(f => (Finding: f, Path: EvidenceText.PreferredPath(f.Evidence)))
            .Where(x => x.Path is not null)
            .Select(x => new RiskPath(rule, x.Finding.Title, Audit.Rules.LineageGraph.Steps(x.Path!.Value.Path), x.Path.Value.Commercial))
            .FirstOrDefault();

    /// <summary>A top risk with who its open findings are assigned to and the earliest day one of them is due.</summary>
    private static BoardRisk WithOwners(BoardRisk risk, IReadOnlyList<FindingRow> rows)
    {
        var ofRisk = rows.Where(r => r.Rule == risk.Rule && r.Status is FindingStatus.Open or FindingStatus.Remediating).ToList();
        var owners = ofRisk.Select(r => r.Owner).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var due = ofRisk.Select(r => r.DueOn).Where(d => d is not null).Min();
        return risk with { Owners = owners, DueOn = due };
    }
}
