using Snapshooter.Xunit;

namespace Audit.Reports.Tests;

/// <summary>The report models as JSON: a change to their shape shows up as a reviewed snapshot diff.</summary>
public class ModelSnapshotTests
{
    [Fact]
    public void MonthlyReport_Sample_MatchesSnapshot() => Snapshot.Match(Samples.Monthly(findingCount: 4, bigRows: 2));

    [Fact]
    public void BoardSummary_Sample_MatchesSnapshot() => Snapshot.Match(Samples.Board());

    [Fact]
    public void LineageExportRow_Sample_MatchesSnapshot() => Snapshot.Match(Samples.ExportRow(3));
}
