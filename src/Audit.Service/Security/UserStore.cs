using Audit.Service.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Audit.Service.Security;

/// <summary>An account as 'users list' shows it.</summary>
public sealed record UserInfo(string UserName, string Role, DateTime CreatedAt, string CreatedBy, DateTime? DisabledAt, DateTime? LastSignInAt, DateTime? PasswordChangedAt);

/// <summary>
/// Local accounts for the web page's cookie sign-in. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a random salt, versioned so old hashes are upgraded at the
/// next sign-in); the password itself is never stored or logged.
/// </summary>
public sealed class UserStore
{
    public const int MinimumPasswordLength = PasswordPolicy.MinimumLength;

    private static readonly PasswordHasher<UserInfo> Hasher = new();

    // Verified against when the name is unknown, so an unknown name takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    private readonly Database _database;
    private readonly AuditLog _auditLog;
    private readonly UserSessions _sessions;
    private readonly PasswordPolicy _policy;

    public UserStore(Database database, AuditLog auditLog, UserSessions sessions, PasswordPolicy? policy = null)
    {
        _database = database;
        _auditLog = auditLog;
        _sessions = sessions;
        _policy = policy ?? PasswordPolicy.Default;
    }

    public async Task CreateAsync(string userName, Role role, string password, string createdBy, string? actorRole = null, CancellationToken cancellationToken = default)
    {
        var name = userName.Trim();
        if (name.Length is 0 or > 200 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException("--name: a user name is 1 to 200 characters without spaces");
        }

        _policy.Check(name, password);

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UserAccount WHERE UserName = @UserName", new { UserName = name }, transaction) > 0)
        {
            throw new ArgumentException($"--name: a user named '{name}' already exists");
        }

        await connection.ExecuteAsync(_database.Sql["UserAccount_Insert"], new
        {
            UserName = name,
            Role = role.Code(),
            PasswordHash = Hasher.HashPassword(null!, password),
            CreatedAt = DateTime.UtcNow,
            CreatedBy = createdBy,
        }, transaction);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(createdBy, actorRole ?? Role.Admin.Code(), AuditActions.UserCreate, $"user {name}", $"role {role.Code()}"));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The account's caller when the password is right and the account enabled; otherwise null.</summary>
    public async Task<Caller?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string UserName, string Role, string PasswordHash, DateTime? DisabledAt)>(
            _database.Sql["UserAccount_GetByName"], new { UserName = userName });
        var result = Hasher.VerifyHashedPassword(null!, row.PasswordHash ?? DecoyHash, password);
        if (row.UserName is null || row.DisabledAt is not null || result == PasswordVerificationResult.Failed || !Roles.TryParse(row.Role, out var role))
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await connection.ExecuteAsync(_database.Sql["UserAccount_UpdateHash"], new { row.UserName, PasswordHash = Hasher.HashPassword(null!, password) });
        }

        return new Caller(row.UserName, role);
    }

    public async Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserInfo>(_database.Sql["UserAccount_List"])).ToList();
    }

    /// <summary>Disables an account and ends its sessions at once; false when no enabled account has the name.</summary>
    public Task<bool> DisableAsync(string userName, string disabledBy, string? actorRole = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, disabledBy, actorRole, AuditActions.UserDisable, "UserAccount_Disable", new { UserName = userName, DisabledAt = TypeHandlers.ToWholeSecond(DateTime.UtcNow) }, SessionEnd.AccountDisabled, cancellationToken);

    /// <summary>Enables a disabled account (its old sessions stay ended); false when no disabled account has the name.</summary>
    public Task<bool> EnableAsync(string userName, string enabledBy, string? actorRole = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, enabledBy, actorRole, AuditActions.UserEnable, "UserAccount_Enable", new { UserName = userName }, null, cancellationToken);

    /// <summary>Sets a new password and ends the account's sessions; false when no account has the name.</summary>
    public Task<bool> SetPasswordAsync(string userName, string password, string changedBy, string? actorRole = null, CancellationToken cancellationToken = default)
    {
        _policy.Check(userName, password);
        return ChangeAsync(userName, changedBy, actorRole, AuditActions.UserSetPassword, "UserAccount_SetPassword",
            new { UserName = userName, PasswordHash = Hasher.HashPassword(null!, password), Now = TypeHandlers.ToWholeSecond(DateTime.UtcNow) }, SessionEnd.PasswordChanged, cancellationToken);
    }

    /// <summary>Ends every open session of an account; false when no account has the name.</summary>
    public async Task<bool> EndSessionsAsync(string userName, string endedBy, string? actorRole = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM UserAccount WHERE UserName = @UserName", new { UserName = userName }, transaction) == 0)
        {
            return false;
        }

        var ended = await _sessions.EndForUserAsync(connection, transaction, userName, SessionEnd.EndedByAdmin);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(endedBy, actorRole ?? Role.Admin.Code(), AuditActions.UserEndSessions, $"user {userName}", $"{ended} session(s) ended"));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The account holder's own change (the account page): the new password under the same policy, every other session
    /// of the account ended, the one making the change kept. The caller has checked the current password.
    /// </summary>
    public async Task ChangeOwnPasswordAsync(string userName, string password, string? keepSessionHash, string? actorRole, string request, CancellationToken cancellationToken = default)
    {
        _policy.Check(userName, password);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(_database.Sql["UserAccount_SetPassword"], new { UserName = userName, PasswordHash = Hasher.HashPassword(null!, password), Now = TypeHandlers.ToWholeSecond(DateTime.UtcNow) }, transaction) == 0)
        {
            throw new InvalidOperationException($"no account is named '{userName}'");
        }

        var ended = await _sessions.EndForUserAsync(connection, transaction, userName, SessionEnd.PasswordChanged, keepSessionHash);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(userName, actorRole, AuditActions.UserChangePassword, $"user {userName}", $"changed by the account holder; {ended} other session(s) ended", request));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The holder ends their own other sessions (the account page); returns how many were open.</summary>
    public async Task<int> EndOtherSessionsAsync(Caller self, string? keepSessionHash, string request, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ended = await _sessions.EndForUserAsync(connection, transaction, self.Name, SessionEnd.EndedByUser, keepSessionHash);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(self.Name, self.Role.Code(), AuditActions.UserEndSessions, $"user {self.Name}", $"{ended} other session(s) ended by the account holder", request));
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>Records a successful sign-in's time on the account.</summary>
    public async Task RecordSignInAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(_database.Sql["UserAccount_RecordSignIn"], new { UserName = userName, Now = TypeHandlers.ToWholeSecond(DateTime.UtcNow) });
    }

    private async Task<bool> ChangeAsync(string userName, string actor, string? actorRole, string action, string query, object parameters, string? endSessions, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(_database.Sql[query], parameters, transaction) == 0)
        {
            return false;
        }

        var ended = endSessions is null ? 0 : await _sessions.EndForUserAsync(connection, transaction, userName, endSessions);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(actor, actorRole ?? Role.Admin.Code(), action, $"user {userName}", endSessions is null ? null : $"{ended} session(s) ended"));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
