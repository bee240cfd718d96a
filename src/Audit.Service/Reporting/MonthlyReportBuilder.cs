using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Data;
using Audit.Service.Domain;
using Audit.Service.Exposure;
using Audit.Service.Rules;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

/// <summary>
/// Builds the monthly compliance report model from the scan judged as of the month's last day. Small
/// sections are read now; the four big workbook sheets are queries that run while the workbook is written.
/// </summary>
public sealed class MonthlyReportBuilder(Database database, ScanHistory history, ExposureTable exposureTable, IOptions<AuditOptions> options)
{
    private const int WorstExamples = 5;

    private static readonly string[] SourceTables =
    [
        "Worker", "WorkerLocation", "Program", "CaptureTool", "CaptureConfig", "Notice", "Acknowledgement", "OptOut",
        "Dataset", "LineageEdge", "LineageEvent", "CaptureBatch", "CompensationAgreement", "WorkforceEvent", "ExposureTheory",
    ];

    public async Task<MonthlyReport> BuildAsync(YearMonth period, ReportText text, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var asOf = period.LastDay;
        var scan = await history.EnsureScanAsync(asOf, progress, cancellationToken);
        var scans = await history.ListAsync(cancellationToken);
        var findings = await history.FindingsAsync(scan.ScanId, cancellationToken);
        var active = findings.Where(f => !f.IsResolvedHere).ToList();
        var rows = findings.Select(f => f.ToRow()).ToList();
        var activeRows = rows.Where(r => r.Change != ChangeState.Resolved).ToList();
        progress?.Report("building the report model");

        await using var connection = await database.OpenAsync(cancellationToken);
        var snapshot = await ScanSnapshot.LoadAsync(database, connection, asOf, cancellationToken);
        var graph = new LineageGraph(snapshot.Datasets, snapshot.Edges);

        var summary = new ExecutiveSummary(
            ScanHistory.Counts(active),
            rows.Count(r => r.Change == ChangeState.New),
            rows.Count(r => r.Change == ChangeState.Resolved),
            rows.Count(r => r.Change == ChangeState.Persisting),
            scan.Summary.AffectedWorkers,
            scan.Summary.Exposure.Low,
            scan.Summary.Exposure.High);

        var sections = RuleCatalog.All.Select(code =>
        {
            var ofRule = rows.Where(r => r.Rule == code).ToList();
            var stats = scan.Summary.Rules.First(r => r.Rule == code);
            var worst = ofRule.Where(r => r.Change != ChangeState.Resolved)
                .OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh).ThenByDescending(r => r.AffectedWorkers).ThenBy(r => r.FindingKey, StringComparer.Ordinal)
                .Take(WorstExamples).ToList();
            return new RuleSection(code, RuleCatalog.Title(code), text.Intro(code), text.Remediation(code), stats.Findings, stats.AffectedWorkers,
                stats.New, stats.Resolved, stats.ExposureLow, stats.ExposureHigh, worst);
        }).ToList();

        var theories = await exposureTable.ReadAsync(connection, asOf, cancellationToken);
        var model = new ExposureModel(theories, settings);
        var appendix = new ReportAppendix(
            text.Method,
            theories.Select(t => Assumption(t, model, settings)).ToList(),
            await DataSourcesAsync(connection));

