using Audit.Service.Apis;
using Audit.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Account;

/// <summary>The sign-in form: a local account (the same check as POST /api/v1/session), or the organisation's OpenID Connect provider when configured.</summary>
public sealed class SignInModel(SignInGate gate, AuthenticationSettings settings, Security.UserSessions sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    /// <summary>What happened to the account since its previous sign-in, shown once on the next page (the layout).</summary>
    [TempData]
    public string? AccountNotice { get; set; }

    /// <summary>Set when a change to accounts or keys sent the user here to confirm it is them.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public bool Confirming => Reason == RecentSignIn.ReasonValue;

    public int ReauthenticateMinutes => RecentSignIn.Minutes(sessions);

    public bool OpenIdConnect => settings.OpenIdConnect.IsConfigured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await gate.SignInAsync(HttpContext, UserName, Password, cancellationToken))
        {
            case SignInOutcome.SignedIn(_, var since):
                if (since.Count > 0)
                {
                    AccountNotice = string.Join("\n", since);
                }

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
            ? Challenge(Confirming ? ConfirmAtProvider(SafeReturnUrl()) : new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, ApiSecurity.OidcScheme)
            : NotFound();

    // Only a path on this site: a crafted link must never send a fresh sign-in elsewhere. Characters a Location
    // header cannot carry (non-ASCII) are percent-encoded as UTF-8, so any such path redirects rather than failing.
    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/sign-", StringComparison.Ordinal) ? Ascii(url) : "/";

    // OpenID Connect's max_age=0 and prompt=login make the provider authenticate the person again, not reuse its session.
    private static AuthenticationProperties ConfirmAtProvider(string returnUrl)
    {
        var properties = new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectChallengeProperties { RedirectUri = returnUrl, MaxAge = TimeSpan.Zero, Prompt = "login" };
        return properties;
    }

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
