using Audit.Service.Apis;
using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Account;

/// <summary>The sign-in form: a local account (the same check as POST /api/v1/session), or the organisation's OpenID Connect provider when configured.</summary>
public sealed class SignInModel(UserStore users, AuthenticationSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public bool OpenIdConnect => settings.OpenIdConnect.IsConfigured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SessionApi.SignInLocalAsync(HttpContext, users, UserName, Password, cancellationToken) is null)
        {
            Error = SessionApi.SignInFailed;
            Password = null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(SafeReturnUrl());
    }

    public IActionResult OnPostOrganisation() =>
        OpenIdConnect
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, ApiSecurity.OidcScheme)
            : NotFound();

    // Only a path on this site: a crafted link must never send a fresh sign-in elsewhere.
    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/sign-", StringComparison.Ordinal) ? url : "/";
}
