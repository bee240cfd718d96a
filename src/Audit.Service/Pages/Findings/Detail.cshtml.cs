using System.Text.Json.Nodes;
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

/// <summary>One line of a finding's evidence as people read it.</summary>
public sealed record EvidenceLine(string Label, string Text);

/// <summary>
/// A finding: what its newest scan recorded (evidence, affected-worker count, exposure lines with citations), the
/// facts behind it (as `explain` reads them), its status history, and, for those the policy allows, the form that
/// changes its status with a note (the same change the API makes, in the history and the audit log).
/// </summary>
public sealed class DetailModel(
    FindingExplainer explainer, FindingStatusService statuses, AuditTrail trail, IAuthorizationService authorization, IOptions<AuditOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public string? Id { get; set; }

    [BindProperty]
    public string? NewStatus { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public DateOnly? Due { get; set; }

    [BindProperty]
    public string? Approver { get; set; }

    [BindProperty]
    public DateOnly? Expires { get; set; }

    public FindingExplanation? Explanation { get; private set; }

    public IReadOnlyList<FindingStatusChange> History { get; private set; } = [];

    public string CurrentStatus { get; private set; } = FindingCodes.ToCode(FindingStatus.Open);

    public string Summary { get; private set; } = string.Empty;

    public IReadOnlyList<string> Paths { get; private set; } = [];

    public IReadOnlyList<EvidenceLine> Evidence { get; private set; } = [];

    public bool CanChangeStatus { get; private set; }

    public OfficerStatus Current { get; private set; } = OfficerStatus.Open;

    public DateOnly? DueDay { get; private set; }

    public bool Overdue { get; private set; }

    public int? DaysOpen { get; private set; }

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    public string Currency => options.Value.ReportCurrency;

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The page folder admits counsel (read-only); changing status is its own policy, as on the API.
        if (!(await authorization.AuthorizeAsync(User, Policies.ChangeStatus)).Succeeded)
        {
            return Forbid();
        }

        if (Id is null)
        {
            return NotFound();
        }

        if (!FindingCodes.TryParse(NewStatus, out var status))
        {
            Error = "Status: choose one of open, remediating, accepted risk, resolved.";
        }
        else if (!ModelState.IsValid)
        {
            Error = "Due and Expires: give a day (yyyy-mm-dd).";
        }
        else
        {
            try
            {
                var request = new FindingChangeRequest(User.Caller().Name, Note, status, Blank(Owner), Due, Blank(Approver), Expires);
                await FindingsApi.ChangeStatusAsync(HttpContext, statuses, trail, Id, request, cancellationToken);
                // Post, redirect, get: a reload never records the change twice.
                return RedirectToPage(new { id = Id, saved = true });
            }
            catch (FindingNotFoundException)
            {
                return NotFound();
            }
            catch (FindingChangeRefusedException ex)
            {
                Error = ex.MessageFor(static f => char.ToUpperInvariant(f[0]) + f[1..]) + ".";
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is not { Length: > 0 })
        {
            return false;
        }

        try
        {
            Explanation = await explainer.ExplainAsync(Id, null, cancellationToken);
            History = await statuses.HistoryAsync(Id, cancellationToken);
        }
        catch (FindingNotFoundException)
        {
            return false;
        }

        CurrentStatus = History.Count > 0 ? History[^1].Status : CurrentStatus;
        Current = OfficerStatus.Fold(History).GetValueOrDefault(Id) ?? OfficerStatus.Open;
        var severity = Enum.Parse<Severity>(Explanation.Finding.Severity);
        DueDay = Current.DueFor(severity, statuses.Sla);
        Overdue = Current.IsOverdue(severity, statuses.Sla, statuses.Today);
        DaysOpen = Current.DaysOpen(statuses.Today);
        CanChangeStatus = (await authorization.AuthorizeAsync(User, Policies.ChangeStatus)).Succeeded;
        var evidence = Explanation.Finding.Evidence;
        Summary = EvidenceText.Summarise(evidence);
        (Paths, Evidence) = Read(evidence);
        return true;
    }

    /// <summary>The evidence for people to read: its paths one a line, then the other facts (exposure has its own table).</summary>
    private static (IReadOnlyList<string> Paths, IReadOnlyList<EvidenceLine> Lines) Read(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject evidence)
        {
            return ([], []);
        }

        var paths = evidence["paths"] is JsonArray array
            ? array.Select(p => p?["path"]?.ToString()).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];
        var lines = new List<EvidenceLine>();
        foreach (var (key, value) in evidence)
        {
            if (key is "exposure" or "paths" || value is null)
            {
                continue;
            }

            if (value is JsonObject counts)
            {
                lines.AddRange(counts.Select(c => new EvidenceLine(c.Key, Text(c.Value))));
            }
            else
            {
                lines.Add(new EvidenceLine(Label(key), Text(value)));
            }
        }

        return (paths, lines);
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "–",
        JsonValue v when v.TryGetValue<decimal>(out var n) => Fmt.Number(n),
        JsonValue v => v.ToString(),
        JsonArray a => string.Join(", ", a.Select(Text)),
        _ => node.ToJsonString(),
    };

    /// <summary>camelCase evidence keys as words: heldInSecurityStore → held in security store.</summary>
    private static string Label(string key)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in key)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
