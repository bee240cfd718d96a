using Audit.Rules;

namespace Audit.Service.Guard;

/// <summary>A proposed flow with its datasets found in the catalogue; outputs nobody has seen get a stand-in of their own.</summary>
public sealed record ResolvedFlow(ProposedFlow Flow, IReadOnlyList<DatasetInfo> Inputs, IReadOnlyList<DatasetInfo> Outputs, IReadOnlyList<LineageName> UnknownInputs)
{
    /// <summary>
    /// Finds the flow's datasets. An output the purpose makes training data (ai_training) counts as a training dataset
    /// whatever it is catalogued as; an unknown output is what it declares (analytics when it declares nothing).
    /// </summary>
    public static ResolvedFlow Resolve(ProposedFlow flow, IReadOnlyDictionary<long, DatasetInfo> catalogue)
    {
        var byName = new Dictionary<(string, string), DatasetInfo>();
        foreach (var dataset in catalogue.Values)
        {
            byName[(dataset.Namespace, dataset.Name)] = dataset;
        }

        var inputs = new List<DatasetInfo>();
        var unknown = new List<LineageName>();
        foreach (var input in flow.Inputs.Distinct())
        {
            if (byName.TryGetValue((input.Namespace, input.Name), out var found))
            {
                inputs.Add(found);
            }
            else
            {
                unknown.Add(input);
            }
        }

        var outputs = new List<DatasetInfo>();
        long standIn = -1;
        foreach (var output in flow.Outputs.DistinctBy(o => o.Dataset))
        {
            var dataset = byName.TryGetValue((output.Dataset.Namespace, output.Dataset.Name), out var found)
                ? found
                : new DatasetInfo(standIn--, output.Dataset.Namespace, output.Dataset.Name, output.Kind ?? DatasetKind.Analytics, IsCommercial: false);
            if (flow.ForTraining && !dataset.IsTraining)
            {
                dataset = dataset with { Kind = DatasetKind.TrainingDataset };
            }

            outputs.Add(dataset);
        }

        return new ResolvedFlow(flow, inputs, outputs, unknown);
    }
}

/// <summary>
/// The lineage a proposed flow is judged on, on its own: how data came into the inputs (every edge into them and their
/// ancestors), the job's edges (each input to each output, first and last seen at the decision instant), and where
/// the outputs lead (every edge out of them and their descendants). What already reaches training by another route is
/// the scan's business, not this flow's: upstream datasets count as no sink (unless the outputs lead back to them), so
/// every training use in the world runs through the job. <see cref="Without"/> is the same world without the job's edges; what the job adds is the difference.
/// </summary>
public sealed class FlowWorld
{
    private FlowWorld(ScanSnapshot with, ScanSnapshot without, IReadOnlySet<long> upstream, IReadOnlyList<EdgeInfo> job)
    {
        With = with;
        Without = without;
        Upstream = upstream;
        JobEdges = job;
    }

    /// <summary>The job's edges: each input to each output, first and last seen at the decision instant.</summary>
    public IReadOnlyList<EdgeInfo> JobEdges { get; }

    /// <summary>The flow's world with the job's edges.</summary>
    public ScanSnapshot With { get; }

    /// <summary>The same world without them.</summary>
    public ScanSnapshot Without { get; }

    /// <summary>The inputs and their ancestors: the datasets whose batches the job would carry.</summary>
    public IReadOnlySet<long> Upstream { get; }

    public static FlowWorld Build(ScanSnapshot facts, ResolvedFlow flow)
    {
        var upstream = Walk(flow.Inputs.Select(d => d.DatasetId), facts.Edges, e => e.TargetDatasetId, e => e.SourceDatasetId);
        var downstream = Walk(flow.Outputs.Select(d => d.DatasetId), facts.Edges, e => e.SourceDatasetId, e => e.TargetDatasetId);

        var datasets = new Dictionary<long, DatasetInfo>(facts.Datasets);
        foreach (var id in upstream.Where(id => !downstream.Contains(id)))
        {
            var dataset = datasets[id];
            if (dataset.IsTraining || dataset.IsCommercial)
            {
                datasets[id] = dataset with { Kind = dataset.IsTraining ? DatasetKind.Analytics : dataset.Kind, IsCommercial = false };
            }
        }

        foreach (var output in flow.Outputs)
        {
            datasets[output.DatasetId] = output;
        }

        // The job's own edges (from earlier runs, or from the very run being judged) are what is judged: never the baseline.
        var job = flow.Flow.Job;
        var kept = facts.Edges.Where(e => (upstream.Contains(e.TargetDatasetId) || downstream.Contains(e.SourceDatasetId))
            && !(e.JobNamespace == job.Namespace && e.JobName == job.Name)).ToList();
        var at = flow.Flow.At;
        var proposed = flow.Inputs.SelectMany(i => flow.Outputs.Select(o => new EdgeInfo(i.DatasetId, o.DatasetId, job.Namespace, job.Name, TransformKind.Unknown, at, at))).ToList();
        return new FlowWorld(
            facts.WithLineage(datasets.Values, kept.Concat(proposed)),
            facts.WithLineage(datasets.Values, kept),
            upstream,
            proposed);
    }

    private static HashSet<long> Walk(IEnumerable<long> from, IReadOnlyList<EdgeInfo> edges, Func<EdgeInfo, long> near, Func<EdgeInfo, long> far)
    {
        var next = edges.ToLookup(near, far);
        var seen = new HashSet<long>(from);
        var queue = new Queue<long>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var other in next[id])
            {
                if (seen.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return seen;
    }
}
