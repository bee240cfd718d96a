using Audit.Reports.Export;
using Audit.Reports.Models;
using Audit.Reports.Pdf;
using Audit.Reports.Wording;
using Audit.Reports.Xlsx;

namespace Audit.Reports.Tests;

/// <summary>
/// Writes the sample reports to AUDIT_REPORTS_SAMPLE_DIR for a human to look at (pdftoppm, qpdf --check, soffice --convert-to).
/// Does nothing when the variable is unset, so normal runs leave no files behind.
/// </summary>
public class SampleOutput
{
    [Fact]
    public async Task WriteSamples_WhenDirectoryGiven()
    {
        var dir = Environment.GetEnvironmentVariable("AUDIT_REPORTS_SAMPLE_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var text = await ReportText.LoadAsync(ReportTextTests.TemplatePath());
        var sample = Samples.Monthly(findingCount: 30);
        sample = sample with
        {
            Rules = [.. sample.Rules.Select(r => r with { Intro = text.Intro(r.Code), Remediation = text.Remediation(r.Code) })],
            Appendix = sample.Appendix with { MethodText = text.Method },
        };
        using (var monthly = File.Create(Path.Combine(dir, "monthly.pdf")))
        {
            MonthlyReportPdf.Render(sample, monthly);
        }

        using (var board = File.Create(Path.Combine(dir, "board.pdf")))
        {
            BoardSummaryPdf.Render(Samples.Board(), board);
        }

        using (var workbook = File.Create(Path.Combine(dir, "monthly.xlsx")))
        {
            MonthlyWorkbookWriter.Write(Samples.Monthly(findingCount: 30, bigRows: 200), workbook);
        }

        var request = new LineageExportRequest("M-2026-014", ["W-7317"], "atlas-train", "atlas-cua-2",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero));
        new LineageExportWriter().Write(request, Enumerable.Range(0, 200).Select(Samples.ExportRow), Path.Combine(dir, "lineage"));
    }
}
