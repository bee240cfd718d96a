using Audit.Reports.Models;
using Audit.Service.Records;

namespace Audit.Service.Reporting;

/// <summary>The trend chart and severity counts the reports print, mapped from the scan records.</summary>
public static class Trends
{
    /// <summary>One point per month that has a scan (its newest scan within the month), for the months ending with <paramref name="lastMonth"/>.</summary>
    public static async Task<IReadOnlyList<TrendPoint>> TrendAsync(this ScanHistory history, IReadOnlyList<ScanRecord> scans, YearMonth lastMonth, int months, CancellationToken cancellationToken)
    {
        var points = new List<TrendPoint>();
        for (var i = months - 1; i >= 0; i--)
        {
            var first = lastMonth.FirstDay.AddMonths(-i);
            var month = new YearMonth(first.Year, first.Month);
            var scan = scans.LastOrDefault(s => s.AsOf >= month.FirstDay && s.AsOf <= month.LastDay);
            if (scan is null)
            {
                continue;
            }

            var findings = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
            points.Add(new TrendPoint(month.LastDay, Counts(findings), scan.Summary.Exposure.Low, scan.Summary.Exposure.High, scan.Summary.Grounded?.Low, scan.Summary.Grounded?.High));
        }

        return points;
    }

    public static SeverityCounts Counts(IEnumerable<ScanFindingRecord> active)
    {
        var list = active.ToList();
        return new SeverityCounts(
            list.Count(f => f.SeverityLevel == Severity.Critical),
            list.Count(f => f.SeverityLevel == Severity.High),
            list.Count(f => f.SeverityLevel == Severity.Medium),
            list.Count(f => f.SeverityLevel == Severity.Low));
    }
}
