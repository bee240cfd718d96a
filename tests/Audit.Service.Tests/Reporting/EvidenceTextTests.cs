using Audit.Service.Records;

namespace Audit.Service.Tests.Reporting;

/// <summary>
/// A finding's evidence as a reader gets it (issue 25, item 3): a list of facts, one a line, in words rather than codes,
/// money with its currency, and counts beyond the first few summed up in plain words.
/// </summary>
public sealed class EvidenceTextTests
{
    [Fact]
    public void CodesReadAsWords_VerdictsToo_AndTheBenchmarkRateCarriesItsCurrency()
    {
        const string json = """
            {"declaredPurposes":"productivity;ai_training","notNamed":"click_coordinates;ui_hierarchy","optOut":"not_real",
             "compensatedContributors":0,"uncompensatedHours":2738058.1,"benchmarkRatePerHour":40,"benchmarkCurrency":"USD"}
            """;

        var lines = EvidenceText.Lines(json);

        Assert.Contains("Declared purposes: productivity, AI training.", lines);
        Assert.Contains("Not named by any notice in force: click coordinates, UI structure.", lines);
        Assert.Contains("What the text says of an opt-out: not real.", lines);
        Assert.Contains("Contributors with an agreement: 0.", lines);
        Assert.Contains("2,738,058.10 uncompensated active hours, valued at the benchmark rate of USD 40 an hour.", lines);
        Assert.Equal(string.Join("\n", lines), EvidenceText.Listed(json));
        Assert.All(lines, l => Assert.EndsWith(".", l, StringComparison.Ordinal));
    }

    [Fact]
    public void CountsBeyondTheFirstSix_AreSummedInPlainWords()
    {
        var counts = string.Join(",", Enumerable.Range(1, 8).Select(i => $"\"batches in place {i}\":{100 - i}"));
        var lines = EvidenceText.Lines("{\"counts\":{" + counts + "}}");

        Assert.Equal("99 batches in place 1.", lines[0]);
        Assert.Equal("And 2 smaller counts of 185 in all.", lines[6]);
        Assert.DoesNotContain(lines, l => l.Contains("such", StringComparison.Ordinal));
    }
}
