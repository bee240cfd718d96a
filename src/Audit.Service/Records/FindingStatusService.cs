using Audit.Service.Configuration;
using System.Data.Common;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Records;

/// <summary>One row of a finding's status history (FindingStatusChange).</summary>
public sealed class FindingStatusChange
{
    public string FindingKey { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string ChangedBy { get; set; } = string.Empty;

    public DateTime ChangedAt { get; set; }

    public string? Note { get; set; }

    /// <summary>The scan that made the change (first found, reopened); null for an officer's change.</summary>
    public long? ScanId { get; set; }

    /// <summary>Who works the finding after this change (a user or a team); kept from the change before unless it names one.</summary>
    public string? Owner { get; set; }

    /// <summary>The due day the officer set (kept like the owner); null means the SLA's day for the severity.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Who approved an accepted risk (not the one recording it); null for any other status.</summary>
    public string? Approver { get; set; }

    /// <summary>The last day an accepted risk holds; the first scan after it reopens the finding.</summary>
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>A finding as `findings list` and the API show it: identity, the officer's status, what its latest scan saw.</summary>
public sealed class FindingListItem
{
    public string FindingKey { get; set; } = string.Empty;

    public string RuleCode { get; set; } = string.Empty;

    public string Severity { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string SubjectKind { get; set; } = string.Empty;

    public string SubjectKey { get; set; } = string.Empty;

    public bool IsActive { get; set; }

    public string Status { get; set; } = string.Empty;

    public long AffectedWorkerCount { get; set; }

    public decimal ExposureLow { get; set; }

    public decimal ExposureHigh { get; set; }

    public DateOnly LastScanAsOf { get; set; }

    public string? LatestNote { get; set; }

    public string? Owner { get; set; }

    /// <summary>The day it is due: the officer's, else the day it was found (or found again) plus the SLA for its severity.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Whole days since it was found (or found again); null once resolved.</summary>
    public int? DaysOpen { get; set; }

    /// <summary>Open or remediating after its due day.</summary>
    public bool Overdue { get; set; }

    public string? Approver { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    /// <summary>Accepted, but its expiry has passed (the next scan reopens it).</summary>
    public bool AcceptanceExpired { get; set; }
}

public sealed record FindingFilter(RuleCode? Rule = null, FindingStatus? Status = null, Severity? Severity = null, string? Owner = null, bool OverdueOnly = false)
{
    /// <summary>Each given criterion holds (the owner exactly, ignoring case).</summary>
    public bool Matches(FindingListItem item) =>
        (Rule is null || item.RuleCode == Rule.ToString())
        && (Status is null || item.Status == FindingCodes.ToCode(Status.Value))
        && (Severity is null || item.Severity == Severity.ToString())
        && MatchesWork(item.Owner, item.Overdue);

    /// <summary>The owner and overdue criteria alone (the list page filters scan records by them).</summary>
    public bool MatchesWork(string? owner, bool overdue) =>
        (Owner is null || string.Equals(owner, Owner, StringComparison.OrdinalIgnoreCase)) && (!OverdueOnly || overdue);

    /// <summary>
    /// The filter the typed codes stand for, read the same way by the CLI, the API and the page: each code exact, null
    /// meaning "any". A code that is none of them is refused (never read as "any"); <paramref name="field"/> spells
    /// the field as the caller's user knows it ("--rule", "rule", "Rule").
    /// </summary>
    public static FindingFilter? TryRead(string? rule, string? status, string? severity, Func<string, string> field, out string? error)
    {
        error = null;
        RuleCode? ruleCode = null;
        FindingStatus? findingStatus = null;
        Severity? level = null;
        if (rule is not null)
        {
            if (!Enum.GetNames<RuleCode>().Contains(rule, StringComparer.Ordinal))
            {
                error = $"{field("rule")}: '{rule}' is not a rule (R1 ... R10)";
                return null;
            }

            ruleCode = Enum.Parse<RuleCode>(rule);
        }

        if (status is not null)
        {
            if (!FindingCodes.TryParse(status, out var parsed))
            {
                error = $"{field("status")}: '{status}' is not a status ({string.Join(", ", Enum.GetValues<FindingStatus>().Select(FindingCodes.ToCode))})";
                return null;
            }

            findingStatus = parsed;
        }

        if (severity is not null)
        {
            if (!Enum.GetNames<Severity>().Contains(severity, StringComparer.Ordinal))
            {
                error = $"{field("severity")}: '{severity}' is not a severity ({string.Join(", ", Enum.GetNames<Severity>())})";
                return null;
            }

            level = Enum.Parse<Severity>(severity);
        }

        return new FindingFilter(ruleCode, findingStatus, level);
    }
}

public sealed class FindingNotFoundException(string findingKey) : Exception($"No finding '{findingKey}' (ids are shown by `{Invocation.Command("findings list")}`).")
{
    public string FindingKey { get; } = findingKey;
}

/// <summary>
/// An officer's change of one finding (or of several at once): its status (null keeps it), its owner and due day
/// (null keeps them), and, for accepted_risk, who approved it and its last day. Who and why are always required.
/// </summary>
public sealed record FindingChangeRequest(
    string ChangedBy, string? Note, FindingStatus? Status = null, string? Owner = null, DateOnly? DueOn = null, string? Approver = null, DateOnly? ExpiresOn = null)
{
    public const int MaxNoteLength = 4000;

    public const int MaxNameLength = 200;

    /// <summary>How far ahead a due day may be set.</summary>
    public const int MaxDueYears = 5;

    /// <summary>How long an accepted risk may hold before it must be decided again.</summary>
    public const int MaxAcceptanceYears = 2;

    /// <summary>
    /// The change as recorded after <paramref name="previous"/> on <paramref name="today"/>: what it names replaces,
    /// the rest is kept; an approver and expiry only stay with an accepted risk.
    /// </summary>
    /// <exception cref="FindingChangeRefusedException">A field is missing or out of range; it names the field.</exception>
    public FindingStatusChange Apply(string findingKey, OfficerStatus previous, DateOnly today, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(Note))
        {
            throw new FindingChangeRefusedException("note", "say why (the history keeps it and reports print the latest one)");
        }

        if (Note.Length > MaxNoteLength)
        {
            throw new FindingChangeRefusedException("note", $"is {Note.Length:N0} characters; at most {MaxNoteLength:N0}");
        }

        CheckName("owner", Owner);
        CheckName("approver", Approver);
        if (DueOn is { } due && (due < today || due > today.AddYears(MaxDueYears)))
        {
            throw new FindingChangeRefusedException("due", $"{due:yyyy-MM-dd} is {(due < today ? "before today" : $"more than {MaxDueYears} years ahead")}; give a day from {today:yyyy-MM-dd} to {today.AddYears(MaxDueYears):yyyy-MM-dd}");
        }

        var status = Status ?? previous.Status;
        string? approver = null;
        DateOnly? expires = null;
        if (status == FindingStatus.AcceptedRisk)
        {
            // Setting accepted_risk (again) needs both; an assignment of an accepted finding keeps them.
            var keep = Status is null;
            approver = Approver?.Trim() ?? (keep ? previous.Approver : null);
            expires = ExpiresOn ?? (keep ? previous.ExpiresOn : null);
            if (approver is null)
            {
                throw new FindingChangeRefusedException("approver", "accepting a risk needs who approved it (not the one recording it)");
            }

            if (string.Equals(approver, ChangedBy.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new FindingChangeRefusedException("approver", $"'{approver}' also records the change; a risk is accepted by someone other than the one recording it");
            }

            if (expires is not { } last)
            {
                throw new FindingChangeRefusedException("expires", $"accepting a risk needs its last day, at most {MaxAcceptanceYears} years ahead");
            }

            if (ExpiresOn is not null && (last <= today || last > today.AddYears(MaxAcceptanceYears)))
            {
                throw new FindingChangeRefusedException("expires", $"{last:yyyy-MM-dd} is {(last <= today ? "not after today" : $"more than {MaxAcceptanceYears} years ahead")}; give a day from {today.AddDays(1):yyyy-MM-dd} to {today.AddYears(MaxAcceptanceYears):yyyy-MM-dd}");
            }
        }
        else if (Approver is not null || ExpiresOn is not null)
        {
            throw new FindingChangeRefusedException(Approver is not null ? "approver" : "expires", $"only an accepted risk has one (the status would be {FindingCodes.ToCode(status)})");
        }

        return new FindingStatusChange
        {
            FindingKey = findingKey,
            Status = FindingCodes.ToCode(status),
            ChangedBy = ChangedBy.Trim(),
            ChangedAt = at,
            Note = Note.Trim(),
            Owner = Owner?.Trim() ?? previous.Owner,
            DueOn = DueOn ?? previous.DueOn,
            Approver = approver,
            ExpiresOn = expires,
        };
    }

    private static void CheckName(string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxNameLength || value.Any(char.IsControl))
        {
            throw new FindingChangeRefusedException(field, $"a user or team name of 1 to {MaxNameLength} characters, on one line");
        }
    }
}

/// <summary>A change refused before anything was written; <see cref="Field"/> is the request's field ("note", "owner", "due", "approver", "expires").</summary>
public sealed class FindingChangeRefusedException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;

    /// <summary>The message with the field spelt as the caller's user knows it ("--due", "due", "Due").</summary>
    public string MessageFor(Func<string, string> spell) => $"{spell(Field)}: {Problem}";
}

/// <summary>
/// The compliance officer's work on findings: listing (with owner, due day, days open, overdue), changing status,
/// owner and due day (with who, when and a note; accepted risks with an approver and an expiry), and the history.
/// Every change is appended to FindingStatusChange; Finding.Status is the current one. The CLI, the API and the web
/// pages use it; scans use <see cref="AppendAsync"/> to reopen a finding they see again after it was resolved or its
/// acceptance expired.
/// </summary>
public sealed class FindingStatusService(Database database, TimeProvider? time = null, SlaOptions? sla = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public SlaOptions Sla { get; } = sla ?? new SlaOptions();

    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<FindingListItem>> ListAsync(FindingFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = (await connection.QueryAsync<FindingListItem>(database.Sql["Finding_List"])).ToList();
        var statuses = OfficerStatus.Fold(await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadUntil"], new { Until = DateTime.MaxValue.Date }));
        var today = Today;
        foreach (var item in items)
        {
            var status = statuses.GetValueOrDefault(item.FindingKey) ?? OfficerStatus.Open;
            var severity = Enum.Parse<Severity>(item.Severity);
            item.LatestNote = status.Note;
            item.Owner = status.Owner;
            item.DueOn = status.DueFor(severity, Sla);
            item.DaysOpen = status.DaysOpen(today);
            item.Overdue = status.IsOverdue(severity, Sla, today);
            item.Approver = status.Approver;
            item.ExpiresOn = status.ExpiresOn;
            item.AcceptanceExpired = status.AcceptanceExpired(today);
        }

        return items.Where(filter.Matches).ToList();
    }

    public async Task<IReadOnlyList<FindingStatusChange>> HistoryAsync(string findingKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var history = (await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadByFinding"], new { FindingKey = findingKey })).ToList();
        return history.Count > 0 ? history : throw new FindingNotFoundException(findingKey);
    }

    /// <summary>Records the officer's status with who and why; for accepted_risk use <see cref="ChangeAsync(string, FindingChangeRequest, CancellationToken)"/> (it needs an approver and an expiry).</summary>
    public Task<FindingStatusChange> SetStatusAsync(string findingKey, FindingStatus status, string changedBy, string note, CancellationToken cancellationToken = default) =>
        ChangeAsync(findingKey, new FindingChangeRequest(changedBy, note, status), cancellationToken);

    /// <summary>Records one officer's change.</summary>
    /// <exception cref="FindingNotFoundException">No finding with this id.</exception>
    /// <exception cref="FindingChangeRefusedException">The request is incomplete or out of range; nothing was written.</exception>
    public async Task<FindingStatusChange> ChangeAsync(string findingKey, FindingChangeRequest request, CancellationToken cancellationToken = default) =>
        (await ChangeAsync([findingKey], request, cancellationToken))[0];

    /// <summary>
    /// The same change to several findings (the list page's bulk change): every one is checked before any is
    /// written, and all are written in one transaction, so a refusal leaves them all as they were.
    /// </summary>
    /// <exception cref="FindingNotFoundException">One of the ids is no finding.</exception>
    /// <exception cref="FindingChangeRefusedException">The request does not hold for one of them; nothing was written.</exception>
    public async Task<IReadOnlyList<FindingStatusChange>> ChangeAsync(IReadOnlyList<string> findingKeys, FindingChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ChangedBy);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var changes = new List<FindingStatusChange>(findingKeys.Count);
        foreach (var key in findingKeys.Distinct(StringComparer.Ordinal))
        {
            var previous = await CurrentAsync(database, connection, transaction, key) ?? throw new FindingNotFoundException(key);
            changes.Add(request.Apply(key, previous, today, now));
        }

        foreach (var change in changes)
        {
            await AppendAsync(database, connection, transaction, change);
        }

        await transaction.CommitAsync(cancellationToken);
        return changes;
    }

    /// <summary>The finding's workflow state now (its changes folded); null when no finding has this id.</summary>
    public static async Task<OfficerStatus?> CurrentAsync(Database database, DbConnection connection, DbTransaction transaction, string findingKey)
    {
        var changes = await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadByFinding"], new { FindingKey = findingKey }, transaction);
        return OfficerStatus.Fold(changes).GetValueOrDefault(findingKey);
    }

    /// <summary>Appends the change to the history and makes its status the finding's current one, inside the caller's transaction.</summary>
    public static async Task AppendAsync(Database database, DbConnection connection, DbTransaction transaction, FindingStatusChange change)
    {
        await connection.ExecuteAsync(database.Sql["FindingStatusChange_Insert"], change, transaction);
        await connection.ExecuteAsync(database.Sql["Finding_SetStatus"], new { change.FindingKey, change.Status }, transaction);
    }
}

/// <summary>A change in words, for the audit log and the command's answer: "status accepted_risk (approved by ..., until ...), owner ..., due ...: note".</summary>
public static class FindingChangeText
{
    public static string Describe(FindingStatusChange change)
    {
        var parts = new List<string> { $"status {change.Status}" + (change.Approver is null ? string.Empty : $" (approved by {change.Approver}, until {change.ExpiresOn:yyyy-MM-dd})") };
        if (change.Owner is not null)
        {
            parts.Add($"owner {change.Owner}");
        }

        // A due day is for work still to do: an accepted or resolved finding is due nothing, whatever the row carries.
        if (change.DueOn is { } due && change.Status is "open" or "remediating")
        {
            parts.Add($"due {due:yyyy-MM-dd}");
        }

        return string.Join(", ", parts) + (change.Note is null ? string.Empty : $": {change.Note}");
    }
}
