using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;
using Xunit;

namespace Audit.Tests.Shared;

/// <summary>
/// Where the SQL Server tests run: the server named by AUDIT_TEST_SQLSERVER (a login that may create and drop
/// databases), else a throwaway SQL Server in a container (Testcontainers.MsSql) wherever a Docker engine answers,
/// else nowhere, and the tests show as skipped with that reason. Shared by the test projects (linked source).
/// </summary>
public static class SqlServerTarget
{
    public const string VariableName = "AUDIT_TEST_SQLSERVER";

    /// <summary>The SQL Server the tests run on when no server is configured: the 2022 image Testcontainers documents.</summary>
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";

    private static readonly Lazy<Task<string>> Container = new(StartContainerAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when the tests can run; otherwise why not.</summary>
    public static string? Unavailable { get; } = FindUnavailableReason();

    /// <summary>Connection string of the configured server, or of the container (started once per test run).</summary>
    public static async Task<string> ConnectionStringAsync()
    {
        var configured = Environment.GetEnvironmentVariable(VariableName);
        return !string.IsNullOrWhiteSpace(configured) ? configured : await Container.Value;
    }

    /// <summary>A database of its own on the target, dropped on dispose; Migrator creates it on first use.</summary>
    public static async Task<ScratchDatabase> CreateDatabaseAsync() =>
        new(await ConnectionStringAsync(), "AuditTest_" + Guid.NewGuid().ToString("N")[..12]);

    private static string? FindUnavailableReason()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(VariableName)))
        {
            return null;
        }

        return DockerEngineAnswers()
            ? null
            : $"no SQL Server: set {VariableName} to a connection string, or run where a Docker engine is available (Testcontainers.MsSql starts one)";
    }

    /// <summary>A Docker client alone is not enough: the engine's socket (or DOCKER_HOST) must accept a connection.</summary>
    private static bool DockerEngineAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        try
        {
            if (host is not null && host.StartsWith("tcp://", StringComparison.Ordinal))
            {
                var uri = new Uri(host);
                using var tcp = new TcpClient();
                return tcp.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(2)) && tcp.Connected;
            }

            var path = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
            if (!File.Exists(path))
            {
                return false;
            }

            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or AggregateException or UriFormatException)
        {
            return false;
        }
    }

    private static async Task<string> StartContainerAsync()
    {
        // Removed by Testcontainers' reaper when the test process ends.
        var container = new MsSqlBuilder(Image).Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }
}

/// <summary>A fact that needs a real SQL Server (see <see cref="SqlServerTarget"/>); skipped with the reason when there is none.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (SqlServerTarget.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>One test's database on the SQL Server target.</summary>
public sealed class ScratchDatabase(string serverConnectionString, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = name }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = "master" }.ConnectionString);
        await master.OpenAsync();
        await using var drop = master.CreateCommand();
        drop.CommandText = $"IF DB_ID('{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END";
        await drop.ExecuteNonQueryAsync();
    }
}
