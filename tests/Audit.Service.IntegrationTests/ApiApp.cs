using System.Net.Http.Headers;
using Audit.Service.Data;
using Audit.Service.Security;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// The real serve host under WebApplicationFactory&lt;Program&gt; over a fresh installation, with one real API key
/// per role created through the key store (no authentication bypass).
/// </summary>
public sealed class ApiApp(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    private readonly ServiceWorld _world = new();
    private WebApplicationFactory<Program>? _factory;

    public Dictionary<Role, string> Keys { get; } = [];

    public ServiceWorld World => _world;

    public WebApplicationFactory<Program> Factory => _factory!;

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database:ConnectionString", $"Data Source={_world.DatabasePath};Pooling=False")
            .UseSetting("Audit:OutputPath", _world.OutputPath)
            .UseSetting("Jobs:PollingInterval", "00:00:01")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings?.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)) ?? [])));
        using var client = _factory.CreateClient();
        await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode ? "up" : null;
        }, "/health to answer Healthy");

        var store = Services.GetRequiredService<KeyStore>();
        foreach (var role in Enum.GetValues<Role>())
        {
            Keys[role] = (await store.CreateAsync($"test {role}", role, "test")).Token;
        }
    }

    public HttpClient Client(Role? role)
    {
        var client = Factory.CreateClient();
        if (role is { } r)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[r]);
        }

        return client;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null) => await _world.QueryAsync<T>(sql, parameters);

    /// <summary>A report run as the report service records one, with a file in its folder.</summary>
    public async Task<(long ReportId, string File, byte[] Bytes)> AddReportAsync(string kind, string period, string fileName)
    {
        var folder = Path.Combine(_world.OutputPath, kind, period);
        Directory.CreateDirectory(folder);
        var bytes = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7 {kind} {period} {Guid.NewGuid()}");
        await File.WriteAllBytesAsync(Path.Combine(folder, fileName), bytes);
        var database = Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(database.Sql["ReportRun_Insert"], new
        {
            Kind = kind, Period = period, RequestedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, Status = "succeeded", OutputPath = folder, Error = (string?)null,
        });
        var id = await connection.ExecuteScalarAsync<long>("SELECT MAX(ReportId) FROM ReportRun");
        return (id, fileName, bytes);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _world.DisposeAsync();
    }
}
