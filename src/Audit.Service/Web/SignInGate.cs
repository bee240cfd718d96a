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

    /// <summary>Attempts one account may make at once before it has to wait.</summary>
    public int PerAccountBurst { get; set; } = 5;

    /// <summary>Attempts per hour one account gets back (ASVS 2.2.1: at most 100 failures an hour per account).</summary>
    public int PerAccountPerHour { get; set; } = 90;

    /// <summary>Attempts one client address may make at once, over all account names.</summary>
    public int PerAddressBurst { get; set; } = 20;

    /// <summary>Attempts per minute one client address gets back.</summary>
    public int PerAddressPerMinute { get; set; } = 20;
}

/// <summary>The result of a sign-in attempt.</summary>
public abstract record SignInOutcome
{
    public sealed record SignedIn(Caller Caller) : SignInOutcome;

    public sealed record Refused : SignInOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// The one way a local account signs in (the sign-in page and POST /api/v1/session). In order: the throttle, per
/// account name and per client address (ASP.NET Core's System.Threading.RateLimiting token buckets), taken before the
/// PBKDF2 hash is computed, so a flood costs no CPU; then the password; then a new server-side session. Every attempt,
/// signed in, refused or throttled, is in the audit log with the name given and the client address.
/// </summary>
public sealed class SignInGate : IDisposable
{
    private readonly UserStore _users;
    private readonly AuditLog _auditLog;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly PartitionedRateLimiter<string> _perAddress;

    public SignInGate(UserStore users, AuditLog auditLog, IOptions<SignInThrottleSettings> options)
    {
        _users = users;
        _auditLog = auditLog;
        var settings = options.Value;
        _perAccount = Buckets(settings.PerAccountBurst, TimeSpan.FromHours(1) / Math.Max(1, settings.PerAccountPerHour));
        _perAddress = Buckets(settings.PerAddressBurst, TimeSpan.FromMinutes(1) / Math.Max(1, settings.PerAddressPerMinute));
    }

    public async Task<SignInOutcome> SignInAsync(HttpContext context, string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = Clean(userName);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var request = $"{context.Request.Method} {context.Request.Path} from {address} ({context.TraceIdentifier})";
        using var byAddress = _perAddress.AttemptAcquire(address);
        using var byAccount = _perAccount.AttemptAcquire(name.ToUpperInvariant());
        if (!byAddress.IsAcquired || !byAccount.IsAcquired)
        {
            var wait = new[] { byAddress, byAccount }.Select(l => l.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.Zero).Max();
            var retryAfter = wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
            await _auditLog.AppendAsync(new AuditEntry(name, null, AuditActions.SignInThrottled, $"user {name}",
                $"too many attempts {(byAccount.IsAcquired ? "from this address" : "for this account")}; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s", request), cancellationToken);
            return new SignInOutcome.Throttled(retryAfter);
        }

        if (name.Length == 0 || password is not { Length: > 0 } || await _users.VerifyAsync(name, password, cancellationToken) is not { } caller)
        {
            await _auditLog.AppendAsync(new AuditEntry(name, null, AuditActions.SignInFailed, $"user {name}", "unknown name, wrong password or disabled account", request), cancellationToken);
            return new SignInOutcome.Refused();
        }

        var properties = new AuthenticationProperties();
        properties.Items[SessionTicketStore.SourceItem] = "local";
        await context.SignInAsync(ApiSecurity.CookieScheme, ApiSecurity.Principal(caller, ApiSecurity.CookieScheme), properties);
        await _users.RecordSignInAsync(caller.Name, cancellationToken);
        await _auditLog.AppendAsync(new AuditEntry(caller.Name, caller.Role.Code(), AuditActions.SignIn, $"user {caller.Name}", "local account", request), cancellationToken);
        return new SignInOutcome.SignedIn(caller);
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

    public void Dispose()
    {
        _perAccount.Dispose();
        _perAddress.Dispose();
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
