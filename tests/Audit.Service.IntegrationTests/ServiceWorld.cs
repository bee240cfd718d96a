using System.Text.Json;
using Audit.Service.Data;
using Audit.Service.Hosting;
using Audit.Service.Web;
using Dapper;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// One test's installation: a folder with an appsettings.json written the way an administrator writes it
/// (database file, output and delivery folders, SMTP), and hosts started over it.
/// </summary>
public sealed class ServiceWorld : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];

    public ServiceWorld(int? smtpPort = null, params string[] complianceRecipients)
    {
        Root = Path.Combine(Path.GetTempPath(), "audit-service-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        var settings = new Dictionary<string, object>
        {
            ["Database"] = new { Provider = "Sqlite", ConnectionString = $"Data Source={DatabasePath};Pooling=False" },
            ["Audit"] = new { OutputPath = OutputPath },
            ["Jobs"] = new { PollingInterval = "00:00:01" },
            ["Delivery"] = new
            {
                Compliance = new { Folder = ComplianceFolder, Recipients = complianceRecipients },
                Board = new { Folder = BoardFolder, Recipients = Array.Empty<string>() },
                Smtp = new { Host = smtpPort is null ? null : "127.0.0.1", Port = smtpPort ?? 25, Security = "None", From = "audit@example.test" },
            },
            ["Logging"] = new { LogLevel = new { Default = "Warning" } },
        };
        File.WriteAllText(SettingsPath, JsonSerializer.Serialize(settings));
    }

    public string Root { get; }

    public string SettingsPath => Path.Combine(Root, "appsettings.json");

    public string DatabasePath => Path.Combine(Root, "data", "audit.db");

    public string OutputPath => Path.Combine(Root, "out");

    public string ComplianceFolder => Path.Combine(Root, "delivery", "compliance");

    public string BoardFolder => Path.Combine(Root, "delivery", "board");

    public IConfiguration Configuration => new ConfigurationBuilder().AddJsonFile(SettingsPath).Build();

    /// <summary>The `serve` host on a free loopback port with the given job storage.</summary>
    public async Task<WebApplication> StartHostAsync(JobStorage storage, string serverName, params string[] settings)
    {
        var app = AuditWebHost.Build(["--urls", "http://127.0.0.1:0", $"--Jobs:ServerName={serverName}", .. settings], Configuration, storage);
        await app.StartAsync();
        _hosts.Add(app);
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>Files a user would find in a folder (the staging subfolder is not part of it).</summary>
    public static string[] FilesIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : [];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the OS temp cleaner gets it.
        }
    }
}

/// <summary>Waits on Hangfire's monitoring API: no fixed sleeps, a short poll with a generous bound.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }

    /// <summary>The job's final state once it is Succeeded or Failed (Hangfire's monitoring view).</summary>
    public static Task<JobDetailsDto> FinishedAsync(JobStorage storage, string jobId) =>
        UntilAsync(() => Task.FromResult(storage.GetMonitoringApi().JobDetails(jobId) is { } d && d.History.Count > 0 && d.History[0].StateName is "Succeeded" or "Failed" ? d : null),
            $"job {jobId} to finish");

    public static string State(JobDetailsDto details) => details.History[0].StateName;
}
