using Audit.Service.Data;
using Dapper;

namespace Audit.Service.Reporting;

/// <summary>A report run as the API and the pages list it: its period, outcome and the files it left.</summary>
public sealed record ReportInfo(long ReportId, string Kind, string Period, DateTime RequestedAt, DateTime? FinishedAt, string Status, string? Error, IReadOnlyList<string> Files);

/// <summary>A report run with the folder its files were written to (never shown to a caller).</summary>
public sealed record ReportRun(ReportInfo Info, string? OutputPath);

/// <summary>
/// The report runs <see cref="ReportService"/> records, read back for the API and the pages: they never touch SQL
/// themselves (tests/Audit.Service.Tests/Architecture keeps it so).
/// </summary>
public sealed class ReportRuns(Database database)
{
    public const string Monthly = "monthly";
    public const string Board = "board";

    /// <summary>The runs of one kind, newest first.</summary>
    public async Task<IReadOnlyList<ReportInfo>> ListAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportRunRow>(new CommandDefinition(database.Sql["ReportRun_ListByKind"], new { Kind = kind }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    /// <summary>One run by id, or null when there is none.</summary>
    public async Task<ReportRun?> FindAsync(long reportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRunRow>(new CommandDefinition(database.Sql["ReportRun_GetById"], new { ReportId = reportId }, cancellationToken: cancellationToken));
        return row is null ? null : new ReportRun(row.ToInfo(), row.OutputPath);
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

        public ReportInfo ToInfo() => new(ReportId, Kind, Period, RequestedAt, FinishedAt, Status, Error, Status == "succeeded" ? OutputFiles.FilesIn(OutputPath) : []);
    }
}
