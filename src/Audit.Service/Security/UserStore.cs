using Audit.Service.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Audit.Service.Security;

/// <summary>An account as 'users list' shows it.</summary>
public sealed record UserInfo(string UserName, string Role, DateTime CreatedAt, string CreatedBy, DateTime? DisabledAt);

/// <summary>
/// Local accounts for the web page's cookie sign-in. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a random salt, versioned so old hashes are upgraded at the
/// next sign-in); the password itself is never stored or logged.
/// </summary>
public sealed class UserStore
{
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<UserInfo> Hasher = new();

    // Verified against when the name is unknown, so an unknown name takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    private readonly Database _database;
    private readonly AuditLog _auditLog;

    public UserStore(Database database, AuditLog auditLog)
    {
        _database = database;
        _auditLog = auditLog;
    }

    public async Task CreateAsync(string userName, Role role, string password, string createdBy, CancellationToken cancellationToken = default)
    {
        var name = userName.Trim();
        if (name.Length is 0 or > 200 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException("--name: a user name is 1 to 200 characters without spaces");
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"password: at least {MinimumPasswordLength} characters");
        }

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
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(createdBy, Role.Admin.Code(), AuditActions.UserCreate, $"user {name}", $"role {role.Code()}"));
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

    public async Task<bool> DisableAsync(string userName, string disabledBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var disabled = await connection.ExecuteAsync(_database.Sql["UserAccount_Disable"], new { UserName = userName, DisabledAt = DateTime.UtcNow }, transaction);
        if (disabled > 0)
        {
            await _auditLog.AppendAsync(connection, transaction, new AuditEntry(disabledBy, Role.Admin.Code(), AuditActions.UserDisable, $"user {userName}", null));
        }

        await transaction.CommitAsync(cancellationToken);
        return disabled > 0;
    }
}
