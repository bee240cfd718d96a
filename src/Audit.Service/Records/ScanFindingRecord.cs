using Audit.Service.Configuration;
using Audit.Reports.Models;

namespace Audit.Service.Records;

/// <summary>
/// One finding as one scan recorded it (a ScanFinding row): everything its reports print, typed. A class with
/// setters, not a positional record: SQLite hands back TEXT and INTEGER where SQL Server has DECIMAL and INT.
/// </summary>
public class ScanFindingRecord
{
    public long ScanId { get; set; }

    public string FindingKey { get; set; } = string.Empty;

    public string RuleCode { get; set; } = string.Empty;

    public string SubjectKind { get; set; } = string.Empty;

    public string SubjectKey { get; set; } = string.Empty;

    public string? SubjectName { get; set; }

    public string Severity { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    /// <summary>Compared with the scan before it (new, persisting, resolved); reports compare with their own period instead.</summary>
    public string Change { get; set; } = string.Empty;

    public string Evidence { get; set; } = "{}";

    public DateTime? FirstSeen { get; set; }

    public DateTime? LastSeen { get; set; }

    public long AffectedWorkerCount { get; set; }

    public long Batches { get; set; }

    public long ActiveMinutes { get; set; }

    public long? BatchesReachingTraining { get; set; }

    public long? CompensatedContributors { get; set; }

    public decimal? UncompensatedHours { get; set; }

    public decimal? BenchmarkRate { get; set; }

    public decimal? ReplacementValueLow { get; set; }

    public decimal? ReplacementValueHigh { get; set; }

    public string? CommercialModels { get; set; }

    public decimal ExposureLow { get; set; }

    public decimal ExposureHigh { get; set; }

    public RuleCode Rule => Enum.Parse<RuleCode>(RuleCode);

    public Severity SeverityLevel => Enum.Parse<Severity>(Severity);

    /// <summary>The scan recorded it as gone (last seen by the scan before).</summary>
    public bool IsResolvedHere => Change == FindingCodes.ToCode(ChangeState.Resolved);

    /// <summary>What the finding is about, in words: "Config version: mci-recorder 1.1 (MCI Trajectory Recorder)", not "config: mci-recorder 1.1".</summary>
    public static string SubjectText(string kind, string key, string? name)
    {
        var what = kind switch
        {
            "dataset" => "Dataset",
            "tool" => "Tool",
            "reduction-in-force" => "Reduction in force of",
            "workforce-event-after-ai" => "Workforce event",
            _ when kind.StartsWith("config", StringComparison.Ordinal) => "Config version",
            _ when kind.StartsWith("program", StringComparison.Ordinal) => "Program",
            _ => kind,
        };
        var named = string.IsNullOrWhiteSpace(name) || name == key ? key
            : kind == "tool" || kind.StartsWith("program", StringComparison.Ordinal) ? name
            : $"{key} ({name})";
        return what.EndsWith(" of", StringComparison.Ordinal) ? $"{what} {named}" : $"{what}: {named}";
    }

    /// <summary>The row a report prints; owner, due day (the officer's or the SLA's) and days open as they stood on <paramref name="scanAsOf"/>.</summary>
    public FindingRow ToRow(ChangeState change, OfficerStatus status, DateOnly scanAsOf, SlaOptions? sla = null) => new(
        FindingKey,
        Rule,
        SeverityLevel,
        SubjectText(SubjectKind, SubjectKey, SubjectName),
        Title,
        (int)AffectedWorkerCount,
        EvidenceText.Listed(Evidence),
        DateOnly.FromDateTime(FirstSeen ?? scanAsOf.ToDateTime(TimeOnly.MinValue)),
        DateOnly.FromDateTime(LastSeen ?? scanAsOf.ToDateTime(TimeOnly.MinValue)),
        status.Status,
        change,
        ExposureLow,
        ExposureHigh,
        status.Note,
        status.Owner,
        sla is null ? status.DueOn : status.DueFor(SeverityLevel, sla),
        change == ChangeState.Resolved ? null : status.DaysOpen(scanAsOf));
}

/// <summary>
/// The officer's status of a finding on a day, with the latest note recorded by then, who owns it, the due day the
/// officer set, an accepted risk's approver and expiry, and the day it was found (or found again after it was
/// resolved or accepted), from which days open and the SLA's due day count.
/// </summary>
public sealed record OfficerStatus(
    FindingStatus Status, string? Note, string? Owner = null, DateOnly? DueOn = null, string? Approver = null, DateOnly? ExpiresOn = null, DateOnly? OpenedOn = null)
{
    public static OfficerStatus Open { get; } = new(FindingStatus.Open, null);

    /// <summary>Still to be worked: open or remediating.</summary>
    public bool IsOpen => Status is FindingStatus.Open or FindingStatus.Remediating;

    /// <summary>The officer's due day, else the SLA's for the severity from the day it was opened; none once resolved or accepted.</summary>
    public DateOnly? DueFor(Severity severity, SlaOptions sla) => !IsOpen ? null : DueOn ?? OpenedOn?.AddDays(sla.DaysFor(severity));

    public bool IsOverdue(Severity severity, SlaOptions sla, DateOnly today) => DueFor(severity, sla) is { } due && due < today;

    /// <summary>Whole days from the day it was opened to <paramref name="today"/>; null once resolved.</summary>
    public int? DaysOpen(DateOnly today) => Status == FindingStatus.Resolved || OpenedOn is not { } opened ? null : Math.Max(0, today.DayNumber - opened.DayNumber);

    /// <summary>An accepted risk whose last day has passed.</summary>
    public bool AcceptanceExpired(DateOnly today) => Status == FindingStatus.AcceptedRisk && ExpiresOn is { } last && last < today;

    /// <summary>
    /// Each finding's status after its changes (oldest first), with the latest note that says something: a scan's
    /// "first found" entry is the finding's birth, not a note; a reopening scan's note is kept. Each change carries the
    /// owner, due day, approver and expiry as they stood after it, so the newest change holds them.
    /// </summary>
    public static Dictionary<string, OfficerStatus> Fold(IEnumerable<FindingStatusChange> changes)
    {
        var statuses = new Dictionary<string, OfficerStatus>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var previous = statuses.GetValueOrDefault(change.FindingKey);
            var counts = !string.IsNullOrWhiteSpace(change.Note) && (change.ScanId is null || previous is not null);
            var status = FindingCodes.Parse(change.Status);
            var opened = previous is null || (status == FindingStatus.Open && previous.Status is FindingStatus.Resolved or FindingStatus.AcceptedRisk)
                ? DateOnly.FromDateTime(change.ChangedAt)
                : previous.OpenedOn;
            statuses[change.FindingKey] = new OfficerStatus(
                status, counts ? change.Note : previous?.Note, change.Owner, change.DueOn, change.Approver, change.ExpiresOn, opened);
        }

        return statuses;
    }
}
