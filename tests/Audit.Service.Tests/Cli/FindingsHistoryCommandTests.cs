namespace Audit.Service.Tests.Cli;

/// <summary>`findings history` tells a finding's whole story, the scan that stopped seeing it included (issue 25, item 2).</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class FindingsHistoryCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, args);

    [Fact]
    public async Task History_OfAFindingTheAugustScanNoLongerSaw_SaysWhichScanAndTheDay()
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);

        var run = await RunAsync("findings", "history", "R8:config-beyond-notice:sentinel-dlp 2.0");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("First found by scan", lines[0], StringComparison.Ordinal);
        var unseen = Assert.Single(lines, l => l.Contains("not seen", StringComparison.Ordinal));
        Assert.StartsWith("as of 2026-08-31", unseen, StringComparison.Ordinal);
        Assert.Contains("no longer seen by this scan", unseen, StringComparison.Ordinal);
    }
}
