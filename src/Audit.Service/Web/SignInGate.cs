using System.Threading.RateLimiting;
using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Audit.Service.Web;

/// <summary>Sign-in throttling ("Authentication:SignIn"): token buckets per account and per client address.</summary>
public sealed class SignInThrottleSettings
{
    public const string SectionName = "Authentication:SignIn";

    /// <summary>Failed attempts one account may make at once before it has to wait.</summary>
    public int PerAccountBurst { get; set; } = 5;

    /// <summary>Failed attempts per hour one account gets back (ASVS 2.2.1: at most 100 failures an hour per account).</summary>
    public int PerAccountPerHour { get; set; } = 90;

    /// <summary>Failed attempts one client address may make at once, over all account names.</summary>
    public int PerAddressBurst { get; set; } = 20;

    /// <summary>Failed attempts per minute one client address gets back.</summary>
    public int PerAddressPerMinute { get; set; } = 20;
}

/// <summary>The result of a sign-in attempt.</summary>
public abstract record SignInOutcome
{
    /// <param name="SinceLastSignIn">What happened to the account since its previous sign-in, for the holder to read.</param>
    public sealed record SignedIn(Caller Caller, IReadOnlyList<string> SinceLastSignIn) : SignInOutcome;

    public sealed record Refused : SignInOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;

    /// <summary>A new password the policy refuses; the message names the field.</summary>
    public sealed record Invalid(string Message) : SignInOutcome;
}

/// <summary>
/// The one way a local account signs in (the sign-in page and POST /api/v1/session). In order: the throttle of failed
/// attempts, per account name and per client address (ASP.NET Core's System.Threading.RateLimiting token buckets),
/// checked before the PBKDF2 hash is computed, so a flood costs no CPU once a bucket is empty; then the password; then
/// a new server-side session. Every attempt,
/// signed in, refused or throttled, is in the audit log with the name given and the client address.
/// </summary>
public sealed class SignInGate : IDisposable
{
    private readonly UserStore _users;
    private readonly AuditLog _auditLog;
    private readonly UserSessions _sessions;
    private readonly AccountActivity _activity;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly PartitionedRateLimiter<string> _perAddress;

