using Audit.Reports.Models;
using Audit.Reports.Wording;
using ClosedXML.Excel;

namespace Audit.Reports.Xlsx;

/// <summary>
/// Writes the monthly workbook as a hybrid. The small, formatted sheets (Summary, Trend, Inventory, Exposure
/// assumptions) are built with ClosedXML in memory; the four big <see cref="IEnumerable{T}"/> members of
/// <see cref="MonthlyReport"/> (Findings, Consent gaps, Lineage paths, Compensation) are then streamed into the
/// same package by <see cref="XlsxHybridWriter"/>, each enumerated once and never held in memory.
/// </summary>
public static class MonthlyWorkbookWriter
{
    internal const string DateFormat = "yyyy-mm-dd";
    internal const string TimestampFormat = "yyyy-mm-dd hh:mm";
    internal const string MonthFormat = "yyyy-mm";
    internal const string IntegerFormat = "#,##0";
    internal const string DecimalFormat = "#,##0.0";

    /// <summary>Header fill, the same on ClosedXML-built and streamed sheets.</summary>
    private const string HeaderFillRgb = "FFD9E1F2";

    private static readonly string[] SheetOrder =
    [
        "Summary", "Trend", "Findings", "Inventory", "Consent gaps", "Lineage paths", "Compensation", "Remediation", "Exposure by theory", "Exposure assumptions", "Notices",
    ];

    public static void Write(MonthlyReport report, Stream output) => Write(report, output, XlsxStreamWriter.ExcelMaxRows);

    /// <summary>
    /// Money cells are plain numbers with a currency-free format: the currency is named once, in the column
    /// header ("Exposure low (USD)") or in the row's Currency column, not repeated in every cell, so the cells
    /// add up and read like the PDF's figures.
    /// </summary>
    internal const string MoneyFormat = "#,##0.00";

    /// <summary>Test seam: a small row limit exercises the "(2)" continuation sheets.</summary>
    internal static void Write(MonthlyReport report, Stream output, int maxRowsPerSheet)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var cur = report.CurrencyCode;

        using var formatted = new MemoryStream();
        using (var wb = new XLWorkbook())
        {
            wb.Properties.Author = ReportConstants.SoftwareName;
            wb.Properties.Title = $"{report.CompanyName} monthly report {report.Period}";
            wb.Properties.Created = report.GeneratedAt.UtcDateTime;
            wb.Properties.Modified = report.GeneratedAt.UtcDateTime;
            WriteSummary(wb, report);
            WriteTrend(wb, report);
            WriteInventory(wb, report);
            WriteAssumptions(wb, report);
            WriteExposureByTheory(wb, report);
            WriteNotices(wb, report);
            WriteRemediation(wb, report);
            wb.SaveAs(formatted);
        }

        using var xlsx = new XlsxHybridWriter(output, formatted, SheetOrder, StreamedStyles(), maxRowsPerSheet);

        // Widths sum to what prints legibly one page wide on A4 landscape; long text wraps and grows its row.
        var findings = xlsx.AddSheet("Findings",
        [
            new("Finding key", 20), new("Rule", 6), new("Rule title", 22), new("Severity", 9), new("Subject", 26),
            new("Title", 34), new("Affected workers", 10), new("Evidence", 60), new("First seen", 11),
            new("Last seen", 11), new("Status", 12), new("Change", 10), new($"Exposure low ({cur})", 15),
            new($"Exposure high ({cur})", 15), new("Status note", 30), new("Owner", 18), new("Due", 11), new("Days open", 9),
        ], autoFilter: true);
        foreach (var f in report.AllFindings)
        {
            findings.WriteRow(
                XlsxCell.Of(f.FindingKey), XlsxCell.Of(f.Rule.ToString()), XlsxCell.Of(RuleCatalog.Title(f.Rule)),
                XlsxCell.Of(f.Severity.ToString()), XlsxCell.Of(f.Subject), XlsxCell.Of(f.Title),
                XlsxCell.Count(f.AffectedWorkers), XlsxCell.Of(f.Evidence), XlsxCell.Date(f.FirstSeen),
                XlsxCell.Date(f.LastSeen), XlsxCell.Of(RuleCatalog.Display(f.Status)), XlsxCell.Of(f.Change.ToString()),
                XlsxCell.Money(f.ExposureLow), XlsxCell.Money(f.ExposureHigh), XlsxCell.Of(f.StatusNote ?? string.Empty),
                XlsxCell.Of(f.Owner ?? string.Empty), XlsxCell.Date(f.DueOn), f.DaysOpen is { } days ? XlsxCell.Count(days) : XlsxCell.Empty);
        }

