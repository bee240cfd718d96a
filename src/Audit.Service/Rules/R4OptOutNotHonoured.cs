using Audit.Reports.Models;
using Audit.Service.Domain;

namespace Audit.Service.Rules;

/// <summary>
/// Rule 4: data captured after a worker's opt-out reaches training; or, where the opt-out also withdrew
/// past data, data captured before it reaches training through a path that formed after the opt-out (an edge
/// first seen after the opt-out is the proof). A worker who opted out of future capture only is not flagged
/// for data captured before the opt-out. One finding per program.
/// </summary>
public sealed class R4OptOutNotHonoured : IAuditRule
{
    private readonly FindingSet _findings = new();
    private readonly Dictionary<string, HashSet<long>> _datasets = new(StringComparer.Ordinal);

    public RuleCode Code => RuleCode.R4;

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is not { } reach || batch.Program is not { } program || batch.Worker.OptOuts.Count == 0)
        {
            return;
        }

        foreach (var optOut in batch.Worker.OptOuts)
        {
            if (optOut.ProgramId != program.ProgramId)
            {
                continue;
            }

            string? reason = null;
            string? example = null;
            if (batch.CapturedTo > optOut.At)
            {
                // A batch still recording after the opt-out holds data the worker withdrew.
                reason = $"captured (at least in part) after a {Codes.ToCode(optOut.Scope)} opt-out";
                example = $"{batch.Worker.WorkerId} opted out {ScanSnapshot.Day(optOut.At)} ({Codes.ToCode(optOut.Scope)}); a batch captured {ScanSnapshot.Day(batch.CapturedFrom)} in {batch.Dataset.Name} reaches {reach.Sink.Name}";
            }
            else if (optOut.Scope == OptOutScope.IncludingPast && reach.LatestFormed > optOut.At)
            {
                reason = "captured before an opt-out that withdrew past data, then carried to training by a path that formed after it";
                example = $"{batch.Worker.WorkerId} opted out {ScanSnapshot.Day(optOut.At)} (including_past); a batch captured {ScanSnapshot.Day(batch.CapturedFrom)} in {batch.Dataset.Name} was carried on by a path to training that formed {ScanSnapshot.Day(reach.LatestFormed)}";
            }

            if (reason is null)
            {
                continue;
            }

            var finding = _findings.Get(Code, "program", program.ProgramId, Severity.Critical,
                () => $"Opt-outs from {program.Name} are not honoured");
            finding.AddBatch(batch);
            finding.Count(reason);
            finding.EvidenceOnce("example", () => example);
            if (!_datasets.TryGetValue(finding.Key, out var datasets))
            {
                _datasets[finding.Key] = datasets = [];
            }

            datasets.Add(batch.Dataset.DatasetId);
            return;
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            // The edges that formed after the earliest opt-out recorded for the program: the evidence a lawyer asks for.
            var optOuts = finding.Workers.Keys.SelectMany(i => context.Snapshot.WorkersByIndex[i].OptOuts).Where(o => o.ProgramId == finding.SubjectKey).ToList();
            var earliest = optOuts.Min(o => o.At);
            var downstream = context.Graph.Downstream(_datasets[finding.Key]);
            var later = context.Snapshot.Edges.Where(e => e.FirstSeen > earliest && downstream.Contains(e.SourceDatasetId) && context.Graph.Training.ContainsKey(e.TargetDatasetId))
                .OrderBy(e => e.FirstSeen)
                .Take(5)
                .Select(e => $"{context.Graph.Dataset(e.SourceDatasetId).Name} →[{e.Job}] {context.Graph.Dataset(e.TargetDatasetId).Name}, first seen {ScanSnapshot.Day(e.FirstSeen)}")
                .ToList();
            finding.Evidence("program", finding.SubjectKey);
            finding.Evidence("optOuts", $"{optOuts.Count} opt-outs by affected workers, the first on {ScanSnapshot.Day(earliest)}");
            if (later.Count > 0)
            {
                finding.Evidence("edgesFirstSeenAfterOptOut", new System.Text.Json.Nodes.JsonArray(later.Select(l => (System.Text.Json.Nodes.JsonNode)l!).ToArray()));
            }

            yield return finding;
        }
    }
}
