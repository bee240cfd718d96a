using Audit.Reports.Models;
using Audit.Service.Data;
using Audit.Service.Rules;
using Dapper;

namespace Audit.Service.Reporting;

public sealed record ScanRecord(long ScanId, DateOnly AsOf, ScanSummary Summary);

/// <summary>A finding as one scan saw it, joined with its wording and the officer's status.</summary>
public sealed class ScanFindingRecord
{
    public string FindingKey { get; set; } = string.Empty;

    public string RuleCode { get; set; } = string.Empty;

    public string Severity { get; set; } = string.Empty;

    public string Change { get; set; } = string.Empty;

    public long AffectedWorkerCount { get; set; }

    public decimal ExposureLow { get; set; }

    public decimal ExposureHigh { get; set; }

    public string SubjectKind { get; set; } = string.Empty;

    public string SubjectKey { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Evidence { get; set; } = "{}";

    public DateTime? FirstSeen { get; set; }

    public DateTime? LastSeen { get; set; }

    public string Status { get; set; } = "open";

    public DateTime? FirstScanAsOf { get; set; }

    public DateTime ScanAsOf { get; set; }

    public RuleCode Rule => Enum.Parse<RuleCode>(RuleCode);

    public Severity SeverityLevel => Enum.Parse<Severity>(Severity);

    public bool IsResolvedHere => Change == "resolved";

    public FindingRow ToRow() => new(
        FindingKey,
        Rule,
        SeverityLevel,
        $"{SubjectKind}: {SubjectKey}",
        Title,
        (int)AffectedWorkerCount,
        EvidenceText.Summarise(Evidence),
        DateOnly.FromDateTime(FirstSeen ?? FirstScanAsOf ?? ScanAsOf),
        DateOnly.FromDateTime(LastSeen ?? ScanAsOf),
        Status switch
        {
            "remediating" => FindingStatus.Remediating,
            "accepted_risk" => FindingStatus.AcceptedRisk,
            "resolved" => FindingStatus.Resolved,
            _ => FindingStatus.Open,
        },
        Change switch
        {
            "new" => ChangeState.New,
            "resolved" => ChangeState.Resolved,
            _ => ChangeState.Persisting,
        },
        ExposureLow,
        ExposureHigh);
}

/// <summary>Reads scan history back for reports: which scan stands for a date, trends, a scan's findings.</summary>
public sealed class ScanHistory(Database database, Scanner scanner)
{
    public async Task<IReadOnlyList<ScanRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ScanId, DateOnly AsOf, string Summary)>(database.Sql["ScanRun_ListSucceeded"]);
        return rows.Select(r => new ScanRecord(r.ScanId, r.AsOf, ScanSummary.FromJson(r.Summary))).ToList();
    }

    /// <summary>The newest scan judged as of exactly that day; runs one when there is none.</summary>
    public async Task<ScanRecord> EnsureScanAsync(DateOnly asOf, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var existing = (await ListAsync(cancellationToken)).LastOrDefault(s => s.AsOf == asOf);
        if (existing is not null)
        {
            return existing;
        }

        progress?.Report($"scanning as of {asOf:yyyy-MM-dd}");
        await scanner.ScanAsync(asOf, progress, cancellationToken);
        return (await ListAsync(cancellationToken)).Last(s => s.AsOf == asOf);
    }

    public async Task<IReadOnlyList<ScanFindingRecord>> FindingsAsync(long scanId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScanFindingRecord>(database.Sql["ScanFinding_ReadForReport"], new { ScanId = scanId })).ToList();
    }

    /// <summary>One point per month that has a scan (its newest scan within the month), for the months ending with <paramref name="lastMonth"/>.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(IReadOnlyList<ScanRecord> scans, YearMonth lastMonth, int months, CancellationToken cancellationToken)
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

            var findings = (await FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
            points.Add(new TrendPoint(month.LastDay, Counts(findings), scan.Summary.Exposure.Low, scan.Summary.Exposure.High));
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
