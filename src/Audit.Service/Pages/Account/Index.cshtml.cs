using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Account;

/// <summary>
/// The signed-in person's own account: their open sessions (this one marked; the others can be ended), what happened to
/// the account (sign-ins, failed attempts, password changes, from the audit log), and, for a local account, a password
/// change that needs the current password, follows the password policy and ends every other session.
/// </summary>
public sealed class IndexModel(SignInGate gate, UserSessions sessions, AccountActivity activity, UserStore users) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<OpenSession> Sessions { get; private set; } = [];

    public IReadOnlyList<AccountEvent> Events { get; private set; } = [];

    public string? ThisSession => User.FindFirst(SessionCookie.SessionClaim)?.Value;

    public bool Local => User.FindFirst(SessionCookie.SourceClaim)?.Value == "local";

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!Local)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, "This account signs in with your organisation; change its password there.", cancellationToken);
        }

        if (!string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, "confirm password: the two new passwords differ.", cancellationToken);
        }

        switch (await gate.ChangePasswordAsync(HttpContext, CurrentPassword, NewPassword, cancellationToken))
        {
            case SignInOutcome.SignedIn:
                Message = "Your password is changed; every other session of your account has ended.";
                return RedirectToPage();
            case SignInOutcome.Throttled(var retryAfter):
                Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return await RefuseAsync(StatusCodes.Status429TooManyRequests, Apis.SessionApi.Throttled(retryAfter), cancellationToken);
            case SignInOutcome.Invalid(var message):
                return await RefuseAsync(StatusCodes.Status400BadRequest, "new " + message, cancellationToken);
            default:
                return await RefuseAsync(StatusCodes.Status400BadRequest, "current password: not right.", cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var ended = await users.EndOtherSessionsAsync(User.Caller(), ThisSession, Request.Describe(), cancellationToken);
        Message = ended == 1 ? "Ended your other session." : $"Ended your {ended} other sessions.";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(int status, string error, CancellationToken cancellationToken)
    {
        Error = error;
        CurrentPassword = NewPassword = ConfirmPassword = null;
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var name = User.Caller().Name;
        Sessions = (await sessions.ListOpenAsync(cancellationToken)).Where(s => s.UserName == name).OrderByDescending(s => s.LastSeenAt).ToList();
        Events = await activity.RecentAsync(name, 20, cancellationToken);
    }
}
