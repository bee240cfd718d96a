using Audit.Service.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.Tests.Security;

/// <summary>
/// The Data Protection key ring lives in the database (issue 20): what one instance protects (the session cookie, the
/// anti-forgery tokens) another instance, or the same one after a restart, reads back; nothing is kept in a home folder.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task WhatOneInstanceProtects_AnotherOverTheSameDatabaseReads()
    {
        using var first = Instance();
        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("session id");

        using var second = Instance();
        Assert.Equal("session id", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie));
        Assert.Single(await _db.QueryAsync<string>("SELECT FriendlyName FROM DataProtectionKey"));
    }

    [Fact]
    public void AnotherDatabase_CannotReadIt()
    {
        using var first = Instance();
        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("session id");

        using var elsewhere = new TestDatabase();
        using var other = Instance(elsewhere);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie));
    }

    private ServiceProvider Instance(TestDatabase? database = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton((database ?? _db).Database);
        DataProtectionSetup.AddTo(services, new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
