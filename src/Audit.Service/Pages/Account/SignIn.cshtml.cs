using Audit.Service.Apis;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Account;

/// <summary>The sign-in form: a local account (the same check as POST /api/v1/session), or the organisation's OpenID Connect provider when configured.</summary>
public sealed class SignInModel(SignInGate gate, AuthenticationSettings settings) : PageModel
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
        switch (await gate.SignInAsync(HttpContext, UserName, Password, cancellationToken))
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(SafeReturnUrl());
            case SignInOutcome.Throttled(var retryAfter):
                Error = SessionApi.Throttled(retryAfter);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                Error = SessionApi.SignInFailed;
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                break;
        }

        Password = null;
        return Page();
    }

    public IActionResult OnPostOrganisation() =>
        OpenIdConnect
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, ApiSecurity.OidcScheme)
            : NotFound();

    // Only a path on this site: a crafted link must never send a fresh sign-in elsewhere. Characters a Location
    // header cannot carry (non-ASCII) are percent-encoded as UTF-8, so any such path redirects rather than failing.
    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/sign-", StringComparison.Ordinal) ? Ascii(url) : "/";

    internal static string Ascii(string url)
    {
        if (url.All(c => c is > ' ' and < (char)127))
        {
            return url;
        }

        var s = new System.Text.StringBuilder(url.Length * 2);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(url))
        {
            if (b is > (byte)' ' and < 127)
            {
                s.Append((char)b);
            }
            else
            {
                s.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return s.ToString();
    }
}
