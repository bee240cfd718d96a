using System.Text;
using System.Xml.Linq;
using Audit.Reports.Xlsx;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Audit.Reports.Tests;

public class XlsxXmlWriterTests
{
    private static string Written(Action<XlsxXmlWriter> write, int bufferSize = 256)
    {
        using var stream = new MemoryStream();
        var writer = new XlsxXmlWriter(stream, bufferSize);
        write(writer);
        writer.Flush();
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(stream.ToArray());
    }

    [Theory]
    [InlineData("plain text, \"quoted\" 'too'", "plain text, \"quoted\" 'too'")]
    [InlineData("a & b <c> d", "a &amp; b &lt;c&gt; d")]
    [InlineData("tab\tand\nnewline", "tab\tand\nnewline")]
    [InlineData("crlf\r\nand cr\rend", "crlf\nand cr\nend")]
    [InlineData("bell\u0007 nul\0 esc\u001B", "bell nul esc")]
    [InlineData("Grüße, 東京, \U0001F600", "Grüße, 東京, \U0001F600")]
    [InlineData("del \u007F and nbsp \u00A0", "del \u007F and nbsp \u00A0")]
    public void Text_EscapesMarkupAndDropsWhatXmlCannotCarry(string text, string expected) =>
        Assert.Equal(expected, Written(w => w.Text(text)));

    [Fact]
    public void Text_DropsUnpairedSurrogatesAndNonCharacters()
    {
        // Built in code: attribute data cannot carry an unpaired surrogate.
        var text = "lone " + '\uD800' + " high, lone " + '\uDC00' + " low, " + '\uFFFE' + '\uFFFF' + "pair " + '\uD83D' + '\uDE00';
        Assert.Equal("lone  high, lone  low, pair \U0001F600", Written(w => w.Text(text)));
    }

    [Fact]
    public void Text_LongerThanTheBuffer_IsWrittenWhole()
    {
        var text = string.Concat(Enumerable.Repeat("abc & é \U0001F600 ", 500));
        var written = Written(w => w.Text(text));

        Assert.Equal(text.Replace("&", "&amp;", StringComparison.Ordinal), written);
        Assert.Equal(text, XElement.Parse("<t>" + written + "</t>").Value);
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(120_000d, "120000")]
    [InlineData(46027.333333333336, "46027.333333333336")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1e21, "1E+21")]
    public void Number_IsInvariantShortestRoundTrip(double value, string expected) =>
        Assert.Equal(expected, Written(w => w.Number(value)));

    [Fact]
    public void StreamedCells_HoldAwkwardTextAndStayValid()
    {
        var awkward = "a & b <c> \"d\"\r\ne\u0001f \U0001F600 \uD800";
        var longText = new string('x', 40_000);
        using var stream = new MemoryStream();
        using (var xlsx = new XlsxStreamWriter(stream, maxRowsPerSheet: 3))
        {
            var sheet = xlsx.AddSheet("Data & <more>", [new XlsxColumn("Text", 20), new XlsxColumn("Number", 8.43)], autoFilter: true);
            sheet.WriteRow(XlsxCell.Of(awkward), XlsxCell.Count(7));
            sheet.WriteRow(XlsxCell.Of(longText), XlsxCell.Decimal(0.1m));
            sheet.WriteRow(XlsxCell.Empty, XlsxCell.Of((string?)null, XlsxStyle.Bold));
            xlsx.Finish();
        }

        stream.Position = 0;
        using (var doc = SpreadsheetDocument.Open(stream, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        }

        stream.Position = 0;
        using var wb = new XLWorkbook(stream);
        var first = wb.Worksheet("Data & <more>");
        Assert.Equal("a & b <c> \"d\"\nef \U0001F600 ", first.Cell(2, 1).GetString());
        Assert.Equal(7, first.Cell(2, 2).GetValue<int>());
        Assert.Equal(32_767, first.Cell(3, 1).GetString().Length);
        Assert.Equal(0.1, first.Cell(3, 2).GetDouble());
        var second = wb.Worksheet("Data & <more> (2)");
        Assert.True(second.Cell(2, 1).IsEmpty());
        Assert.True(second.Cell(2, 2).Style.Font.Bold);
        Assert.Equal("A1:B2", second.AutoFilter.Range.RangeAddress.ToString());
    }
}
