namespace Audit.Service.Tests.Guard;

/// <summary>`guard check` as a pipeline without HTTP runs it on the demo: exit 0 allow, 77 deny, 64 a bad command line.</summary>
[Collection(nameof(Cli.ConsoleCollection))]
public sealed class GuardCheckCommandTests : IDisposable
{
    private const string Capture = "s3://northwind-capture";
    private const string Ml = "s3://northwind-ml";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyDictionary<string, string?>> DemoAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False",
            ["Audit:OutputPath"] = _folder.File("out"),
        };
        var demo = await CliRunner.RunAsync(settings, "seed", "--workers", "60");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        return settings;
    }

    [Fact]
    public async Task GuardCheck_ExitCodesSayAllowDenyAndExclusions_AndTheFileListsTheBatches()
    {
        var settings = await DemoAsync();

        var deny = await CliRunner.RunAsync(settings, "guard", "check", "--job", "ml/shadow-train", "--input", $"{Capture}/dlp/incident-response",
            "--output", $"{Ml}/training/agent-trajectories", "--purpose", "ai_training", "--as-of", "2026-10-31");
        var allow = await CliRunner.RunAsync(settings, "guard", "check", "--job", "analytics/weekly", "--input", $"{Capture}/analytics/productivity",
            "--output", $"{Capture}/analytics/weekly", "--purpose", "analytics", "--json");
        // Every recorder batch since July was captured under MCI-2026-07, whose text leaves out half of what the recorder
        // captures (R10): leaving workers out leaves nothing, so the training flow is denied outright.
        var mci = await CliRunner.RunAsync(settings, "guard", "check", "--job", "ml/mci-v3", "--input", $"{Capture}/mci/raw-trajectories", "--output", $"{Ml}/training/mci-v3",
            "--purpose", "ai_training", "--as-of", "2026-10-31");
        // The pilot's notice says it all; only its workers who opted out (R4) and those let go (R9) must be left out.
        var pilot = new[] { "guard", "check", "--job", "ml/pilot-v2", "--input", $"{Capture}/annotation/raw", "--output", $"{Ml}/training/pilot-v2", "--purpose", "ai_training", "--as-of", "2026-10-31" };
        var withoutFile = await CliRunner.RunAsync(settings, pilot);
        var file = _folder.File("drop.csv");
        var withFile = await CliRunner.RunAsync(settings, [.. pilot, "--exclusions", file]);

        Assert.True(deny.ExitCode == 77, deny.ToString());
        Assert.StartsWith("deny:", deny.Out, StringComparison.Ordinal);
        Assert.Contains("  R1 ", deny.Out, StringComparison.Ordinal);
        Assert.True(allow.ExitCode == 0, allow.ToString());
        Assert.Contains("\"decision\": \"allow\"", allow.Out, StringComparison.Ordinal);
        Assert.True(mci.ExitCode == 77, mci.ToString());
        Assert.Contains("  R10 Captures reach training under MCI-2026-07", mci.Out, StringComparison.Ordinal);
        Assert.True(withoutFile.ExitCode == 77, withoutFile.ToString());
        Assert.Contains("pass --exclusions FILE", withoutFile.Out, StringComparison.Ordinal);
        Assert.True(withFile.ExitCode == 0, withFile.ToString());
        var lines = File.ReadAllLines(file);
        Assert.Equal("batch_id,worker_id,tool_id,config_version,dataset,captured_from,captured_to,rules", lines[0]);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("B", l, StringComparison.Ordinal));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Theory]
    [InlineData("--purpose", "AI_training", "--purpose")]
    [InlineData("--as-of", "2999-01-01", "--as-of")]
    [InlineData("--job", "no-slash", "--job")]
    public async Task GuardCheck_BadOption_Exits64NamingIt_AndLogsNoDecision(string option, string value, string named)
    {
        var settings = await DemoAsync();
        var args = new Dictionary<string, string>
        {
            ["--job"] = "ml/x", ["--input"] = $"{Capture}/dlp/raw", ["--output"] = $"{Ml}/training/x", ["--purpose"] = "ai_training",
        };
        args[option] = value;

        var run = await CliRunner.RunAsync(settings, ["guard", "check", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.True(run.ExitCode == 64, run.ToString());
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        var database = new Audit.Service.Data.Database(new Audit.Service.Data.DatabaseOptions { ConnectionString = settings["Database:ConnectionString"]! });
        await using var connection = await database.OpenAsync();
        Assert.Equal(0L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM GuardDecision"));
    }
}
