
namespace Audit.Service.Ingest.OpenLineage;

/// <summary>Which of the three OpenLineage event kinds an event is.</summary>
public enum LineageEventKind
{
    Run,
    Job,
    Dataset,
}

/// <summary>
/// What an event says about a dataset's classification (our <c>auditClassification</c> facet); null when silent.
/// </summary>
public sealed record DatasetClassification(DatasetKind? Kind, bool? IsCommercial);

/// <summary>A dataset named by an event, with what we read from its facets (kept whole in <see cref="FacetsJson"/>).</summary>
public sealed record LineageDataset(string Namespace, string Name, DatasetClassification? Classification, string? FacetsJson)
{
    public DatasetKind? Kind => Classification?.Kind;

    public bool? IsCommercial => Classification?.IsCommercial;
}

/// <summary>The transform the output's columnLineage facet gives for the data of one input.</summary>
public sealed record ColumnTransform(string SourceNamespace, string SourceName, string TargetNamespace, string TargetName, TransformKind Transform);

/// <summary>
/// An OpenLineage event reduced to what lineage needs, plus the event as received (<see cref="Payload"/>),
/// stored whole so no facet is lost. <see cref="Hash"/> identifies exact repeats.
/// </summary>
public sealed record LineageEvent(
    string Hash,
    LineageEventKind Kind,
    string EventType,
    EventTime Time,
    string? RunId,
    string JobNamespace,
    string JobName,
    string? Producer,
    IReadOnlyList<LineageDataset> Inputs,
    IReadOnlyList<LineageDataset> Outputs,
    IReadOnlyList<ColumnTransform> Transforms,
    IReadOnlyList<string> Warnings,
    string Payload)
{
    public DateTime EventTime => Time.Utc;

    /// <summary>
    /// Orders events newest-last with full precision, whatever order they arrive in: the event time in
    /// 100 ns ticks, then the event hash so two events of the same instant still order the same way everywhere.
    /// </summary>
    public string OrderKey => Time.OrderKey(Hash);

    /// <summary>A terminal event: the newest of these decides whether the run moved data.</summary>
    public bool IsTerminal => Kind == LineageEventKind.Run && EventType is "COMPLETE" or "FAIL" or "ABORT";
}
