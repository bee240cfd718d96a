using Audit.Rules;

namespace Audit.Service.Tests.Rules;

/// <summary>A path as the evidence writes it is read back step by step for the report's diagram (issue 25, item 3).</summary>
public sealed class LineageStepsTests
{
    [Fact]
    public void APathOfThreeHops_IsFourDatasetsWithTheFlowIntoEachButTheFirst()
    {
        var steps = LineageGraph.Steps("dlp/raw →[security/ir-triage, filter] dlp/incident-response →[ml/ir-anonymizer, anonymize] training/agent trajectories →[ml/train, cua, transform] models/agent-cua-1");

        Assert.Equal(
            [
                new LineageStep("dlp/raw"),
                new LineageStep("dlp/incident-response", "security/ir-triage", "filter"),
                new LineageStep("training/agent trajectories", "ml/ir-anonymizer", "anonymize"),
                new LineageStep("models/agent-cua-1", "ml/train, cua", "transform"),
            ],
            steps);
    }

    [Fact]
    public void ADatasetAlone_IsOneStep() =>
        Assert.Equal([new LineageStep("raw")], LineageGraph.Steps("raw"));
}
