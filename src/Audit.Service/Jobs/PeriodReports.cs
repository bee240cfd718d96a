using Audit.Reports.Models;
using Audit.Service.Reporting;

namespace Audit.Service.Jobs;

/// <summary>
/// The one place the jobs ask for a report. A scheduled report stands on the scan judged as of its period's
/// last day; when the nightly scan for that day did not run (the service was down), the report's scan is
/// made here first, so a scheduled report never fails for a missing scan.
/// </summary>
public sealed class PeriodReports(ScanHistory history, ReportService reports)
{
    public async Task<IReadOnlyList<string>> MonthlyAsync(YearMonth month, CancellationToken cancellationToken)
    {
        await history.EnsureScanAsync(month.LastDay, progress: null, cancellationToken);
        return (await reports.MonthlyAsync(month, progress: null, cancellationToken)).Paths;
    }

    public async Task<IReadOnlyList<string>> BoardAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        await history.EnsureScanAsync(quarter.LastDay, progress: null, cancellationToken);
        return (await reports.BoardAsync(quarter, progress: null, cancellationToken)).Paths;
    }

    public async Task<IReadOnlyList<string>> LineageExportAsync(LineageExportRequest request, CancellationToken cancellationToken) =>
        (await reports.ExportLineageAsync(request, progress: null, cancellationToken)).Files.Paths;
}
