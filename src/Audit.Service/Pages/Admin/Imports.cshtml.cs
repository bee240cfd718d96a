using Audit.Service.Ingest;
using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Admin;

/// <summary>
/// Upload one file of one kind through the same all-or-nothing import as the API and `import`: accepted, it says
/// what was added; refused, it lists every problem as file:row:column and nothing of the file is written.
/// </summary>
public sealed class ImportsModel(FileImports imports) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportOutcome? Outcome { get; private set; }

    public ImportRejectedException? Refused { get; private set; }

    /// <summary>A problem with the form itself (no kind, no file, a name that suits no format), shown next to its field.</summary>
    public string? KindError { get; private set; }

    public string? FileError { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Kind is null || !FileImports.IsKind(Kind))
        {
            KindError = Kind is null ? "Choose what the file holds." : FileImports.UnknownKind(Kind);
        }

        var name = Upload is null ? null : FileImports.SafeName(Upload.FileName, Kind ?? string.Empty);
        if (Upload is null)
        {
            FileError = "Choose a file to import.";
        }
        else if (name is null && KindError is null)
        {
            FileError = FileImports.BadName(Upload.FileName);
        }

        if (KindError is not null || FileError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            Outcome = await imports.ImportAsync(Kind!, name!, (target, ct) => Upload!.CopyToAsync(target, ct), User.Caller(), Request.Describe(), cancellationToken);
        }
        catch (ImportRejectedException ex)
        {
            Refused = ex;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
