using Audit.Service.Reporting;
using Audit.Service.Security;
using Audit.Service.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>
/// Reports under /api/v1/reports: monthly compliance reports (compliance, admin) and board summaries (board,
/// compliance, admin), listed and downloaded; each download is in the audit log with its SHA-256.
/// </summary>
public static class ReportsApi
{
    public const string Monthly = ReportRuns.Monthly;
    public const string Board = ReportRuns.Board;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var monthly = api.MapGroup("/reports/monthly").RequireAuthorization(Policies.Compliance).WithTags("Reports");
        monthly.MapGet("/", (ReportRuns runs, CancellationToken ct) => ListAsync(runs, Monthly, ct)).WithSummary("Monthly compliance reports, newest first.");
        monthly.MapGet("/{reportId:long}/files/{fileName}", (HttpContext c, ReportRuns runs, AuditTrail t, long reportId, string fileName, CancellationToken ct) => DownloadAsync(c, runs, t, Monthly, reportId, fileName, ct))
            .WithSummary("Download a monthly report's PDF or workbook.");

        var board = api.MapGroup("/reports/board").RequireAuthorization(Policies.BoardSummaries).WithTags("Reports");
        board.MapGet("/", (ReportRuns runs, CancellationToken ct) => ListAsync(runs, Board, ct)).WithSummary("Quarterly board summaries, newest first.");
        board.MapGet("/{reportId:long}/files/{fileName}", (HttpContext c, ReportRuns runs, AuditTrail t, long reportId, string fileName, CancellationToken ct) => DownloadAsync(c, runs, t, Board, reportId, fileName, ct))
            .WithSummary("Download a board summary.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ReportInfo>>> ListAsync(ReportRuns runs, string kind, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.ListAsync(kind, cancellationToken));

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        HttpContext context, ReportRuns runs, AuditTrail trail, string kind, long reportId, string fileName, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(reportId, cancellationToken);

        // A board member asking for a monthly report's id under /board finds nothing: kinds never cross.
        if (run is null || run.Info.Kind != kind || OutputFiles.Resolve(run.OutputPath, fileName) is not { } path)
        {
            return TypedResults.Problem($"No {kind} report {reportId} with a file '{fileName}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return await Downloads.ServeAsync(context, trail, path, $"{kind} report {run.Info.Period}: {fileName}", cancellationToken);
    }
}
