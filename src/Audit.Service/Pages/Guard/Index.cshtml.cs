using Audit.Service.Guard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Guard;

/// <summary>
/// The guard's decision log for compliance: the alerts raised as lineage arrived, and every flow a pipeline asked about,
/// newest first, filtered by answer, job and day; each with who asked, the reasons and, when some workers are left out,
/// their batches as CSV.
/// </summary>
public sealed class IndexModel(GuardService guard, GuardAlerts alerts) : PageModel
{
    public const int PageSize = 100;

    /// <summary>Alerts shown above the decisions (the API pages through more).</summary>
    public const int AlertsShown = 20;

    [BindProperty(SupportsGet = true)]
    public string? Decision { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<GuardDecisionView> Decisions { get; private set; } = [];

    public IReadOnlyList<GuardAlertRecord> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (GuardLogFilter.TryRead(Decision, Job, Since, PageSize, PageSize, out var error) is not { } query)
        {
            Error = error;
            return;
        }

        Decisions = (await guard.ListAsync(query, cancellationToken)).Select(GuardDecisionView.Of).ToList();
        Alerts = await alerts.ListAsync(new GuardAlertQuery(Job: query.Job, Since: query.Since, Limit: AlertsShown), cancellationToken);
    }

    public static string Label(string decision) => decision switch
    {
        "allow" => "Allowed",
        "deny" => "Denied",
        "allow_with_exclusions" => "Allowed with exclusions",
        _ => decision,
    };
}
