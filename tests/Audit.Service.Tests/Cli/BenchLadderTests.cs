using Audit.Service.Cli;

namespace Audit.Service.Tests.Cli;

/// <summary>`bench all` reads its ladder strictly and computes growth as log(t2/t1)/log(n2/n1), 1.0 being linear.</summary>
public sealed class BenchLadderTests
{
    [Fact]
    public void Sizes_DefaultLadder_IsTenThousandToAMillion()
    {
        Assert.True(BenchLadder.TryParseSizes(BenchAllCommand.DefaultLadder, out var sizes, out _));
        Assert.Equal([10_000, 100_000, 1_000_000], sizes);
    }

    [Theory]
    [InlineData("10000,1000", "ascend")]
    [InlineData("10000,10000", "ascend")]
    [InlineData("10k,100k", "'10k'")]
    [InlineData("-5", "'-5'")]
    [InlineData("", "''")]
    public void Sizes_Typo_IsRefusedNamingThePart(string text, string named)
    {
        Assert.False(BenchLadder.TryParseSizes(text, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_QuickWithAWorkersList_IsRefusedNamingBoth()
    {
        var result = new BenchAllCommand.Settings { Quick = true, Workers = "1000,10000" }.Validate();
        Assert.False(result.Successful);
        Assert.Contains("--quick and --workers", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_WorkersTypo_IsRefusedNamingTheOption()
    {
        var result = new BenchAllCommand.Settings { Workers = "10000,100000,1M" }.Validate();
        Assert.False(result.Successful);
        Assert.StartsWith("--workers: '1M'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponent_TenTimesTheWorkersInTenTimesTheTime_IsLinear() =>
        Assert.Equal(1.0, BenchLadder.Exponent(2.0, 20.0, 10_000, 100_000));

    [Fact]
    public void Exponent_HundredTimesTheTime_IsQuadratic() =>
        Assert.Equal(2.0, BenchLadder.Exponent(1.0, 100.0, 10_000, 100_000));

    [Fact]
    public void Exponent_FailedStep_HasNone() =>
        Assert.Null(BenchLadder.Exponent(1.0, null, 10_000, 100_000));

    [Fact]
    public void Markdown_NamesMachineLoadAndEveryStepWithItsGrowth()
    {
        double[] load = [1.5, 1.0, 0.5];
        var steps = new List<BenchStep>
        {
            new(1_000, "scan", DateTimeOffset.UnixEpoch, 0, 2.0, 1.5, 100, 42_000, 10 << 20, load, load, false),
            new(10_000, "scan", DateTimeOffset.UnixEpoch, 0, 20.0, 15.0, 200, 420_000, 90 << 20, load, load, false),
        };
        var run = new BenchRun(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new BenchMachineInfo("Linux", ".NET 10.0.0", 2, "Xeon", 23.5, "1.0.0"),
            load, load, [1_000, 10_000], steps, [.. BenchLadder.Exponents(steps)]);

        var markdown = BenchLadder.Markdown(run);

        Assert.Contains("2 cores (Xeon), 23.5 GiB memory, Linux, .NET 10.0.0", markdown, StringComparison.Ordinal);
        Assert.Contains("1.50 / 1.00 / 0.50 at start", markdown, StringComparison.Ordinal);
        Assert.Contains("| scan | 2.0 s · 100 MB | 20.0 s · 200 MB | 1.00 (CPU 1.00) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| database on disk after the ladder | 10 MB | 90 MB |", markdown, StringComparison.Ordinal);
    }
}
