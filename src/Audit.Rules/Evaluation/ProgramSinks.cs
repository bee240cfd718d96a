namespace Audit.Rules;

/// <summary>
/// A program's training sinks: the training datasets and models reachable from batches captured under the program's
/// config versions (domain.md, settled readings). Watched during the pass; known once every batch has been seen, so
/// the rules that judge other tools' batches against them (R4, R6) hold those batches until then.
/// </summary>
public sealed class ProgramSinks
{
    private readonly Dictionary<(string Program, long Dataset), DateTime> _earliest = [];
    private ProgramInfo? _lastProgram;
    private long _lastDataset = -1;
    private DateTime _lastEarliest;

    public void Observe(BatchFacts batch)
    {
        if (batch.Program is not { } program)
        {
            return;
        }

        // Consecutive batches mostly repeat program and dataset: compare first, hash only on a change.
        if (ReferenceEquals(program, _lastProgram) && batch.Dataset.DatasetId == _lastDataset && batch.CapturedFrom >= _lastEarliest)
        {
            return;
        }

        var key = (program.ProgramId, batch.Dataset.DatasetId);
        if (!_earliest.TryGetValue(key, out var earliest) || batch.CapturedFrom < earliest)
        {
            _earliest[key] = earliest = batch.CapturedFrom;
        }

        (_lastProgram, _lastDataset, _lastEarliest) = (program, batch.Dataset.DatasetId, earliest);
    }

    /// <summary>Per program, the ids of the sinks its batches reach (a sink is reached by a batch the path still carried).</summary>
    public Dictionary<string, HashSet<long>> Resolve(LineageGraph graph)
    {
        var sinks = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var ((program, dataset), earliest) in _earliest)
        {
            if (!sinks.TryGetValue(program, out var set))
            {
                sinks[program] = set = [];
            }

            set.UnionWith(graph.TrainingSinksReached(dataset, earliest, DateTime.MinValue).Select(s => s.DatasetId));
        }

        return sinks;
    }
}

/// <summary>A batch a rule holds until the pass is over, with only what it needs to judge and count it.</summary>
public readonly record struct HeldBatch(WorkerInfo Worker, ConfigInfo Config, ProgramInfo? Program, DatasetInfo Dataset, DateTime CapturedFrom, DateTime CapturedTo, int ActiveMinutes, LocationSpan? Location, long Ordinal)
{
    public static HeldBatch Of(BatchFacts batch) => new(batch.Worker, batch.Config, batch.Program, batch.Dataset, batch.CapturedFrom, batch.CapturedTo, batch.ActiveMinutes, batch.Location, batch.Ordinal);

    public void AddTo(FindingBuilder finding) => finding.AddCapture(Worker, Config, Location, Dataset.DatasetId, CapturedFrom, CapturedTo, ActiveMinutes, Ordinal);
}