    // One attempt checked at a time per account and per address (a second one at that moment is told to retry after
    // 1 s). Without it, callers racing in parallel all pass the bucket check before any failure is counted: a
    // 60-second burst of 4 parallel callers from one address hashed 69 passwords where its allowance is 40.
    private readonly PartitionedRateLimiter<string> _inFlight = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 }));
    private readonly TimeSpan _perAccountToken;
    private readonly TimeSpan _perAddressToken;

    public SignInGate(UserStore users, AuditLog auditLog, UserSessions sessions, AccountActivity activity, IOptions<SignInThrottleSettings> options)
    {
        _users = users;
        _auditLog = auditLog;
        _sessions = sessions;
        _activity = activity;
        var settings = options.Value;
        _perAccountToken = TimeSpan.FromHours(1) / Math.Max(1, settings.PerAccountPerHour);
        _perAccount = Buckets(settings.PerAccountBurst, _perAccountToken);
        _perAddressToken = TimeSpan.FromMinutes(1) / Math.Max(1, settings.PerAddressPerMinute);
        _perAddress = Buckets(settings.PerAddressBurst, _perAddressToken);
    }

    public async Task<SignInOutcome> SignInAsync(HttpContext context, string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = Clean(userName);
        var outcome = await CheckPasswordAsync(context, name, password, "unknown name, wrong password or disabled account", cancellationToken);
        if (outcome is not SignInOutcome.SignedIn { Caller: var caller })
        {
            return outcome;
        }

        // A second sign-in in the same browser (to confirm it is you) replaces the first session rather than leaving it open.
        if (context.User.FindFirst(SessionCookie.SessionClaim)?.Value is { } previous)
        {
            await _sessions.EndByHashAsync(previous, SessionEnd.SignedInAgain, cancellationToken);
        }

        var properties = new AuthenticationProperties();
        properties.Items[SessionCookie.SourceItem] = "local";
        await context.SignInAsync(ApiSecurity.CookieScheme, ApiSecurity.Principal(caller, ApiSecurity.CookieScheme), properties);
        await _users.RecordSignInAsync(caller.Name, cancellationToken);
        await _auditLog.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.SignIn, $"user {caller.Name}", "local account", Describe(context)), cancellationToken);
        return new SignInOutcome.SignedIn(caller, await _activity.SinceLastSignInAsync(caller.Name, cancellationToken));
    }

    /// <summary>
    /// The signed-in holder's own password change (the account page): the current password checked under the same
    /// throttle as a sign-in, the new one under the password policy, every other session of the account ended.
    /// </summary>
    public async Task<SignInOutcome> ChangePasswordAsync(HttpContext context, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var self = context.User.Caller();
        var outcome = await CheckPasswordAsync(context, self.Name, currentPassword, "wrong current password when changing the password", cancellationToken);
        if (outcome is not SignInOutcome.SignedIn)
        {
            return outcome;
        }

        try
        {
            await _users.ChangeOwnPasswordAsync(self.Name, newPassword ?? string.Empty, context.User.FindFirst(SessionCookie.SessionClaim)?.Value, self.Role.Code(), Describe(context), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return new SignInOutcome.Invalid(ex.Message);
        }

        return outcome;
    }

    // The throttle, then the password. A refused or throttled attempt is counted and audited here; a right one is not.
    private async Task<SignInOutcome> CheckPasswordAsync(HttpContext context, string name, string? password, string failure, CancellationToken cancellationToken)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var request = Describe(context);
        // Failures are what is counted: an account (or address) that has used its allowance of failed attempts is
        // refused before its password is hashed, whatever it sends, until a token comes back. Signing in successfully
        // costs nothing, so people who sign in often (several browsers, a shared office address) are never slowed.
        var account = name.ToUpperInvariant();
        using var accountTurn = _inFlight.AttemptAcquire("u:" + account);
        using var addressTurn = _inFlight.AttemptAcquire("a:" + address);
        if (!accountTurn.IsAcquired || !addressTurn.IsAcquired)
        {
            await _auditLog.AppendAsync(new AuditEntry(name, null, AuditActions.SignInThrottled, $"user {name}",
                $"another attempt {(accountTurn.IsAcquired ? "from this address" : "for this account")} is being checked; retry after 1 s", request), cancellationToken);
            return new SignInOutcome.Throttled(TimeSpan.FromSeconds(1));
        }

        var accountSpent = _perAccount.GetStatistics(account)?.CurrentAvailablePermits <= 0;
        var addressSpent = _perAddress.GetStatistics(address)?.CurrentAvailablePermits <= 0;
        if (accountSpent || addressSpent)
        {
            // A token comes back every period; the caller may try again after one.
            var retryAfter = accountSpent ? _perAccountToken : _perAddressToken;
            await _auditLog.AppendAsync(new AuditEntry(name, null, AuditActions.SignInThrottled, $"user {name}",
                $"too many failed attempts {(accountSpent ? "for this account" : "from this address")}; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s", request), cancellationToken);
            return new SignInOutcome.Throttled(retryAfter);
        }

        if (name.Length == 0 || password is not { Length: > 0 } || await _users.VerifyAsync(name, password, cancellationToken) is not { } caller)
        {
            _perAddress.AttemptAcquire(address).Dispose();
            _perAccount.AttemptAcquire(account).Dispose();
            await _auditLog.AppendAsync(new AuditEntry(name, null, AuditActions.SignInFailed, $"user {name}", failure, request), cancellationToken);
            return new SignInOutcome.Refused();
        }

        return new SignInOutcome.SignedIn(caller, []);
    }

    /// <summary>Ends the caller's session (the cookie handler removes its row) and records it.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var who = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        await context.SignOutAsync(ApiSecurity.CookieScheme);
        if (who is not null)
        {
            await _auditLog.AppendAsync(new AuditEntry(who, null, AuditActions.SignOut, $"user {who}", null,
                $"{context.Request.Method} {context.Request.Path} ({context.TraceIdentifier})"), cancellationToken);
        }
    }

    private static string Describe(HttpContext context) =>
        $"{context.Request.Method} {context.Request.Path} from {context.Connection.RemoteIpAddress?.ToString() ?? "unknown"} ({context.TraceIdentifier})";

    public void Dispose()
    {
        _perAccount.Dispose();
        _perAddress.Dispose();
        _inFlight.Dispose();
    }

    // The name as given, made safe for the log: no control characters, at most 200 characters.
    private static string Clean(string? userName)
    {
        var trimmed = new string((userName ?? string.Empty).Trim().Where(c => !char.IsControl(c)).ToArray());
        return trimmed.Length <= 200 ? trimmed : trimmed[..200];
    }

    private static PartitionedRateLimiter<string> Buckets(int burst, TimeSpan perToken) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = perToken,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
