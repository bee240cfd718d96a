using System.Globalization;
using System.Text;
using Audit.Reports.Export;
using Audit.Service.Apis;
using Audit.Service.Security;
using Audit.Service.Records;
using Audit.Service.Reporting;
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
public sealed class IndexModel(ScanHistory history, FindingStatusService statuses, IOptions<AuditOptions> options) : PageModel
{
    public const int PageSize = 100;

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
        var rows = findings
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
                && filter.MatchesWork(r.Owner, r.Overdue))
            .OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh).ThenBy(r => r.Rule).ThenBy(r => r.FindingKey, StringComparer.Ordinal)
            .ToList();
        Matching = rows.Count;
        return rows;
    }

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
