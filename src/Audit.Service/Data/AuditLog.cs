using System.Data.Common;
using Dapper;

namespace Audit.Service.Data;

/// <summary>Appends to the append-only AuditLog table (triggers refuse updates and deletes).</summary>
public sealed class AuditLog
{
    private readonly Database _database;

    public AuditLog(Database database)
    {
        _database = database;
    }

    public static string Actor => Environment.UserName is { Length: > 0 } user ? user : "system";

    public Task AppendAsync(DbConnection connection, DbTransaction? transaction, string action, string? subject, string? details) =>
        connection.ExecuteAsync(
            _database.Sql["AuditLog_Insert"],
            new { At = DateTime.UtcNow, Actor, Action = action, Subject = subject, Details = details },
            transaction);
}
