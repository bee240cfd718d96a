using Audit.Reports.Models;
using Audit.Service.Apis;
using Audit.Service.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Counsel;

/// <summary>
/// Where one export stands: queued and running pages refresh themselves (the job server does the work), a
/// finished one offers its files through the API's audited download route and shows the manifest's hashes.
/// </summary>
public sealed class ExportModel(CounselExports exports) : PageModel
{
    public ExportStatus Export { get; private set; } = null!;

    public LineageExportManifest? Manifest { get; private set; }

    public bool InProgress => Export.Job.Status is "queued" or "running";

    public async Task<IActionResult> OnGetAsync(string exportId, CancellationToken cancellationToken)
    {
        if (exports.Find(exportId) is not { } found)
        {
            return NotFound();
        }

        Export = found;
        Manifest = await exports.ManifestAsync(exportId, cancellationToken);
        return Page();
    }

    public string DownloadPath(string file) => $"{ApiRoutes.Prefix}/exports/{Uri.EscapeDataString(Export.Job.JobId)}/files/{Uri.EscapeDataString(file)}";

    public static string FileLabel(string file) => Web.Fmt.FileLabel(file);
}
