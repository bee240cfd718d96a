using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// `audit serve` (or another verb) as a child process in an installation's folder, configured as a user
/// configures it: the folder's appsettings.json and AUDIT_ environment variables.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join('\n', _errors);
            }
        }
    }

    public static ServeProcess Start(ServiceWorld world, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = world.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Audit.Service.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AUDIT_Logging__LogLevel__Default"] = "Information";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public static ServeProcess Serve(ServiceWorld world, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(world, environment, "serve", "--urls", "http://127.0.0.1:0");

    /// <summary>The address Kestrel bound, read from the host's "Now listening on" log event.</summary>
    public async Task<Uri> ListeningAsync()
    {
        var line = await LineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "the host to listen");
        return new Uri(Url().Match(line).Value);
    }

    public Task<string> LineAsync(Func<string, bool> predicate, string what) =>
        Poll.UntilAsync(() =>
        {
            lock (_output)
            {
                if (_process.HasExited && !_output.Any(predicate))
                {
                    throw new InvalidOperationException($"serve exited ({_process.ExitCode}) before {what}:\n{string.Join('\n', _output)}\n{Errors}");
                }

                return Task.FromResult(_output.FirstOrDefault(predicate));
            }
        }, what);

    public async Task<int> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await ExitAsync();
    }

    /// <summary>SIGTERM, as systemd or docker stop sends it.</summary>
    public async Task<int> TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        return await ExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
