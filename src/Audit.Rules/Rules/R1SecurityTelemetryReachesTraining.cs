using System.Text.Json.Nodes;

namespace Audit.Rules;

/// <summary>
/// Rule 1: data captured under a config declared only for security or compliance, or held in an
/// incident-response (security pipeline) store, reaches a training dataset or model by any chain of edges.
/// A batch is held in such a store only if a path actually carried it there while the path's edges ran, and the
/// path shown is that one: from where the batch landed, through the store, to the sink. Anonymizing or
/// aggregating on the way does not clear it. One finding per dataset where such data lands.
/// </summary>
public sealed class R1SecurityTelemetryReachesTraining : IAuditRule
{
    private readonly FindingSet _findings = new();
    private readonly Dictionary<FindingBuilder, (long Origin, bool SecurityConfig, bool ViaStore)> _why = [];
    private readonly Labels<DatasetInfo> _subjects = new(static d => $"{d.Namespace}/{d.Name}", ReferenceEqualityComparer.Instance);
    private readonly Labels<ConfigInfo> _securityConfig = new(static c => $"batches under security-only config {c.Key}", ReferenceEqualityComparer.Instance);
    private readonly Labels<ConfigInfo> _securityStore = new(static c => $"batches held in a security store, config {c.Key}", ReferenceEqualityComparer.Instance);

    public RuleCode Code => RuleCode.R1;

    public void Observe(BatchFacts batch)
    {
        if (batch.Training is null)
        {
            return;
        }

        var viaStore = batch.ViaSecurityStore is not null;
        if (!batch.Config.SecurityOnly && !viaStore)
        {
            return;
        }

        var origin = batch.Dataset;
        var finding = _findings.Get(Code, "dataset", _subjects[origin], Severity.High, origin,
            static origin => $"Security telemetry in {origin.Name} reaches training");
        finding.AddBatch(batch);
        finding.Count(batch.Config.SecurityOnly ? _securityConfig[batch.Config] : _securityStore[batch.Config]);
        finding.EscalateIfCommercial(batch);
        ref var why = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_why, finding, out _);
        why = (origin.DatasetId, why.SecurityConfig || batch.Config.SecurityOnly, why.ViaStore || viaStore);
    }

    public IEnumerable<FindingBuilder> Complete(ScanContext context)
    {
        foreach (var finding in _findings.All)
        {
            var (originId, securityConfig, viaStore) = _why[finding];
            var origin = context.Graph.Dataset(originId);
            var paths = new JsonArray();
            var transforms = new HashSet<TransformKind>();
            var sinks = new List<DatasetInfo>();
            var stores = new List<string>();
            if (viaStore && context.Graph.ThroughSecurityStore.TryGetValue(originId, out var secure))
            {
                // The path the finding is about: through the incident-response store, as it ran.
                transforms.UnionWith(secure.Path.Select(e => e.Transform));
                stores.AddRange(secure.Stores.Select(s => s.Name));
                sinks.Add(secure.Sink);
                var path = PathJson(secure.Sink, secure.Path, originId, context);
                path["throughSecurityStore"] = string.Join(", ", secure.Stores.Select(s => s.Name));
                path["pathRunsUntil"] = ScanSnapshot.Day(secure.Until == DateTime.MaxValue ? context.Snapshot.Cutoff.AddSeconds(-1) : secure.Until);
                paths.Add(path);
            }

            if (securityConfig)
            {
                foreach (var reach in context.Graph.PathsToSinks(originId, d => d.IsTraining))
                {
                    transforms.UnionWith(reach.Path.Select(e => e.Transform));
                    sinks.Add(reach.Sink);
                    var path = PathJson(reach.Sink, reach.Path, originId, context);
                    path["pathExistsSince"] = ScanSnapshot.Day(reach.EarliestFrom);
                    paths.Add(path);
                }
            }

            finding.Evidence("origin", origin.Name);
            finding.Evidence("paths", paths);
            if (stores.Count > 0)
            {
                finding.Evidence("heldInSecurityStore", string.Join(", ", stores.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            }

            if (transforms.Contains(TransformKind.Anonymize) || transforms.Contains(TransformKind.Aggregate))
            {
                finding.Evidence("note", "The data is anonymized or aggregated on the way. That does not clear it: it was captured for security, not for training, and work trajectories survive anonymization.");
            }

            var commercialSink = sinks.FirstOrDefault(s => s.IsCommercialModel);
            finding.Title = commercialSink is not null
                ? $"Security telemetry in {origin.Name} reaches commercial model {commercialSink.Name}"
                : $"Security telemetry in {origin.Name} reaches training ({string.Join(", ", sinks.Select(s => s.Name).Distinct(StringComparer.Ordinal).Take(3))})";
            yield return finding;
        }
    }

    private static JsonObject PathJson(DatasetInfo sink, IReadOnlyList<EdgeInfo> path, long originId, ScanContext context) => new()
    {
        ["sink"] = sink.Name,
        ["sinkKind"] = Codes.ToCode(sink.Kind),
        ["commercial"] = sink.IsCommercialModel,
        ["path"] = context.Graph.Describe(path, originId),
    };
}
