using Audit.Reports.Models;
using Audit.Reports.Xlsx;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Audit.Reports.Tests;

public class WorkbookTests
{
    /// <summary>Money cells: numbers with a currency-free format; the currency is in the header (issue 15).</summary>
    private const string Money = "#,##0.00";

    private static MemoryStream Bytes(MonthlyReport report, int maxRows = XlsxStreamWriter.ExcelMaxRows)
    {
        var stream = new MemoryStream();
        MonthlyWorkbookWriter.Write(report, stream, maxRows);
        stream.Position = 0;
        return stream;
    }

    private static XLWorkbook Render(MonthlyReport report, int maxRows = XlsxStreamWriter.ExcelMaxRows) =>
        new(Bytes(report, maxRows));

    [Fact]
    public void Remediation_EveryOptionARow_RecommendedMarked_MoneyAsNumbers_WithHowToReadIt()
    {
        var report = Samples.Monthly();

        using var wb = Render(report);

        var ws = wb.Worksheet("Remediation");
        var headers = Enumerable.Range(1, 19).Select(c => ws.Cell(1, c).GetString()).ToList();
        Assert.Equal(["Finding key", "Rule", "Severity"], headers.Take(3));
        Assert.Contains("Cost low (USD)", headers);
        Assert.Contains("Exposure after high (USD)", headers);
        var rows = report.Appendix.Remediation!;
        Assert.Equal(rows.Count, Enumerable.Range(2, rows.Count).Count(r => ws.Cell(r, 1).GetString().Length > 0));
        Assert.Equal("yes", ws.Cell(2, 8).GetString());
        Assert.Equal(string.Empty, ws.Cell(3, 8).GetString());
        Assert.Equal(XLDataType.Number, ws.Cell(2, headers.IndexOf("Cost low (USD)") + 1).DataType);
        Assert.Equal(rows[0].CostLow, ws.Cell(2, headers.IndexOf("Cost low (USD)") + 1).GetValue<decimal>());
        Assert.Equal(0m, ws.Cell(2, headers.IndexOf("Exposure after high (USD)") + 1).GetValue<decimal>());
        Assert.Equal(90d, ws.Cell(2, headers.IndexOf("Within (days of the data date)") + 1).GetDouble());
        Assert.Contains("past conduct stays", ws.Cell(rows.Count + 2, 1).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SampleReport_HasSheetsInOrder()
    {
        using var wb = Render(Samples.Monthly());

        Assert.Equal(
            ["Summary", "Trend", "Findings", "Inventory", "Consent gaps", "Lineage paths", "Compensation", "Remediation", "Exposure assumptions", "Notices"],
            wb.Worksheets.Select(w => w.Name).ToArray());
    }

    [Fact]
    public void ExposureByTheory_ASheetBeforeTheAssumptions_RowsTotalAndWhyTheFindingsAddUpToMore()
    {
        var sample = Samples.Monthly();
        var breakdown = new ExposureBreakdown(
            [
                new ExposureTheoryRow("GDPR-83-5", "EU/EEA", "turnover_cap", 1, 5_000_000m, 200_000_000m, Confidence.A, false, ["R1:dataset:raw", "R2:program:mci"]),
                new ExposureTheoryRow("GDPR-83-4", "EU/EEA", "turnover_cap", 1, 0m, 0m, Confidence.A, true, ["R8:config:dlp/1.0"]),
                new ExposureTheoryRow("WAGE-UNCOMP", "ANY", "replacement_value", 400, 400m, 1_200m, Confidence.C, false, ["R7:model:agent"]),
            ],
            5_000_400m, 200_001_200m, 12_500_400m, 500_001_200m);
        using var wb = Render(sample with { Appendix = sample.Appendix with { ExposureByTheory = breakdown } });

        var names = wb.Worksheets.Select(w => w.Name).ToList();
        Assert.Equal(names.IndexOf("Exposure assumptions") - 1, names.IndexOf("Exposure by theory"));
        var ws = wb.Worksheet("Exposure by theory");
        Assert.Equal(["Theory", "Jurisdiction", "Unit", "Units", "Low (USD)", "High (USD)", "Confidence", "Capped", "Findings"], Enumerable.Range(1, 9).Select(c => ws.Cell(1, c).GetString()));
        Assert.Equal(("GDPR-83-4", "capped", 0d), (ws.Cell(3, 1).GetString(), ws.Cell(3, 8).GetString(), ws.Cell(3, 6).GetDouble()));
        Assert.Equal("C", ws.Cell(4, 7).GetString());
        Assert.Equal("R1:dataset:raw\nR2:program:mci", ws.Cell(2, 9).GetString());
        Assert.Equal(("Total", 200_001_200d), (ws.Cell(5, 1).GetString(), ws.Cell(5, 6).GetDouble()));
        Assert.Equal(500_001_200d, ws.Cell(6, 6).GetDouble());
        Assert.StartsWith("The findings' own figures add up to USD 12,500,400 - USD 500,001,200; the total is USD 5,000,400 - USD 200,001,200.", ws.Cell(7, 1).GetString(), StringComparison.Ordinal);
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
        Assert.Equal(Money, ws.Cell(2, 13).Style.NumberFormat.Format);
        Assert.Equal(3, ws.Cell(2, 7).Style.NumberFormat.NumberFormatId); // #,##0
    }

    [Fact]
    public void Headers_AreBoldAndShaded_OnBuiltAndStreamedSheets()
    {
        using var wb = Render(Samples.Monthly());

        foreach (var name in new[] { "Summary", "Findings", "Inventory", "Compensation", "Exposure assumptions" })
        {
            var header = wb.Worksheet(name).Cell(1, 1);
            Assert.True(header.Style.Font.Bold, name);
            Assert.Equal("FFD9E1F2", header.Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, wb.Worksheet(name).SheetView.SplitRow);
        }

        Assert.False(wb.Worksheet("Findings").Cell(2, 1).Style.Font.Bold);
    }

    [Fact]
    public void Inventory_IsBuiltWithFilterFrozenHeaderDatesAndWrappedText()
    {
        var report = Samples.Monthly();
        using var wb = Render(report);
        var ws = wb.Worksheet("Inventory");

        Assert.Equal(
            ["Tool", "Config version", "Program", "Capabilities", "Purposes", "Countries included",
             "Countries excluded", "Effective from", "Effective to", "Workers", "Trajectory-grade"],
            Enumerable.Range(1, 11).Select(c => ws.Cell(1, c).GetString()).ToArray());
        Assert.True(ws.AutoFilter.IsEnabled);
        Assert.Equal("A1:K4", ws.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(1, ws.SheetView.SplitRow);
        Assert.Equal(40, ws.Column(4).Width, 1);

        Assert.Equal(XLDataType.DateTime, ws.Cell(3, 8).DataType);
        Assert.Equal(new DateTime(2025, 9, 1), ws.Cell(3, 8).GetDateTime());
        Assert.Equal("yyyy-mm-dd", ws.Cell(3, 8).Style.NumberFormat.Format);
        Assert.True(ws.Cell(2, 9).IsEmpty()); // still in effect
        Assert.Equal(XLDataType.Number, ws.Cell(2, 10).DataType);
        Assert.Equal(812, ws.Cell(2, 10).GetValue<int>());
        Assert.Equal(XLDataType.Text, ws.Cell(2, 2).DataType); // "v4.2" stays text
        Assert.True(ws.Cell(2, 4).Style.Alignment.WrapText);
        Assert.True(ws.Cell(2, 3).IsEmpty());
        Assert.True(ws.Row(3).Height >= 45, $"row 3 is {ws.Row(3).Height} high for three lines of capabilities");
    }

    [Theory]
    [InlineData("short", 20, 1)]
    [InlineData("An estimate to support counsel, not legal advice.", 45, 2)]
    [InlineData("one two\nthree", 40, 2)]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, 3)]
    public void WrappedLines_EstimatesGreedyWrap(string text, double width, int expected) =>
        Assert.Equal(expected, MonthlyWorkbookWriter.WrappedLines(text, width));

    [Fact]
    public void ExposureAssumptions_MoneyIsCurrencyFreeWithEachRowsCurrencyInItsOwnColumn()
    {
        using var wb = Render(Samples.Monthly());
        var ws = wb.Worksheet("Exposure assumptions");

        Assert.Equal("Theory", ws.Cell(1, 1).GetString());
        Assert.True(ws.AutoFilter.IsEnabled);
        Assert.Equal(XLDataType.Number, ws.Cell(2, 7).DataType);
        Assert.Equal(5_000d, ws.Cell(2, 7).GetDouble());
        Assert.Equal(Money, ws.Cell(2, 7).Style.NumberFormat.Format);
        Assert.Equal(Money, ws.Cell(3, 7).Style.NumberFormat.Format);
        Assert.Equal("Currency", ws.Cell(1, 8).GetString());
        Assert.Equal("EUR", ws.Cell(3, 8).GetString());
        Assert.True(ws.Cell(2, 9).Style.Alignment.WrapText);
    }

    [Fact]
    public void ExposureAssumptions_CarryEachTheorysPrimarySourcePinpointAndVerification()
    {
        var sample = Samples.Monthly();
        var source = new LegalSource("740 ILCS 14; ilga.gov", "740 ILCS 14/20(a)(1)", new DateOnly(2024, 11, 30), "R. Okafor, counsel");
        var report = sample with { Appendix = sample.Appendix with { ExposureAssumptions = [sample.Appendix.ExposureAssumptions[0] with { Source = source }, sample.Appendix.ExposureAssumptions[1]] } };
        using var wb = Render(report);
        var ws = wb.Worksheet("Exposure assumptions");

        Assert.Equal(["Primary source", "Pinpoint", "Verified on", "Verified by"], Enumerable.Range(12, 4).Select(c => ws.Cell(1, c).GetString()));
        Assert.Equal("740 ILCS 14; ilga.gov", ws.Cell(2, 12).GetString());
        Assert.Equal("740 ILCS 14/20(a)(1)", ws.Cell(2, 13).GetString());
        Assert.Equal(new DateTime(2024, 11, 30), ws.Cell(2, 14).GetDateTime());
        Assert.StartsWith("R. Okafor, counsel (re-verify", ws.Cell(2, 15).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("not recorded", ws.Cell(3, 12).GetString(), StringComparison.Ordinal);
        Assert.True(ws.Cell(3, 14).IsEmpty());
    }

    [Fact]
    public void FindingsSheet_GivesEachFindingsOwnerDueDayAndDaysOpen_AndTheWholeEvidenceList()
    {
        var sample = Samples.Monthly();
        var facts = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"Fact number {i}."));
        var finding = Samples.Finding(1) with { Owner = "ciso@northwind", DueOn = new DateOnly(2026, 6, 14), DaysOpen = 12, Evidence = facts };
        using var wb = Render(sample with { AllFindings = [finding, Samples.Finding(2)] });
        var ws = wb.Worksheet("Findings");

        Assert.Equal(["Status note", "Owner", "Due", "Days open"], Enumerable.Range(15, 4).Select(c => ws.Cell(1, c).GetString()));
        Assert.Equal("ciso@northwind", ws.Cell(2, 16).GetString());
        Assert.Equal(new DateTime(2026, 6, 14), ws.Cell(2, 17).GetDateTime());
        Assert.Equal(12d, ws.Cell(2, 18).GetDouble());
        Assert.Equal(facts, ws.Cell(2, 8).GetString());
        Assert.True(ws.Cell(3, 16).IsEmpty() || ws.Cell(3, 16).GetString() == string.Empty);
        Assert.True(ws.Cell(3, 18).IsEmpty());
    }

