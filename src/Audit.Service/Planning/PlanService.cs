using System.Text.Json;
using Audit.Rules;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Audit.Service.Records;
using Audit.Service.Scanning;
using Microsoft.Extensions.Options;

namespace Audit.Service.Planning;

/// <summary>A scan id the database does not hold (exit 64 on the command line, 404 over HTTP).</summary>
public sealed class UnknownScanException(long scanId) : Exception($"--scan: there is no scan {scanId} (GET /api/v1/scans lists the scans stored; omit --scan for the newest).")
{
    public long ScanId { get; } = scanId;
}

/// <summary>
/// The remediation plan of one scan: every open finding (the officer's status open or remediating, live in the scan)
/// with its priced options, recommended first. Decided as of the scan's day: deadlines count from it, and what a
/// finding accrues is the pace of its conduct up to it.
/// </summary>
public sealed record RemediationPlan(long ScanId, DateOnly AsOf, string Currency, IReadOnlyList<PlannedFinding> Findings);

/// <summary>
/// Makes the remediation plan from a scan record, the exposure table the scan priced with and the remedy table: it
/// reads what scans stored (counts, exposure lines, lineage paths), never the input tables, so a plan of an old scan
/// stays what it was, except for edits to the remedy table, which are the point of editing it.
/// </summary>
public sealed class PlanService(Database database, ScanHistory history, ExposureTable exposureTable, RemedyTable remedies, IOptions<AuditOptions> options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The plan of scan <paramref name="scanId"/>, or of the newest scan; null when no scan was ever made.</summary>
    public async Task<RemediationPlan?> PlanAsync(long? scanId, CancellationToken cancellationToken = default)
    {
        var scans = await history.ListAsync(cancellationToken);
        var scan = scanId is { } id
            ? scans.FirstOrDefault(s => s.ScanId == id) ?? throw new UnknownScanException(id)
            : scans.Count > 0 ? scans[^1] : null;
        return scan is null ? null : await PlanAsync(scan, null, cancellationToken);
    }

    /// <param name="statusesAsOf">The day whose officer statuses decide which findings are open: today for a plan made now
    /// (the default); a report of a past period passes its data date, so nothing set after the period reaches it.</param>
    public async Task<RemediationPlan> PlanAsync(ScanRecord scan, DateOnly? statusesAsOf = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ExposureTheory> theories;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            theories = await exposureTable.ReadAsync(connection, scan.AsOf, cancellationToken);
        }

        var table = remedies.Read(theories.Select(t => t.TheoryId).ToHashSet(StringComparer.Ordinal));
        var settings = options.Value.ToRuleSettings();
        var planner = new RemediationPlanner(table, new ExposureModel(theories, settings));
        var grades = theories.ToDictionary(t => t.TheoryId, t => t.Confidence, StringComparer.Ordinal);

        var statuses = await history.StatusAsOfAsync(statusesAsOf ?? DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), cancellationToken);
        var lines = (await history.ExposureLinesAsync(scan.ScanId, cancellationToken)).ToLookup(l => l.FindingKey, StringComparer.Ordinal);
        var sections = await history.SectionsAsync(scan.ScanId, cancellationToken);
        // Where each finding's data was still held when the scan ran (a scan before that was recorded: null, and the
        // older estimate of models below); a finding about no data has no entry and counts no model.
        IReadOnlyList<DataHolding>? HeldOf(ScanFindingRecord f) =>
            sections.DataHeld is null ? null : sections.DataHeld.TryGetValue(f.FindingKey, out var held) ? held : [];
        var modelsTrained = sections.LineagePaths.Where(p => p.SinkKind == ModelKind).Select(p => p.SinkDataset).Distinct(StringComparer.Ordinal).Count();

        var open = (await history.FindingsAsync(scan.ScanId, cancellationToken))
            .Where(f => !f.IsResolvedHere && statuses.GetValueOrDefault(f.FindingKey, OfficerStatus.Open).Status is FindingStatus.Open or FindingStatus.Remediating)
            .OrderBy(f => f.SeverityLevel).ThenByDescending(f => f.ExposureHigh).ThenBy(f => f.FindingKey, StringComparer.Ordinal)
            .Select(f => new PlanFinding(
                f.FindingKey,
                f.Rule,
                f.SeverityLevel,
                f.Title,
                f.AffectedWorkerCount,
                f.Batches,
                HeldOf(f) is { } held ? ModelsHolding(f, held) : ModelsOf(f) ?? (f.Batches > 0 ? modelsTrained : 0),
                f.ReplacementValueHigh is { } high ? new ExposureRange(f.ReplacementValueLow ?? 0, high) : null,
                new ExposureRange(f.ExposureLow, f.ExposureHigh),
                lines[f.FindingKey].Select(l => l.ToLine(grades.TryGetValue(l.TheoryId, out var g) ? g : null)).ToList(),
                HeldOf(f)))
            .ToList();
        return new RemediationPlan(scan.ScanId, scan.AsOf, settings.ReportCurrency, planner.Plan(open, scan.AsOf));
    }

    private const string ModelKind = "model";

    /// <summary>
    /// The models still holding the finding's data as its scan saw them: of R7's, the commercial models (what its
    /// compensation gap is about); of any other, every model its data reached, less those recorded purged since.
    /// </summary>
    private static int ModelsHolding(ScanFindingRecord finding, IReadOnlyList<DataHolding> held) =>
        held.Count(h => h.IsModel && h.StillHeld && (h.Commercial || string.IsNullOrWhiteSpace(finding.CommercialModels)));

    /// <summary>
    /// For a scan made before scans recorded where each finding's data is held: the models a finding names: the commercial models R7 records, or the models its lineage paths reach; null when it
    /// names none, and then every model the scan saw trained on captured data counts for a finding that names batches (a
    /// purge reaches them all), and none for one that names no data.
    /// </summary>
    private static int? ModelsOf(ScanFindingRecord finding)
    {
        if (!string.IsNullOrWhiteSpace(finding.CommercialModels))
        {
            return Codes.Split(finding.CommercialModels.Replace(',', ';')).Distinct(StringComparer.Ordinal).Count();
        }

        using var evidence = JsonDocument.Parse(finding.Evidence);
        if (evidence.RootElement.ValueKind != JsonValueKind.Object || !evidence.RootElement.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var models = paths.EnumerateArray()
            .Where(p => p.TryGetProperty("sinkKind", out var kind) && kind.GetString() == ModelKind && p.TryGetProperty("sink", out _))
            .Select(p => p.GetProperty("sink").GetString())
            .Distinct(StringComparer.Ordinal)
            .Count();
        return models > 0 ? models : null;
    }
}
