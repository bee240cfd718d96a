using Audit.Service.Apis;
using Audit.Service.Data;
using Audit.Service.Reporting;
using Audit.Service.Rules;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Audit.Service.Pages.Board;

/// <summary>A board summary as the page lists it: the run, and the headline figures of the scan it was made from.</summary>
public sealed record BoardSummaryItem(ReportInfo Report, ScanSummary? Figures, DateOnly? AsOf);

/// <summary>
/// The quarterly board summaries, newest first, with each quarter's headline figures read from the stored summary of
/// its scan (counts and money only: this page never reads a finding or a worker, so no worker id can reach it).
/// </summary>
public sealed class IndexModel(Database database, ScanHistory history, IOptions<AuditOptions> options) : PageModel
{
    public IReadOnlyList<BoardSummaryItem> Summaries { get; private set; } = [];

    public string Currency => options.Value.ReportCurrency;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var reports = (await ReportsApi.ListAsync(database, ReportsApi.Board, cancellationToken)).Value!;
        var scans = await history.ListAsync(cancellationToken);
        Summaries = reports.Where(r => r.Status == "succeeded" && r.Files.Count > 0)
            .Select(r =>
            {
                // The summary is made from the newest scan as of the quarter's last day.
                var scan = Quarter.TryParse(r.Period, out var quarter) ? scans.LastOrDefault(s => s.AsOf == quarter.LastDay) : null;
                return new BoardSummaryItem(r, scan?.Summary, scan?.AsOf);
            })
            .ToList();
    }
}
