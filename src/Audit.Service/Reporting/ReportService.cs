using System.Globalization;
using System.Text.Json;
using Audit.Reports.Export;
using Audit.Reports.Models;
using Audit.Reports.Pdf;
using Audit.Reports.Wording;
using Audit.Reports.Xlsx;
using Audit.Service.Configuration;
using Audit.Service.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Audit.Service.Reporting;

public sealed record ReportFiles(IReadOnlyList<string> Paths);

/// <summary>
/// Builds report models and hands them to the renderers in src/Reports, writing files under the output
/// folder and recording each run. Files are written to a temporary name and moved into place, so a failed
/// run never leaves a half-written report where a user would pick it up.
/// </summary>
public sealed class ReportService(
    Database database,
    MonthlyReportBuilder monthly,
    BoardSummaryBuilder board,
    LineageExportBuilder lineage,
    HeldBatches heldBatches,
    Records.ScanHistory history,
    AuditLog auditLog,
    IOptions<AuditOptions> options)
{
    public const string FindingsSelection = "The findings live in the newest scan, each naming the batches the rules hold for it: the rules run again over the data as it "
        + "stood on that scan's as-of day, on the batches of the workers in scope, so the batches a finding names here are as many as that scan counted for it "
        + "(unless an import since changed the data of that day). A batch captured after that day is evidence for no finding yet.";

    public const string ReportTextFile = "report-text.json";

    public async Task<ReportFiles> MonthlyAsync(YearMonth period, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var folder = Folder("monthly", period.ToString());
        return await RecordAsync("monthly", period.ToString(), folder, async () =>
        {
            var model = await monthly.BuildAsync(period, await TextAsync(cancellationToken), progress, cancellationToken);
            return ReportFolder.Write(options.Value.OutputPath, folder,
            [
                ($"compliance-report-{period}.pdf", stream => MonthlyReportPdf.Render(model, stream)),
                ($"compliance-report-{period}.xlsx", stream => MonthlyWorkbookWriter.Write(model, stream)),
            ], file => progress?.Report(file.EndsWith(".pdf", StringComparison.Ordinal) ? "rendering the PDF" : "writing the workbook"));
        });
    }

    public async Task<ReportFiles> BoardAsync(Quarter quarter, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var folder = Folder("board", quarter.ToString());
        return await RecordAsync("board", quarter.ToString(), folder, async () =>
        {
            var model = await board.BuildAsync(quarter, await TextAsync(cancellationToken), progress, cancellationToken);
            return ReportFolder.Write(options.Value.OutputPath, folder, [($"board-summary-{quarter}.pdf", stream => BoardSummaryPdf.Render(model, stream))]);
        });
    }

    public async Task<(ReportFiles Files, LineageExportManifest Manifest)> ExportLineageAsync(LineageExportRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report("reading lineage and consent records");
        var (snapshot, graph) = await lineage.PrepareAsync(DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken);
        LineageExportBuilder.CheckScope(request, snapshot);

        progress?.Report("asking the rules which findings each batch is evidence for");
        var (basis, findingsByBatch) = await FindingsByBatchAsync(request, snapshot.AsOf, cancellationToken);

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var matterFolder = Path.GetFullPath(Path.Combine(options.Value.OutputPath, "exports", Safe(request.MatterId)));
        var requestedAt = DateTime.UtcNow;
        var scope = JsonSerializer.Serialize(request);
        try
        {
            progress?.Report("writing rows");

            // Rows stream from the database into the files; the manifest is written last, so a folder without one
            // is incomplete. The staging folder is this run's alone, so two exports of one matter never share it.
            var staging = Path.Combine(matterFolder, $"{stamp}.{Guid.NewGuid():N}.partial");
            Directory.CreateDirectory(staging);
            var manifest = new LineageExportWriter().Write(request, basis, lineage.Rows(request, snapshot, graph, findingsByBatch), staging);
            var folder = OutputFiles.MoveToFreeName(staging, Path.Combine(matterFolder, stamp));
            var paths = manifest.Files.Select(f => Path.Combine(folder, f.FileName)).Append(Path.Combine(folder, LineageExportWriter.ManifestFileName)).ToList();
            // The manifest names every file's SHA-256; the audit entry holds the manifest's own, so the whole set is
            // pinned by one hash in the append-only log.
            var manifestSha = LineageExportWriter.Sha256Of(Path.Combine(folder, LineageExportWriter.ManifestFileName));
            await RecordExportAsync(request, scope, requestedAt, "succeeded", folder, null, cancellationToken, $"{manifest.RowCount} rows; manifest.json SHA-256 in this entry", manifestSha);
            return (new ReportFiles(paths), manifest);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordExportAsync(request, scope, requestedAt, "failed", null, ex.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The newest scan and, per batch in scope, the findings of it the batch is evidence for (<see cref="FindingsSelection"/>).</summary>
    private async Task<(LineageExportBasis Basis, IReadOnlyDictionary<string, IReadOnlyList<string>> ByBatch)> FindingsByBatchAsync(LineageExportRequest request, DateOnly dataAsOf, CancellationToken cancellationToken)
    {
        var scans = await history.ListAsync(cancellationToken);
        if (scans.Count == 0)
        {
            return (new LineageExportBasis(null, null, dataAsOf, "No scan has been made: the findings column is empty."), new Dictionary<string, IReadOnlyList<string>>());
        }

        var scan = scans[^1];
        var live = (await history.FindingsAsync(scan.ScanId, cancellationToken)).Where(f => !f.IsResolvedHere).Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
        var workers = request.WorkerIds.Count == 0 ? null : request.WorkerIds.ToHashSet(StringComparer.Ordinal);
        var byBatch = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (finding, batches) in await heldBatches.ByFindingAsync(scan.AsOf, workers, cancellationToken))
        {
            if (!live.Contains(finding))
            {
                continue;
            }

            foreach (var (batchId, _) in batches)
            {
                if (!byBatch.TryGetValue(batchId, out var keys))
                {
                    byBatch[batchId] = keys = [];
                }

                keys.Add(finding);
            }
        }

        return (new LineageExportBasis(scan.ScanId, scan.AsOf, dataAsOf, FindingsSelection),
            byBatch.ToDictionary(b => b.Key, b => (IReadOnlyList<string>)b.Value.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal));
    }

    private async Task RecordExportAsync(LineageExportRequest request, string scope, DateTime requestedAt, string status, string? outputPath, string? error, CancellationToken cancellationToken, string? summary = null, string? manifestSha256 = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(database.Sql["ExportRequest_Insert"], new
        {
            request.MatterId,
            Scope = scope,
            RequestedBy = AuditLog.Actor,
            RequestedAt = requestedAt,
            FinishedAt = DateTime.UtcNow,
            Status = status,
            OutputPath = outputPath,
            Error = error,
        });
        await auditLog.AppendAsync(connection, null, new AuditEntry(AuditLog.Actor, null, "export", request.MatterId,
            $"{status}: {outputPath ?? error}{(summary is null ? string.Empty : "; " + summary)}", Sha256: manifestSha256));
    }

    private async Task<ReportFiles> RecordAsync(string kind, string period, string folder, Func<Task<List<string>>> work)
    {
        var requestedAt = DateTime.UtcNow;
        List<string>? paths = null;
        string? error = null;
        try
        {
            paths = await work();
            return new ReportFiles(paths);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message;
            throw;
        }
        finally
        {
            await using var connection = await database.OpenAsync();
            await connection.ExecuteAsync(database.Sql["ReportRun_Insert"], new
            {
                Kind = kind,
                Period = period,
                RequestedAt = requestedAt,
                FinishedAt = DateTime.UtcNow,
                Status = error is null ? "succeeded" : "failed",
                OutputPath = error is null ? folder : null,
                Error = error,
            });
        }
    }

    /// <summary>The board summary's model for a quarter, exactly as its PDF is made (the board page shows its figures).</summary>
    public async Task<BoardSummary> BoardModelAsync(Quarter quarter, CancellationToken cancellationToken = default) =>
        await board.BuildAsync(quarter, await TextAsync(cancellationToken), null, cancellationToken);

    private async Task<ReportText> TextAsync(CancellationToken cancellationToken) =>
        await ReportText.LoadAsync(Templates.Resolve(options.Value.TemplatesPath, ReportTextFile), cancellationToken);

    /// <summary>Where a report's folder is; <see cref="ReportFolder"/> makes it when the files are complete.</summary>
    private string Folder(string kind, string name) => Path.GetFullPath(Path.Combine(options.Value.OutputPath, kind, name));

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
