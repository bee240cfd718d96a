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
        // Blank selects mean "any"; anything else must be an exact code.
        Rule = Blank(Rule);
        Severity = Blank(Severity);
        Status = Blank(Status);
        Owner = string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim();
        if (FindingFilter.TryRead(Rule, Status, Severity, static field => char.ToUpperInvariant(field[0]) + field[1..], out var error) is not { } filter)
        {
            return Refuse(error + ".");
        }

        if (PageNumber < 1)
        {
            return Refuse("Page: 1 or more.");
        }

        var scans = await history.ListAsync(cancellationToken);
        if (scans.Count == 0)
        {
            return Page();
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
                && (Owner is null || string.Equals(r.Owner, Owner, StringComparison.OrdinalIgnoreCase))
                && (!OverdueOnly || r.Overdue))
            .OrderBy(r => r.Severity).ThenByDescending(r => r.ExposureHigh).ThenBy(r => r.Rule).ThenBy(r => r.FindingKey, StringComparer.Ordinal)
            .ToList();
        Matching = rows.Count;
        Rows = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
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

    private IActionResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
