using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Pages;

/// <summary>
/// The start page: the pages the role may open and, for those who may read scans (the compliance policy), the
/// newest scan's headline figures from its stored summary.
/// </summary>
public sealed class IndexModel(IAuthorizationService authorization, ScanHistory history, IOptions<AuditOptions> options) : PageModel
{
    public IReadOnlyList<NavItem> Links { get; private set; } = [];

    public ScanRecord? Latest { get; private set; }

    public string Currency => options.Value.ReportCurrency;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var links = new List<NavItem>();
        foreach (var item in Navigation.Items)
        {
            if ((await authorization.AuthorizeAsync(User, item.Policy)).Succeeded)
            {
                links.Add(item);
            }
        }

        Links = links;
        if ((await authorization.AuthorizeAsync(User, Policies.Compliance)).Succeeded)
        {
            var scans = await history.ListAsync(cancellationToken);
            Latest = scans.Count == 0 ? null : scans[^1];
        }
    }
}
