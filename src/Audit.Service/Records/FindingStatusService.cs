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
}

public sealed record FindingFilter(RuleCode? Rule = null, FindingStatus? Status = null, Severity? Severity = null)
{
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

public sealed class FindingNotFoundException(string findingKey) : Exception($"No finding '{findingKey}' (ids are shown by `{Invocation.Command("findings list")}`).");

/// <summary>
/// The compliance officer's status of findings: listing, setting (with who, when and a note), and the history.
/// Every change is appended to FindingStatusChange; Finding.Status is the current one. The CLI uses it now and
/// the web page and API will; scans use <see cref="ChangeAsync"/> to reopen a resolved finding they see again.
/// </summary>
public sealed class FindingStatusService(Database database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IReadOnlyList<FindingListItem>> ListAsync(FindingFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = (await connection.QueryAsync<FindingListItem>(database.Sql["Finding_List"])).ToList();
        var statuses = OfficerStatus.Fold(await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadUntil"], new { Until = DateTime.MaxValue.Date }));
        foreach (var item in items)
        {
            item.LatestNote = statuses.GetValueOrDefault(item.FindingKey)?.Note;
        }

        return items.Where(i => (filter.Rule is null || i.RuleCode == filter.Rule.ToString())
                && (filter.Status is null || i.Status == FindingCodes.ToCode(filter.Status.Value))
                && (filter.Severity is null || i.Severity == filter.Severity.ToString()))
            .ToList();
    }

    public async Task<IReadOnlyList<FindingStatusChange>> HistoryAsync(string findingKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var history = (await connection.QueryAsync<FindingStatusChange>(database.Sql["FindingStatusChange_ReadByFinding"], new { FindingKey = findingKey })).ToList();
        return history.Count > 0 ? history : throw new FindingNotFoundException(findingKey);
    }

    /// <summary>Records the officer's status. Who and the note are required: a status without them is not evidence.</summary>
    public async Task<FindingStatusChange> SetStatusAsync(string findingKey, FindingStatus status, string changedBy, string note, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Finding WHERE FindingKey = @FindingKey", new { FindingKey = findingKey }, transaction);
        if (exists == 0)
        {
            throw new FindingNotFoundException(findingKey);
        }

        var change = await ChangeAsync(database, connection, transaction, findingKey, status, changedBy.Trim(), note.Trim(), null, _time.GetUtcNow().UtcDateTime);
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    /// <summary>Appends the change to the history and makes it the finding's current status, inside the caller's transaction.</summary>
    public static async Task<FindingStatusChange> ChangeAsync(
        Database database, DbConnection connection, DbTransaction transaction, string findingKey, FindingStatus status, string changedBy, string? note, long? scanId, DateTime at)
    {
        var change = new FindingStatusChange { FindingKey = findingKey, Status = FindingCodes.ToCode(status), ChangedBy = changedBy, ChangedAt = at, Note = note, ScanId = scanId };
        await connection.ExecuteAsync(database.Sql["FindingStatusChange_Insert"], change, transaction);
        await connection.ExecuteAsync(database.Sql["Finding_SetStatus"], new { FindingKey = findingKey, change.Status }, transaction);
        return change;
    }
}
