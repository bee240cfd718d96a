using System.Text.RegularExpressions;
using Audit.Service.Security;
using Microsoft.Playwright;

namespace Audit.Service.BrowserTests;

/// <summary>
/// The board's pages in a real browser (issue 12): the board summaries by quarter and nothing else; no worker id
/// anywhere in what a board member's browser receives; findings (page and API) answer 403.
/// </summary>
public sealed partial class BoardPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The demo organisation's worker ids: W and six digits (W000047).</summary>
    [GeneratedRegex(@"W\d{6}")]
    private static partial Regex WorkerId();

    [Fact]
    public async Task Board_SeesTheQuartersSummaryAndDownloadsItsPdf()
    {
        var page = await app.SignInAsync(Role.Board);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        Assert.Equal(["Board summaries"], (await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()));
        await nav.GetByRole(AriaRole.Link, new() { Name = "Board summaries" }).ClickAsync();

        var quarter = page.GetByRole(AriaRole.Region, new() { Name = "2026Q3" });
        await Assertions.Expect(quarter).ToBeVisibleAsync();
        await Assertions.Expect(quarter.Locator("dl.figures dt")).ToContainTextAsync(["Open findings", "Critical findings", "Workers affected", "Estimated legal exposure (low - high)", "of the low / high figure rests on grade C"]);
        await BrowserApp.ScreenshotAsync(page, "board-summaries");

        var download = await page.RunAndWaitForDownloadAsync(() => quarter.GetByRole(AriaRole.Link, new() { Name = "Download the 2026Q3 board summary", Exact = false }).ClickAsync());
        var saved = Path.Combine(app.Root, "downloaded-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(app.OutputPath, "board", "2026Q3", "board-summary-2026Q3.pdf")), await File.ReadAllBytesAsync(saved));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// One board view (issue 20): the page's figures come from the PDF's builder with its masking and rounding, so
    /// every figure and label the page shows is printed in the PDF too; none is more exact than the PDF's.
    /// </summary>
    [Fact]
    public async Task Board_EveryFigureOnThePage_IsInTheBoardPdf()
    {
        var page = await app.SignInAsync(Role.Board);
        await page.GotoAsync("/board");
        var quarter = page.GetByRole(AriaRole.Region, new() { Name = "2026Q3" });
        var values = (await quarter.Locator("dl.figures dd").AllInnerTextsAsync()).Select(v => v.Trim()).ToList();
        var labels = (await quarter.Locator("dl.figures dt").AllInnerTextsAsync()).Select(v => v.Trim()).ToList();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(Path.Combine(app.OutputPath, "board", "2026Q3", "board-summary-2026Q3.pdf"));
        var text = Regex.Replace(string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))), @"\s+", " ");

        // Three counts, the exposure range and how much of it rests on grade C; then the split in words.
        Assert.Equal(5, values.Count);
        var grades = (await quarter.Locator("p.grades").InnerTextAsync()).Trim();
        Assert.StartsWith("Of this range, ", grades, StringComparison.Ordinal);
        // The decisions for the board: each figure, as the PDF prints it (masked groups withheld on both).
        var decisions = (await quarter.Locator("table.decisions td.figure").AllInnerTextsAsync()).Select(v => v.Trim()).Where(v => v != "-").ToList();
        Assert.NotEmpty(decisions);
        foreach (var figure in values.Concat(labels).Append(grades).Concat(decisions))
        {
            Assert.True(text.Contains(Regex.Replace(figure, @"\s+", " "), StringComparison.Ordinal), $"'{figure}' is on /board but not in the board PDF");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_FindingsPageAndFindingsApi_Answer403()
    {
        var page = await app.SignInAsync(Role.Board);

        var response = await page.GotoAsync("/findings");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not for your role");
        await BrowserApp.ScreenshotAsync(page, "board-findings-403");

        Assert.Equal(403, await BrowserApp.StatusOfAsync(page, "/api/v1/findings"));
        foreach (var path in new[] { "/findings/detail?id=R1", "/trend", "/reports/monthly", "/api/v1/reports/monthly" })
        {
            Assert.Equal((path, 403), (path, await BrowserApp.StatusOfAsync(page, path)));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_NoWorkerIdInAnyPagesHtml()
    {
        // The pattern is not vacuous: a compliance officer's finding page shows the first affected workers by id.
        var officer = await app.SignInAsync(Role.Compliance);
        await officer.GotoAsync("/findings");
        await officer.Locator("#findings-table tbody tr a").First.ClickAsync();
        Assert.Matches(WorkerId(), await officer.ContentAsync());
        await officer.Context.CloseAsync();

        var page = await app.SignInAsync(Role.Board);
        var seen = new List<string>();
        var queue = new Queue<string>(["/", "/board", "/findings", "/trend", "/reports/monthly", "/sign-out"]);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            if (seen.Contains(path))
            {
                continue;
            }

            seen.Add(path);
            await page.GotoAsync(path);
            var html = await page.ContentAsync();
            Assert.DoesNotMatch(WorkerId(), html);

            // Every page the board can reach by a link is checked too.
            foreach (var href in await page.Locator("a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                if (!href.StartsWith("/api/", StringComparison.Ordinal) && !seen.Contains(href))
                {
                    queue.Enqueue(href);
                }
            }
        }

        Assert.Contains("/board", seen);
        await page.Context.CloseAsync();
    }
}
