using System.Globalization;
using Audit.Reports.Models;
using Audit.Reports.Wording;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

/// <summary>A calendar quarter such as 2026Q3.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly LastDay => new DateOnly(Year, Number * 3, 1).AddMonths(1).AddDays(-1);

    public YearMonth LastMonth => new(Year, Number * 3);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 6 } || (text[4] != 'Q' && text[4] != 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text[5] is < '1' or > '4')
        {
            return false;
        }

        quarter = new Quarter(year, text[5] - '0');
        return true;
    }

    public static Quarter Containing(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);
}

/// <summary>
/// Builds the board summary: counts, money and plain sentences only. Worker names and ids are never read
/// here, so they cannot reach the board PDF.
/// </summary>
public sealed class BoardSummaryBuilder(ScanHistory history, IOptions<AuditOptions> options)
{
    private const int TopRisks = 5;

    public async Task<BoardSummary> BuildAsync(Quarter quarter, ReportText text, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scan = await history.EnsureScanAsync(quarter.LastDay, progress, cancellationToken);
        var scans = await history.ListAsync(cancellationToken);
        var active = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
        var previousScan = scans.LastOrDefault(s => s.AsOf <= quarter.Previous.LastDay);
        var previous = previousScan is null
            ? []
            : (await history.FindingsAsync(previousScan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var current = active.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);

        // One risk per rule, largest exposure first: the board reads themes and money, not finding ids.
        var risks = scan.Summary.Rules
            .Where(r => r.Findings > 0)
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
