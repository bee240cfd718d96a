using System.Text.Json.Nodes;
using Audit.Reports.Models;
using Audit.Service.Domain;

namespace Audit.Service.Rules;

/// <summary>
/// Rule 1: data captured under a config declared only for security or compliance, or held in an
/// incident-response (security pipeline) store, reaches a training dataset or model by any chain of edges.
/// Anonymizing or aggregating on the way does not clear it. One finding per dataset where such data lands.
/// </summary>
public sealed class R1SecurityTelemetryReachesTraining : IAuditRule
{
    private readonly FindingSet _findings = new();
    private HashSet<long>? _fedToSecurityStore;

    public RuleCode Code => RuleCode.R1;

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null)
        {
            return;
        }

        var viaSecurityStore = _fedToSecurityStore?.Contains(batch.Dataset.DatasetId) == true;
        if (!batch.Config.SecurityOnly && !viaSecurityStore)
        {
            return;
        }

        var origin = batch.Dataset;
        var finding = _findings.Get(Code, "dataset", $"{origin.Namespace}/{origin.Name}", Severity.High,
            () => $"Security telemetry in {origin.Name} reaches training");
        finding.AddBatch(batch);
        finding.Count(batch.Config.SecurityOnly ? $"batches under security-only config {batch.Config.Key}" : $"batches held in a security store, config {batch.Config.Key}");
        finding.EscalateIfCommercial(batch);
    }

    /// <summary>Called before the pass: which datasets feed an incident-response store that reaches training.</summary>
    public void Prepare(ScanContext context)
    {
        _fedToSecurityStore = [];
        foreach (var store in context.Snapshot.Datasets.Values.Where(d => d.Kind == DatasetKind.SecurityPipeline))
        {
            if (context.Graph.Training.ContainsKey(store.DatasetId))
            {
                _fedToSecurityStore.UnionWith(context.Graph.Upstream(store.DatasetId));
            }
        }
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            var origin = context.Snapshot.Datasets.Values.First(d => $"{d.Namespace}/{d.Name}" == finding.SubjectKey);
            var sinks = context.Graph.PathsToSinks(origin.DatasetId, d => d.IsTraining);
            var paths = new JsonArray();
            var transforms = new HashSet<TransformKind>();
            var securityStores = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reach in sinks)
            {
                foreach (var edge in reach.Path)
                {
                    transforms.Add(edge.Transform);
                    var through = context.Graph.Dataset(edge.TargetDatasetId);
                    if (through.Kind == DatasetKind.SecurityPipeline)
                    {
                        securityStores.Add(through.Name);
                    }
                }

                if (origin.Kind == DatasetKind.SecurityPipeline)
                {
                    securityStores.Add(origin.Name);
                }

                paths.Add(new JsonObject
                {
                    ["sink"] = reach.Sink.Name,
                    ["sinkKind"] = Codes.ToCode(reach.Sink.Kind),
                    ["commercial"] = reach.Sink.IsCommercialModel,
                    ["path"] = context.Graph.Describe(reach.Path, origin.DatasetId),
                    ["pathExistsSince"] = ScanSnapshot.Day(reach.EarliestFrom),
                });
            }

            finding.Evidence("origin", origin.Name);
            finding.Evidence("paths", paths);
            if (securityStores.Count > 0)
            {
                finding.Evidence("heldInSecurityStore", string.Join(", ", securityStores.Order(StringComparer.Ordinal)));
            }

            if (transforms.Contains(TransformKind.Anonymize) || transforms.Contains(TransformKind.Aggregate))
            {
                finding.Evidence("note", "The data is anonymized or aggregated on the way. That does not clear it: it was captured for security, not for training, and work trajectories survive anonymization.");
            }

            var commercialSink = sinks.FirstOrDefault(r => r.Sink.IsCommercialModel);
            finding.Title = commercialSink is not null
                ? $"Security telemetry in {origin.Name} reaches commercial model {commercialSink.Sink.Name}"
                : $"Security telemetry in {origin.Name} reaches training ({string.Join(", ", sinks.Select(s => s.Sink.Name).Take(3))})";
            yield return finding;
        }
    }
}
