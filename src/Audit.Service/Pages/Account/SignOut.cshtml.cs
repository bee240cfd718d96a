using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Account;

/// <summary>Sign-out is a POST with an anti-forgery token (a link or an image must not sign anyone out); GET shows the button.</summary>
public sealed class SignOutModel(SignInGate gate) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await gate.SignOutAsync(HttpContext, cancellationToken);
        return Redirect(ApiSecurity.SignInPath);
    }
}
