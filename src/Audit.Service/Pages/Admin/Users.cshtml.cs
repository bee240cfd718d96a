using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Admin;

/// <summary>An account as the users page lists it: its state and how many sessions would be accepted now.</summary>
public sealed record UserRow(UserInfo User, int OpenSessions, DateTime? LastSeenAt);

/// <summary>
/// Local accounts through the user store (the same as `users`): create, disable, enable, reset the password, end the
/// sessions. Every act is in the audit log with the signed-in admin as actor; disabling, a new password and "end
/// sessions" refuse that account's very next request.
/// </summary>
[RecentSignIn.Required]
public sealed class UsersModel(UserStore users, UserSessions sessions) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!Roles.TryParse(Role, out var role))
        {
            return await RefuseAsync($"role: choose one of {Roles.Expected}.", cancellationToken);
        }

        try
        {
            await users.CreateAsync(UserName ?? string.Empty, role, Password ?? string.Empty, User.Caller().Name, Admin, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return await RefuseAsync(ex.Message.Replace("--name", "user name", StringComparison.Ordinal), cancellationToken);
        }

        return Done($"Created {UserName?.Trim()} with role {role.Code()}.");
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        await users.DisableAsync(UserName ?? string.Empty, User.Caller().Name, Admin, cancellationToken)
            ? Done($"Disabled {UserName}; its sessions are ended.")
            : await RefuseAsync($"No enabled user is named '{UserName}'.", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await users.EnableAsync(UserName ?? string.Empty, User.Caller().Name, Admin, cancellationToken)
            ? Done($"Enabled {UserName}.")
            : await RefuseAsync($"No disabled user is named '{UserName}'.", cancellationToken);

    public async Task<IActionResult> OnPostEndSessionsAsync(CancellationToken cancellationToken) =>
        await users.EndSessionsAsync(UserName ?? string.Empty, User.Caller().Name, Admin, cancellationToken)
            ? Done($"Ended every session of {UserName}.")
            : await RefuseAsync($"No user is named '{UserName}'.", cancellationToken);

    public async Task<IActionResult> OnPostSetPasswordAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await users.SetPasswordAsync(UserName ?? string.Empty, Password ?? string.Empty, User.Caller().Name, Admin, cancellationToken)
                ? Done($"Set a new password for {UserName}; its sessions are ended.")
                : await RefuseAsync($"No user is named '{UserName}'.", cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return await RefuseAsync(ex.Message, cancellationToken);
        }
    }

    private static string Admin => Security.Role.Admin.Code();

    private RedirectToPageResult Done(string message)
    {
        Message = message;
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var open = (await sessions.ListOpenAsync(cancellationToken)).ToLookup(s => s.UserName, StringComparer.Ordinal);
        Users = (await users.ListAsync(cancellationToken))
            .Select(u => new UserRow(u, open[u.UserName].Count(), open[u.UserName].Select(s => (DateTime?)s.LastSeenAt).Max()))
            .ToList();
    }
}
