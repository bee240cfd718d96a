using Audit.Service.Configuration;
using Audit.Rules;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Records;

public sealed record ScanRecord(long ScanId, DateOnly AsOf, ScanSummary Summary, DateTime? WorkersPrunedAt);

/// <summary>A report asked for a day no scan judged: reports never scan behind the caller's back.</summary>
public sealed class NoScanException(DateOnly asOf)
    : Exception($"No scan as of {asOf:yyyy-MM-dd}: run `{Invocation.Command($"scan --as-of {asOf:yyyy-MM-dd}")}` first, or pass --scan-if-missing.")
{
    public DateOnly AsOf { get; } = asOf;
}

/// <summary>
/// Reads scan records back for reports: which scan stands for a day, a scan's findings and sections, trends, and
/// the officer's status as it stood on a day. Reads only what scans stored and the status history; never the
/// live findings, never the scanned tables, and it never scans.
/// </summary>
public sealed class ScanHistory(Database database)
{
    public async Task<IReadOnlyList<ScanRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ScanId, DateOnly AsOf, string Summary, DateTime? PrunedAt)>(database.Sql["ScanRun_ListSucceeded"]);
        return rows.Select(r => new ScanRecord(r.ScanId, r.AsOf, ScanSummary.FromJson(r.Summary), r.PrunedAt)).ToList();
    }

    /// <summary>The newest scan judged as of exactly that day.</summary>
    public async Task<ScanRecord> ScanForAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).LastOrDefault(s => s.AsOf == asOf) ?? throw new NoScanException(asOf);

    public async Task<bool> HasScanAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Any(s => s.AsOf == asOf);

    /// <summary>The scan a period is compared with: the newest one judged as of the previous period's last day or earlier.</summary>
    public static ScanRecord? ComparedWith(IReadOnlyList<ScanRecord> scans, DateOnly previousPeriodEnd) =>
        scans.LastOrDefault(s => s.AsOf <= previousPeriodEnd);

    public async Task<IReadOnlyList<ScanFindingRecord>> FindingsAsync(long scanId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScanFindingRecord>(database.Sql["ScanFinding_ReadByScan"], new { ScanId = scanId })).ToList();
    }

    /// <summary>Each finding's exposure lines in a scan: which theories each finding feeds, and with what.</summary>
    public async Task<IReadOnlyList<FindingExposureLine>> ExposureLinesAsync(long scanId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FindingExposureLine>(new CommandDefinition(database.Sql["ScanExposureLine_ReadByScan"], new { ScanId = scanId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<ScanSections> SectionsAsync(long scanId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Content)>(database.Sql["ScanSection_ReadByScan"], new { ScanId = scanId });
        return ScanSections.Read(rows.ToDictionary(r => r.Name, r => r.Content, StringComparer.Ordinal));
    }

    /// <summary>The scans that stopped seeing a finding (or any finding, when <paramref name="findingKey"/> is null), as of <paramref name="from"/> to <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<(string FindingKey, long ScanId, DateOnly AsOf)>> ResolutionsAsync(string? findingKey, DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string FindingKey, long ScanId, DateOnly AsOf)>(
            new CommandDefinition(database.Sql["ScanFinding_ReadResolutions"], new { FindingKey = findingKey, From = from, Until = until }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Every status change from <paramref name="from"/> to the end of <paramref name="until"/> (UTC), oldest first.</summary>
    public async Task<IReadOnlyList<FindingStatusChange>> StatusChangesAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changes = await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadUntil"], new { Until = until.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return changes.Where(c => c.ChangedAt >= start).OrderBy(c => c.ChangedAt).ToList();
    }

    /// <summary>Each finding's status and latest note as they stood at the end of <paramref name="day"/> (UTC).</summary>
    public async Task<IReadOnlyDictionary<string, OfficerStatus>> StatusAsOfAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changes = await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadUntil"], new { Until = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
        return OfficerStatus.Fold(changes);
    }
}

/// <summary>One finding's line under one theory, as a scan stored it (a class: SQLite hands the amounts back as TEXT).</summary>
public sealed class FindingExposureLine
{
    public string FindingKey { get; set; } = string.Empty;

    public string TheoryId { get; set; } = string.Empty;

    public string Jurisdiction { get; set; } = string.Empty;

    public string Unit { get; set; } = string.Empty;

    public decimal Units { get; set; }

    public decimal Low { get; set; }

    public decimal High { get; set; }

    public string Citation { get; set; } = string.Empty;

    public bool Capped { get; set; }

    public DateOnly? ConductFrom { get; set; }

    public DateOnly? ConductTo { get; set; }

    /// <summary>The line as the exposure model wrote it (its grade is the theory row's, which the stored line does not keep).</summary>
    public ExposureLine ToLine(Confidence? confidence = null) => new(TheoryId, Jurisdiction, Unit, Units, Low, High, Citation, Capped, ConductFrom, ConductTo, confidence);
}
