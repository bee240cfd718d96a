using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Security;

/// <summary>A key as 'keys list' shows it: never its secret.</summary>
public sealed record ApiKeyInfo(string KeyId, string Name, string Role, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy, DateTime? LastUsedAt, DateTime? ExpiresAt);

/// <summary>A key just created: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(string KeyId, string Name, Role Role, string Token, DateTime? ExpiresAt = null);

/// <summary>
/// API keys for pipelines and integrations. A key is <c>audit_{id}_{secret}</c>: the id (public) finds the
/// row, the secret (256 random bits) is checked against its stored SHA-256 in constant time. A plain SHA-256
/// suffices here, unlike for passwords: a 256-bit random secret cannot be guessed from its hash, so the slow,
/// salted hashes that protect low-entropy passwords add nothing but latency to every request.
/// Keys are revoked, never deleted, so audit entries keep naming them.
/// </summary>
public sealed class KeyStore
{
    private const string Prefix = "audit_";
    private readonly Database _database;
    private readonly AuditLog _auditLog;

    public KeyStore(Database database, AuditLog auditLog)
    {
        _database = database;
        _auditLog = auditLog;
    }

    /// <param name="expiresAt">When the key stops working (UTC); null for a key that works until revoked.</param>
    public async Task<CreatedApiKey> CreateAsync(string name, Role role, string createdBy, DateTime? expiresAt = null, string? actorRole = null, CancellationToken cancellationToken = default)
    {
        name = ValidName(name);
        if (expiresAt is { } expiry && expiry <= DateTime.UtcNow)
        {
            throw new ArgumentException("--expires: the expiry must be in the future");
        }

        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ApiKey WHERE Name = @Name", new { Name = name }, transaction) > 0)
        {
            throw new ArgumentException($"--name: a key named '{name}' already exists (names identify keys in the audit log; revoked keys keep theirs)");
        }

        await connection.ExecuteAsync(_database.Sql["ApiKey_Insert"], new
        {
            KeyId = keyId,
            Name = name,
            Role = role.Code(),
            SecretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret)),
            CreatedAt = DateTime.UtcNow,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt is { } e ? TypeHandlers.ToWholeSecond(e) : (DateTime?)null,
        }, transaction);
        await _auditLog.AppendAsync(connection, transaction, new AuditEntry(createdBy, actorRole ?? Role.Admin.Code(), AuditActions.KeyCreate, $"key {keyId}",
            $"name '{name}', role {role.Code()}" + (expiresAt is { } at ? $", expires {TypeHandlers.FormatTimestamp(at)} UTC" : string.Empty)));
        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiKey(keyId, name, role, Prefix + keyId + "_" + secret, expiresAt);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKeyInfo>(_database.Sql["ApiKey_List"])).ToList();
    }

    /// <summary>Revokes by id or name; false when no active key has either.</summary>
    public async Task<bool> RevokeAsync(string keyOrName, string revokedBy, string? actorRole = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(_database.Sql["ApiKey_Revoke"], new { KeyOrName = keyOrName, RevokedAt = DateTime.UtcNow, RevokedBy = revokedBy }, transaction);
        if (revoked > 0)
        {
            await _auditLog.AppendAsync(connection, transaction, new AuditEntry(revokedBy, actorRole ?? Role.Admin.Code(), AuditActions.KeyRevoke, $"key {keyOrName}", null));
        }

        await transaction.CommitAsync(cancellationToken);
        return revoked > 0;
    }

    internal static bool TrySplit(string token, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var underscore = rest.IndexOf('_');
        if (underscore != 16)
        {
            return false;
        }

        keyId = rest[..underscore].ToString();
        secret = rest[(underscore + 1)..].ToString();
        return secret.Length > 0;
    }

    private static string ValidName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 200 || trimmed.Any(char.IsControl))
        {
            throw new ArgumentException("--name: give the key a name of 1 to 200 printable characters (e.g. the pipeline it is for)");
        }

        return trimmed;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Checks a bearer token for the host's authentication handler. Every request reads the key's row (one primary-key
/// lookup), so a revocation, by the API or by `keys revoke` in another process, refuses the very next request: no
/// cache could be invalidated across processes. Its last use is written at most once a minute per key.
/// </summary>
public sealed class ApiKeyValidator
{
    /// <summary>How often a key's last-used time is written at most.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly Database _database;
    private readonly TimeProvider _time;

    public ApiKeyValidator(Database database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The key's name and role, or null for a malformed, unknown, wrong, expired or revoked key.</summary>
    public async Task<Caller?> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is null || !KeyStore.TrySplit(token, out var keyId, out var secret))
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var now = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string KeyId, string Name, string Role, byte[] SecretHash, DateTime? RevokedAt, DateTime? ExpiresAt, DateTime? LastUsedAt)>(
            _database.Sql["ApiKey_GetById"], new { KeyId = keyId });
        if (row.KeyId is null || row.RevokedAt is not null || row.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(presented, row.SecretHash) || !Roles.TryParse(row.Role, out var role))
        {
            return null;
        }

        if (row.LastUsedAt is null || row.LastUsedAt < now - LastUsedResolution)
        {
            await connection.ExecuteAsync(_database.Sql["ApiKey_Touch"], new { KeyId = keyId, Now = TypeHandlers.ToWholeSecond(now), Before = now - LastUsedResolution });
        }

        return new Caller(row.Name, role);
    }
}
