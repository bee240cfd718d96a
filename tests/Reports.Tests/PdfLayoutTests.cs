using Audit.Reports.Models;
using Audit.Reports.Pdf;
using UglyToad.PdfPig.Content;
using PigDocument = UglyToad.PdfPig.PdfDocument;
using SharpDocument = PdfSharp.Pdf.PdfDocument;

namespace Audit.Reports.Tests;

/// <summary>Page layout: tables keep their header with a row, headers wrap between words, blocks stay whole.</summary>
public class PdfLayoutTests
{
    /// <summary>Body text sits above this (PDF user space, from the bottom edge); the footer sits below it.</summary>
    private const double FooterTop = 70;

    private static readonly TableColumn[] Columns =
    [
        new("Severity", 1), new("Subject and evidence", 4), new("Exposure (USD)", 1, CellAlign.Right),
    ];

    private static byte[] Save(SharpDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    [Fact]
    public void Table_HeaderAndFirstRowDoNotFit_StartsOnNextPage()
    {
        using var document = new SharpDocument();
        using (var l = new PdfLayout(document))
        {
            var tall = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"Evidence line {i}"));
            var table = l.PrepareTable(Columns, [[TableCell.Plain("Critical"), TableCell.Plain(tall), TableCell.Plain("1M - 2M")]]);

            // Room for the header and a line or two, not for the eight-line first row.
            l.Paragraph("Text above the table");
            l.Y = l.Bottom - table.HeaderHeight - 20;
            l.Table(table);
        }

