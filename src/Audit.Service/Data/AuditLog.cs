using System.Data.Common;
using Dapper;

namespace Audit.Service.Data;

/// <summary>One audit entry: who (in which role) did what, when, on which request, and the SHA-256 of a file served.</summary>
public sealed record AuditEntry(string Actor, string? Role, string Action, string? Subject, string? Details, string? Request = null, string? Sha256 = null);

/// <summary>Who an act is recorded for: a signed-in user or key (with its role and the request), or the CLI's user.</summary>
public sealed record AuditActor(string Name, string? Role, string? Request = null)
{
    /// <summary>The operating-system user at the command line.</summary>
    public static AuditActor CommandLine => new(AuditLog.Actor, null);
}

/// <summary>Appends to the append-only AuditLog table (triggers refuse updates and deletes in both dialects).</summary>
public sealed class AuditLog
{
    private readonly Database _database;

    public AuditLog(Database database)
    {
        _database = database;
    }

    public static string Actor => Environment.UserName is { Length: > 0 } user ? user : "system";

    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, string action, string? subject, string? details) =>
        AppendAsync(connection, transaction, new AuditEntry(Actor, null, action, subject, details));

    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, AuditEntry entry) =>
        connection.ExecuteAsync(
            _database.Sql["AuditLog_Insert"],
            new { At = DateTime.UtcNow, entry.Actor, entry.Action, entry.Subject, entry.Details, entry.Role, entry.Request, entry.Sha256 },
            transaction);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await AppendAsync(connection, null, entry);
    }
}
