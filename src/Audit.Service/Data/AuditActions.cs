namespace Audit.Service.Data;

/// <summary>The words the audit log uses for what was done.</summary>
public static class AuditActions
{
    public const string Download = "download";
    public const string ExportRequest = "export-request";
    public const string StatusChange = "status-change";
    public const string Import = "import";
    public const string LineagePost = "lineage-post";
    public const string KeyCreate = "key-create";
    public const string KeyRevoke = "key-revoke";
    public const string UserCreate = "user-create";
    public const string UserDisable = "user-disable";
    public const string UserEnable = "user-enable";
    public const string UserSetPassword = "user-set-password";
    public const string UserEndSessions = "user-end-sessions";
    public const string UserChangePassword = "user-change-password";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInThrottled = "sign-in-throttled";
    public const string SignOut = "sign-out";
    public const string CrossSiteRefused = "cross-site-refused";
    public const string GuardDecision = "guard-decision";
    public const string GuardAlert = "guard-alert";
}

/// <summary>An audit entry as read back.</summary>
public sealed record AuditRecord(long AuditId, DateTime At, string Actor, string? Role, string Action, string? Subject, string? Details, string? Request, string? Sha256);

/// <summary>Filters for reading the audit log; each is ignored when null.</summary>
public sealed record AuditQuery(DateTime? Since = null, DateTime? Until = null, string? Actor = null, string? Action = null, string? Role = null, int Limit = 100, long? Before = null, string? Subject = null);
