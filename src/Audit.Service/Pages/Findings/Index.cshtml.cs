using System.Globalization;
using System.Text;
using Audit.Reports.Export;
using Audit.Service.Apis;
using Audit.Service.Security;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Pages.Findings;

/// <summary>A finding of the newest scan as the table shows it, with the officer's status and whether it is new this month.</summary>
public sealed record FindingTableRow(
    string FindingKey, RuleCode Rule, Severity Severity, string Title, string Subject, string Status, long AffectedWorkers,
    decimal ExposureLow, decimal ExposureHigh, bool IsNew, string? LatestNote, string? Owner, DateOnly? DueOn, int? DaysOpen, bool Overdue);

/// <summary>
/// The findings of the newest scan, read from its scan record (as the monthly report reads it), with each finding's
/// current status; "new since last month" compares with the newest scan of the month before, as the report does.
/// Filters are exact codes, checked like the API's: an unknown value is refused, never read as "all".
/// </summary>
public sealed class IndexModel(ScanHistory history, FindingStatusService statuses, IOptions<AuditOptions> options, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The longest search text: an id, a title or a name, never a document.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The orders the list offers, by the code the query string carries; the first is the default.</summary>
    public static IReadOnlyList<(string Code, string Label)> SortChoices { get; } =
    [
        ("severity", "Severity, then exposure"), ("exposure", "Exposure (high figure), highest first"), ("workers", "Affected workers, most first"),
        ("due", "Due day, soonest first"), ("age", "Days open, oldest first"), ("rule", "Rule"),
    ];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The bulk form: the findings ticked, and the change to make to all of them.</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public string? BulkStatus { get; set; }

    [BindProperty]
    public string? BulkOwner { get; set; }

    [BindProperty]
    public string? BulkDue { get; set; }

    [BindProperty]
    public string? BulkApprover { get; set; }

    [BindProperty]
    public string? BulkExpires { get; set; }

    [BindProperty]
    public string? BulkNote { get; set; }

    [BindProperty(SupportsGet = true, Name = "changed")]
    public int? Changed { get; set; }

    public bool CanChangeStatus { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "new")]
    public bool NewOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ScanRecord? Scan { get; private set; }

    public ScanRecord? ComparedWith { get; private set; }

    public IReadOnlyList<FindingTableRow> Rows { get; private set; } = [];

    public int Matching { get; private set; }

    public int InScan { get; private set; }

    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public string? Error { get; private set; }

    public string Currency => options.Value.ReportCurrency;

    public static IReadOnlyList<(string Code, string Label)> StatusChoices { get; } =
        Enum.GetValues<FindingStatus>().Select(s => (FindingCodes.ToCode(s), FindingCodes.ToCode(s).Replace('_', ' '))).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CanChangeStatus = (await authorization.AuthorizeAsync(User, Policies.ChangeStatus)).Succeeded;
        if (await MatchingRowsAsync(cancellationToken) is not { } rows)
        {
            return Error is null ? Page() : Refuse(Error);
        }

        Rows = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Every row the filters match (not only this page's) as CSV, the download recorded in the audit log with its hash.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromServices] AuditTrail trail, CancellationToken cancellationToken)
    {
        if (await MatchingRowsAsync(cancellationToken) is not { } rows)
        {
            return Error is null ? NotFound() : Refuse(Error);
        }

        var csv = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        CsvLine.Write(csv, CsvHeader);
        foreach (var r in rows)
        {
            CsvLine.Write(csv, [
                r.FindingKey, r.Rule.ToString(), r.Severity.ToString(), r.Title, r.Subject, r.Status, r.Owner ?? string.Empty,
                r.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, r.Overdue ? "yes" : "no",
                r.DaysOpen?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, r.IsNew ? "yes" : "no",
                r.AffectedWorkers.ToString(CultureInfo.InvariantCulture), r.ExposureLow.ToString("0.00", CultureInfo.InvariantCulture),
                r.ExposureHigh.ToString("0.00", CultureInfo.InvariantCulture), r.LatestNote ?? string.Empty]);
        }

        var bytes = new UTF8Encoding(false).GetBytes(csv.ToString());
        var name = $"findings-{Scan!.AsOf:yyyy-MM-dd}.csv";
        await Downloads.RecordAsync(HttpContext, trail, bytes, name, cancellationToken);
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// One change to every ticked finding (status, owner, due day, approver and expiry for an accepted risk), with one
    /// note: all of them or, when one is refused, none; each change in the history and the audit log with its actor.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync([FromServices] AuditTrail trail, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ChangeStatus)).Succeeded)
        {
            return Forbid();
        }

        CanChangeStatus = true;
        var keys = Selected.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        FindingStatus? status = null;
        string? error = null;
        if (keys.Count == 0)
        {
            error = "Tick at least one finding to change.";
        }
        else if (keys.Count > PageSize)
        {
            error = $"At most {PageSize} findings at once (one page).";
        }
        else if (!string.IsNullOrEmpty(BulkStatus))
        {
            if (FindingCodes.TryParse(BulkStatus, out var parsed))
            {
                status = parsed;
            }
            else
            {
                error = "Status: choose one of open, remediating, accepted risk, resolved, or keep each one's.";
            }
        }

        var due = error is null ? Day(BulkDue, "Due on", ref error) : null;
        var expires = error is null ? Day(BulkExpires, "Expires on", ref error) : null;
        if (error is null && status is null && Blank(BulkOwner) is null && due is null)
        {
            error = "Say what to change: a status, whom to assign them to, or a due day.";
        }

        if (error is null)
        {
            try
            {
                var request = new FindingChangeRequest(User.Caller().Name, BulkNote, status, Blank(BulkOwner?.Trim()), due, Blank(BulkApprover?.Trim()), expires);
                var changes = await FindingsApi.ChangeStatusAsync(HttpContext, statuses, trail, keys, request, cancellationToken);
                // Post, redirect, get: a reload never records the changes twice. The list as filtered, without the handler.
                var route = RouteFor(PageNumber);
                route["changed"] = changes.Count.ToString(CultureInfo.InvariantCulture);
                return LocalRedirect("/findings" + QueryString.Create(route!));
            }
            catch (FindingNotFoundException ex)
            {
                error = ex.Message;
            }
            catch (FindingChangeRefusedException ex)
            {
                error = ex.MessageFor(static f => char.ToUpperInvariant(f[0]) + f[1..]) + "; nothing was changed.";
            }
        }

        Error = null;
        var rows = await MatchingRowsAsync(cancellationToken);
        Rows = rows?.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList() ?? [];
        BulkError = Error ?? error;
        Error = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Where the bulk form posts: this list as filtered and paged, so the list shown after it is the same one.</summary>
    public string BulkAction
    {
        get
        {
            var route = RouteFor(PageNumber);
            route["handler"] = "Bulk";
            return "/findings" + QueryString.Create(route!);
        }
    }

    /// <summary>Why the bulk change was refused; the list is still shown with what was ticked.</summary>
    public string? BulkError { get; private set; }

    /// <summary>A day the form gives as yyyy-MM-dd; blank is none; anything else is refused, naming the field.</summary>
    private static DateOnly? Day(string? text, string field, ref string? error)
    {
        if (Days.TryReadOptional(text, out var day))
        {
            return day;
        }

        error = $"{field}: '{Days.Quoted(text!)}' is not a day (yyyy-mm-dd).";
        return null;
    }

    public static readonly string[] CsvHeader =
        ["finding_id", "rule", "severity", "title", "subject", "status", "owner", "due_on", "overdue", "days_open", "new", "affected_workers",
         "exposure_low", "exposure_high", "latest_note"];

    /// <summary>The newest scan's findings the filters match, sorted; null with <see cref="Error"/> set when a filter is refused, null alone when no scan ran.</summary>
    private async Task<List<FindingTableRow>?> MatchingRowsAsync(CancellationToken cancellationToken)
    {
        // Blank selects mean "any"; anything else must be an exact code.
        Rule = Blank(Rule);
        Severity = Blank(Severity);
        Status = Blank(Status);
        Owner = string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim();
        if (FindingFilter.TryRead(Rule, Status, Severity, static field => char.ToUpperInvariant(field[0]) + field[1..], out var error) is not { } filter)
        {
            Error = error + ".";
            return null;
        }

        filter = filter with { Owner = Owner, OverdueOnly = OverdueOnly };
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        if (Search is { Length: > MaxSearchLength })
        {
            Error = $"Search: at most {MaxSearchLength} characters.";
            return null;
        }

        Sort = Blank(Sort);
        if (Sort is not null && !SortChoices.Any(c => c.Code == Sort))
        {
            Error = $"Sort: '{Days.Quoted(Sort)}' is not an order; one of {string.Join(", ", SortChoices.Select(c => c.Code))}.";
            return null;
        }

        if (PageNumber < 1)
        {
            Error = "Page: 1 or more.";
            return null;
        }

        var scans = await history.ListAsync(cancellationToken);
        if (scans.Count == 0)
        {
            return null;
        }

        Scan = scans[^1];
        ComparedWith = ScanHistory.ComparedWith(scans, YearMonth.Containing(Scan.AsOf).Before().LastDay);
        var findings = (await history.FindingsAsync(Scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).ToList();
        var before = ComparedWith is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await history.FindingsAsync(ComparedWith.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var current = (await statuses.ListAsync(new FindingFilter(), cancellationToken)).ToDictionary(f => f.FindingKey, StringComparer.Ordinal);

        InScan = findings.Count;
        var filtered = findings
            .Select(f =>
            {
                var live = current.GetValueOrDefault(f.FindingKey);
                return new FindingTableRow(
                    f.FindingKey, f.Rule, f.SeverityLevel, f.Title, Subject(f), live?.Status ?? FindingCodes.ToCode(FindingStatus.Open),
                    f.AffectedWorkerCount, f.ExposureLow, f.ExposureHigh, !before.Contains(f.FindingKey), live?.LatestNote,
                    live?.Owner, live?.DueOn, live?.DaysOpen, live?.Overdue ?? false);
            })
            .Where(r => (filter.Rule is null || r.Rule == filter.Rule)
                && (filter.Severity is null || r.Severity == filter.Severity)
                && (filter.Status is null || r.Status == FindingCodes.ToCode(filter.Status.Value))
                && (!NewOnly || r.IsNew)
                && filter.MatchesWork(r.Owner, r.Overdue)
                && (Search is null || Matches(r, Search)));
        var ordered = Sort switch
        {
            "exposure" => filtered.OrderByDescending(r => r.ExposureHigh).ThenBy(r => r.Severity),
            "workers" => filtered.OrderByDescending(r => r.AffectedWorkers).ThenBy(r => r.Severity),
            "due" => filtered.OrderBy(r => r.DueOn is null).ThenBy(r => r.DueOn).ThenBy(r => r.Severity),
            "age" => filtered.OrderBy(r => r.DaysOpen is null).ThenByDescending(r => r.DaysOpen).ThenBy(r => r.Severity),
            "rule" => filtered.OrderBy(r => r.Rule).ThenBy(r => r.Severity),
            _ => filtered.OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh),
        };
        var sorted = ordered.ThenBy(r => r.Rule).ThenBy(r => r.FindingKey, StringComparer.Ordinal).ToList();
        Matching = sorted.Count;
        return sorted;
    }

    /// <summary>Free text found, ignoring case, in the finding's id, title, subject, owner or latest note.</summary>
    private static bool Matches(FindingTableRow r, string text) =>
        new[] { r.FindingKey, r.Title, r.Subject, r.Owner, r.LatestNote }.Any(v => v?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The query string of this filter on another page of results.</summary>
    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Rule is not null)
        {
            values["rule"] = Rule;
        }

        if (Severity is not null)
        {
            values["severity"] = Severity;
        }

        if (Status is not null)
        {
            values["status"] = Status;
        }

        if (NewOnly)
        {
            values["new"] = "true";
        }

        if (Owner is not null)
        {
            values["owner"] = Owner;
        }

        if (OverdueOnly)
        {
            values["overdue"] = "true";
        }

        if (Search is not null)
        {
            values["q"] = Search;
        }

        if (Sort is not null)
        {
            values["sort"] = Sort;
        }

        return values;
    }

    internal static string Subject(ScanFindingRecord f) =>
        f.SubjectName is { Length: > 0 } name && name != f.SubjectKey ? $"{f.SubjectKind}: {f.SubjectKey} ({name})" : $"{f.SubjectKind}: {f.SubjectKey}";

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
