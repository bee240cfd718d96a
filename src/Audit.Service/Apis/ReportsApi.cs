using Audit.Service.Data;
using Audit.Service.Web;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Audit.Service.Apis;

/// <summary>A report run as the API lists it: its period, outcome and the files it left.</summary>
public sealed record ReportInfo(long ReportId, string Kind, string Period, DateTime RequestedAt, DateTime? FinishedAt, string Status, string? Error, IReadOnlyList<string> Files);

/// <summary>
/// Reports under /api/v1/reports: monthly compliance reports (compliance, admin) and board summaries (board,
/// compliance, admin), listed and downloaded; each download is in the audit log with its SHA-256.
/// </summary>
public static class ReportsApi
{
    public const string Monthly = "monthly";
    public const string Board = "board";

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var monthly = api.MapGroup("/reports/monthly").RequireAuthorization(Policies.Compliance).WithTags("Reports");
        monthly.MapGet("/", (Database db, CancellationToken ct) => ListAsync(db, Monthly, ct)).WithSummary("Monthly compliance reports, newest first.");
        monthly.MapGet("/{reportId:long}/files/{fileName}", (HttpContext c, Database db, AuditTrail t, long reportId, string fileName, CancellationToken ct) => DownloadAsync(c, db, t, Monthly, reportId, fileName, ct))
            .WithSummary("Download a monthly report's PDF or workbook.");

        var board = api.MapGroup("/reports/board").RequireAuthorization(Policies.BoardSummaries).WithTags("Reports");
        board.MapGet("/", (Database db, CancellationToken ct) => ListAsync(db, Board, ct)).WithSummary("Quarterly board summaries, newest first.");
        board.MapGet("/{reportId:long}/files/{fileName}", (HttpContext c, Database db, AuditTrail t, long reportId, string fileName, CancellationToken ct) => DownloadAsync(c, db, t, Board, reportId, fileName, ct))
            .WithSummary("Download a board summary.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ReportInfo>>> ListAsync(Database database, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportRunRow>(new CommandDefinition(database.Sql["ReportRun_ListByKind"], new { Kind = kind }, cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<ReportInfo>>(rows.Select(r => r.ToInfo()).ToList());
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        HttpContext context, Database database, AuditTrail trail, string kind, long reportId, string fileName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRunRow>(new CommandDefinition(database.Sql["ReportRun_GetById"], new { ReportId = reportId }, cancellationToken: cancellationToken));

        // A board member asking for a monthly report's id under /board finds nothing: kinds never cross.
        if (row is null || row.Kind != kind || Downloads.Resolve(row.OutputPath, fileName) is not { } path)
        {
            return TypedResults.Problem($"No {kind} report {reportId} with a file '{fileName}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return await Downloads.ServeAsync(context, trail, path, $"{kind} report {row.Period}: {fileName}", cancellationToken);
    }

    private sealed class ReportRunRow
    {
        public long ReportId { get; set; }

        public string Kind { get; set; } = string.Empty;

        public string Period { get; set; } = string.Empty;

        public DateTime RequestedAt { get; set; }

        public DateTime? FinishedAt { get; set; }

        public string Status { get; set; } = string.Empty;

        public string? OutputPath { get; set; }

        public string? Error { get; set; }

        public ReportInfo ToInfo() => new(ReportId, Kind, Period, RequestedAt, FinishedAt, Status, Error, Status == "succeeded" ? Downloads.FilesIn(OutputPath) : []);
    }
}
