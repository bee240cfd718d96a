namespace Audit.Reports.Models;

/// <summary>
/// Counsel's scope for a lineage export; null members mean "not restricted". <see cref="RequestedBy"/>: who asked
/// (the signed-in user or key and its role, or the name given with `--by` and the operating-system user).
/// </summary>
public sealed record LineageExportRequest(
    string MatterId,
    IReadOnlyList<string> WorkerIds,
    string? Dataset,
    string? Model,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? RequestedBy = null);

/// <summary>
/// What the export rests on, printed in every file and in the manifest: the scan whose findings the <c>findings</c>
/// column names (null when no scan was made yet), that scan's as-of day, and the day of the data the rows were read on.
/// </summary>
public sealed record LineageExportBasis(long? ScanId, DateOnly? ScanAsOf, DateOnly DataAsOf, string FindingsSelection);

/// <summary>One batch of one worker along one lineage path, with the consent state at capture time.</summary>
public sealed record LineageExportRow(
    string WorkerId,
    string BatchId,
    string Tool,
    string ConfigVersion,
    DateTimeOffset CapturedFrom,
    DateTimeOffset CapturedTo,
    int ActiveMinutes,
    long EventCount,
    string Country,
    string? Subdivision,
    string OriginDataset,
    string Path,
    string SinkDataset,
    string SinkKind,
    bool SinkCommercial,
    DateTimeOffset? ReachedTrainingAt,
    string? AcknowledgedNoticeVersion,
    bool AiTrainingConsent,
    bool OptedOut,
    string? OptOutScope,
    string? AcknowledgedNoticeTextSha256 = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? AiTrainingConsentAt = null,
    DateTimeOffset? OptedOutAt = null,
    IReadOnlyList<string>? Findings = null);

/// <summary>
/// What the export writer produced; the same content is written to manifest.json. <see cref="Note"/> says in
/// words when the scope legitimately matched nothing, so an empty export is never mistaken for a failed one.
/// </summary>
public sealed record LineageExportManifest(
    LineageExportRequest Request,
    DateTimeOffset GeneratedAt,
    long RowCount,
    IReadOnlyList<ExportedFile> Files,
    string Software,
    string SoftwareVersion,
    string? Note = null,
    LineageExportBasis? Basis = null,
    string? FirstRowId = null,
    string? LastRowId = null)
{
    public const string NothingMatched = "Nothing in the data matches this request's scope: the files hold the header row only.";
}

public sealed record ExportedFile(string FileName, string Sha256, long Bytes, long? Rows, int? Sheets);
