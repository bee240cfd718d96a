using Audit.Reports.Models;
using Audit.Reports.Wording;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Audit.Reports.Pdf;

/// <summary>
/// Renders <see cref="BoardSummary"/> on at most two pages. Counts of people go through
/// <see cref="CountFormatter.Masked(int)"/> so small groups show as "&lt;5"; counts of findings are not personal and print
/// as they are. People counts are distinct workers, never sums of one another, so no other figure gives a masked one away.
/// </summary>
public static class BoardSummaryPdf
{
    public const int MaxPages = 2;

    public static void Render(BoardSummary board, Stream output)
    {
        ArgumentNullException.ThrowIfNull(board);
        using var document = new PdfDocument();
        document.Info.Title = $"Board summary {board.QuarterLabel} - {board.CompanyName}";
        document.Info.Author = ReportConstants.SoftwareName;
        document.Info.Creator = ReportConstants.SoftwareName;
        document.Info.Subject = "Employee-monitoring data and AI training: board summary";
        document.PageMode = PdfPageMode.UseOutlines;
        PdfTheme.ApplyOutputOptions(document);

        using (var l = new PdfLayout(document))
        {
            var k = board.Kpis;
            var cur = k.CurrencyCode;
            l.Bookmark("Summary");
            const string title = "Board summary: employee monitoring and AI training";
            var titleSize = 17d;
            while (titleSize > 12 && l.Measure(title, PdfTheme.Font(titleSize, bold: true)) > l.Width)
            {
                titleSize -= 0.5;
            }

            l.Paragraph(title, PdfTheme.Font(titleSize, bold: true), PdfTheme.Accent, after: 2);
            l.Paragraph($"{board.CompanyName} - {board.QuarterLabel} - data as of {CountFormatter.Date(board.DataAsOf)} - generated {CountFormatter.Timestamp(board.GeneratedAt)}",
                PdfTheme.Font(9.5), PdfTheme.Muted, after: 12);

            var counts = BoardHeadline.Counts(k);
            l.Tiles(
            [
                (counts[0].Value, counts[0].Label, PdfTheme.Ink),
                (counts[1].Value, counts[1].Label, PdfTheme.SeverityColor(Severity.Critical)),
                (counts[2].Value, counts[2].Label, PdfTheme.Accent),
            ]);
            var exposure = BoardHeadline.Exposure(k);
            l.Tiles(BoardHeadline.GradeC(k) is { } gradeC
                ? [(exposure.Value, exposure.Label, PdfTheme.Accent), (gradeC.Value, gradeC.Label, PdfTheme.SeverityColor(Severity.High))]
                : [(exposure.Value, exposure.Label, PdfTheme.Accent)]);
            l.Paragraph(
                $"Open findings by severity: {CountFormatter.Count(k.OpenBySeverity.Critical)} critical, {CountFormatter.Count(k.OpenBySeverity.High)} high, {CountFormatter.Count(k.OpenBySeverity.Medium)} medium, {CountFormatter.Count(k.OpenBySeverity.Low)} low. "
                + (k.ExposureLow == 0 && k.ExposureHigh == 0
                    ? "No exposure is estimated."
                    : k.ExposureRoundedTo is null
                        ? $"Exposure is a range from {CountFormatter.Money(k.ExposureLow, cur)} to {CountFormatter.Money(k.ExposureHigh, cur)}, built from the statutes and settings listed in the monthly report appendix."
                        : $"Exposure lies between {CountFormatter.Money(k.ExposureLow, cur)} and {CountFormatter.Money(k.ExposureHigh, cur)} (rounded outwards), built from the statutes and settings listed in the monthly report appendix.")
                + (BoardHeadline.Grades(k) is { } grades ? " " + grades : string.Empty),
                after: 10);

            l.Bookmark("Trend");
            l.Heading("Trend", 12);
            var trend = board.Trend.TakeLast(12).ToList();
            Charts.FindingsBySeverity(l.Gfx, new XRect(l.Left, l.Y, l.Width, 160), trend);
            l.Y += 166;
            Charts.ExposureRange(l.Gfx, new XRect(l.Left, l.Y, l.Width, 160), trend, cur);
            l.Y += 166;

            l.Bookmark("Changes since last quarter");
            l.Heading("What changed since last quarter", 12);
            var c = board.Changes;
            l.Tiles(
            [
                (CountFormatter.Count(c.New), "New findings", PdfTheme.Accent),
                (CountFormatter.Count(c.Resolved), "Resolved findings", PdfTheme.Accent),
                (CountFormatter.SignedMoneyShort(c.ExposureLowChange, cur), "Change in low estimate", PdfTheme.Accent),
                (CountFormatter.SignedMoneyShort(c.ExposureHighChange, cur), "Change in high estimate", PdfTheme.Accent),
            ]);

            // Exact figures here; in the tiles they would shrink the whole row's type to fit.
            l.Paragraph($"Change in estimated exposure since last quarter: low {CountFormatter.SignedMoney(c.ExposureLowChange, cur)}, high {CountFormatter.SignedMoney(c.ExposureHighChange, cur)}"
                + (k.ExposureRoundedTo is { } step ? $", each rounded to {CountFormatter.Money(step, cur)}." : "."),
                PdfTheme.Font(9), PdfTheme.Muted);

            l.NewPage();
            l.Bookmark("Top risks");
            l.Heading("Top five risks", 12);
            l.Table(RiskTable(l, board.TopRisks.Take(5).ToList(), cur));

            if (board.Decisions is { Count: > 0 } decisions)
            {
                // The page holds as many decisions as fit above the note and the disclaimer, never a third page;
                // the rest are named by count (every option is in the workbook's Remediation sheet).
                var shown = decisions.Count;
                var table = DecisionTable(l, decisions, cur);
                while (shown > 1 && DecisionsHeight(table) > l.Remaining)
                {
                    shown--;
                    table = DecisionTable(l, decisions.Take(shown).ToList(), cur);
                }

                l.Bookmark("Decisions for the board");
                l.Heading("Decisions for the board", 12);
                l.Table(table);
                l.Paragraph(RemediationWording.BoardNote
                    + (shown < decisions.Count ? $" {decisions.Count - shown} more decision(s) are in the workbook's Remediation sheet." : string.Empty),
                    PdfTheme.Font(8), PdfTheme.Muted, after: 4);
            }

            l.Space(8);
            l.Paragraph(board.Disclaimer, PdfTheme.Font(10, bold: true));
            var suppression = (k.AffectedWorkersIsLowerBound ? " The total of workers affected is shown as a lower bound, because the exact figure would narrow down a masked count." : string.Empty)
                + (k.ExposureRoundedTo is { } unit ? $" Exposure figures are rounded outwards to {CountFormatter.Money(unit, cur)} and a masked group's exposure is withheld, so neither can be worked back into a count of people." : string.Empty);
            l.Paragraph("Counts of fewer than five people are shown as \"<5\"." + suppression + " This summary contains no names or identifiers of individual workers.",
                PdfTheme.Font(8.5, italic: true), PdfTheme.Muted);

            if (document.PageCount > MaxPages)
            {
                // The board asked for two pages; failing loudly beats silently sending a third.
                throw new InvalidOperationException($"Board summary needs {document.PageCount} pages; at most {MaxPages} are allowed.");
            }

            l.FinishPages(ReportConstants.Confidential, $"{board.CompanyName} - {board.QuarterLabel}");
        }

        document.Save(output, closeStream: false);
    }