    [Fact]
    public void MoneyCells_AreNumbersWithACurrencyFreeFormat_CurrencyNamedInTheHeader()
    {
        using var wb = Render(Samples.Monthly());
        var ws = wb.Worksheet("Compensation");

        Assert.Equal("Replacement value (USD)", ws.Cell(1, 5).GetString());
        var value = ws.Cell(2, 5);
        Assert.Equal(XLDataType.Number, value.DataType);
        Assert.Equal(Money, value.Style.NumberFormat.Format);
        Assert.DoesNotContain("USD", value.GetFormattedString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Package_PassesOpenXmlValidation()
    {
        using var stream = Bytes(Samples.Monthly(), maxRows: 10);
        using var doc = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Findings_HasAutoFilterAndFrozenHeader()
    {
        using var wb = Render(Samples.Monthly());
        var ws = wb.Worksheet("Findings");

        Assert.True(ws.AutoFilter.IsEnabled);
        Assert.Equal("A1:R31", ws.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(1, ws.SheetView.SplitRow);
        Assert.True(ws.Column(8).Width > 50);
        Assert.True(wb.Worksheet("Lineage paths").AutoFilter.IsEnabled);
        Assert.True(wb.Worksheet("Inventory").AutoFilter.IsEnabled);
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
        Assert.Equal(new DateTime(2026, 5, 31), ws.Cell(5, 2).GetDateTime());
        Assert.Equal("yyyy-mm-dd", ws.Cell(5, 2).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.DateTime, ws.Cell(3, 2).DataType);
        Assert.Equal("yyyy-mm", ws.Cell(3, 2).Style.NumberFormat.Format);
        Assert.Equal("Northwind Analytics GmbH", ws.Cell(2, 2).GetString());
        Assert.Equal(["Measure", "Value"], [ws.Cell(1, 1).GetString(), ws.Cell(1, 2).GetString()]);
        var critical = ws.Column(1).CellsUsed().Single(c => c.GetString() == "Open findings: Critical").CellRight();
        Assert.Equal(XLDataType.Number, critical.DataType);
        Assert.Equal(7, critical.GetValue<int>());
        var note = ws.Column(1).CellsUsed().Single(c => c.GetString() == "Note").CellRight();
        Assert.Equal(ReportConstants.Disclaimer, note.GetString());
        Assert.True(note.Style.Alignment.WrapText);
        var exposureHigh = ws.Column(1).CellsUsed().Single(c => c.GetString() == "Exposure high (USD)").CellRight();
        Assert.Equal(XLDataType.Number, exposureHigh.DataType);
        Assert.Equal(14_800_000d, exposureHigh.GetDouble());
        Assert.Equal(Money, exposureHigh.Style.NumberFormat.Format);
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
        Assert.Equal(
            ["Summary", "Trend", "Findings", "Findings (2)", "Findings (3)", "Findings (4)", "Inventory",
             "Consent gaps", "Consent gaps (2)", "Consent gaps (3)",
             "Lineage paths", "Lineage paths (2)", "Lineage paths (3)",
             "Compensation", "Compensation (2)", "Compensation (3)", "Remediation", "Exposure assumptions", "Notices"],
            wb.Worksheets.Select(w => w.Name).ToArray());
        Assert.True(third.AutoFilter.IsEnabled);
        Assert.Equal("A1:F8", third.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(1, third.SheetView.SplitRow);
    }

    [Fact]
    public void BigSheets_AreEnumeratedOnce()
    {
        var counter = new CountingEnumerable<LineagePathRow>(Samples.Monthly().LineagePaths);
        var report = Samples.Monthly() with { LineagePaths = counter };

        using var wb = Render(report);

        Assert.Equal(1, counter.Enumerations);
    }

    [Fact]
    public void Trend_OneRowPerMonthOfThePdfsTrend_CountsAndMoneyAsNumbers()
    {
        var report = Samples.Monthly();
        using var wb = Render(report);
        var ws = wb.Worksheet("Trend");

        Assert.Equal(["Month", "Open findings", "Critical", "High", "Medium", "Low", "Exposure low (USD)", "Exposure high (USD)"],
            ws.Row(1).CellsUsed().Select(c => c.GetString()).ToArray());
        Assert.Equal(report.Trend.Count + 1, ws.LastRowUsed().RowNumber());
        for (var i = 0; i < report.Trend.Count; i++)
        {
            var t = report.Trend[i];
            var row = ws.Row(i + 2);
            Assert.Equal(new DateTime(t.MonthEnd.Year, t.MonthEnd.Month, 1), row.Cell(1).GetDateTime());
            Assert.Equal("yyyy-mm", row.Cell(1).Style.NumberFormat.Format);
            Assert.Equal(t.Counts.Total, row.Cell(2).GetValue<int>());
            Assert.Equal(t.Counts.Critical, row.Cell(3).GetValue<int>());
            Assert.Equal(XLDataType.Number, row.Cell(7).DataType);
            Assert.Equal((double)t.ExposureHigh, row.Cell(8).GetDouble());
            Assert.Equal(Money, row.Cell(8).Style.NumberFormat.Format);
        }
    }

    [Fact]
    public void StreamedSheets_LongText_WrapsTopAlignedWithARowHeightThatFitsIt()
    {
        var long1 = string.Join(' ', Enumerable.Repeat("Evidence that runs on for a while.", 20));
        var report = Samples.Monthly(findingCount: 3);
        report = report with { AllFindings = [.. report.AllFindings.Select((f, i) => i == 0 ? f with { Evidence = long1 } : f with { Evidence = "short" })] };

        using var wb = Render(report);
        var ws = wb.Worksheet("Findings");

        var evidence = ws.Cell(2, 8);
        Assert.Equal(long1, evidence.GetString());
        Assert.True(evidence.Style.Alignment.WrapText);
        Assert.Equal(XLAlignmentVerticalValues.Top, evidence.Style.Alignment.Vertical);
        Assert.Equal(XLAlignmentVerticalValues.Top, ws.Cell(2, 9).Style.Alignment.Vertical);
        // 700 characters in a column 60 wide: about eleven lines of 15 points.
        var lines = MonthlyWorkbookWriter.WrappedLines(long1, ws.Column(8).Width);
        Assert.InRange(lines, 9, 13);
        Assert.Equal(lines * 15, ws.Row(2).Height, 1);
        Assert.True(ws.Row(3).Height < 40, $"a short row is {ws.Row(3).Height} high");
        // Headers wrap too, so "Exposure high (USD)" is not cut off in a narrow column.
        Assert.True(ws.Cell(1, 14).Style.Alignment.WrapText);
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
