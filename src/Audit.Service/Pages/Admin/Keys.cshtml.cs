using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Service.Pages.Admin;

/// <summary>
/// API keys through the key store (the same as `keys` and /api/v1/keys): the token of a new key is shown on the
/// answer to its creation only (never stored, never cached), keys are listed without secrets, and revoked.
/// </summary>
[RecentSignIn.Required]
public sealed class KeysModel(KeyStore keys) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? KeyId { get; set; }

    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    /// <summary>When the page was drawn: a key whose expiry has passed reads "expired", though it was never revoked.</summary>
    public DateTime Now { get; } = DateTime.UtcNow;

    public CreatedApiKey? Created { get; private set; }

    public string? NameError { get; private set; }

    public string? RoleError { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await keys.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!Roles.TryParse(Role, out var role))
        {
            RoleError = $"Choose a role: one of {Roles.Expected}.";
        }
        else
        {
            try
            {
                Created = await keys.CreateAsync(Name ?? string.Empty, role, User.Caller().Name, cancellationToken: cancellationToken);
                Name = null;
                Role = null;

                // The token is on this answer only: no browser or proxy may keep a copy.
                Response.Headers.CacheControl = "no-store";
            }
            catch (ArgumentException ex)
            {
                NameError = ex.Message.Replace("--name: ", string.Empty, StringComparison.Ordinal);
            }
        }

        if (Created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Keys = await keys.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var key = (await keys.ListAsync(cancellationToken)).FirstOrDefault(k => k.KeyId == KeyId);
        Message = key is not null && await keys.RevokeAsync(key.KeyId, User.Caller().Name, cancellationToken: cancellationToken)
            ? $"Revoked the key '{key.Name}' ({key.KeyId}); requests with it are refused from now on."
            : $"No active key {KeyId} to revoke.";
        return RedirectToPage();
    }
}