        var gaps = xlsx.AddSheet("Consent gaps",
        [
            new("Worker id", 14), new("Config version", 14), new("Tool", 24), new("Batches", 10),
            new("First capture (UTC)", 19), new("Last capture (UTC)", 19), new("Consent state", 80), new("Rules", 12),
        ], autoFilter: true);
        foreach (var g in report.ConsentGaps)
        {
            gaps.WriteRow(
                XlsxCell.Of(g.WorkerId), XlsxCell.Of(g.ConfigVersion), XlsxCell.Of(g.Tool), XlsxCell.Count(g.Batches),
                XlsxCell.Timestamp(g.FirstCapture), XlsxCell.Timestamp(g.LastCapture), XlsxCell.Of(g.ConsentState),
                XlsxCell.Of(string.Join(", ", g.Rules)));
        }

        var paths = xlsx.AddSheet("Lineage paths",
        [
            new("Origin dataset", 28), new("Sink dataset", 28), new("Sink kind", 16), new("Commercial", 11),
            new("Path (jobs and transforms)", 90), new("First seen (UTC)", 17),
        ], autoFilter: true);
        foreach (var p in report.LineagePaths)
        {
            paths.WriteRow(
                XlsxCell.Of(p.OriginDataset), XlsxCell.Of(p.SinkDataset), XlsxCell.Of(p.SinkKind),
                XlsxCell.Of(p.SinkCommercial), XlsxCell.Of(p.Path), XlsxCell.Timestamp(p.FirstSeen));
        }

        var compensation = xlsx.AddSheet("Compensation",
        [
            new("Worker id", 14), new("Program", 30), new("Model", 24), new("Uncompensated hours", 21),
            new($"Replacement value ({cur})", 24),
        ], autoFilter: true);
        foreach (var c in report.CompensationRows)
        {
            compensation.WriteRow(
                XlsxCell.Of(c.WorkerId), XlsxCell.Of(c.Program), XlsxCell.Of(c.Model),
                XlsxCell.Decimal(c.UncompensatedHours), XlsxCell.Money(c.ReplacementValue));
        }

