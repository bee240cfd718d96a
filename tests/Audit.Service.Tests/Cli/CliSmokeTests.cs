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
    [InlineData("findings list --help")]
    [InlineData("findings set-status --help")]
    [InlineData("findings history --help")]
    [InlineData("scans prune --help")]
    [InlineData("explain --help")]
    public async Task Help_EachVerb_ExitsZero(string args)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
    }

    [Fact]
    public async Task Scan_AsOfAfterToday_Exits64AndWritesNothing()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var run = await RunAsync("scan", "--as-of", tomorrow);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("after today", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("audit.db")));
    }

    [Fact]
    public async Task ReportMonthly_NoScanOfThePeriod_Exits66AndSaysWhatToRun()
    {
        var run = await RunAsync("report", "monthly", "--period", "2026-03");

        Assert.Equal(66, run.ExitCode);
        Assert.Contains("No scan as of 2026-03-31: run `audit scan --as-of 2026-03-31` first, or pass --scan-if-missing", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM ScanRun"));
    }

    [Fact]
    public async Task ReportMonthly_ScanIfMissing_ScansThatDayFirst()
    {
        var run = await RunAsync("report", "monthly", "--period", "2026-03", "--scan-if-missing");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM ScanRun WHERE AsOf = '2026-03-31' AND Status = 'succeeded'"));
    }

    [Theory]
    [InlineData("findings set-status R1:x closed --note n --by b", "<STATUS>: 'closed' is not a status")]
    [InlineData("findings set-status R1:x resolved --by b", "--note is required")]
    [InlineData("findings set-status R1:x resolved --note n", "--by is required")]
    [InlineData("findings list --status Open", "--status: 'Open' is not a status")]
    [InlineData("findings list --rule R11", "--rule: 'R11' is not a rule")]
    public async Task Findings_BadArguments_Exit64NamingTheArgument(string args, string message)
    {
        var run = await RunAsync(args.Split(' '));

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsSetStatus_UnknownFinding_Exits64AndChangesNothing()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync("findings", "set-status", "R1:dataset:nope", "resolved", "--note", "n", "--by", "b");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("No finding 'R1:dataset:nope'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM FindingStatusChange"));
    }

    [Theory]
    [InlineData("R1:dataset:nope", null, "No finding 'R1:dataset:nope'")]
    [InlineData("R1:dataset:nope", "3", "No finding 'R1:dataset:nope'")]
    [InlineData("R1:dataset:nope", "three", "three")]
    public async Task Explain_UnknownFindingOrBadScan_Exits64NamingIt(string id, string? scan, string message)
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync(scan is null ? ["explain", id] : ["explain", id, "--scan", scan]);

        Assert.Equal(64, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.File("audit.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False" }, args);
}
