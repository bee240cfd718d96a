using Audit.Service.Records;
using Audit.Service.Reporting;

namespace Audit.Service.Tests.Reporting;

/// <summary>Issue 15: evidence labels read as a person wrote them ("AI announcements", not "Ai announcements").</summary>
public sealed class EvidenceTextTests
{
    [Theory]
    [InlineData("aiAnnouncements", "AI announcements")]
    [InlineData("optOuts", "Opt-outs")]
    [InlineData("heldInSecurityStore", "Held in security store")]
    public void Words_EvidenceKey_ReadsAsWords(string key, string expected) =>
        Assert.Equal(expected, EvidenceText.Words(key));
}
