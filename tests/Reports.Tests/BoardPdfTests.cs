using Audit.Reports.Models;
using Audit.Reports.Pdf;
using Audit.Reports.Wording;

namespace Audit.Reports.Tests;

public class BoardPdfTests
{
    private static PdfText Render(BoardSummary board)
    {
        using var stream = new MemoryStream();
        BoardSummaryPdf.Render(board, stream);
        return PdfText.Read(stream.ToArray());
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "<5")]
    [InlineData(4, "<5")]
    [InlineData(5, "5")]
    [InlineData(1234, "1,234")]
    public void Masked_CountsUnderFive_ShowAsLessThanFive(int count, string expected) =>
        Assert.Equal(expected, CountFormatter.Masked(count));

    [Fact]
    public void Render_Decisions_OnThePageOfTheRisks_WithCostWhatTheySettleAndStop_MaskedOnesWithheld()
    {
        var pdf = Render(Samples.Board());

        Assert.Contains("Decisions for the board", pdf.Bookmarks);
        var page = pdf.Pages[^1];
        Assert.Contains("Decisions for the board", page, StringComparison.Ordinal);
        // Cost, settles and stops a month, as the board reads money elsewhere.
        Assert.Contains("1.9M - 2.5M 1.9M - 2.4M 160K - 200K HR and Finance", page, StringComparison.Ordinal);
        Assert.Contains("for 3 findings under R1, R2", page, StringComparison.Ordinal);
        Assert.Contains("withheld withheld withheld", page, StringComparison.Ordinal);
        Assert.Contains("Past conduct otherwise stays", page.Replace("\n", " ", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_ManyLongDecisions_NeverAThirdPage_TheRestCountedForTheWorkbook()
    {
        var board = Samples.Board();
        var longTitle = string.Join(' ', Enumerable.Repeat("Purge the data from every training set and retrain each model built on it,", 3));
        var decisions = Enumerable.Range(0, 5).Select(i => new BoardDecision(longTitle, 2, [RuleCode.R1], 1m, 2m, 0m, 0m, 0m, 0m, "ML platform", 60)).ToList();

        var pdf = Render(board with { Decisions = decisions });

        Assert.Equal(2, pdf.Pages.Count);
        Assert.Contains("more decision(s) are in the workbook's Remediation sheet", pdf.All.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sample_FitsTwoPagesWithKpisRisksAndDisclaimer()
    {
        var board = Samples.Board();
        var pdf = Render(board);

        Assert.InRange(pdf.Pages.Count, 1, 2);
        Assert.Contains("2026Q2", pdf.All, StringComparison.Ordinal);
        Assert.Contains("data as of 2026-06-30", pdf.All, StringComparison.Ordinal);
        // Tiles read row by row: the values, then their captions.
        Assert.Contains("25 3 1,234 Open findings Critical findings Workers affected", pdf.All, StringComparison.Ordinal);
        Assert.Contains("USD 1,250,000 to USD 14,800,000", pdf.All, StringComparison.Ordinal);
        foreach (var risk in board.TopRisks)
        {
            // The first words sit on the row's first line, before the severity and exposure cells interleave.
            Assert.Contains(string.Join(' ', risk.Sentence.Split(' ').Take(5)), pdf.Pages[1], StringComparison.Ordinal);
        }

        // Short in the tiles, exact in the sentence under them.
        Assert.Contains("+USD 150K -USD 800K New findings Resolved findings Change in low estimate", pdf.All, StringComparison.Ordinal);
        Assert.Contains("low +USD 150,000, high -USD 800,000", pdf.All, StringComparison.Ordinal);
        Assert.Contains(ReportConstants.Disclaimer, pdf.All, StringComparison.Ordinal);
        Assert.Contains("Top risks", pdf.Bookmarks);
    }

    [Fact]
    public void Render_SmallPeopleCount_IsMasked_FindingCountsAreNot_AndNoFigureGivesItAway()
    {
        var board = Samples.Board() with
        {
            Kpis = new BoardKpis(new SeverityCounts(2, 1, 1, 0), 3, 10m, 20m, "EUR"),
            Changes = new BoardChanges(4, 1, 0m, 0m),
        };

        var pdf = Render(board);

        // Three workers is personal; four findings is not.
        Assert.Contains("4 2 <5 Open findings Critical findings Workers affected", pdf.All, StringComparison.Ordinal);
        Assert.Contains("4 1 EUR 0 EUR 0 New findings Resolved findings", pdf.All, StringComparison.Ordinal);
        Assert.Contains("2 critical, 1 high, 1 medium, 0 low", pdf.All, StringComparison.Ordinal);
        Assert.DoesNotContain("3", pdf.Pages[0].Split([' ', '\n', ','], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Render_ContainsNoWorkerIdFromTheMonthlyData()
    {
        // The monthly model is full of worker ids; the board model is built by hand beside it, and by
        // construction has nowhere to carry them. The rendered text must contain none.
        var monthly = Samples.Monthly();
        Assert.Contains(monthly.ConsentGaps, g => Samples.WorkerIds.Contains(g.WorkerId));

        var pdf = Render(Samples.Board());

        Assert.All(Samples.WorkerIds, id => Assert.DoesNotContain(id, pdf.All, StringComparison.Ordinal));
        Assert.DoesNotContain("W-7", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongSentences_StillAtMostTwoPages()
    {
        var longSentence = string.Join(" ", Enumerable.Repeat("Recordings made for security purposes have been used to train AI models.", 5));
        var board = Samples.Board() with
        {
            TopRisks = [.. Enumerable.Range(0, 5).Select(i => new BoardRisk(RuleCode.R1, Severity.Critical, longSentence, 1m, 2m))],
        };

        Assert.InRange(Render(board).Pages.Count, 1, 2);
    }

    [Fact]
    public void Render_ExposureGrades_PageOneSaysHowMuchRestsOnGradeC_AndOnWhat()
    {
        var grades = new ExposureGrades(250_000m, 4_800_000m, 1_000_000m, 10_000_000m, ["WAGE-UNCOMP: Uncompensated contribution to a commercial model (wage-claim theory)"]);
        var board = Samples.Board() with { Kpis = Samples.Board().Kpis with { Grades = grades } };

        var pdf = Render(board);

        Assert.InRange(pdf.Pages.Count, 1, 2);
        // 1,000,000 of 1,250,000 and 10,000,000 of 14,800,000.
        Assert.Contains("80% / 68%", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("rests on grade C", pdf.Pages[0], StringComparison.Ordinal);
        var text = string.Join(' ', pdf.Pages[0].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Of this range, USD 250K - 4.8M (20% of the low figure, 32% of the high) rests on grades A and B, and USD 1.0M - 10.0M (80% of the low figure, 68% of the high)", text, StringComparison.Ordinal);
        Assert.Contains("WAGE-UNCOMP", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0%")]
    [InlineData(0.001, "1%")]
    [InlineData(0.5, "50%")]
    [InlineData(0.999, "99%")]
    [InlineData(1.0, "100%")]
    public void GradeShares_NeverRoundAPartToTheWholeOrToNothing(double share, string expected) =>
        Assert.Equal(expected, ExposureWording.Percent((decimal)share));
}
