using System.Text.Json;

namespace Audit.Service.Tests.Cli;

/// <summary>`audit plan` as a user runs it (issue 23): on the demo, and with a scan id that does not exist.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> RunAsync(params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={_folder.File("audit.db")};Pooling=False", ["Audit:OutputPath"] = _folder.File("out") }, args);

    [Fact]
    public async Task PlanJson_OnTheDemo_GivesEveryOpenFindingAPricedOption_NoneAboveTheFindingsExposure()
    {
        Assert.Equal(0, (await RunAsync("demo", "--workers", "300")).ExitCode);

        var run = await RunAsync("plan", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var plan = JsonDocument.Parse(run.Out);
        var root = plan.RootElement;
        Assert.Equal("USD", root.GetProperty("currency").GetString());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        static (decimal Low, decimal High) Range(JsonElement e) => (e.GetProperty("low").GetDecimal(), e.GetProperty("high").GetDecimal());
        foreach (var finding in findings)
        {
            var id = finding.GetProperty("findingId").GetString();
            var exposure = Range(finding.GetProperty("exposure"));
            var options = finding.GetProperty("options").EnumerateArray().ToList();
            Assert.True(options.Count > 0, $"{id}: no option");
            foreach (var option in options)
            {
                var (costLow, costHigh) = Range(option.GetProperty("cost"));
                var (afterLow, afterHigh) = Range(option.GetProperty("exposureAfter"));
                Assert.True(0 <= costLow && costLow <= costHigh && 0 <= afterLow && afterLow <= afterHigh, $"{id} {option.GetProperty("id")}: cost {costLow}-{costHigh}, after {afterLow}-{afterHigh}");
                Assert.True(afterLow <= exposure.Low && afterHigh <= exposure.High, $"{id} {option.GetProperty("id")}: after {afterLow}-{afterHigh} above {exposure}");
                Assert.False(string.IsNullOrWhiteSpace(option.GetProperty("owner").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(option.GetProperty("basis").GetString()));
            }
        }

        var r7 = findings.Where(f => f.GetProperty("rule").GetString() == "R7").ToList();
        Assert.NotEmpty(r7);
        Assert.All(r7, f =>
        {
            var pay = f.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "pay-past-use");
            // Priced from the finding's own replacement value, and it settles the wage claim for past work.
            Assert.True(Range(pay.GetProperty("cost")).Low >= Range(f.GetProperty("exposure")).Low, f.GetProperty("findingId").GetString());
            Assert.Equal((0m, 0m), Range(pay.GetProperty("exposureAfter")));
        });
    }

    [Theory]
    [InlineData("99", 64, "there is no scan 99")]
    [InlineData("0", 64, "--scan: a scan id is a positive number")]
    [InlineData("x", 64, "--scan")]
    public async Task Plan_ScanThatDoesNotExist_Exits64NamingIt(string scan, int exit, string message)
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync("plan", "--scan", scan);

        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task Plan_NoScanYet_Exits66()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var run = await RunAsync("plan");

        Assert.Equal(66, run.ExitCode);
        Assert.Contains("no scan yet", run.Error, StringComparison.Ordinal);
    }
}
