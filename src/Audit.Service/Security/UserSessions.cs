using System.Security.Cryptography;
using System.Text;
using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Security;

/// <summary>How long a web session lasts ("Authentication:Session").</summary>
public sealed class SessionSettings
{
    public const string SectionName = "Authentication:Session";

    /// <summary>A session not used for this long is ended (OWASP ASVS 3.3.2 asks for an idle limit).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy (no sliding past it).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Changes to accounts and keys need the person to have signed in this recently (OWASP ASVS 3.7.1); after it, they
    /// are asked to sign in again first. API keys are not sessions and are not asked.
    /// </summary>
    public TimeSpan ReauthenticateAfter { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Where a session came from: a local account (its state is re-read on every request) or the OpenID Connect provider.</summary>
public enum SessionSource
{
    Local,
    OpenIdConnect,
}

/// <summary>A session being started: who, in which role, from where.</summary>
public sealed record SessionStart(string UserName, Role? Role, SessionSource Source, string? ClientAddress, string? UserAgent);

/// <summary>An open session as the users and account pages show it (never its id; the hash tells the caller's own apart).</summary>
public sealed record OpenSession(string UserName, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? ClientAddress, string? UserAgent, string SessionHash);

/// <summary>What a session id stands for now: who, in which role, since when they last proved it, and the row's key.</summary>
public sealed record ResolvedSession(string Name, Role? Role, SessionSource Source, DateTime AuthenticatedAt, string SessionHash);

/// <summary>Why a session ended; stored with it.</summary>
public static class SessionEnd
{
    public const string SignedOut = "signed-out";
    public const string Idle = "idle";
    public const string Expired = "expired";
    public const string AccountDisabled = "account-disabled";
    public const string PasswordChanged = "password-changed";
    public const string EndedByAdmin = "ended-by-admin";
    public const string SignedInAgain = "signed-in-again";
    public const string EndedByUser = "ended-by-user";
}

/// <summary>
/// Server-side sessions. The browser holds a random 256-bit id (inside the data-protected cookie); the database holds
/// its SHA-256 with the user, role, creation, last use, idle timeout, absolute expiry, client address and user agent.
/// <see cref="ResolveAsync"/> runs on every cookie request: a session that was ended, has been idle too long, is past
/// its lifetime, or whose local account is disabled gives no caller, so the next request after any of those is refused.
/// </summary>
public sealed class UserSessions
{
    private static readonly TimeSpan TouchResolution = TimeSpan.FromMinutes(1);

    private readonly Database _database;
    private readonly SessionSettings _settings;
    private readonly TimeProvider _time;

    public UserSessions(Database database, Microsoft.Extensions.Options.IOptions<SessionSettings> settings, TimeProvider? time = null)
    {
        _database = database;
        _settings = settings.Value;
        _time = time ?? TimeProvider.System;
    }

    public SessionSettings Settings => _settings;

    /// <summary>Starts a session and returns the id the cookie carries (shown nowhere else, stored only as a hash).</summary>
    public async Task<string> StartAsync(SessionStart start, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = TypeHandlers.ToWholeSecond(_time.GetUtcNow().UtcDateTime);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(_database.Sql["UserSession_Insert"], new
        {
            SessionHash = Hash(id),
            start.UserName,
            Role = start.Role?.Code(),
            Source = start.Source == SessionSource.Local ? "local" : "oidc",
            CreatedAt = now,
            IdleTimeoutSeconds = (int)_settings.IdleTimeout.TotalSeconds,
            ExpiresAt = now + _settings.AbsoluteLifetime,
            ClientAddress = Clip(start.ClientAddress, 64),
            UserAgent = Clip(start.UserAgent, 400),
        });
        return id;
    }

    /// <summary>The caller a session id stands for now, or null (and the session ended, with the reason) when it no longer holds.</summary>
    public async Task<ResolvedSession?> ResolveAsync(string id, CancellationToken cancellationToken = default)
    {
        var hash = Hash(id);
        var now = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(_database.Sql["UserSession_GetByHash"], new { SessionHash = hash });
        if (row is null || row.EndedAt is not null)
        {
            return null;
        }

        var ended = row.ExpiresAt <= now ? SessionEnd.Expired
            : row.LastSeenAt.AddSeconds(row.IdleTimeoutSeconds) <= now ? SessionEnd.Idle
            : row.Source == "local" && (row.AccountName is null || row.AccountDisabledAt is not null) ? SessionEnd.AccountDisabled
            : null;
        if (ended is not null)
        {
            await connection.ExecuteAsync(_database.Sql["UserSession_End"], new { SessionHash = hash, Now = TypeHandlers.ToWholeSecond(now), Reason = ended });
            return null;
        }

        if (row.LastSeenAt < now - TouchResolution)
        {
            await connection.ExecuteAsync(_database.Sql["UserSession_Touch"], new { SessionHash = hash, Now = TypeHandlers.ToWholeSecond(now) });
        }

        // A local account's role is read from the account now, never from what the cookie once said.
        var role = row.Source == "local" ? row.AccountRole : row.Role;
        return new ResolvedSession(row.UserName, Roles.TryParse(role, out var r) ? r : null, row.Source == "local" ? SessionSource.Local : SessionSource.OpenIdConnect, row.AuthenticatedAt, hash);
    }

    /// <summary>Whether a session's sign-in is recent enough for a change to accounts or keys.</summary>
    public bool IsRecent(DateTime authenticatedAt) => _time.GetUtcNow().UtcDateTime - authenticatedAt <= _settings.ReauthenticateAfter;

    /// <summary>Ends one session by the hash its row is kept under (a second sign-in in the same browser ends the first).</summary>
    public async Task EndByHashAsync(string sessionHash, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(_database.Sql["UserSession_End"], new { SessionHash = sessionHash, Now = TypeHandlers.ToWholeSecond(_time.GetUtcNow().UtcDateTime), Reason = reason });
    }

    /// <summary>Ends one session (sign-out).</summary>
    public Task EndAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        EndByHashAsync(Hash(id), reason, cancellationToken);

    /// <summary>Ends every open session of an account, inside the caller's transaction; returns how many were open.</summary>
    /// <param name="keepHash">A session to leave open (the one changing its own password); null ends them all.</param>
    public async Task<int> EndForUserAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string userName, string reason, string? keepHash = null) =>
        await connection.ExecuteAsync(_database.Sql["UserSession_EndByUser"], new { UserName = userName, Now = TypeHandlers.ToWholeSecond(_time.GetUtcNow().UtcDateTime), Reason = reason, KeepHash = keepHash }, transaction);

    /// <summary>Sessions that would still be accepted now.</summary>
    public async Task<IReadOnlyList<OpenSession>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OpenRow>(_database.Sql["UserSession_ListOpen"], new { Now = now });
        return rows.Where(r => r.LastSeenAt.AddSeconds(r.IdleTimeoutSeconds) > now)
            .Select(r => new OpenSession(r.UserName, r.CreatedAt, r.LastSeenAt, r.ExpiresAt, r.ClientAddress, r.UserAgent, r.SessionHash))
            .ToList();
    }

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string? Clip(string? value, int length) => value is null ? null : value.Length <= length ? value : value[..length];

    private sealed class OpenRow
    {
        public string SessionHash { get; init; } = string.Empty;

        public string UserName { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public DateTime LastSeenAt { get; init; }

        public long IdleTimeoutSeconds { get; init; }

        public DateTime ExpiresAt { get; init; }

        public string? ClientAddress { get; init; }

        public string? UserAgent { get; init; }
    }

    private sealed class SessionRow
    {
        public string UserName { get; init; } = string.Empty;

        public string? Role { get; init; }

        public string Source { get; init; } = string.Empty;

        public DateTime LastSeenAt { get; init; }

        public long IdleTimeoutSeconds { get; init; }

        public DateTime ExpiresAt { get; init; }

        public DateTime? EndedAt { get; init; }

        public DateTime AuthenticatedAt { get; init; }

        public string? AccountName { get; init; }

        public string? AccountRole { get; init; }

        public DateTime? AccountDisabledAt { get; init; }
    }
}
