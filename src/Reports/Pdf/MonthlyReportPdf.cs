using Audit.Reports.Models;
using Audit.Reports.Wording;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Audit.Reports.Pdf;

/// <summary>Renders <see cref="MonthlyReport"/> to the monthly compliance PDF.</summary>
public static class MonthlyReportPdf
{
    public static void Render(MonthlyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = new PdfDocument();
        document.Info.Title = $"Monthly compliance report {report.Period} - {report.CompanyName}";
        document.Info.Author = ReportConstants.SoftwareName;
        document.Info.Creator = ReportConstants.SoftwareName;
        document.Info.Subject = "Employee-monitoring data and AI training: compliance findings";
        document.PageLayout = PdfPageLayout.SinglePage;
        document.PageMode = PdfPageMode.UseOutlines;
        PdfTheme.ApplyOutputOptions(document);

        using (var layout = new PdfLayout(document))
        {
            var cur = report.CurrencyCode;
            Cover(layout, report);
            Summary(layout, report, cur);
            Inventory(layout, report);
            Rules(layout, report, cur);
            Eu(layout, report, cur);
            Compensation(layout, report, cur);
            Appendix(layout, report);
            layout.FinishPages(ReportConstants.Confidential, $"{report.CompanyName} - {report.Period}");
        }

        document.Save(output, closeStream: false);
    }

    private static void Cover(PdfLayout l, MonthlyReport r)
    {
        l.Bookmark("Cover");
        l.Y = 190;
        l.Paragraph("Monthly compliance report", PdfTheme.Font(26, bold: true), PdfTheme.Accent, after: 4);
        l.Paragraph("Employee-monitoring data and AI training", PdfTheme.Font(13), PdfTheme.Muted, after: 30);
        l.Facts(
        [
            ("Company", r.CompanyName),
            ("Period", r.Period.ToString()),
            ("Generated at", CountFormatter.Timestamp(r.GeneratedAt)),
            ("Data as of", CountFormatter.Date(r.DataAsOf)),
            ("Currency", r.CurrencyCode),
        ], labelWidth: 110);
        l.Y = l.Bottom - 60;
        l.Paragraph(ReportConstants.Confidential + ". " + ReportConstants.Disclaimer, PdfTheme.Font(9, italic: true), PdfTheme.Muted);
    }

    private static void Summary(PdfLayout l, MonthlyReport r, string cur)
    {
        var s = r.Summary;
        var section = l.Section("Executive summary");
        l.Tiles(
        [
            (CountFormatter.Count(s.OpenBySeverity.Total), "Open findings", PdfTheme.Ink),
            (CountFormatter.Count(s.OpenBySeverity.Critical), "Critical", PdfTheme.SeverityColor(Severity.Critical)),
            (CountFormatter.Count(s.OpenBySeverity.High), "High", PdfTheme.SeverityColor(Severity.High)),
            (CountFormatter.Count(s.OpenBySeverity.Medium), "Medium", PdfTheme.SeverityColor(Severity.Medium)),
            (CountFormatter.Count(s.OpenBySeverity.Low), "Low", PdfTheme.SeverityColor(Severity.Low)),
        ]);
        l.Tiles(
        [
            (CountFormatter.Count(s.New), "New since last month", PdfTheme.Accent),
            (CountFormatter.Count(s.Resolved), "Resolved since last month", PdfTheme.Accent),
            (CountFormatter.Count(s.Persisting), "Persisting", PdfTheme.Accent),
            (CountFormatter.Count(s.AffectedWorkers), "Affected workers", PdfTheme.Accent),
        ]);
        l.Facts([("Estimated exposure", CountFormatter.Range(s.ExposureLow, s.ExposureHigh, cur))], labelWidth: 120);
        l.Paragraph(ReportConstants.Disclaimer + " The assumptions and citations behind the range are in the appendix.",
            PdfTheme.Font(8.5, italic: true), PdfTheme.Muted, after: 10);

        l.SubSection("Trend (last 12 months)", section, keepWithNext: 420);
        var trend = r.Trend.TakeLast(12).ToList();
        Charts.FindingsBySeverity(l.Gfx, new XRect(l.Left, l.Y, l.Width, 190), trend);
        l.Y += 200;
        Charts.ExposureRange(l.Gfx, new XRect(l.Left, l.Y, l.Width, 190), trend, cur);
        l.Y += 200;
    }

