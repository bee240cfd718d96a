using Audit.Service.Records;
using Audit.Service.Reporting;
using Audit.Service.Scanning;

namespace Audit.Service.Cli;

/// <summary>
/// Reports read scan records and never scan behind the caller's back: without a scan of the period's last day the
/// report is refused with what to run, unless the caller asked for the scan (--scan-if-missing).
/// </summary>
internal static class ReportScans
{
    /// <summary>EX_NOINPUT (sysexits.h): the input the command needs does not exist.</summary>
    public const int NoScanExitCode = 66;

    public static async Task<bool> EnsureAsync(ScanHistory history, Scanner scanner, DateOnly asOf, bool scanIfMissing, CancellationToken cancellationToken)
    {
        if (await history.HasScanAsync(asOf, cancellationToken))
        {
            return true;
        }

        if (!scanIfMissing)
        {
            await Console.Error.WriteLineAsync($"audit: {new NoScanException(asOf).Message}");
            return false;
        }

        var result = await CliApp.WithProgressAsync($"scan as of {asOf:yyyy-MM-dd}", progress => scanner.ScanAsync(asOf, progress, cancellationToken));
        Console.WriteLine($"Scanned as of {asOf:yyyy-MM-dd} (scan {result.ScanId}).");
        return true;
    }
}
