using System.Net;
using System.Net.Sockets;

namespace Audit.Service.Tests.SqlServer;

/// <summary>
/// Needs no server, so it always runs: the shipped program, configured for SQL Server, gets as far as the network.
/// With invariant globalization SqlClient failed before that, on every verb.
/// </summary>
public sealed class SqlClientTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SqlServerProvider_ClosedLoopbackPort_FailsAtTheNetworkNotOnGlobalization()
    {
        var run = await CliRunner.RunProcessAsync(_folder.Path, new Dictionary<string, string>
        {
            ["AUDIT_Database__Provider"] = "SqlServer",
            ["AUDIT_Database__ConnectionString"] = $"Server=tcp:127.0.0.1,{ClosedPort()};Database=Audit;User Id=sa;Password=x;Connect Timeout=3;ConnectRetryCount=0;TrustServerCertificate=true",
        }, "migrate");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("Globalization", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error occurred while establishing a connection to SQL Server", run.Error, StringComparison.Ordinal);
        Assert.Contains("TCP Provider", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: one the OS just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
