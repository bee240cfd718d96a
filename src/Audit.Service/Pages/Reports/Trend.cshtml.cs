using Audit.Reports.Models;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Audit.Service.Configuration;

namespace Audit.Service.Pages.Reports;

/// <summary>Open findings and the exposure range over the twelve months up to the newest scan, from the scan records (as the reports' trend).</summary>
public sealed class TrendModel(ScanHistory history, IOptions<AuditOptions> options) : PageModel
{
    public const int Months = 12;

    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];

    public string Currency => options.Value.ReportCurrency;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scans = await history.ListAsync(cancellationToken);
        if (scans.Count > 0)
        {
            Trend = await history.TrendAsync(scans, YearMonth.Containing(scans[^1].AsOf), Months, cancellationToken);
        }
    }
}
