using Audit.Service.Data;
using Audit.Service.Security;
using Microsoft.Extensions.Options;

namespace Audit.Service.Tests.Security;

/// <summary>Server-side sessions (issue 20): an idle limit, an absolute lifetime no activity extends, and the account's state read on every request.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly ManualTime _time = new();
    private readonly UserSessions _sessions;
    private readonly UserStore _users;

    public SessionTests()
    {
        _sessions = new UserSessions(_db.Database, Options.Create(new SessionSettings { IdleTimeout = TimeSpan.FromMinutes(30), AbsoluteLifetime = TimeSpan.FromHours(8) }), _time);
        _users = new UserStore(_db.Database, new AuditLog(_db.Database), _sessions);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Session_IdleLongerThanTheTimeout_IsEnded()
    {
        var id = await StartAsync("dana");
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await _sessions.ResolveAsync(id));

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Null(await _sessions.ResolveAsync(id));
        Assert.Equal("idle", (await _db.QueryAsync<string>("SELECT EndedReason FROM UserSession")).Single());
    }

    [Fact]
    public async Task Session_UsedEveryTenMinutes_StillEndsAtItsAbsoluteLifetime()
    {
        var id = await StartAsync("dana");
        for (var minutes = 10; minutes < 8 * 60; minutes += 10)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            Assert.NotNull(await _sessions.ResolveAsync(id));
        }

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await _sessions.ResolveAsync(id));
        Assert.Equal("expired", (await _db.QueryAsync<string>("SELECT EndedReason FROM UserSession")).Single());
    }

    [Fact]
    public async Task Session_OfADisabledAccount_GivesNoCaller_AndEnablingDoesNotRevive_It()
    {
        var id = await StartAsync("dana");

        Assert.True(await _users.DisableAsync("dana", "admin"));
        Assert.Null(await _sessions.ResolveAsync(id));
        Assert.True(await _users.EnableAsync("dana", "admin"));

        Assert.Null(await _sessions.ResolveAsync(id));
        Assert.Empty(await _sessions.ListOpenAsync());
    }

    [Fact]
    public async Task Session_RoleIsTheAccountsNow_AndOnlyAHashOfTheIdIsStored()
    {
        var id = await StartAsync("dana");

        var resolved = await _sessions.ResolveAsync(id);
        Assert.Equal(("dana", Role.Compliance), (resolved!.Name, resolved.Role));
        Assert.DoesNotContain(id, string.Join("|", (await _db.RowsAsync("SELECT * FROM UserSession")).SelectMany(r => r)), StringComparison.Ordinal);
        Assert.Null(await _sessions.ResolveAsync(id + "x"));
    }

    [Fact]
    public async Task Session_SignedInLongerAgoThanTheReauthenticationWindow_IsNoLongerRecent_ThoughStillOpen()
    {
        var id = await StartAsync("dana");
        var signedIn = (await _sessions.ResolveAsync(id))!.AuthenticatedAt;
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(_sessions.IsRecent((await _sessions.ResolveAsync(id))!.AuthenticatedAt));

        _time.Advance(TimeSpan.FromMinutes(2));

        var later = await _sessions.ResolveAsync(id);
        Assert.NotNull(later);
        Assert.Equal(signedIn, later.AuthenticatedAt);
        Assert.False(_sessions.IsRecent(later.AuthenticatedAt));
    }

    [Fact]
    public async Task OwnPasswordChange_EndsEveryOtherSession_KeepsTheOneMakingIt_AndIsAudited()
    {
        var mine = await StartAsync("dana");
        var other = await _sessions.StartAsync(new SessionStart("dana", Role.Compliance, SessionSource.Local, "10.0.0.9", "other browser"));
        var myHash = (await _sessions.ResolveAsync(mine))!.SessionHash;

        await _users.ChangeOwnPasswordAsync("dana", "a different long phrase", myHash, "compliance", "POST /account");

        Assert.NotNull(await _sessions.ResolveAsync(mine));
        Assert.Null(await _sessions.ResolveAsync(other));
        Assert.NotNull(await _users.VerifyAsync("dana", "a different long phrase"));
        Assert.Null(await _users.VerifyAsync("dana", "correct horse battery"));
        Assert.Equal(["dana"], await _db.QueryAsync<string>("SELECT Actor FROM AuditLog WHERE Action = 'user-change-password' AND Subject = 'user dana'"));
    }

    private async Task<string> StartAsync(string name)
    {
        await _users.CreateAsync(name, Role.Compliance, "correct horse battery", "admin");
        return await _sessions.StartAsync(new SessionStart(name, Role.Compliance, SessionSource.Local, "127.0.0.1", "test"));
    }
}