    private static void Inventory(PdfLayout l, MonthlyReport r)
    {
        l.Section("Capture-surface inventory");
        l.Paragraph("Every capture-tool configuration version in force during the period: what it records, the purposes it declares, where it runs and how many workers it covers. Trajectory-grade means screenshots, UI hierarchy and keystrokes or window text together: enough to train a computer-use agent.");
        l.Table(
        [
            new("Tool / version", 1.3), new("Program", 1.2), new("Capabilities", 2.4), new("Purposes", 1.5),
            new("Regions", 1.3), new("Effective", 1.3), new("Workers", 1.0, CellAlign.Right), new("Trajectory grade", 1.1),
        ],
        r.Inventory.Select(i => (IReadOnlyList<string>)
        [
            $"{i.Tool} {i.ConfigVersion}",
            i.Program ?? "-",
            string.Join(", ", i.Capabilities),
            string.Join(", ", i.Purposes),
            Regions(i),
            CountFormatter.Date(i.EffectiveFrom) + " to " + (i.EffectiveTo is { } to ? CountFormatter.Date(to) : "open"),
            CountFormatter.Count(i.WorkerCount),
            i.TrajectoryGrade ? "Yes" : "No",
        ]));
    }

    private static string Regions(InventoryRow i)
    {
        var included = i.CountriesIncluded.Count == 0 ? "all" : string.Join(", ", i.CountriesIncluded);
        return i.CountriesExcluded.Count == 0 ? included : $"{included}; excl. {string.Join(", ", i.CountriesExcluded)}";
    }

    private static void Rules(PdfLayout l, MonthlyReport r, string cur)
    {
        var parent = l.Section("Findings by rule");
        foreach (var rule in r.Rules.OrderBy(x => x.Code))
        {
            l.SubSection($"{rule.Code} - {rule.Title}", parent, keepWithNext: 180);
            l.Paragraph(rule.Intro);
            l.Facts(
            [
                ("Findings", CountFormatter.Count(rule.FindingCount)),
                ("Affected workers", CountFormatter.Count(rule.AffectedWorkers)),
                ("New / resolved", $"{CountFormatter.Count(rule.New)} / {CountFormatter.Count(rule.Resolved)}"),
                ("Exposure", CountFormatter.Range(rule.ExposureLow, rule.ExposureHigh, cur)),
            ], labelWidth: 110);
            if (rule.WorstExamples.Count > 0)
            {
                l.Heading("Worst examples", 9.5);
                FindingTable(l, rule.WorstExamples, cur);
            }

            l.Heading("Remediation", 9.5, keepWithNext: 40);
            l.Paragraph(rule.Remediation, after: 14);
        }
    }

    private static void FindingTable(PdfLayout l, IEnumerable<FindingRow> findings, string cur) =>
        l.Table(
        [
            new("Finding", 1.1), new("Severity", 0.95), new("Subject and evidence", 3.6), new("Workers", 0.95, CellAlign.Right),
            new("First / last seen", 1.1), new("Status", 1.15), new($"Exposure ({cur})", 1.3, CellAlign.Right),
        ],
        findings.Select(f => (IReadOnlyList<string>)
        [
            f.FindingKey,
            f.Severity.ToString(),
            $"{f.Title}\n{f.Subject}: {f.Evidence}",
            CountFormatter.Count(f.AffectedWorkers),
            CountFormatter.Date(f.FirstSeen) + "\n" + CountFormatter.Date(f.LastSeen),
            RuleCatalog.Display(f.Status) + "\n" + f.Change,
            CountFormatter.Short(f.ExposureLow) + " - " + CountFormatter.Short(f.ExposureHigh),
        ]),
        fontSize: 7.5);

