using System.Net;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

public sealed class WebHostTests
{
    [Fact]
    public async Task Program_UnderWebApplicationFactory_IsTheServeHostAndAnswersHealth()
    {
        await using var world = new ServiceWorld();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database:ConnectionString", $"Data Source={world.DatabasePath};Pooling=False")
            .UseSetting("Audit:OutputPath", world.OutputPath));
        using var client = factory.CreateClient();

        var health = await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }, "/health to answer Healthy");
        Assert.Contains("\"status\":\"Healthy\"", health, StringComparison.Ordinal);
        Assert.True(File.Exists(world.DatabasePath + ".serve-lock"));

        // The dashboard is the admin role's: without a key or sign-in it answers 401.
        using var dashboard = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
    }

    [Fact]
    public async Task Dashboard_FromLoopbackWhenTheSettingAllows_OpensWithoutShowingTheStorageConnectionString()
    {
        await using var world = new ServiceWorld();
        var host = await world.StartHostAsync(new InMemoryStorage(), "dashboard", "--Authentication:DashboardOpenOnLoopback=true");
        using var http = new HttpClient { BaseAddress = ServiceWorld.Address(host) };

        using var response = await http.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("monthly-report", page, StringComparison.Ordinal);
        Assert.Contains("quarterly-board-summary", page, StringComparison.Ordinal);
        Assert.Contains("nightly-scan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dashboard_FromLoopbackByDefault_NeedsTheAdminRole()
    {
        await using var world = new ServiceWorld();
        var host = await world.StartHostAsync(new InMemoryStorage(), "dashboard");
        using var http = new HttpClient { BaseAddress = ServiceWorld.Address(host) };

        using var response = await http.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SignInSchemeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenIdConnect_IsRegisteredOnlyWhenAuthorityAndClientIdAreSet(bool configured)
    {
        await using var world = new ServiceWorld();
        string[] settings = configured
            ? ["--Authentication:OpenIdConnect:Authority=https://login.example.test/realm", "--Authentication:OpenIdConnect:ClientId=audit-web"]
            : ["--Authentication:OpenIdConnect:ClientId=audit-web"];
        var app = Hosting.AuditWebHost.Build(["--urls", "http://127.0.0.1:0", .. settings], world.Configuration, new InMemoryStorage());
        try
        {
            var schemes = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();

            Assert.Equal(configured, await schemes.GetSchemeAsync("OpenIdConnect") is not null);
            Assert.NotNull(await schemes.GetSchemeAsync("Cookies"));
        }
        finally
        {
            // Never started, so never stopped: unbind Hangfire's process-wide logger from this host by hand.
            await app.DisposeAsync();
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        }
    }
}
