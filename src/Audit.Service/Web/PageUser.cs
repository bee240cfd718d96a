using System.Security.Claims;
using Audit.Service.Security;

namespace Audit.Service.Web;

/// <summary>What the page shows about who is signed in.</summary>
public static class PageUser
{
    /// <summary>The user's Audit role, or a plain word when the sign-in carries none (an OIDC user without a role).</summary>
    public static string RoleLabel(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => Roles.TryParse(c.Value, out var r) ? r.Code() : null).FirstOrDefault(c => c is not null) ?? "no role";
}
