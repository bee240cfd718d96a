using System.Diagnostics;
using Audit.Reports.Export;
using Audit.Reports.Models;
using Xunit.Abstractions;

namespace Audit.Reports.Tests;

/// <summary>
/// Opt-in throughput check for the lineage export: runs only with AUDIT_REPORTS_PERF=1 and prints rows/s. It
/// asserts nothing about time, since these machines are too noisy for that. Run it with
/// <c>AUDIT_REPORTS_PERF=1 dotnet test tests/Reports.Tests -c Release --filter LineageExportPerfTests
/// --logger "console;verbosity=detailed"</c>; AUDIT_REPORTS_PERF_ROWS changes the row count (500,000).
/// </summary>
public sealed class LineageExportPerfTests(ITestOutputHelper output)
{
    [PerfFact]
    public void Export_SyntheticRows_PrintsThroughput()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("AUDIT_REPORTS_PERF_ROWS"), out var n) ? n : 500_000;
        var directory = Path.Combine(Path.GetTempPath(), "audit-lineage-perf-" + Guid.NewGuid().ToString("N"));
        var request = new LineageExportRequest("M-PERF", ["W-7317"], "atlas-train", "atlas-cua-2",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var manifest = new LineageExportWriter().Write(request, Enumerable.Range(0, count).Select(Samples.ExportRow), directory);
            stopwatch.Stop();

            var seconds = stopwatch.Elapsed.TotalSeconds;
            output.WriteLine($"{count:N0} rows in {seconds:F2} s = {count / seconds:N0} rows/s; " +
                $"csv {manifest.Files[0].Bytes / 1e6:F1} MB, xlsx {manifest.Files[1].Bytes / 1e6:F1} MB, " +
                $"{manifest.Files[1].Sheets} sheet(s); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            Assert.Equal(count, manifest.RowCount);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>Runs only when AUDIT_REPORTS_PERF=1; otherwise shows as skipped with the reason, never as a silent pass.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PerfFactAttribute : FactAttribute
{
    public PerfFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AUDIT_REPORTS_PERF") != "1")
        {
            Skip = "throughput measurement: set AUDIT_REPORTS_PERF=1 to run";
        }
    }
}
