namespace Audit.Domain;

/// <summary>
/// One dataset on a lineage path and the flow that brought data to it: the job and its transform code (none for the
/// path's first dataset, where the data landed). Reports draw a path from these; the rules write and read it.
/// </summary>
public sealed record LineageStep(string Dataset, string? Job = null, string? Transform = null);
