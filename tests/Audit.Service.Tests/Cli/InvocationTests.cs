using Audit.Service.Configuration;

namespace Audit.Service.Tests.Cli;

/// <summary>Messages name commands as the user runs them (issue 25, item 7).</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InvocationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FromASourceCheckout_CommandsAreDotnetRunOfTheProject_RelativeToWhereTheUserIs()
    {
        var project = Directory.CreateDirectory(_folder.File("repo/src/Audit.Service")).FullName;
        File.WriteAllText(Path.Combine(project, "Audit.Service.csproj"), "<Project />");
        var output = Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;

        Assert.Equal($"dotnet run --project {Path.Combine("src", "Audit.Service")} --", Invocation.Detect(output, _folder.File("repo")));
        Assert.Equal("dotnet run --project . --", Invocation.Detect(output, project));
    }

    [Fact]
    public void Installed_CommandsAreAudit()
    {
        var installed = Directory.CreateDirectory(_folder.File("opt/audit")).FullName;

        Assert.Equal("audit", Invocation.Detect(installed, _folder.File("home")));
    }

    [Fact]
    public async Task Demo_EndsWithTheNextCommands_AsTheUserRunsThem()
    {
        var run = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, "demo", "--workers", "10");

        Assert.True(run.ExitCode == 0, run.ToString());
        var next = run.Out[run.Out.IndexOf("Next, for instance:", StringComparison.Ordinal)..];
        Assert.Contains($"{Invocation.Prefix} report monthly --period 2026-08", next, StringComparison.Ordinal);
        Assert.Contains($"{Invocation.Prefix} users create --name officer --role compliance", next, StringComparison.Ordinal);
        Assert.Contains($"{Invocation.Prefix} plan", next, StringComparison.Ordinal);
    }
}
