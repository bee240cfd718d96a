using Audit.Reports.Export;
using Audit.Reports.Xlsx;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Audit.Reports.Tests;

/// <summary>
/// Issue 15: the workbooks print like the PDFs. Read back from the package as a printer driver would: A4
/// (paperSize 9), landscape, fit to one page wide (fitToPage on, fitToWidth 1, fitToHeight 0 = as many pages
/// long as needed) and the header row repeated through a Print_Titles name, on every sheet, built or streamed.
/// </summary>
public sealed class WorkbookPrintSetupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audit-print-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void MonthlyWorkbook_EverySheetPrintsA4LandscapeOnePageWideWithHeaderRowRepeated()
    {
        using var stream = new MemoryStream();
        MonthlyWorkbookWriter.Write(Samples.Monthly(bigRows: 25), stream, 10);
        stream.Position = 0;

        var sheets = AssertPrintSetup(stream);

        // Built (Summary, Inventory, Exposure assumptions), streamed and continuation sheets all checked.
        Assert.Contains("Summary", sheets);
        Assert.Contains("Inventory", sheets);
        Assert.Contains("Findings", sheets);
        Assert.Contains("Findings (2)", sheets);
        Assert.Contains("Compensation", sheets);
    }

    [Fact]
    public void LineageExportWorkbook_EverySheetPrintsA4LandscapeOnePageWideWithHeaderRowRepeated()
    {
        var dir = Path.Combine(_root, "export");
        new LineageExportWriter(null, 10).Write(
            new("M-1", ["W-1"], "atlas-train", "atlas-cua-2",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero)),
            Enumerable.Range(0, 25).Select(Samples.ExportRow), dir);

        using var stream = File.OpenRead(Path.Combine(dir, "lineage.xlsx"));
        var sheets = AssertPrintSetup(stream);

        Assert.Equal(["Lineage", "Lineage (2)", "Lineage (3)", "About this export"], sheets);
    }

    private static List<string> AssertPrintSetup(Stream stream)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var workbook = doc.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var names = workbook.Workbook.DefinedNames?.Elements<DefinedName>().ToList() ?? [];
        var seen = new List<string>();
        for (var i = 0; i < sheets.Count; i++)
        {
            var name = sheets[i].Name!.Value!;
            seen.Add(name);
            var ws = ((WorksheetPart)workbook.GetPartById(sheets[i].Id!.Value!)).Worksheet;

            var setup = ws.GetFirstChild<PageSetup>();
            Assert.True(setup is not null, $"{name}: no pageSetup");
            Assert.Equal(9u, setup!.PaperSize?.Value);
            Assert.Equal(OrientationValues.Landscape, setup.Orientation?.Value);
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u);
            Assert.Equal(0u, setup.FitToHeight?.Value);
            Assert.True(ws.SheetProperties?.PageSetupProperties?.FitToPage?.Value == true, $"{name}: fitToPage is not on");

            var titles = names.SingleOrDefault(n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == (uint)i);
            Assert.True(titles is not null, $"{name}: no print titles");
            // ClosedXML writes Summary!1:1, the streamed sheets 'Findings'!$1:$1: the same rows.
            Assert.Equal(name + "!1:1", titles!.Text.Replace("$", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal));
        }

        return seen;
    }
}
