
namespace Audit.Service.Security;

/// <summary>
/// Who may do what (issue 11): board sees board summaries only; counsel reads exports and findings; compliance
/// also changes finding status; ingest only posts lineage and imports; admin does everything.
/// </summary>
public enum Role
{
    Admin,
    Compliance,
    Counsel,
    Board,
    Ingest,
}

public static class Roles
{
    /// <summary>The role's code as stored and typed on the command line: admin, compliance, counsel, board, ingest.</summary>
    public static string Code(this Role role) => Codes.ToCode(role);

    /// <summary>Exact codes only: a typo must never widen what a key or account may do.</summary>
    public static bool TryParse(string? code, out Role role)
    {
        role = default;
        return code is not null && code == code.Trim() && Codes.TryParse(code, out role);
    }

    public static string Expected => string.Join(", ", Codes.All<Role>());
}

/// <summary>Someone acting: an API key (by its name), a web user, or the operating-system user at the CLI.</summary>
public sealed record Caller(string Name, Role Role);
