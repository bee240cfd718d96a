using static Audit.Service.Tests.Infrastructure.Given;

namespace Audit.Service.Tests.Cli;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>
/// The verbs run in-process, wired the way Program.cs wires them, against a temp database. They swap
/// Console.Out and Console.Error, so they run alone.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliSmokeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Migrate_FreshDatabase_ExitsZero()
    {
        var run = await RunAsync("migrate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Sqlite: applied 2026-11-25_01_Initial.sql", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.File("audit.db")));
    }

    [Fact]
    public async Task ImportWorkers_BadFile_ExitsNonZeroAndPrintsFileRowColumn()
    {
        var path = _folder.Csv("workers.csv", WorkersHeader, "W1,Ada,employee,2020-01-01,,", "W2,Ben,intern,2020-01-01,,");

        var run = await RunAsync("import", "workers", path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("workers.csv:3:employment_type: unknown value 'intern'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportWorkers_GoodFile_ExitsZero()
    {
        var path = _folder.Csv("workers.csv", WorkersHeader, "W1,Ada,employee,2020-01-01,,");

        var run = await RunAsync("import", "workers", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("workers.csv: 1 rows read, 1 new Worker rows (1 in all).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownKind_ExitsNonZeroWithOneLineReason()
    {
        var run = await RunAsync("import", "nosuchkind", "x.csv");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("audit: unknown kind 'nosuchkind'; expected one of: workers,", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("demo --help")]
    [InlineData("migrate --help")]
    [InlineData("seed --help")]
    [InlineData("import --help")]
    [InlineData("scan --help")]
    [InlineData("report monthly --help")]
    [InlineData("report board --help")]
    [InlineData("export lineage --help")]
    [InlineData("serve --help")]
    public async Task Help_EachVerb_ExitsZero(string args)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
    }

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False" }, args);
}