        xlsx.Finish();
    }

    /// <summary>The formats streamed cells use; they are added to the stylesheet ClosedXML wrote.</summary>
    private static Dictionary<XlsxStyle, CellFormatSpec> StreamedStyles() => new()
    {
        [XlsxStyle.Header] = new(Bold: true, FillRgb: HeaderFillRgb, Wrap: true),
        [XlsxStyle.Date] = new(DateFormat),
        [XlsxStyle.Timestamp] = new(TimestampFormat),
        [XlsxStyle.Integer] = new(BuiltInFormatId: 3),
        [XlsxStyle.Money] = new(MoneyFormat),
        [XlsxStyle.Decimal] = new(DecimalFormat),
        [XlsxStyle.Wrap] = new(Wrap: true),
        [XlsxStyle.Title] = new(Bold: true, FontSize: 14),
        [XlsxStyle.Bold] = new(Bold: true),
    };

    private static void WriteSummary(XLWorkbook wb, MonthlyReport report)
    {
        var s = report.Summary;
        var cur = report.CurrencyCode;
        var ws = AddTable(wb, "Summary", [new("Measure", 34), new("Value", 50)]);
        ws.Column(3).Width = 24;
        ws.Column(4).Width = 10;
        ws.Column(5).Width = 20;
        ws.Column(6).Width = 20;
        var row = 1;

        IXLCell Label(string text, bool bold = false)
        {
            row++;
            var cell = ws.Cell(row, 1);
            cell.SetValue(text);
            cell.Style.Font.Bold = bold;
            return ws.Cell(row, 2);
        }

        Label("Company", bold: true).SetValue(report.CompanyName);
        Date(Label("Period", bold: true), report.Period.FirstDay, MonthFormat);
        var generated = Label("Generated at (UTC)", bold: true);
        generated.SetValue(report.GeneratedAt.UtcDateTime);
        generated.Style.NumberFormat.Format = TimestampFormat;
        Date(Label("Data as of", bold: true), report.DataAsOf, DateFormat);
        Label("Currency", bold: true).SetValue(cur);
        foreach (var severity in Enum.GetValues<Severity>())
        {
            Count(Label($"Open findings: {severity}"), s.OpenBySeverity[severity]);
        }

        Count(Label("Open findings: total", bold: true), s.OpenBySeverity.Total);
        Count(Label("New since last month"), s.New);
        Count(Label("Resolved since last month"), s.Resolved);
        Count(Label("Persisting"), s.Persisting);
        Count(Label("Affected workers"), s.AffectedWorkers);
        Money(Label($"Exposure low ({cur})"), s.ExposureLow, MoneyFormat);
        Money(Label($"Exposure high ({cur})"), s.ExposureHigh, MoneyFormat);
        if (s.Grades is { } grades)
        {
            Money(Label($"Exposure low on grades A and B ({cur})"), grades.GroundedLow, MoneyFormat);
            Money(Label($"Exposure high on grades A and B ({cur})"), grades.GroundedHigh, MoneyFormat);
            Money(Label($"Exposure low on grade C ({cur})"), grades.GradeCLow, MoneyFormat);
            Money(Label($"Exposure high on grade C ({cur})"), grades.GradeCHigh, MoneyFormat);
            Share(Label("Grade C share of the low figure"), grades.GradeCShareOfLow);
            Share(Label("Grade C share of the high figure"), grades.GradeCShareOfHigh);
            Wrapped(Label("Grade C rests on"), grades.GradeCTheories.Count == 0 ? "nothing" : string.Join("; ", grades.GradeCTheories));
        }

        var note = Label("Note", bold: true);
        note.SetValue(ReportConstants.Disclaimer);
        note.Style.Alignment.WrapText = true;
        if (s.Highlights is { Count: > 0 } highlights)
        {
            Wrapped(Label("What changed and what matters most", bold: true), string.Join(" ", highlights));
            ws.Cell(row, 1).Style.Alignment.WrapText = true;
        }

        foreach (var resolved in s.ResolvedFindings ?? [])
        {
            Wrapped(Label($"Resolved this month: {resolved.Rule}"), $"{resolved.Title} ({resolved.Subject}): {resolved.Why}");
        }

        // Values read better left-aligned next to their labels than pushed to the far edge of a wide column.
        ws.Range(2, 2, row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;

        if (s.TopRisks is { Count: > 0 } risks)
        {
            // The board's top risks with exact counts: a small table under the measures, money as numbers.
            row += 2;
            string[] headers = ["Top risk", "Decision or owner", "Rule", "Severity", $"Exposure low ({cur})", $"Exposure high ({cur})"];
            for (var c = 0; c < headers.Length; c++)
            {
                ws.Cell(row, c + 1).SetValue(headers[c]);
            }

            var header = ws.Range(row, 1, row, headers.Length).Style;
            header.Font.Bold = true;
            header.Fill.BackgroundColor = XLColor.FromArgb(Convert.ToInt32(HeaderFillRgb, 16));
            foreach (var risk in risks)
            {
                row++;
                Wrapped(ws.Cell(row, 1), risk.Sentence);
                Wrapped(ws.Cell(row, 2), risk.Decision);
                Wrapped(ws.Cell(row, 3), $"{risk.Rule} {RuleCatalog.Title(risk.Rule)}");
                ws.Cell(row, 4).SetValue(risk.Severity.ToString());
                Money(ws.Cell(row, 5), risk.ExposureLow, MoneyFormat);
                Money(ws.Cell(row, 6), risk.ExposureHigh, MoneyFormat);
            }
        }

        ws.Range(1, 1, row, 6).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        FitWrappedRows(ws, 2, row, 6);
        PrintSetup(ws);
    }

    /// <summary>
    /// The PDF's trend as numbers: one row per month with a scan (its newest scan of the month), open findings by
    /// severity and the exposure range, oldest first, so the officer can chart or filter it.
    /// </summary>
    private static void WriteTrend(XLWorkbook wb, MonthlyReport report)
    {
        var cur = report.CurrencyCode;
        XlsxColumn[] columns =
        [
            new("Month", 10), new("Open findings", 14), new("Critical", 10), new("High", 10), new("Medium", 10), new("Low", 10),
            new($"Exposure low ({cur})", 22), new($"Exposure high ({cur})", 22),
        ];
        var ws = AddTable(wb, "Trend", columns);
        var row = 1;
        foreach (var t in report.Trend)
        {
            row++;
            Date(ws.Cell(row, 1), new DateOnly(t.MonthEnd.Year, t.MonthEnd.Month, 1), MonthFormat);
            Count(ws.Cell(row, 2), t.Counts.Total);
            Count(ws.Cell(row, 3), t.Counts.Critical);
            Count(ws.Cell(row, 4), t.Counts.High);
            Count(ws.Cell(row, 5), t.Counts.Medium);
            Count(ws.Cell(row, 6), t.Counts.Low);
            Money(ws.Cell(row, 7), t.ExposureLow, MoneyFormat);
            Money(ws.Cell(row, 8), t.ExposureHigh, MoneyFormat);
        }

        FinishTable(ws, columns.Length, row);
    }

    private static void WriteInventory(XLWorkbook wb, MonthlyReport report)
    {
        XlsxColumn[] columns =
        [
            new("Tool", 22), new("Config version", 10), new("Program", 22), new("Capabilities", 40), new("Purposes", 24),
            new("Countries included", 19), new("Countries excluded", 19), new("Effective from", 15),
            new("Effective to", 13), new("Workers", 10), new("Trajectory-grade", 17),
        ];
        var ws = AddTable(wb, "Inventory", columns);
        var row = 1;
        foreach (var i in report.Inventory)
        {
            row++;
            Wrapped(ws.Cell(row, 1), i.Tool);
            ws.Cell(row, 2).SetValue(i.ConfigVersion);
            Wrapped(ws.Cell(row, 3), i.Program);
            Wrapped(ws.Cell(row, 4), string.Join(", ", i.Capabilities));
            Wrapped(ws.Cell(row, 5), string.Join(", ", i.Purposes));
            Wrapped(ws.Cell(row, 6), string.Join(", ", i.CountriesIncluded));
            Wrapped(ws.Cell(row, 7), string.Join(", ", i.CountriesExcluded));
            Date(ws.Cell(row, 8), i.EffectiveFrom, DateFormat);
            Date(ws.Cell(row, 9), i.EffectiveTo, DateFormat);
            Count(ws.Cell(row, 10), i.WorkerCount);
            ws.Cell(row, 11).SetValue(ReportConstants.YesNo(i.TrajectoryGrade));
        }

        FinishTable(ws, columns.Length, row);
    }

    private static void WriteAssumptions(XLWorkbook wb, MonthlyReport report)
    {
        XlsxColumn[] columns =
        [
            new("Theory", 16), new("Regime", 22), new("Jurisdiction", 13), new("Triggering rules", 17), new("Unit", 18),
            new("Low", 20), new("High", 20), new("Currency", 10), new("Citation", 40), new("Confidence", 12),
            new("Note", 40), new("Primary source", 40), new("Pinpoint", 40), new("Verified on", 12), new("Verified by", 30),
        ];
        var ws = AddTable(wb, "Exposure assumptions", columns);
        var row = 1;
        foreach (var a in report.Appendix.ExposureAssumptions)
        {
            row++;
            ws.Cell(row, 1).SetValue(a.TheoryId);
            Wrapped(ws.Cell(row, 2), a.Regime);
            ws.Cell(row, 3).SetValue(a.Jurisdiction);
            ws.Cell(row, 4).SetValue(string.Join(", ", a.TriggeringRules));
            Wrapped(ws.Cell(row, 5), a.Unit);
            Money(ws.Cell(row, 6), a.Low, MoneyFormat);
            Money(ws.Cell(row, 7), a.High, MoneyFormat);
            ws.Cell(row, 8).SetValue(a.Currency);
            Wrapped(ws.Cell(row, 9), a.Citation);
            ws.Cell(row, 10).SetValue(a.Confidence.ToString());
            Wrapped(ws.Cell(row, 11), a.Note);
            Wrapped(ws.Cell(row, 12), ExposureWording.PrimarySource(a.Source));
            Wrapped(ws.Cell(row, 13), a.Source?.Pinpoint);
            var source = a.Source;
            Date(ws.Cell(row, 14), source is { } v && !v.VerifiedAfter(report.DataAsOf) ? v.VerifiedOn : null, DateFormat);
            Wrapped(ws.Cell(row, 15), source switch
            {
                null => null,
                _ when source.VerifiedAfter(report.DataAsOf) => $"{source.VerifiedBy} (verified after the data date)",
                _ when source.DueForReverification(report.DataAsOf) => $"{source.VerifiedBy} (re-verify: over {LegalSource.ReverifyAfterMonths} months before the data date)",
                _ => source.VerifiedBy,
            });
        }

        FinishTable(ws, columns.Length, row);
    }

    private static void WriteExposureByTheory(XLWorkbook wb, MonthlyReport report)
    {
        if (report.Appendix.ExposureByTheory is not { } breakdown)
        {
            return;
        }

        var cur = report.CurrencyCode;
        XlsxColumn[] columns =
        [
            new("Theory", 16), new("Jurisdiction", 13), new("Unit", 18), new("Units", 12), new($"Low ({cur})", 18), new($"High ({cur})", 18),
            new("Confidence", 12), new("Capped", 10), new("Findings", 60),
        ];
        var ws = AddTable(wb, "Exposure by theory", columns);
        var row = 1;
        foreach (var t in breakdown.Theories)
        {
            row++;
            ws.Cell(row, 1).SetValue(t.TheoryId);
            ws.Cell(row, 2).SetValue(t.Jurisdiction);
            ws.Cell(row, 3).SetValue(t.Unit);
            ws.Cell(row, 4).SetValue(t.Units);
            Money(ws.Cell(row, 5), t.Low, MoneyFormat);
            Money(ws.Cell(row, 6), t.High, MoneyFormat);
            ws.Cell(row, 7).SetValue(t.Confidence?.ToString() ?? string.Empty);
            ws.Cell(row, 8).SetValue(t.Capped ? "capped" : string.Empty);
            Wrapped(ws.Cell(row, 9), string.Join("\n", t.Findings));
        }

        var last = row;
        row++;
        ws.Cell(row, 1).SetValue("Total");
        ws.Cell(row, 1).Style.Font.Bold = true;
        Money(ws.Cell(row, 5), breakdown.TotalLow, MoneyFormat);
        Money(ws.Cell(row, 6), breakdown.TotalHigh, MoneyFormat);
        row++;
        ws.Cell(row, 1).SetValue("Sum of the findings' own figures");
        Money(ws.Cell(row, 5), breakdown.FindingsLow, MoneyFormat);
        Money(ws.Cell(row, 6), breakdown.FindingsHigh, MoneyFormat);
        row++;
        ws.Range(row, 1, row, columns.Length).Merge();
        Wrapped(ws.Cell(row, 1), ExposureWording.Reconciliation(breakdown, cur));
        ws.Row(row).Height = 45;
        FinishTable(ws, columns.Length, last);
    }

    /// <summary>The remediation plan: every option of every open finding, the recommended one first and marked.</summary>
    private static void WriteRemediation(XLWorkbook wb, MonthlyReport report)
    {
        if (report.Appendix.Remediation is not { } rows)
        {
            return;
        }

        var cur = report.CurrencyCode;
        XlsxColumn[] columns =
        [
            new("Finding key", 22), new("Rule", 6), new("Severity", 9), new($"Exposure low ({cur})", 15), new($"Exposure high ({cur})", 15),
            new($"Accruing a month low ({cur})", 14), new($"Accruing a month high ({cur})", 14), new("Recommended", 8), new("Option", 40),
            new($"Cost low ({cur})", 14), new($"Cost high ({cur})", 14), new($"Exposure after low ({cur})", 15), new($"Exposure after high ({cur})", 15),
            new($"Still accruing a month low ({cur})", 14), new($"Still accruing a month high ({cur})", 14), new("Settles", 14), new("Owner", 16),
            new("Within (days of the data date)", 11), new("Basis", 60),
        ];
        var ws = AddTable(wb, "Remediation", columns);
        var row = 1;
        foreach (var r in rows)
        {
            row++;
            ws.Cell(row, 1).SetValue(r.FindingKey);
            ws.Cell(row, 2).SetValue(r.Rule.ToString());
            ws.Cell(row, 3).SetValue(r.Severity.ToString());
            Money(ws.Cell(row, 4), r.ExposureLow, MoneyFormat);
            Money(ws.Cell(row, 5), r.ExposureHigh, MoneyFormat);
            Money(ws.Cell(row, 6), r.AccruingLow, MoneyFormat);
            Money(ws.Cell(row, 7), r.AccruingHigh, MoneyFormat);
            ws.Cell(row, 8).SetValue(r.Recommended ? "yes" : string.Empty);
            Wrapped(ws.Cell(row, 9), r.Option);
            Money(ws.Cell(row, 10), r.CostLow, MoneyFormat);
            Money(ws.Cell(row, 11), r.CostHigh, MoneyFormat);
            Money(ws.Cell(row, 12), r.AfterLow, MoneyFormat);
            Money(ws.Cell(row, 13), r.AfterHigh, MoneyFormat);
            Money(ws.Cell(row, 14), r.AccrualAfterLow, MoneyFormat);
            Money(ws.Cell(row, 15), r.AccrualAfterHigh, MoneyFormat);
            ws.Cell(row, 16).SetValue(r.Settles);
            ws.Cell(row, 17).SetValue(r.Owner);
            Count(ws.Cell(row, 18), r.WithinDays);
            Wrapped(ws.Cell(row, 19), r.Basis);
            if (r.Recommended)
            {
                ws.Range(row, 8, row, 9).Style.Font.Bold = true;
            }
        }

        var last = row;
        row++;
        ws.Range(row, 1, row, columns.Length).Merge();
        Wrapped(ws.Cell(row, 1), RemediationWording.Explanation);
        ws.Row(row).Height = 45;
        FinishTable(ws, columns.Length, last);
    }

    /// <summary>"What the notices say" as rows: one per problem of each notice text (one for a notice with none), the codes kept for filtering.</summary>
    private static void WriteNotices(XLWorkbook wb, MonthlyReport report)
    {
        if (report.Notices is not { Count: > 0 } notices)
        {
            return;
        }

        XlsxColumn[] columns =
        [
            new("Notice", 14), new("Version", 9), new("Published", 11), new("AI training", 11), new("Opt-out", 11), new("Consent", 11),
            new("Capabilities named", 30), new("Text SHA-256", 20), new("Problem", 22), new("Paragraph", 10), new("What the text says", 60), new("Why it matters", 60),
        ];
        var ws = AddTable(wb, "Notices", columns);
        var row = 1;
        foreach (var n in notices)
        {
            IReadOnlyList<NoticeProblemRow> problems = n.Problems.Count > 0 ? n.Problems : [new NoticeProblemRow(string.Empty, null, null, string.Empty)];
            foreach (var p in problems)
            {
                row++;
                ws.Cell(row, 1).SetValue(n.NoticeId);
                ws.Cell(row, 2).SetValue(n.Version);
                ws.Cell(row, 3).SetValue(n.PublishedOn.ToDateTime(TimeOnly.MinValue));
                ws.Cell(row, 3).Style.DateFormat.Format = "yyyy-mm-dd";
                ws.Cell(row, 4).SetValue(n.AiTraining ?? "no text");
                ws.Cell(row, 5).SetValue(n.OptOut ?? "no text");
                ws.Cell(row, 6).SetValue(n.Consent ?? "no text");
                Wrapped(ws.Cell(row, 7), string.Join(", ", n.Capabilities));
                ws.Cell(row, 8).SetValue(n.TextSha256 ?? string.Empty);
                ws.Cell(row, 9).SetValue(p.Code);
                if (p.Paragraph is { } paragraph)
                {
                    ws.Cell(row, 10).SetValue(paragraph);
                }

                Wrapped(ws.Cell(row, 11), p.Quote ?? string.Empty);
                Wrapped(ws.Cell(row, 12), p.Explanation);
            }
        }

        FinishTable(ws, columns.Length, row);
    }

    /// <summary>A sheet with a bold, shaded header row that stays in view, and explicit column widths.</summary>
    private static IXLWorksheet AddTable(XLWorkbook wb, string name, IReadOnlyList<XlsxColumn> columns)
    {
        var ws = wb.AddWorksheet(name);
        for (var c = 0; c < columns.Count; c++)
        {
            ws.Column(c + 1).Width = columns[c].Width;
            ws.Cell(1, c + 1).SetValue(columns[c].Header);
        }

        var header = ws.Range(1, 1, 1, columns.Count).Style;
        header.Font.Bold = true;
        header.Fill.BackgroundColor = XLColor.FromArgb(Convert.ToInt32(HeaderFillRgb, 16));
        header.Alignment.WrapText = true;
        header.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        ws.SheetView.FreezeRows(1);
        return ws;
    }

    private static void FinishTable(IXLWorksheet ws, int columnCount, int lastRow)
    {
        ws.Range(1, 1, lastRow, columnCount).SetAutoFilter();
        ws.Range(2, 1, Math.Max(lastRow, 2), columnCount).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        FitWrappedRows(ws, 1, lastRow, columnCount);
        PrintSetup(ws);
    }

    /// <summary>
    /// The same print setup as the streamed sheets (<see cref="XlsxSheet.PrintSetup"/>): A4 like the PDFs,
    /// landscape, one page wide, header row repeated on each page.
    /// </summary>
    private static void PrintSetup(IXLWorksheet ws)
    {
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(1, 1);
        ws.PageSetup.Margins.Left = 0.4;
        ws.PageSetup.Margins.Right = 0.4;
        ws.PageSetup.Margins.Top = 0.6;
        ws.PageSetup.Margins.Bottom = 0.6;
    }

    /// <summary>
    /// Sets the height of rows with wrapped text from an estimate of their line count. Neither LibreOffice nor
    /// ClosedXML (whose AdjustToContents needs GDI+) sizes them, so without this the lines overlap the next row.
    /// </summary>
    private static void FitWrappedRows(IXLWorksheet ws, int firstRow, int lastRow, int columnCount)
    {
        for (var r = firstRow; r <= lastRow; r++)
        {
            var lines = 1;
            for (var c = 1; c <= columnCount; c++)
            {
                var cell = ws.Cell(r, c);
                if (cell.Style.Alignment.WrapText && !cell.IsEmpty())
                {
                    lines = Math.Max(lines, WrappedLines(cell.GetString(), ws.Column(c).Width));
                }
            }

            if (lines > 1)
            {
                ws.Row(r).Height = XlsxText.RowHeight(lines);
            }
        }
    }

    internal static int WrappedLines(string text, double columnWidth) => XlsxText.WrappedLines(text, columnWidth);

    // ClosedXML 0.95 parses a string given to Cell.Value ("2026-05" becomes a date, "007" a number);
    // SetValue<string> keeps it as text.
    private static void Text(IXLCell cell, string? text)
    {
        if (text is not null)
        {
            cell.SetValue(text);
        }
    }

    private static void Wrapped(IXLCell cell, string? text)
    {
        Text(cell, text);
        cell.Style.Alignment.WrapText = true;
    }

    private static void Date(IXLCell cell, DateOnly? date, string format)
    {
        if (date is { } d)
        {
            cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
            cell.Style.NumberFormat.Format = format;
        }
    }

    private static void Count(IXLCell cell, long value)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = IntegerFormat;
    }

    private static void Share(IXLCell cell, decimal share)
    {
        cell.SetValue(Math.Round(share, 4));
        cell.Style.NumberFormat.Format = "0%";
    }

    private static void Money(IXLCell cell, decimal value, string format)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }
}
