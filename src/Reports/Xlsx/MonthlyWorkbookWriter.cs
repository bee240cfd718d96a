using Audit.Reports.Models;

namespace Audit.Reports.Xlsx;

/// <summary>
/// Writes the monthly workbook. Every sheet is streamed, so the four big <see cref="IEnumerable{T}"/> members of
/// <see cref="MonthlyReport"/> are enumerated once each and never held in memory.
/// </summary>
public static class MonthlyWorkbookWriter
{
    public static void Write(MonthlyReport report, Stream output) => Write(report, output, XlsxStreamWriter.ExcelMaxRows);

    /// <summary>Test seam: a small row limit exercises the "(2)" continuation sheets.</summary>
    internal static void Write(MonthlyReport report, Stream output, int maxRowsPerSheet)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cur = report.CurrencyCode;
        using var xlsx = new XlsxStreamWriter(output, maxRowsPerSheet);

        WriteSummary(xlsx, report);

        var findings = xlsx.AddSheet("Findings",
        [
            new("Finding key", 22), new("Rule", 7), new("Rule title", 30), new("Severity", 10), new("Subject", 30),
            new("Title", 45), new("Affected workers", 10), new("Evidence", 70), new("First seen", 12),
            new("Last seen", 12), new("Status", 14), new("Change", 11), new($"Exposure low ({cur})", 16),
            new($"Exposure high ({cur})", 16),
        ], autoFilter: true);
        foreach (var f in report.AllFindings)
        {
            findings.WriteRow(
                XlsxCell.Of(f.FindingKey), XlsxCell.Of(f.Rule.ToString()), XlsxCell.Of(RuleCatalog.Title(f.Rule)),
                XlsxCell.Of(f.Severity.ToString()), XlsxCell.Of(f.Subject), XlsxCell.Of(f.Title),
                XlsxCell.Count(f.AffectedWorkers), XlsxCell.Of(f.Evidence), XlsxCell.Date(f.FirstSeen),
                XlsxCell.Date(f.LastSeen), XlsxCell.Of(RuleCatalog.Display(f.Status)), XlsxCell.Of(f.Change.ToString()),
                XlsxCell.Money(f.ExposureLow), XlsxCell.Money(f.ExposureHigh));
        }

        var inventory = xlsx.AddSheet("Inventory",
        [
            new("Tool", 20), new("Config version", 14), new("Program", 20), new("Capabilities", 45), new("Purposes", 30),
            new("Countries included", 20), new("Countries excluded", 20), new("Effective from", 13),
            new("Effective to", 13), new("Workers", 10), new("Trajectory-grade", 10),
        ], autoFilter: true);
        foreach (var i in report.Inventory)
        {
            inventory.WriteRow(
                XlsxCell.Of(i.Tool), XlsxCell.Of(i.ConfigVersion), XlsxCell.Of(i.Program),
                XlsxCell.Of(string.Join(", ", i.Capabilities)), XlsxCell.Of(string.Join(", ", i.Purposes)),
                XlsxCell.Of(string.Join(", ", i.CountriesIncluded)), XlsxCell.Of(string.Join(", ", i.CountriesExcluded)),
                XlsxCell.Date(i.EffectiveFrom), XlsxCell.Date(i.EffectiveTo), XlsxCell.Count(i.WorkerCount),
                XlsxCell.Of(i.TrajectoryGrade));
        }

        var gaps = xlsx.AddSheet("Consent gaps",
        [
            new("Worker id", 14), new("Config version", 14), new("Tool", 20), new("Batches", 10),
            new("First capture (UTC)", 17), new("Last capture (UTC)", 17), new("Consent state", 45), new("Rules", 12),
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
            new("Worker id", 14), new("Program", 24), new("Model", 24), new("Uncompensated hours", 14),
            new($"Replacement value ({cur})", 18),
        ], autoFilter: true);
        foreach (var c in report.CompensationRows)
        {
            compensation.WriteRow(
                XlsxCell.Of(c.WorkerId), XlsxCell.Of(c.Program), XlsxCell.Of(c.Model),
                XlsxCell.Decimal(c.UncompensatedHours), XlsxCell.Money(c.ReplacementValue));
        }

        var assumptions = xlsx.AddSheet("Exposure assumptions",
        [
            new("Theory", 16), new("Regime", 22), new("Jurisdiction", 12), new("Triggering rules", 14), new("Unit", 18),
            new("Low", 14), new("High", 14), new("Currency", 9), new("Citation", 50), new("Confidence", 10),
            new("Note", 40),
        ], autoFilter: true);
        foreach (var a in report.Appendix.ExposureAssumptions)
        {
            assumptions.WriteRow(
                XlsxCell.Of(a.TheoryId), XlsxCell.Of(a.Regime), XlsxCell.Of(a.Jurisdiction),
                XlsxCell.Of(string.Join(", ", a.TriggeringRules)), XlsxCell.Of(a.Unit), XlsxCell.Money(a.Low),
                XlsxCell.Money(a.High), XlsxCell.Of(a.Currency), XlsxCell.Of(a.Citation),
                XlsxCell.Of(a.Confidence.ToString()), XlsxCell.Of(a.Note));
        }

        xlsx.Finish();
    }

    private static void WriteSummary(XlsxStreamWriter xlsx, MonthlyReport report)
    {
        var s = report.Summary;
        var cur = report.CurrencyCode;
        var sheet = xlsx.AddSheet("Summary", [new("Measure", 34), new("Value", 26)]);
        sheet.WriteRow(XlsxCell.Of("Company", XlsxStyle.Bold), XlsxCell.Of(report.CompanyName));
        sheet.WriteRow(XlsxCell.Of("Period", XlsxStyle.Bold), XlsxCell.Of(report.Period.ToString()));
        sheet.WriteRow(XlsxCell.Of("Generated at (UTC)", XlsxStyle.Bold), XlsxCell.Timestamp(report.GeneratedAt));
        sheet.WriteRow(XlsxCell.Of("Data as of", XlsxStyle.Bold), XlsxCell.Date(report.DataAsOf));
        sheet.WriteRow(XlsxCell.Of("Currency", XlsxStyle.Bold), XlsxCell.Of(cur));
        foreach (var severity in Enum.GetValues<Severity>())
        {
            sheet.WriteRow(XlsxCell.Of($"Open findings: {severity}"), XlsxCell.Count(s.OpenBySeverity[severity]));
        }

        sheet.WriteRow(XlsxCell.Of("Open findings: total", XlsxStyle.Bold), XlsxCell.Count(s.OpenBySeverity.Total));
        sheet.WriteRow(XlsxCell.Of("New since last month"), XlsxCell.Count(s.New));
        sheet.WriteRow(XlsxCell.Of("Resolved since last month"), XlsxCell.Count(s.Resolved));
        sheet.WriteRow(XlsxCell.Of("Persisting"), XlsxCell.Count(s.Persisting));
        sheet.WriteRow(XlsxCell.Of("Affected workers"), XlsxCell.Count(s.AffectedWorkers));
        sheet.WriteRow(XlsxCell.Of($"Exposure low ({cur})"), XlsxCell.Money(s.ExposureLow));
        sheet.WriteRow(XlsxCell.Of($"Exposure high ({cur})"), XlsxCell.Money(s.ExposureHigh));
        sheet.WriteRow(XlsxCell.Of("Note", XlsxStyle.Bold), XlsxCell.Of(ReportConstants.Disclaimer));
    }
}
