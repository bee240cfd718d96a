
namespace Audit.Rules;

/// <summary>
/// Rule 4: data captured after a worker's opt-out (or before it, where the opt-out also withdrew past data) reaches
/// the program's training after the opt-out date. Every batch of the worker counts, from any tool, when it reaches one
/// of the program's training sinks. It reaches training after the opt-out when some path from its dataset to such a
/// sink carries data after that instant: every edge last seen after it, and the batch captured no later than the
/// path's last run. A training job that started before the opt-out and kept running is the plainest case. A worker
/// who opted out of future capture only is not flagged for data captured before. One finding per program.
/// </summary>
public sealed class R4OptOutNotHonoured : IAuditRule
{
    private readonly ProgramSinks _programSinks = new();
    private readonly List<HeldBatch> _held = [];
    private readonly Labels<ConfigInfo> _otherTool = new(static c => $"of which captured by another tool ({c.Key})", ReferenceEqualityComparer.Instance);
    private const string CapturedAfter = "captured (at least in part) after the worker opted out";
    private const string CarriedAfter = "captured before an opt-out that withdrew past data, and carried to training after it";

    public RuleCode Code => RuleCode.R4;

    public void Observe(BatchFacts batch)
    {
        _programSinks.Observe(batch);
        if (batch.Training is not null && batch.Worker.OptOuts.Count > 0)
        {
            _held.Add(HeldBatch.Of(batch));
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        var graph = context.Graph;
        var sinksOf = _programSinks.Resolve(graph);
        var findings = new FindingSet();
        var datasets = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        // Held batches come a worker at a time (the pass reads them by worker): the worker's opt-outs are sorted once.
        WorkerInfo? sortedFor = null;
        OptOutRecord[] workerOptOuts = [];
        foreach (var batch in _held)
        {
            if (!ReferenceEquals(batch.Worker, sortedFor))
            {
                (sortedFor, workerOptOuts) = (batch.Worker, [.. batch.Worker.OptOuts.OrderBy(o => o.At)]);
            }

            List<string>? flagged = null;
            foreach (var optOut in workerOptOuts)
            {
                // One count per batch and program, however many times the worker opted out of it.
                if (flagged?.Contains(optOut.ProgramId) == true || !context.Snapshot.Programs.TryGetValue(optOut.ProgramId, out var program) || !sinksOf.TryGetValue(program.ProgramId, out var sinks))
                {
                    continue;
                }

                var capturedAfter = batch.CapturedTo > optOut.At;
                if (!capturedAfter && optOut.Scope != OptOutScope.IncludingPast)
                {
                    continue;
                }

                var reached = graph.FirstTrainingSinkReached(batch.Dataset.DatasetId, batch.CapturedFrom, optOut.At, sinks);
                if (reached is null)
                {
                    continue;
                }

                var finding = findings.Get(Code, "program", program.ProgramId, Severity.Critical, program, static program => $"Opt-outs from {program.Name} are not honoured");
                batch.AddTo(finding);
                finding.Count(capturedAfter ? CapturedAfter : CarriedAfter);
                if (batch.Program?.ProgramId != program.ProgramId)
                {
                    finding.Count(_otherTool[batch.Config]);
                }

                // The example shows why it is one: the capture window against the opt-out, and the path still running after it.
                if (!finding.HasEvidence("example"))
                {
                    var ranUntil = graph.UntilTo(reached.DatasetId)[batch.Dataset.DatasetId];
                    var culture = System.Globalization.CultureInfo.InvariantCulture;
                    finding.Evidence("example", capturedAfter
                        ? string.Create(culture, $"{batch.Worker.WorkerId} opted out of {(optOut.Scope == OptOutScope.IncludingPast ? "future capture and past data" : "future capture")} on {optOut.At:yyyy-MM-dd HH:mm} UTC; a batch of theirs in {batch.Dataset.Name} was captured {batch.CapturedFrom:yyyy-MM-dd HH:mm} to {batch.CapturedTo:yyyy-MM-dd HH:mm} UTC, running past the opt-out, and the path to {reached.Name} ran until {ranUntil:yyyy-MM-dd}")
                        : string.Create(culture, $"{batch.Worker.WorkerId} opted out on {optOut.At:yyyy-MM-dd HH:mm} UTC, withdrawing past data too; a batch of theirs captured {batch.CapturedFrom:yyyy-MM-dd} to {batch.CapturedTo:yyyy-MM-dd} in {batch.Dataset.Name} was still carried to {reached.Name} by a path that ran until {ranUntil:yyyy-MM-dd}, after the opt-out"));
                }
                if (!datasets.TryGetValue(finding.Key, out var seen))
                {
                    datasets[finding.Key] = seen = [];
                }

                seen.Add(batch.Dataset.DatasetId);
                (flagged ??= []).Add(program.ProgramId);
            }
        }

        foreach (var finding in findings.All)
        {
            // The edges that formed after the earliest opt-out recorded for the program: the evidence a lawyer asks for.
            var optOuts = finding.Workers.Keys.SelectMany(i => context.Snapshot.WorkersByIndex[i].OptOuts).Where(o => o.ProgramId == finding.SubjectKey).ToList();
            var earliest = optOuts.Min(o => o.At);
            var downstream = graph.Downstream(datasets[finding.Key]);
            var later = context.Snapshot.Edges.Where(e => e.FirstSeen > earliest && downstream.Contains(e.SourceDatasetId) && graph.Training.ContainsKey(e.TargetDatasetId))
                .OrderBy(e => e.FirstSeen)
                .Take(5)
                .Select(e => $"{graph.Dataset(e.SourceDatasetId).Name} →[{e.Job}] {graph.Dataset(e.TargetDatasetId).Name}, first seen {ScanSnapshot.Day(e.FirstSeen)}")
                .ToList();
            var running = context.Snapshot.Edges.Where(e => e.FirstSeen <= earliest && e.LastSeen > earliest && downstream.Contains(e.SourceDatasetId) && graph.Training.ContainsKey(e.TargetDatasetId))
                .OrderBy(e => e.FirstSeen)
                .Take(5)
                .Select(e => $"{graph.Dataset(e.SourceDatasetId).Name} →[{e.Job}] {graph.Dataset(e.TargetDatasetId).Name}, running {ScanSnapshot.Day(e.FirstSeen)} to {ScanSnapshot.Day(e.LastSeen)}")
                .ToList();
            finding.Evidence("program", finding.SubjectKey);
            finding.Evidence("optOuts", $"{optOuts.Count} opt-outs by affected workers, the first on {ScanSnapshot.Day(earliest)}");
            if (later.Count > 0)
            {
                finding.Evidence("edgesFirstSeenAfterOptOut", new System.Text.Json.Nodes.JsonArray(later.Select(l => (System.Text.Json.Nodes.JsonNode)l!).ToArray()));
            }

            if (running.Count > 0)
            {
                finding.Evidence("edgesStillRunningAfterOptOut", new System.Text.Json.Nodes.JsonArray(running.Select(l => (System.Text.Json.Nodes.JsonNode)l!).ToArray()));
            }

            yield return finding;
        }
    }
}
