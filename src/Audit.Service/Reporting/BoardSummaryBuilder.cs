using Audit.Reports.Models;
using Audit.Reports.Wording;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

/// <summary>
/// Builds the board summary from the scan record of the quarter's last day: counts, money and plain sentences only. Worker names and ids are never read
/// here, so they cannot reach the board PDF.
/// </summary>
public sealed class BoardSummaryBuilder(ScanHistory history, IOptions<AuditOptions> options)
{
    private const int TopRisks = 5;

    public async Task<BoardSummary> BuildAsync(Quarter quarter, ReportText text, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scan = await history.ScanForAsync(quarter.LastDay, cancellationToken);
        var scans = await history.ListAsync(cancellationToken);
        progress?.Report("reading the scan record");
        var active = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();

        // New and resolved compare with the last scan of the previous quarter.
        var previousScan = ScanHistory.ComparedWith(scans, quarter.Previous.LastDay);
        var previous = previousScan is null
            ? []
            : (await history.FindingsAsync(previousScan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var current = active.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);

        // One risk per rule, largest exposure first: the board reads themes and money, not finding ids.
        var risks = scan.Summary.Rules
            // A rule whose findings touch no worker and carry no exposure (an exemption without its written
            // rationale, say) has nothing to put before a board: it stays in the monthly report.
            .Where(r => r.Findings > 0 && (r.AffectedWorkers > 0 || r.ExposureHigh > 0))
            .Select(r => (Rule: r, Severity: active.Where(f => f.Rule == r.Rule).Select(f => f.SeverityLevel).DefaultIfEmpty(Severity.Low).Min()))
            .OrderByDescending(r => r.Rule.ExposureHigh).ThenBy(r => r.Severity).ThenBy(r => r.Rule.Rule)
            .Take(TopRisks)
            .Select(r => new BoardRisk(r.Rule.Rule, r.Severity, text.BoardSentence(r.Rule.Rule, r.Rule.AffectedWorkers), r.Rule.ExposureLow, r.Rule.ExposureHigh))
            .ToList();

        var settings = options.Value;
        return new BoardSummary(
            settings.CompanyName,
            quarter.ToString(),
            DateTimeOffset.UtcNow,
            scan.AsOf,
            new BoardKpis(ScanHistory.Counts(active), scan.Summary.AffectedWorkers, scan.Summary.Exposure.Low, scan.Summary.Exposure.High, settings.ReportCurrency),
            await history.TrendAsync(scans, quarter.LastMonth, 12, cancellationToken),
            risks,
            new BoardChanges(
                current.Count(k => !previous.Contains(k)),
                previous.Count(k => !current.Contains(k)),
                scan.Summary.Exposure.Low - (previousScan?.Summary.Exposure.Low ?? 0),
                scan.Summary.Exposure.High - (previousScan?.Summary.Exposure.High ?? 0)));
    }
}