    private static void Eu(PdfLayout l, MonthlyReport r, string cur)
    {
        var eu = r.Eu;
        var section = l.Section("EU and protected jurisdictions");
        l.Paragraph("Whether programs that exempt staff in protected jurisdictions hold that exemption in the data: location is taken at capture time, so relocations count.");
        l.Facts(
        [
            ("Jurisdiction sets", eu.JurisdictionSets.Count == 0 ? "none configured" : string.Join(", ", eu.JurisdictionSets)),
            ("Workers captured while located there", CountFormatter.Count(eu.EuWorkersCaptured)),
            ("Their batches reaching training", CountFormatter.Count(eu.EuBatchesReachingTraining)),
            ("Relocated workers", CountFormatter.Count(eu.RelocatedWorkers)),
        ], labelWidth: 200);
        l.SubSection("Programs", section, keepWithNext: 80);
        l.Table(
            [new("Program", 3), new("Exempts these jurisdictions", 1.5), new("Written rationale", 1.5)],
            eu.Programs.Select(p => (IReadOnlyList<string>)
            [
                p.Program,
                p.EuExempt ? "Yes" : "No",
                p.HasWrittenRationale ? "Yes" : p.EuExempt ? "No - regulators read this as an admission" : "n/a",
            ]));
        l.SubSection("Findings", section, keepWithNext: 80);
        FindingTable(l, eu.Findings, cur);
    }

    private static void Compensation(PdfLayout l, MonthlyReport r, string cur)
    {
        l.Section("Compensation");
        l.Paragraph("Workers whose captured work reached a commercial model, by program, and whether an agreement covers them. Uncompensated active hours are valued at the benchmark rate for contract annotators.");
        var rows = r.Compensation.Programs;
        l.Table(
        [
            new("Program", 2.2), new("Contributors", 1, CellAlign.Right), new("Compensated", 1, CellAlign.Right),
            new("Uncompensated hours", 1.2, CellAlign.Right), new($"Replacement value ({cur})", 2.2, CellAlign.Right),
            new($"Benchmark ({cur}/h)", 1.1, CellAlign.Right),
        ],
        rows.Select(p => (IReadOnlyList<string>)
        [
            p.Program,
            CountFormatter.Count(p.Contributors),
            CountFormatter.Count(p.Compensated),
            CountFormatter.Hours(p.UncompensatedHours),
            CountFormatter.Money(p.ReplacementValueLow, cur) + " - " + CountFormatter.Money(p.ReplacementValueHigh, cur),
            CountFormatter.Hours(p.BenchmarkRatePerHour),
        ]));
        if (rows.Count > 1)
        {
            l.Facts(
            [
                ("Total uncompensated hours", CountFormatter.Hours(rows.Sum(p => p.UncompensatedHours))),
                ("Total replacement value", CountFormatter.Range(rows.Sum(p => p.ReplacementValueLow), rows.Sum(p => p.ReplacementValueHigh), cur)),
            ], labelWidth: 160);
        }
    }

    private static void Appendix(PdfLayout l, MonthlyReport r)
    {
        var a = r.Appendix;
        var section = l.Section("Appendix");
        l.SubSection("Method", section, keepWithNext: 60);
        l.Paragraph(a.MethodText);
        l.SubSection("Exposure assumptions", section, keepWithNext: 80);
        l.Table(
        [
            new("Theory", 1.15), new("Regime / jurisdiction", 1.35), new("Rules", 0.7), new("Unit", 1.0),
            new("Low", 1.45, CellAlign.Right), new("High", 1.45, CellAlign.Right), new("Citation", 2.0), new("Conf.", 0.65),
            new("Note", 1.3),
        ],
        a.ExposureAssumptions.Select(x => (IReadOnlyList<string>)
        [
            x.TheoryId,
            $"{x.Regime}\n{x.Jurisdiction}",
            string.Join(", ", x.TriggeringRules),
            x.Unit,
            CountFormatter.Money(x.Low, x.Currency),
            CountFormatter.Money(x.High, x.Currency),
            x.Citation,
            x.Confidence.ToString(),
            x.Note ?? "",
        ]),
        fontSize: 7.5);
        l.Paragraph("Confidence: A settled law and amounts; B arguable application; C speculative, included so counsel can see it.", PdfTheme.Font(8, italic: true), PdfTheme.Muted);
        l.SubSection("Data sources", section, keepWithNext: 80);
        l.Table([new("Table", 3), new("Rows", 1, CellAlign.Right)],
            a.DataSources.Select(d => (IReadOnlyList<string>)[d.TableName, CountFormatter.Count(d.RowCount)]));
        l.Paragraph(a.Disclaimer, PdfTheme.Font(10, bold: true), PdfTheme.Ink);
    }
}
