using Audit.Service.Jobs;
using Audit.Service.Reporting;
using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Counsel;

/// <summary>
/// Counsel asks for a lineage export: the scope is read and checked against the data exactly as the API and the
/// CLI read it (Reporting/ExportScopes), a refused one is shown field by field and nothing is queued; an accepted
/// one is queued for the job server and the page moves to where it stands.
/// </summary>
public sealed class ExportsModel(CounselExports exports) : PageModel
{
    [BindProperty]
    public string? Matter { get; set; }

    /// <summary>Worker ids separated by commas, spaces or new lines; empty for every worker.</summary>
    [BindProperty]
    public string? Workers { get; set; }

    [BindProperty]
    public string? Dataset { get; set; }

    [BindProperty]
    public string? Model { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public IReadOnlyList<ScopeProblem> Problems { get; private set; } = [];

    public IReadOnlyList<ExportRequested> Recent { get; private set; } = [];

    public string? ProblemFor(ExportScopeField field) =>
        Problems.Where(p => p.Field == field).Select(p => p.ForPage) is var reasons && reasons.Any() ? string.Join(" ", reasons) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Recent = await exports.RecentAsync(20, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var workers = (Workers ?? string.Empty).Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var parsed = ExportScopes.Parse(Matter, workers, Dataset, Model, From, To);
        var (status, problems) = await exports.RequestAsync(parsed, User.Caller(), Request.Describe(), cancellationToken);
        if (status is null)
        {
            Problems = problems;
            Recent = await exports.RecentAsync(20, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage("/Counsel/Export", new { exportId = status.Job.JobId });
    }
}
