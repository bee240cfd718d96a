namespace Audit.Reports.Models;

/// <summary>Counsel's request: the purge scope of these findings, for this matter.</summary>
public sealed record PurgeScopeRequest(string MatterId, IReadOnlyList<string> FindingIds);

/// <summary>
/// A training dataset or model one batch reaches, when it got there, and the latest purge of it recorded by the day of
/// the export: <see cref="StillHeld"/> is false when that purge came after the batch arrived.
/// </summary>
public sealed record PurgeReach(string Dataset, string Kind, bool Commercial, DateTimeOffset ReachedAt, DateOnly? PurgedOn = null, bool StillHeld = true);

/// <summary>One batch to delete: whose, captured how and where, which finding holds it, and every training dataset or model downstream of it.</summary>
public sealed record PurgeBatchRow(
    string FindingId,
    string BatchId,
    string WorkerId,
    string Tool,
    string ConfigVersion,
    string OriginDataset,
    DateTimeOffset CapturedFrom,
    DateTimeOffset CapturedTo,
    IReadOnlyList<PurgeReach> Reaches);

/// <summary>A finding of the request: the scan it was read from, and the batches that scan counted for it.</summary>
public sealed record PurgeFinding(string FindingId, long ScanId, DateOnly ScanAsOf, string Subject, long ScanBatches);

/// <summary>
/// One dataset or model downstream of the findings' batches: how many batches and workers reached it, first and last
/// use, its latest recorded purge and how many of the batches it still holds (arrived after that purge, or never purged).
/// </summary>
public sealed record PurgeDatasetRow(string Dataset, string Kind, bool Commercial, long Batches, long Workers, DateTimeOffset FirstUse, DateTimeOffset LastUse, IReadOnlyList<string> Findings,
    DateOnly? PurgedOn = null, long BatchesStillHeld = 0);

/// <summary>What the purge-scope writer produced; the same content is written to manifest.json.</summary>
public sealed record PurgeScopeManifest(
    PurgeScopeRequest Request,
    IReadOnlyList<PurgeFinding> Findings,
    DateTimeOffset GeneratedAt,
    string Selection,
    long Batches,
    IReadOnlyList<PurgeDatasetRow> Datasets,
    IReadOnlyList<ExportedFile> Files,
    string Software,
    string SoftwareVersion);
