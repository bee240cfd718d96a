using System.Diagnostics;
using System.Xml.Linq;
using Audit.Service.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Audit.Service.Tests.Infrastructure;

/// <summary>What a run of the command line printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}; stderr: {Error.Trim()}; stdout: {Out.Trim()}";
}

/// <summary>
/// Runs the command line in-process, wired the way Program.cs wires it (callers hold the console collection,
/// since Console.Out is swapped), or as the shipped program in a child process with its own working directory
/// and environment, the way a user runs it.
/// </summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuditCore();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        // Not disposed: Spectre.Console.Cli keeps the first console it builds (over the Console.Out of that
        // moment) for help text, so a later run may still write to an earlier run's writer.
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await CliApp.RunAsync(args, services);
            return new CliRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    /// <summary>The registered command tree as Spectre describes it (<c>audit cli xmldoc</c>), so tests cover every verb.</summary>
    public static XDocument Model()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 10_000;
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddAuditCore();
        var exit = CliApp.RunAsync(["cli", "xmldoc"], services, console).GetAwaiter().GetResult();
        Assert.True(exit == 0, $"cli xmldoc exited {exit}");
        return XDocument.Parse(writer.ToString().Trim());
    }

    /// <summary>Runs Audit.Service.dll (built beside the tests, with its own runtimeconfig) as a user would.</summary>
    public static async Task<CliRun> RunProcessAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Audit.Service.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only the settings the test gives: none inherited from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AUDIT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