        return new MonthlyReport(
            settings.CompanyName,
            period,
            DateTimeOffset.UtcNow,
            asOf,
            settings.ReportCurrency,
            summary,
            await history.TrendAsync(scans, period, 12, cancellationToken),
            await InventoryAsync(connection, snapshot),
            sections,
            await EuAsync(connection, snapshot, activeRows, active),
            Compensation(active, snapshot),
            appendix,
            rows,
            ConsentGaps(snapshot),
            LineagePaths(snapshot, graph),
            CompensationRows(snapshot));
    }

    /// <summary>A cap is printed as the figures it comes to for this company's turnover, with the rule that produced them.</summary>
    private static ExposureAssumptionRow Assumption(ExposureTheory t, ExposureModel model, AuditOptions settings)
    {
        if (t.Unit != ExposureUnits.TurnoverCap)
        {
            return new ExposureAssumptionRow(t.TheoryId, t.Regime, t.Jurisdiction, t.TriggeringRules, t.Unit, t.LowAmount, t.HighAmount, t.Currency, t.Citation, t.Confidence, t.Note);
        }

        var (low, high) = model.CapAmounts(t);
        var basis = string.Create(CultureInfo.InvariantCulture,
            $"For worldwide turnover of {settings.TurnoverCurrency} {settings.GlobalAnnualTurnover:N0}: low {(t.TurnoverShareLow ?? 0):P2} of turnover or {t.Currency} {t.LowAmount:N0}, high {(t.TurnoverShareHigh ?? 0):P1} or {t.Currency} {t.HighAmount:N0}, whichever is {(settings.IsSme && t.CapGroup == "EU AI Act" ? "lower" : "higher")}.");
        return new ExposureAssumptionRow(t.TheoryId, t.Regime, t.Jurisdiction, t.TriggeringRules, t.Unit, Math.Round(low, 0), Math.Round(high, 0), t.Currency, t.Citation, t.Confidence, $"{basis} {t.Note}");
    }

    private async Task<IReadOnlyList<DataSourceRow>> DataSourcesAsync(DbConnection connection)
    {
        var list = new List<DataSourceRow>();
        foreach (var table in SourceTables)
        {
            list.Add(new DataSourceRow(table, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")));
        }

        return list;
    }

    private async Task<IReadOnlyList<InventoryRow>> InventoryAsync(DbConnection connection, ScanSnapshot snapshot)
    {
        var counts = (await connection.QueryAsync<(string Tool, string Version, long Workers)>(database.Sql["CaptureBatch_CountWorkersByConfig"], new { snapshot.Cutoff }))
            .ToDictionary(c => (c.Tool, c.Version), c => (int)c.Workers);
        static IReadOnlyList<string> Split<T>(T set)
            where T : struct, Enum => Codes.Split(Codes.ToCodeSet(set)).ToList();
        return snapshot.Configs.Values.OrderBy(c => c.ToolId, StringComparer.Ordinal).ThenBy(c => c.EffectiveFrom)
            .Select(c => new InventoryRow(
                snapshot.ToolName(c.ToolId), c.Version, snapshot.ProgramOf(c)?.Name, Split(c.Capabilities), Split(c.Purposes),
                c.CountriesIncluded.Order(StringComparer.Ordinal).ToList(), c.CountriesExcluded.Order(StringComparer.Ordinal).ToList(),
                c.EffectiveFrom, c.EffectiveTo, counts.GetValueOrDefault((c.ToolId, c.Version)), c.TrajectoryGrade))
            .ToList();
    }

    private async Task<EuSection> EuAsync(DbConnection connection, ScanSnapshot snapshot, List<FindingRow> activeRows, List<ScanFindingRecord> active)
    {
        var r6 = active.Where(f => f.Rule == RuleCode.R6 && f.SubjectKind == "program").ToList();
        long CountOf(ScanFindingRecord f, string prefix) =>
            JsonNode.Parse(f.Evidence)?["counts"] is JsonObject counts ? counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value!.GetValue<long>()) : 0;
        return new EuSection(
            options.Value.Jurisdictions.ExemptionSetNames(),
            snapshot.Programs.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new EuProgramRow(p.Name, p.EuExempt, !string.IsNullOrWhiteSpace(p.EuExemptionRationale))).ToList(),
            (int)r6.Sum(f => f.AffectedWorkerCount),
            (int)r6.Sum(f => CountOf(f, "of which reach training")),
            (int)await connection.ExecuteScalarAsync<long>(database.Sql["WorkerLocation_CountRelocated"]),
            activeRows.Where(r => r.Rule == RuleCode.R6).ToList());
    }

    private CompensationSection Compensation(List<ScanFindingRecord> active, ScanSnapshot snapshot)
    {
        var rate = options.Value.BenchmarkHourlyRate;
        var programs = active.Where(f => f.Rule == RuleCode.R7).Select(f =>
        {
            var evidence = JsonNode.Parse(f.Evidence)!;
            var name = f.SubjectKind == "program" && snapshot.Programs.TryGetValue(f.SubjectKey, out var p) ? p.Name : $"{snapshot.ToolName(f.SubjectKey)} (no program)";
            return new CompensationProgramRow(
                name,
                (int)f.AffectedWorkerCount,
                evidence["compensatedContributors"]?.GetValue<int>() ?? 0,
                evidence["uncompensatedHours"]?.GetValue<decimal>() ?? 0,
                evidence["replacementValueLow"]?.GetValue<decimal>() ?? 0,
                evidence["replacementValueHigh"]?.GetValue<decimal>() ?? 0,
                rate);
        }).ToList();
        return new CompensationSection(programs);
    }

    /// <summary>Streams the consent gaps of the live findings, one row per worker and config.</summary>
    private IEnumerable<ConsentGapRow> ConsentGaps(ScanSnapshot snapshot)
    {
        using var connection = database.Open();
        var stats = connection.Query<(string WorkerId, string Tool, string Version, long Batches, DateTime First, DateTime Last)>(
                database.Sql["CaptureBatch_StatsByWorkerConfig"], new { snapshot.Cutoff }, buffered: false)
            .ToDictionary(s => (s.WorkerId, $"{s.Tool} {s.Version}"), s => s);
        string? currentWorker = null;
        string? currentConfig = null;
        var rules = new List<RuleCode>();
        foreach (var (workerId, configKey, rule) in connection.Query<(string, string, string)>(database.Sql["FindingWorker_ReadConsentGaps"], buffered: false))
        {
            if ((workerId, configKey) != (currentWorker, currentConfig) && currentWorker is not null)
            {
                yield return Gap(currentWorker, currentConfig!, rules, stats, snapshot);
                rules = [];
            }

            currentWorker = workerId;
            currentConfig = configKey;
            rules.Add(Enum.Parse<RuleCode>(rule));
        }

        if (currentWorker is not null)
        {
            yield return Gap(currentWorker, currentConfig!, rules, stats, snapshot);
        }
    }

    private static ConsentGapRow Gap(string workerId, string configKey, List<RuleCode> rules, Dictionary<(string, string), (string WorkerId, string Tool, string Version, long Batches, DateTime First, DateTime Last)> stats, ScanSnapshot snapshot)
    {
        var s = stats.GetValueOrDefault((workerId, configKey));
        var config = snapshot.Configs.Values.FirstOrDefault(c => c.Key == configKey);
        var worker = snapshot.Workers.GetValueOrDefault(workerId);
        var notice = config is null || worker is null ? null : worker.LatestNoticeAt(config, s.Last);
        var state = notice is null
            ? "No notice for this tool acknowledged"
            : $"Acknowledged {notice.Notice.NoticeId} on {notice.At:yyyy-MM-dd}, naming {Codes.ToCodeSet(notice.Notice.Purposes).Replace(";", ", ", StringComparison.Ordinal)}";
        if (rules.Contains(RuleCode.R3) && config is not null && worker?.FirstAiTrainingNotice(config) is { } later)
        {
            state += $"; AI-training notice {later.Notice.NoticeId} acknowledged only on {later.At:yyyy-MM-dd}";
        }

        var tool = config is null ? configKey : snapshot.ToolName(config.ToolId);
        return new ConsentGapRow(workerId, config?.Version ?? configKey, tool, (int)s.Batches,
            new DateTimeOffset(s.First == default ? DateTime.UnixEpoch : s.First, TimeSpan.Zero), new DateTimeOffset(s.Last == default ? DateTime.UnixEpoch : s.Last, TimeSpan.Zero), state, rules);
    }

    /// <summary>Every dataset that reaches training, with its earliest path to each sink.</summary>
    private static IEnumerable<LineagePathRow> LineagePaths(ScanSnapshot snapshot, LineageGraph graph)
    {
        foreach (var origin in snapshot.Datasets.Values.Where(d => !d.IsTraining && graph.Training.ContainsKey(d.DatasetId)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            foreach (var reach in graph.PathsToSinks(origin.DatasetId, d => d.IsTraining))
            {
                yield return new LineagePathRow(origin.Name, reach.Sink.Name, Codes.ToCode(reach.Sink.Kind), reach.Sink.IsCommercialModel,
                    graph.Describe(reach.Path, origin.DatasetId), new DateTimeOffset(reach.EarliestFrom, TimeSpan.Zero));
            }
        }
    }

    private IEnumerable<CompensationRow> CompensationRows(ScanSnapshot snapshot)
    {
        var rate = options.Value.BenchmarkHourlyRate;
        using var connection = database.Open();
        foreach (var (workerId, kind, key, evidence, hours) in connection.Query<(string, string, string, string, decimal?)>(database.Sql["FindingWorker_ReadCompensation"], buffered: false))
        {
            var program = kind == "program" && snapshot.Programs.TryGetValue(key, out var p) ? p.Name : $"{snapshot.ToolName(key)} (no program)";
            var models = JsonNode.Parse(evidence)?["commercialModels"]?.GetValue<string>() ?? string.Empty;
            var h = Math.Round(hours ?? 0, 2);
            yield return new CompensationRow(workerId, program, models, h, Math.Round(h * rate, 2));
        }
    }
}
