using System.Net;
using Audit.Service.Data;
using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Audit.Service.Tests.Security;

/// <summary>The per-address half of the sign-in throttle (issue 20): one address guessing across many names is stopped too.</summary>
public sealed class SignInThrottleTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task OneAddress_GuessingAcrossManyNames_IsThrottledAfterItsBurst_AnotherAddressIsNot()
    {
        var sessions = new UserSessions(_db.Database, Options.Create(new SessionSettings()));
        var users = new UserStore(_db.Database, new AuditLog(_db.Database), sessions);
        using var gate = new SignInGate(users, new AuditLog(_db.Database), sessions, new AccountActivity(new AuditTrail(new AuditLog(_db.Database), _db.Database)), Options.Create(new SignInThrottleSettings { PerAddressBurst = 20 }));

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 25; i++)
        {
            outcomes.Add(await gate.SignInAsync(From("203.0.113.7"), $"name{i}", "wrong password", CancellationToken.None));
        }

        Assert.All(outcomes.Take(20), o => Assert.IsType<SignInOutcome.Refused>(o));
        Assert.All(outcomes.Skip(20), o => Assert.IsType<SignInOutcome.Throttled>(o));
        Assert.IsType<SignInOutcome.Refused>(await gate.SignInAsync(From("198.51.100.9"), "name0", "wrong password", CancellationToken.None));
        Assert.Equal(5L, (await _db.QueryAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'sign-in-throttled' AND Request LIKE '% from 203.0.113.7 %'")).Single());
    }

    [Fact]
    public async Task ParallelGuesses_AtOneAccount_HashNoMoreThanItsBurst()
    {
        var sessions = new UserSessions(_db.Database, Options.Create(new SessionSettings()));
        var users = new UserStore(_db.Database, new AuditLog(_db.Database), sessions);
        await users.CreateAsync("dana", Role.Compliance, "correct horse battery", "ops");
        using var gate = new SignInGate(users, new AuditLog(_db.Database), sessions, new AccountActivity(new AuditTrail(new AuditLog(_db.Database), _db.Database)),
            Options.Create(new SignInThrottleSettings { PerAccountBurst = 5, PerAddressBurst = 1000 }));

        // Twelve rounds of eight callers at once, each guessing; checks and counting must not race.
        var outcomes = new List<SignInOutcome>();
        for (var round = 0; round < 12; round++)
        {
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, 8).Select(i => gate.SignInAsync(From($"198.51.100.{i + 1}"), "dana", $"guess {round} {i}", CancellationToken.None))));
        }

        Assert.Equal(5, outcomes.Count(o => o is SignInOutcome.Refused));
        Assert.Equal(91, outcomes.Count(o => o is SignInOutcome.Throttled));
    }

    private static DefaultHttpContext From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/session";
        return context;
    }
}
