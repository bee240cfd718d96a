using Audit.Service.Domain;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>A dataset named by an event, with what we read from its facets.</summary>
public sealed record LineageDataset(string Namespace, string Name, DatasetKind? Kind, bool? IsCommercial, string? FacetsJson);

/// <summary>
/// An OpenLineage event reduced to what lineage needs, plus the event as received (<see cref="Payload"/>),
/// which is stored whole so no facet is lost. <see cref="Hash"/> identifies replays.
/// </summary>
public sealed record LineageEvent(
    string Hash,
    string EventType,
    DateTime EventTime,
    string? RunId,
    string JobNamespace,
    string JobName,
    string? Producer,
    IReadOnlyList<LineageDataset> Inputs,
    IReadOnlyList<LineageDataset> Outputs,
    IReadOnlyDictionary<(string Namespace, string Name, string OutputNamespace, string OutputName), TransformKind> Transforms,
    string Payload)
{
    /// <summary>A run that failed or was aborted produced no output we can rely on; its event is kept, its edges are not drawn.</summary>
    public bool MovesData => EventType is not ("FAIL" or "ABORT");
}
