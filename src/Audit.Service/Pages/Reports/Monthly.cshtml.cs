using Audit.Service.Reporting;
using Audit.Service.Apis;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Reports;

/// <summary>
/// The monthly compliance reports, newest first, as the API lists them. Downloads go through the API's download
/// route, which serves the stored bytes and records their SHA-256 in the audit log.
/// </summary>
public sealed class MonthlyModel(ReportRuns runs) : PageModel
{
    public IReadOnlyList<ReportInfo> Reports { get; private set; } = [];

    public ReportInfo? Latest => Reports.FirstOrDefault(r => r.Status == "succeeded" && r.Files.Count > 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Reports = await runs.ListAsync(ReportRuns.Monthly, cancellationToken);

    public static string DownloadPath(string kind, ReportInfo report, string file) =>
        $"{ApiRoutes.Prefix}/reports/{kind}/{report.ReportId}/files/{Uri.EscapeDataString(file)}";

    public static string FileLabel(string file) => Web.Fmt.FileLabel(file);
}
