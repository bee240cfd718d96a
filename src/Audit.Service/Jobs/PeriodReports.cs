using Audit.Reports.Models;
using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Scanning;

namespace Audit.Service.Jobs;

/// <summary>
/// The one place the jobs ask for a report. A scheduled report stands on the scan judged as of its period's
/// last day; when the nightly scan for that day did not run (the service was down), the job runs that scan
/// first, in the open, rather than failing the report for a missing scan.
/// </summary>
public sealed class PeriodReports(ScanHistory history, Scanner scanner, ReportService reports)
{
    public async Task<IReadOnlyList<string>> MonthlyAsync(YearMonth month, CancellationToken cancellationToken)
    {
        await ScanIfMissingAsync(month.LastDay, cancellationToken);
        return (await reports.MonthlyAsync(month, progress: null, cancellationToken)).Paths;
    }

    public async Task<IReadOnlyList<string>> BoardAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        await ScanIfMissingAsync(quarter.LastDay, cancellationToken);
        return (await reports.BoardAsync(quarter, progress: null, cancellationToken)).Paths;
    }

    public async Task<IReadOnlyList<string>> LineageExportAsync(LineageExportRequest request, CancellationToken cancellationToken) =>
        (await reports.ExportLineageAsync(request, progress: null, cancellationToken)).Files.Paths;

    private async Task ScanIfMissingAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        if (!(await history.ListAsync(cancellationToken)).Any(s => s.AsOf == asOf))
        {
            await scanner.ScanAsync(asOf, progress: null, cancellationToken);
        }
    }
}