        using var pdf = PigDocument.Open(Save(document));
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.DoesNotContain(pdf.GetPage(1).GetWords(), w => w.Text == "Severity");
        Assert.Contains(pdf.GetPage(2).GetWords(), w => w.Text == "Severity");
        Assert.Contains(pdf.GetPage(2).GetWords(), w => w.Text == "Critical");
    }

    [Fact]
    public void Table_HeaderAndFirstRowFit_StaysOnThisPage()
    {
        using var document = new SharpDocument();
        using (var l = new PdfLayout(document))
        {
            var table = l.PrepareTable(Columns, [[TableCell.Plain("Critical"), TableCell.Plain("One line"), TableCell.Plain("1M - 2M")]]);
            l.Y = l.Bottom - table.LeadHeight - 1;
            l.Table(table);
        }

        Assert.Equal(1, document.PageCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0.3)]
    [InlineData(0.1)]
    public void ColumnWidths_HeadersWrapBetweenWords_FiguresDoNotWrap(double narrowWeight)
    {
        using var document = new SharpDocument();
        using var l = new PdfLayout(document);
        TableColumn[] columns =
        [
            new("Program", 3), new("Contributors", narrowWeight, CellAlign.Right), new("Uncompensated hours", narrowWeight, CellAlign.Right),
            new("Replacement value (USD)", narrowWeight, CellAlign.Right), new("Trajectory grade", narrowWeight),
        ];
        IReadOnlyList<TableCell>[] rows =
        [
            [TableCell.Plain("Atlas"), TableCell.Plain("1,432"), TableCell.Plain("981,105.6"), TableCell.Plain("USD 39,244,224 - USD 117,732,673"), TableCell.Plain("Yes")],
        ];
        var fonts = new CellFonts(PdfTheme.Font(8), PdfTheme.Font(8, bold: true), PdfTheme.Font(8, italic: true));

        var widths = l.ColumnWidths(columns, rows, fonts, l.Width);

        Assert.Equal(l.Width, widths.Sum(), 3);
        for (var i = 0; i < columns.Length; i++)
        {
            foreach (var word in columns[i].Header.Split(' '))
            {
                Assert.True(l.Measure(word, fonts.Bold) + 6 <= widths[i], $"'{word}' does not fit column {columns[i].Header} ({widths[i]:F1} pt)");
            }
        }

        var table = l.PrepareTable(columns, rows);
        Assert.All(Enumerable.Range(0, columns.Length), i => Assert.Single(table.Rows[0].Lines[i]));
    }

    [Fact]
    public void Wrap_LongToken_BreaksAfterSeparator()
    {
        using var document = new SharpDocument();
        using var l = new PdfLayout(document);
        var font = PdfTheme.Font(8);
        var token = "keystrokes;click_coordinates;window_text;ui_hierarchy;screenshots";

        var lines = l.Wrap(token, font, l.Measure("keystrokes;click_coordinates;window_te", font));

        Assert.Equal(token, string.Concat(lines));
        Assert.All(lines.SkipLast(1), line => Assert.Contains(line[^1], ";_"));
    }

    /// <summary>
    /// Pushes every table of the monthly report through many page positions (a longer R1 intro moves everything
    /// after it) and checks that no page ends with a table header or a "Worst examples" heading.
    /// </summary>
    [Fact]
    public void MonthlyReport_AtAnyPagePosition_NoOrphanedHeaderOrHeading()
    {
        var report = Samples.Monthly();
        var checkedHeaders = 0;
        for (var extra = 0; extra <= 30; extra++)
        {
            var intro = "Plain-words intro." + string.Concat(Enumerable.Repeat(" More words that push the rest of the report down.", extra * 2));
            var variant = report with { Rules = [.. report.Rules.Select(r => r.Code == RuleCode.R1 ? r with { Intro = intro } : r)] };
            using var stream = new MemoryStream();
            MonthlyReportPdf.Render(variant, stream);
            using var pdf = PigDocument.Open(stream.ToArray());
            foreach (var page in pdf.GetPages())
            {
                var words = page.GetWords().Where(w => w.BoundingBox.Bottom > FooterTop).ToList();
                foreach (var header in words.Where(w => w.Text == "Severity" && IsBold(w)))
                {
                    checkedHeaders++;
                    Assert.True(
                        words.Any(w => !IsBold(w) && w.BoundingBox.Top < header.BoundingBox.Bottom),
                        $"variant {extra}, page {page.Number}: table header with no row under it");
                }

                foreach (var heading in words.Where(w => w.Text == "Worst" && IsBold(w)))
                {
                    Assert.True(
                        words.Any(w => w.Text == "Severity" && IsBold(w) && w.BoundingBox.Top < heading.BoundingBox.Bottom),
                        $"variant {extra}, page {page.Number}: 'Worst examples' with no table under it");
                }
            }
        }

        Assert.True(checkedHeaders > 100, $"only {checkedHeaders} table headers checked");
    }

    [Fact]
    public void ExposureAssumptions_RenderAsBlocks_NeverSplitAcrossPages()
    {
        var note = string.Join(" ", Enumerable.Repeat("A long note for counsel about how the figure was derived and where it may not apply.", 4));
        var theories = Enumerable.Range(0, 14).Select(i => new ExposureAssumptionRow(
            $"TH-{i:D2}", $"Regime {i}", "US-IL", [RuleCode.R1, RuleCode.R2], "per_violation", 1_000m * i, 5_000m * i, "USD",
            $"Citation {i} (example.org/statute/{i})", Confidence.B, $"{note} End of note {i}.",
            new LegalSource($"Official text {i} (statutes.example.gov/{i})", $"§ {i}(a)", new DateOnly(2026, 1, 2), "counsel"))).ToList();
        var report = Samples.Monthly();
        report = report with { Appendix = report.Appendix with { ExposureAssumptions = theories } };

        using var stream = new MemoryStream();
        MonthlyReportPdf.Render(report, stream);
        var pdf = PdfText.Read(stream.ToArray());

        var appendixPages = pdf.Pages.Where(p => p.Contains("TH-", StringComparison.Ordinal)).ToList();
        Assert.True(appendixPages.Count >= 2, "the theories should need more than one page");
        foreach (var i in Enumerable.Range(0, 14))
        {
            var page = Assert.Single(pdf.Pages, p => p.Contains($"TH-{i:D2} — Regime {i}", StringComparison.Ordinal));
            Assert.Contains($"Jurisdiction US-IL · Rules R1, R2 · Unit per violation · Low USD {1_000 * i:N0} · High USD {5_000 * i:N0} · Confidence B", page, StringComparison.Ordinal);
            Assert.Contains($"Primary source: Official text {i}", page, StringComparison.Ordinal);
            Assert.Contains($"Also cited: Citation {i}", page, StringComparison.Ordinal);
            Assert.Contains($"End of note {i}.", page, StringComparison.Ordinal);
        }
    }

    private static bool IsBold(Word word) =>
        word.Letters.Count > 0 && word.Letters[0].FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(18)]
    [InlineData(661_361_522)]
    public void NiceScale_IntegerSeries_TicksAreDistinctWholeNumbers(double max)
    {
        var scale = Charts.NiceScale(max);

        Assert.True(scale.Max >= max);
        Assert.Equal(Math.Round(scale.Step), scale.Step);
        Assert.True(scale.Step >= 1);
        var ticks = Enumerable.Range(0, (int)(scale.Max / scale.Step) + 1).Select(i => (i * scale.Step).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        Assert.InRange(ticks.Count, 2, 6);
    }
}
