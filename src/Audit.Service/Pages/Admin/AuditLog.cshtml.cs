using System.Globalization;
using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Admin;

/// <summary>
/// The append-only audit log, newest first, filtered by actor, action, role and days, a page at a time; paging
/// goes back by entry id, so a page stays the same while new entries arrive.
/// </summary>
public sealed class AuditLogModel(AuditTrail trail) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The actions the log records, in the words it uses.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        AuditActions.Download, AuditActions.ExportRequest, AuditActions.StatusChange, AuditActions.Import, AuditActions.LineagePost,
        AuditActions.KeyCreate, AuditActions.KeyRevoke, AuditActions.UserCreate, AuditActions.UserDisable, AuditActions.GuardDecision, AuditActions.GuardAlert,
    ];

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Until { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditRecord> Entries { get; private set; } = [];

    public bool HasOlder { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var since = Day(nameof(Since), Since);
        var until = Day(nameof(Until), Until);
        if (Action is { Length: > 0 } action && !Actions.Contains(action, StringComparer.Ordinal))
        {
            Errors[nameof(Action)] = $"'{action}' is not an action the log records.";
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var found = await trail.ListAsync(
            new AuditQuery(since, until?.AddDays(1), Blank(Actor), Blank(Action), Blank(Role), PageSize + 1, Before), cancellationToken);
        HasOlder = found.Count > PageSize;
        Entries = found.Take(PageSize).ToList();
    }

    /// <summary>The query string of this view with other paging, so a filter survives paging.</summary>
    public string Link(long? before) =>
        "?" + string.Join("&", new[] { ("actor", Actor), ("action", Action), ("role", Role), ("since", Since), ("until", Until), ("before", before?.ToString(CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private DateTime? Day(string field, string? text)
    {
        if (Days.TryReadOptional(text, out var day))
        {
            return day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        Errors[field] = $"'{text}' is not a date (yyyy-MM-dd).";
        return null;
    }
}
