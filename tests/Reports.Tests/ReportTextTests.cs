using System.Text;
using Audit.Reports.Models;
using Audit.Reports.Wording;

namespace Audit.Reports.Tests;

public class ReportTextTests
{
    internal static string TemplatePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "templates", "report-text.json")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("templates/ not found"), "templates", "report-text.json");
    }

    [Fact]
    public async Task Load_Template_HasWordingForEveryRule()
    {
        var text = await ReportText.LoadAsync(TemplatePath());

        Assert.All(RuleCatalog.All, code =>
        {
            Assert.True(text.Intro(code).Length > 100, $"{code} intro is too short");
            Assert.True(text.Remediation(code).Length > 100, $"{code} remediation is too short");
        });
        Assert.Contains("as of the data date", text.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardSentence_SmallCount_IsMasked()
    {
        var text = await ReportText.LoadAsync(TemplatePath());

        Assert.Equal("Data of <5 workers covered by the EU exemption still reached AI training.", text.BoardSentence(RuleCode.R6, 3));
        Assert.Contains("1,200 workers", text.BoardSentence(RuleCode.R1, 1200), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingRule_FailsLoudly()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("""{"method":"m","rules":{"R1":{"intro":"i","remediation":"r","board":"b","decision":"d"}}}"""));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReportText.LoadAsync(json));
        Assert.Contains("R2", error.Message, StringComparison.Ordinal);
    }
}
