using Audit.Reports.Models;
using Audit.Service.Apis;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Board;

/// <summary>A board summary as the page lists it: the run, and the headline of the summary it is (null when its scan is gone).</summary>
public sealed record BoardSummaryItem(ReportInfo Report, BoardSummary? Summary);

/// <summary>
/// The quarterly board summaries, newest first, each with the headline figures of its PDF. They come from the same
/// builder as the PDF (<see cref="ReportService.BoardModelAsync"/>), masked and rounded the same way, and are formatted
/// by the same code (<see cref="Audit.Reports.Wording.BoardHeadline"/>): the page cannot undo what the PDF withholds.
/// The model holds counts, money and sentences only, never a finding's subject or a worker.
/// </summary>
public sealed class IndexModel(ReportRuns reportRuns, ReportService reports) : PageModel
{
    public IReadOnlyList<BoardSummaryItem> Summaries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var runs = await reportRuns.ListAsync(ReportRuns.Board, cancellationToken);
        var items = new List<BoardSummaryItem>();
        foreach (var run in runs.Where(r => r.Status == "succeeded" && r.Files.Count > 0))
        {
            BoardSummary? summary = null;
            if (Quarter.TryParse(run.Period, out var quarter))
            {
                try
                {
                    summary = await reports.BoardModelAsync(quarter, cancellationToken);
                }
                catch (NoScanException)
                {
                    // Its scan was pruned: the PDF still stands, the page shows no figures rather than other ones.
                }
            }

            items.Add(new BoardSummaryItem(run, summary));
        }

        Summaries = items;
    }
}
