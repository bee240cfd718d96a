using Audit.Reports.Models;
using Audit.Reports.Xlsx;
using ClosedXML.Excel;

namespace Audit.Reports.Tests;

public class WorkbookTests
{
    private static XLWorkbook Render(MonthlyReport report, int maxRows = XlsxStreamWriter.ExcelMaxRows)
    {
        var stream = new MemoryStream();
        MonthlyWorkbookWriter.Write(report, stream, maxRows);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    [Fact]
    public void Write_SampleReport_HasSheetsInOrder()
    {
        using var wb = Render(Samples.Monthly());

        Assert.Equal(
            ["Summary", "Findings", "Inventory", "Consent gaps", "Lineage paths", "Compensation", "Exposure assumptions"],
            wb.Worksheets.Select(w => w.Name).ToArray());
    }

    [Fact]
    public void Findings_HasEveryRowWithTypedCellsAndFormats()
    {
        var report = Samples.Monthly(findingCount: 30);
        using var wb = Render(report);
        var ws = wb.Worksheet("Findings");

        Assert.Equal("Finding key", ws.Cell(1, 1).GetString());
        Assert.Equal("Exposure high (USD)", ws.Cell(1, 14).GetString());
        Assert.Equal(31, ws.LastRowUsed().RowNumber());

        var first = report.AllFindings.First();
        Assert.Equal(first.FindingKey, ws.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Number, ws.Cell(2, 7).DataType);
        Assert.Equal(first.AffectedWorkers, ws.Cell(2, 7).GetValue<int>());
        Assert.Equal(XLDataType.DateTime, ws.Cell(2, 9).DataType);
        Assert.Equal(first.FirstSeen.ToDateTime(TimeOnly.MinValue), ws.Cell(2, 9).GetDateTime());
        Assert.Equal("yyyy-mm-dd", ws.Cell(2, 9).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, ws.Cell(2, 13).DataType);
        Assert.Equal((double)first.ExposureLow, ws.Cell(2, 13).GetDouble());
        Assert.Equal(4, ws.Cell(2, 13).Style.NumberFormat.NumberFormatId);
    }

    [Fact]
    public void Findings_HasAutoFilterAndFrozenHeader()
    {
        using var wb = Render(Samples.Monthly());
        var ws = wb.Worksheet("Findings");

        Assert.True(ws.AutoFilter.IsEnabled);
        Assert.Equal("A1:N31", ws.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(1, ws.SheetView.SplitRow);
        Assert.True(ws.Column(8).Width > 50);
    }

    [Fact]
    public void Summary_HoldsTypedValues()
    {
        var report = Samples.Monthly();
        using var wb = Render(report);
        var ws = wb.Worksheet("Summary");

        Assert.Equal(XLDataType.DateTime, ws.Cell(4, 2).DataType);
        Assert.Equal(report.GeneratedAt.UtcDateTime, ws.Cell(4, 2).GetDateTime());
        Assert.Equal("yyyy-mm-dd hh:mm", ws.Cell(4, 2).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.DateTime, ws.Cell(5, 2).DataType);
        var exposureHigh = ws.Column(1).CellsUsed().Single(c => c.GetString() == "Exposure high (USD)").CellRight();
        Assert.Equal(XLDataType.Number, exposureHigh.DataType);
        Assert.Equal(14_800_000d, exposureHigh.GetDouble());
    }

    [Fact]
    public void BigSheets_AtRowLimit_ContinueOnNumberedSheets()
    {
        // 10 rows per sheet = header + 9 data rows; 25 rows need three sheets.
        using var wb = Render(Samples.Monthly(bigRows: 25), maxRows: 10);

        Assert.True(wb.TryGetWorksheet("Lineage paths (3)", out var third));
        Assert.False(wb.TryGetWorksheet("Lineage paths (4)", out _));
        Assert.Equal("Origin dataset", third.Cell(1, 1).GetString());
        Assert.Equal(8, third.LastRowUsed().RowNumber()); // 25 - 9 - 9 = 7 data rows
        Assert.Equal(XLDataType.DateTime, third.Cell(2, 6).DataType);
        Assert.Equal(10, wb.Worksheet("Consent gaps (2)").LastRowUsed().RowNumber());
    }

    [Fact]
    public void BigSheets_AreEnumeratedOnce()
    {
        var counter = new CountingEnumerable<LineagePathRow>(Samples.Monthly().LineagePaths);
        var report = Samples.Monthly() with { LineagePaths = counter };

        using var wb = Render(report);

        Assert.Equal(1, counter.Enumerations);
    }
}

internal sealed class CountingEnumerable<T>(IEnumerable<T> inner) : IEnumerable<T>
{
    public int Enumerations { get; private set; }

    public IEnumerator<T> GetEnumerator()
    {
        Enumerations++;
        return inner.GetEnumerator();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