    /// <summary>The decisions: the remedy in words with the findings it answers (muted), then its figures, owner and deadline.</summary>
    private static PreparedTable DecisionTable(PdfLayout l, IReadOnlyList<BoardDecision> decisions, string cur) =>
        l.PrepareTable(
        [
            new("Decision", 4.8), new($"Cost ({cur})", 1.05, CellAlign.Right), new($"Settles ({cur})", 1.05, CellAlign.Right),
            new($"Stops a month ({cur})", 1.05, CellAlign.Right), new("Owner, by", 1.6),
        ],
        decisions.Select(d => (IReadOnlyList<TableCell>)
        [
            new([new(d.Decision, CellStyle.Bold), new(RemediationWording.For(d), CellStyle.Muted)]),
            TableCell.Plain(RemediationWording.Figure(d, d.CostLow, d.CostHigh)),
            TableCell.Plain(RemediationWording.Figure(d, d.SettlesLow, d.SettlesHigh)),
            TableCell.Plain(RemediationWording.Figure(d, d.StopsPerMonthLow, d.StopsPerMonthHigh)),
            new([new(d.Owner), new(RemediationWording.Within(d.WithinDays), CellStyle.Muted)]),
        ]),
        fontSize: 8);

    /// <summary>The table with its heading, the note under it and the disclaimer block that closes the page.</summary>
    private static double DecisionsHeight(PreparedTable table) => 24 + table.HeaderHeight + table.Rows.Sum(r => r.Height) + 36 + 58;

    /// <summary>
    /// The top risks as the board reads them: the risk in plain words, then the decision it asks of the board or the
    /// owner who must act, and (muted) the rule it comes from.
    /// </summary>
    private static PreparedTable RiskTable(PdfLayout l, IReadOnlyList<BoardRisk> risks, string cur) =>
        l.PrepareTable(
        [
            new("#", 0.3), new("Risk, and the decision or owner", 5), new("Severity", 0.9), new($"Exposure ({cur})", 1.4, CellAlign.Right),
        ],
        risks.Select((r, i) => (IReadOnlyList<TableCell>)
        [
            TableCell.Plain((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            RiskCells.Risk(r),
            TableCell.Plain(r.Severity.ToString()),
            RiskCells.Exposure(r),
        ]),
        fontSize: 8.5);
}
