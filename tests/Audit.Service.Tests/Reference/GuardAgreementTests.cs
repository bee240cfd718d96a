using System.Globalization;
using Audit.Service.Guard;
using FsCheck;
using FsCheck.Fluent;

namespace Audit.Service.Tests.Reference;

/// <summary>
/// The guard and the scan agree (issue 22), on generated organisations imported through the real importer: the guard
/// decides a random proposed flow; then the flow happens (its edges, and any new output, are imported as lineage) and
/// the organisation is scanned again. A flow the guard allows adds no finding, worker, batch or hour to the scan; every
/// reason of a flow it denies is a finding the scan raises once the flow has happened; and a flow allowed with
/// exclusions adds nothing once the excluded batches are left out.
/// </summary>
public sealed class GuardAgreementTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 15);
    private static readonly DateTime At = AsOf.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);

    [Fact]
    public void Guard_AllowedFlowsAddNoFinding_DeniedFlowsReasonsAreWhatTheScanFinds()
    {
        var cases = Environment.GetEnvironmentVariable("AUDIT_PROPERTY_CASES") is { Length: > 0 } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 40;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithEndSize(40).WithReplay(new Replay(new Rnd(20261206), null)).WithQuietOnSuccess(true);
        // No shrinking: each step imports and scans three organisations; the failure names the organisation and the flow.
        Prop.ForAll(Arb.From(OrgGenerator.Arbitrary().Generator), org =>
        {
            var r = new Random(org.Batches.Count * 31 + org.Workers.Count);
            var (flow, happened) = Propose(org, r);
            using var scanned = ScannedOrg.ImportAsync(org).GetAwaiter().GetResult();
            var (decision, exclusions) = scanned.GuardAsync(flow).GetAwaiter().GetResult();
            seen[decision.Decision] = seen.GetValueOrDefault(decision.Decision) + 1;
            var before = scanned.ScanAsync(AsOf).GetAwaiter().GetResult();
            using var after = ScannedOrg.ImportAsync(happened).GetAwaiter().GetResult();
            var afterFindings = after.ScanAsync(AsOf).GetAwaiter().GetResult();
            var problems = new List<string>();
            if (decision.Decision == "allow")
            {
                problems.AddRange(PropertyTests.NoneAdded(before, afterFindings, rule: null));
            }
            else
            {
                var raised = afterFindings.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(decision.Reasons.Where(x => x.Finding is not null && !raised.Contains(x.Finding)).Select(x => $"  reason {x.Finding} is not a finding of the scan after the flow"));
                Assert.NotEmpty(decision.Reasons);
            }

            if (decision.Decision == "allow_with_exclusions")
            {
                // Leaving the named batches out of both worlds: the flow then adds nothing.
                var excluded = exclusions.Select(e => e.BatchId).ToHashSet(StringComparer.Ordinal);
                Assert.NotEmpty(excluded);
                using var without = ScannedOrg.ImportAsync(org with { Batches = org.Batches.Where(b => !excluded.Contains(b.Id)).ToList() }).GetAwaiter().GetResult();
                using var withoutAfter = ScannedOrg.ImportAsync(happened with { Batches = happened.Batches.Where(b => !excluded.Contains(b.Id)).ToList() }).GetAwaiter().GetResult();
                problems.AddRange(PropertyTests.NoneAdded(without.ScanAsync(AsOf).GetAwaiter().GetResult(), withoutAfter.ScanAsync(AsOf).GetAwaiter().GetResult(), rule: null)
                    .Select(p => "  with the exclusions left out:\n" + p));
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Guard said {decision.Decision} ({decision.Summary}) for {Describe(flow)}:\n{string.Join('\n', problems)}\nOrganisation: {Differential.SaveForReplay(org)}\n{org}");
            }
        }).Check(config);

        // The property is only worth its name if the generated flows reach every answer.
        Assert.True(seen.Count == 3, "answers seen: " + string.Join(", ", seen.Select(s => $"{s.Key} {s.Value}")));
    }

    /// <summary>A random flow over the organisation's datasets (and maybe a new output), and the organisation once it has run.</summary>
    private static (ProposedFlow Flow, Org Happened) Propose(Org org, Random r)
    {
        var names = org.Datasets.Select(d => d.Name).ToList();
        var inputs = names.OrderBy(_ => r.Next()).Take(1 + r.Next(2)).ToList();
        var training = r.Next(3) > 0;
        // A training flow writes a new dataset or an existing training dataset or model (the scan knows training data only
        // by its dataset's kind, so a raw store a job also writes training rows into is not a world the scan can hold).
        var others = org.Datasets.Where(d => !inputs.Contains(d.Name) && (!training || d.Kind is "training_dataset" or "model")).Select(d => d.Name).ToList();
        var output = r.Next(2) == 0 || others.Count == 0 ? "guard-out" : others[r.Next(others.Count)];
        var datasets = org.Datasets.ToList();
        if (!datasets.Any(d => d.Name == output))
        {
            datasets.Add(new ODataset(output, training ? "training_dataset" : "analytics", false));
        }

        var edges = org.Edges.Concat(inputs.Select(i => new OEdge(i, output, "guard-job", "copy", At, At))).ToList();
        var flow = new ProposedFlow(new LineageName("jobs", "guard-job"), inputs.Select(i => new LineageName(Org.Ns, i)).ToList(),
            [new ProposedOutput(new LineageName(Org.Ns, output), null)], training ? Purpose.AiTraining : Purpose.Productivity, At);
        return (flow, org with { Datasets = datasets, Edges = edges });
    }

    private static string Describe(ProposedFlow flow) =>
        $"{string.Join(", ", flow.Inputs)} → {string.Join(", ", flow.Outputs.Select(o => o.Dataset))} for {GuardService.PurposeCode(flow.Purpose)}";
}
