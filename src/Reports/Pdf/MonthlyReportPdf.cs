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
            FrontPage(layout, report, cur);
            layout.NewPage();
            layout.ReserveContents(8);
            Summary(layout, report, cur);
            Inventory(layout, report);
            Rules(layout, report, cur);
            Notices(layout, report);
            Eu(layout, report, cur);
            Compensation(layout, report, cur);
            Appendix(layout, report);
            layout.FinishPages(ReportConstants.Confidential, $"{report.CompanyName} - {report.Period}");
        }

        document.Save(output, closeStream: false);
    }

    /// <summary>The most names page 1 lists of new and of resolved findings; the rest are in the rule sections.</summary>
    private const int NamesOnFrontPage = 3;

    /// <summary>
    /// Page 1 carries the message: the exposure by confidence and its change since the month compared with, the new
    /// and resolved findings by name, and the decisions asked with who owns them and when they are due.
    /// </summary>
    private static void FrontPage(PdfLayout l, MonthlyReport r, string cur)
    {
        var s = r.Summary;
        l.Paragraph($"Monthly compliance report {r.Period}", PdfTheme.Font(22, bold: true), PdfTheme.Accent, after: 2);
        l.Paragraph("Employee-monitoring data and AI training", PdfTheme.Font(12), PdfTheme.Muted, after: 4);
        l.Paragraph($"{r.CompanyName} · data as of {CountFormatter.Date(r.DataAsOf)} · generated {CountFormatter.Timestamp(r.GeneratedAt)} · amounts in {r.CurrencyCode}",
            PdfTheme.Font(9), PdfTheme.Muted, after: 10);
        var brief = l.Bookmark("The month in brief");
        l.Heading("The month in brief", 14, keepWithNext: 80);

        List<(string, string)> facts = [("Estimated exposure", FrontPageWording.Exposure(s, cur))];
        if (s.ExposureChange is { } change)
        {
            facts.Add(("Since last month", FrontPageWording.Change(s, change, cur)));
        }

        facts.Add(("Open findings", FrontPageWording.OpenFindings(s)));
        facts.Add(("New", FrontPageWording.Names(s.NewFindings?.Select(f => $"{f.Title} ({f.Rule}, {f.Severity.ToString().ToLowerInvariant()})").ToList(), s.New, NamesOnFrontPage)));
        facts.Add(("Resolved", FrontPageWording.Names(s.ResolvedFindings?.Select(f => $"{f.Title}: {f.Why}").ToList(), s.Resolved, NamesOnFrontPage)));
        l.Facts(facts, labelWidth: 120);

        if (s.TopRisks is { Count: > 0 } risks)
        {
            var table = DecisionTable(l, risks, cur, r.DataAsOf);
            l.SubSection("Decisions asked", brief, keepWithNext: PdfLayout.HeadingHeight(12.5) + table.LeadHeight);
            l.Table(table);
        }

        l.Paragraph(ReportConstants.Confidential + ". " + ReportConstants.Disclaimer + " The assumptions and primary sources behind the range are in the appendix.",
            PdfTheme.Font(8.5, italic: true), PdfTheme.Muted, after: 4);
    }

    /// <summary>The top risks as decisions: what is asked, of whom (as assigned in the findings workflow), by when, and what rides on it.</summary>
    private static PreparedTable DecisionTable(PdfLayout l, IReadOnlyList<BoardRisk> risks, string cur, DateOnly asOf) =>
        l.PrepareTable(
        [
            new("#", 0.3), new("Risk, and the decision asked", 4.4), new("Assigned to, due", 1.6), new($"Exposure ({cur})", 1.3, CellAlign.Right),
        ],
        risks.Select((r, i) => (IReadOnlyList<TableCell>)
        [
            TableCell.Plain((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            RiskCells.Risk(r, $" ({r.Severity.ToString().ToLowerInvariant()})"),
            new([new(FrontPageWording.Owners(r.Owners)), new(FrontPageWording.Due(r.DueOn, asOf), r.DueOn < asOf ? CellStyle.Bold : CellStyle.Muted)]),
            RiskCells.Exposure(r),
        ]),
        fontSize: 8);

    private static void Summary(PdfLayout l, MonthlyReport r, string cur)
    {
        var s = r.Summary;
        var section = l.Section("Executive summary", newPage: false);
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
        l.Facts(
            s.Grades is { } grades
                ? [("Estimated exposure", CountFormatter.Range(s.ExposureLow, s.ExposureHigh, cur)), ("On grades A and B", ExposureWording.GroundedPart(grades, cur)), ("On grade C", ExposureWording.GradeCPart(grades, cur))]
                : [("Estimated exposure", CountFormatter.Range(s.ExposureLow, s.ExposureHigh, cur))],
            labelWidth: 120);
        if (s.Grades is not null)
        {
            l.Paragraph(ExposureWording.Explanation, PdfTheme.Font(8.5), PdfTheme.Muted, after: 4);
        }

        l.Paragraph(ReportConstants.Disclaimer + " The assumptions and citations behind the range are in the appendix.",
            PdfTheme.Font(8.5, italic: true), PdfTheme.Muted, after: 10);

        if (s.Highlights is { Count: > 0 } highlights)
        {
            l.Paragraph(string.Join(" ", highlights), PdfTheme.Font(10.5), PdfTheme.Ink, after: 10);
        }

        if (s.ResolvedFindings is { Count: > 0 } resolved)
        {
            var table = l.PrepareTable([new("Resolved this month", 4), new("Why", 2.6)],
                resolved.Select(f => (IReadOnlyList<TableCell>)[new([new(f.Title, CellStyle.Bold), new($"{f.Subject} ({f.Rule})", CellStyle.Muted)]), TableCell.Plain(f.Why)]),
                fontSize: 8);
            l.Table(table);
            l.Space(6);
        }

        if (s.TopPaths is { Count: > 0 } paths)
        {
            l.SubSection("Where the top risks' data goes", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + 40 + PathDiagram.Height);
            l.Paragraph("The lineage path each top risk's gravest finding rests on, from where the captured data landed to the training set or model it reached.",
                PdfTheme.Font(8.5, italic: true), PdfTheme.Muted, after: 4);
            foreach (var path in paths)
            {
                l.EnsureSpace(14 + PathDiagram.Height);
                l.Paragraph($"{path.Rule}: {path.Title}", PdfTheme.Font(8.5, bold: true), PdfTheme.Ink, after: 3);
                PathDiagram.Draw(l, path);
                l.Space(6);
            }
        }

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
            new("Tool / version", 1.2), new("Program", 1.1), new("Capabilities", 2.1), new("Purposes", 1.3),
            new("Regions", 2.2), new("Effective", 1.15), new("Workers", 0.8, CellAlign.Right), new("Traj. grade", 0.8),
        ],
        r.Inventory.Select(i => (IReadOnlyList<string>)
        [
            $"{i.Tool} {i.ConfigVersion}",
            i.Program ?? "-",
            string.Join(", ", i.Capabilities.Select(Labels.Of)),
            string.Join(", ", i.Purposes.Select(Labels.Of)),
            Regions(i),
            CountFormatter.Date(i.EffectiveFrom) + " to " + (i.EffectiveTo is { } to ? CountFormatter.Date(to) : "open"),
            CountFormatter.Count(i.WorkerCount),
            ReportConstants.YesNo(i.TrajectoryGrade),
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
            if (rule.Code == RuleCode.R6 && r.Eu.Findings.Count > 0)
            {
                // The EU section lists every R6 finding: printing its worst examples here too made the same table twice.
                l.Paragraph("Its findings are listed in full under EU and protected jurisdictions.", PdfTheme.Font(9.5, italic: true), PdfTheme.Muted);
            }
            else if (rule.WorstExamples.Count > 0)
            {
                var table = FindingTable(l, rule.WorstExamples, cur);
                l.Heading("Worst examples", 9.5, keepWithNext: PdfLayout.HeadingHeight(9.5) + table.LeadHeight);
                l.Table(table);
            }

            l.Heading("Remediation", 9.5, keepWithNext: 40);
            l.Paragraph(rule.Remediation, after: 14);
        }
    }

    /// <summary>
    /// Findings for a reader: title in bold, subject in grey on its own line, then the evidence. The finding key
    /// means nothing on paper (it stays in the workbook).
    /// </summary>
    private static PreparedTable FindingTable(PdfLayout l, IEnumerable<FindingRow> findings, string cur) =>
        l.PrepareTable(
        [
            new("Severity", 0.9), new("Subject and evidence", 4.8), new("Workers", 0.8, CellAlign.Right),
            new("First / last seen", 1.05), new("Status", 1.05), new($"Exposure ({cur})", 1.2, CellAlign.Right),
        ],
        findings.Select(f => (IReadOnlyList<TableCell>)
        [
            TableCell.Plain(f.Severity.ToString()),
            new(f.StatusNote is null
                ? [new(f.Title, CellStyle.Bold), new(f.Subject, CellStyle.Muted), new(EvidenceBullets(f.Evidence))]
                : [new(f.Title, CellStyle.Bold), new(f.Subject, CellStyle.Muted), new(EvidenceBullets(f.Evidence)), new($"{RuleCatalog.Display(f.Status)}: {f.StatusNote}", CellStyle.Muted)]),
            TableCell.Plain(CountFormatter.Count(f.AffectedWorkers)),
            TableCell.Plain(f.FirstSeen == DateOnly.MinValue && f.LastSeen == DateOnly.MinValue ? "-" : Date(f.FirstSeen) + "\n" + Date(f.LastSeen)),
            TableCell.Plain(RuleCatalog.Display(f.Status) + "\n" + f.Change),
            TableCell.Plain(CountFormatter.ShortRange(f.ExposureLow, f.ExposureHigh)),
        ]),
        fontSize: 7.5);

    /// <summary>The most evidence facts a finding's cell lists; the workbook's Findings sheet has them all.</summary>
    internal const int EvidenceFactsShown = 5;

    /// <summary>Evidence as a bounded list, one fact a bullet, never a run-on paragraph a third of a page long.</summary>
    internal static string EvidenceBullets(string evidence)
    {
        var facts = evidence.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = facts.Take(EvidenceFactsShown).Select(f => "• " + f);
        var more = facts.Length - EvidenceFactsShown;
        return string.Join("\n", more > 0 ? shown.Append($"… {more} more {(more == 1 ? "fact" : "facts")} in the workbook's Findings sheet") : shown);
    }

    /// <summary>A finding whose dates were never recorded arrives as <see cref="DateOnly.MinValue"/>: print a dash, not 0001-01-01.</summary>
    private static string Date(DateOnly date) => date == DateOnly.MinValue ? "-" : CountFormatter.Date(date);

    /// <summary>
    /// "What the notices say": each notice version's text read as workers read it (R10's evidence), the verdicts and
    /// every problem with the sentence quoted, so counsel reads the wording itself rather than the notice record.
    /// </summary>
    private static void Notices(PdfLayout l, MonthlyReport r)
    {
        if (r.Notices is not { Count: > 0 } notices)
        {
            return;
        }

        var section = l.Section("What the notices say");
        l.Paragraph("Each notice's own text, as workers read it, read sentence by sentence with the disclosure lexicon (templates/disclosure-lexicon.csv) and held against what the tools under it capture. "
            + "Wording such as \"security and compliance\" does not cover AI training under a defensible interpretation; a disclosure needs to say it, the consent needs to be specific and the opt-out needs to be real. Rule R10 flags training on data captured under a text that does not say it.");
        var withoutText = notices.Where(n => n.TextSha256 is null).Select(n => n.NoticeId).ToList();
        foreach (var n in notices.Where(n => n.TextSha256 is not null))
        {
            var problems = n.Problems.Where(p => p.Code != "no-text").ToList();
            var table = problems.Count == 0 ? null : l.PrepareTable(
                [new("Problem", 1.3), new("¶", 0.35, CellAlign.Right), new("What the text says", 3.2), new("Why it matters", 3.2)],
                problems.Select(p => (IReadOnlyList<TableCell>)
                [
                    TableCell.Plain(NoticeWording.Problem(p.Code)),
                    TableCell.Plain(p.Paragraph is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),
                    TableCell.Plain(p.Quote is null ? "(nothing: the text does not say it)" : $"\u201c{p.Quote}\u201d"),
                    TableCell.Plain(p.Explanation),
                ]));
            l.SubSection($"{n.NoticeId} (version {n.Version}, published {CountFormatter.Date(n.PublishedOn)})", section,
                keepWithNext: PdfLayout.HeadingHeight(12.5) + 70 + (table?.LeadHeight ?? 0));
            l.Facts(
            [
                ("AI training", NoticeWording.AiTraining(n.AiTraining)),
                ("Opt-out", NoticeWording.OptOut(n.OptOut)),
                ("Consent", NoticeWording.Consent(n.Consent)),
                ("Capabilities named", n.Capabilities.Count == 0 ? "none" : string.Join(", ", n.Capabilities.Select(Labels.Of))),
                ("Text SHA-256", n.TextSha256!),
            ], labelWidth: 130);
            if (table is not null)
            {
                l.Table(table);
            }
        }

        if (withoutText.Count > 0)
        {
            l.Paragraph($"No text imported for {string.Join(", ", withoutText)}: only the notice record speaks for {(withoutText.Count == 1 ? "it" : "them")} (import notice-texts).", PdfTheme.Font(9, italic: true), PdfTheme.Muted);
        }
    }

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
        var programs = l.PrepareTable(
            [new("Program", 2.6), new("Exempts these jurisdictions", 1.4), new("Written rationale", 2.2)],
            eu.Programs.Select(p => (IReadOnlyList<TableCell>)
            [
                TableCell.Plain(p.Program),
                TableCell.Plain(ReportConstants.YesNo(p.EuExempt)),
                TableCell.Plain(p.HasWrittenRationale ? "Yes" : p.EuExempt ? "No - regulators read this as an admission" : "n/a"),
            ]));
        l.SubSection("Programs", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + programs.LeadHeight);
        l.Table(programs);
        var findings = FindingTable(l, eu.Findings.OrderBy(f => f.Severity).ThenByDescending(f => f.ExposureHigh), cur);
        l.SubSection("Findings", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + findings.LeadHeight);
        l.Table(findings);
    }

    private static void Compensation(PdfLayout l, MonthlyReport r, string cur)
    {
        // Short enough to follow the EU section rather than take a page of its own.
        l.Section("Compensation", newPage: false);
        l.Paragraph("Workers whose captured work reached a commercial model, by program, and whether an agreement covers them. Uncompensated active hours are valued at the benchmark rate for contract annotators.");
        var rows = r.Compensation.Programs;
        l.Table(
        [
            new("Program", 2.2), new("Workers", 0.9, CellAlign.Right), new("Paid", 0.8, CellAlign.Right),
            new("Unpaid hours", 1.1, CellAlign.Right), new($"Replacement value ({cur})", 2.6, CellAlign.Right),
            new($"Rate ({cur}/h)", 1, CellAlign.Right),
        ],
        rows.Select(p => (IReadOnlyList<string>)
        [
            p.Program,
            CountFormatter.Count(p.Contributors),
            CountFormatter.Count(p.Compensated),
            CountFormatter.Hours(p.UncompensatedHours),
            CountFormatter.Range(p.ReplacementValueLow, p.ReplacementValueHigh, cur),
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

    private const double WaterfallHeight = 170;

    private static void Appendix(PdfLayout l, MonthlyReport r)
    {
        var a = r.Appendix;
        var section = l.Section("Appendix");
        l.SubSection("Method", section, keepWithNext: 60);
        l.Paragraph(a.MethodText);
        if (a.ExposureByTheory is { } breakdown)
        {
            var cur = r.CurrencyCode;
            var table = l.PrepareTable(
                [new("Theory", 2.2), new("Jurisdiction", 1.3), new("Unit", 1.8), new("Units", 1.2, CellAlign.Right), new($"Low ({cur})", 1.3, CellAlign.Right),
                 new($"High ({cur})", 1.3, CellAlign.Right), new("Grade", 0.8), new("Findings", 2.4)],
                breakdown.Theories.Select(t => (IReadOnlyList<TableCell>)
                [
                    TableCell.Plain(t.TheoryId), TableCell.Plain(t.Jurisdiction), TableCell.Plain(t.Unit), TableCell.Plain(CountFormatter.Count((long)Math.Round(t.Units))),
                    TableCell.Plain(t.Capped ? "capped" : CountFormatter.Short(t.Low)), TableCell.Plain(t.Capped ? "capped" : CountFormatter.Short(t.High)),
                    TableCell.Plain(t.Confidence?.ToString() ?? "-"),
                    TableCell.Plain($"{t.Findings.Count}: " + string.Join(", ", t.Findings.Select(f => f.Split(':')[0]).Distinct(StringComparer.Ordinal))),
                ]));
            l.SubSection("Exposure by theory", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + table.LeadHeight);
            l.Table(table);
            l.Paragraph(ExposureWording.Reconciliation(breakdown, cur), PdfTheme.Font(8.5), PdfTheme.Muted, after: 8);
            l.EnsureSpace(WaterfallHeight + 8);
            Charts.ExposureWaterfall(l.Gfx, new XRect(l.Left, l.Y, l.Width, WaterfallHeight), breakdown, cur);
            l.Y += WaterfallHeight + 8;
        }

        Glossary(l, section);

        l.SubSection("Exposure assumptions", section, keepWithNext: 120);
        l.Paragraph("Confidence: A settled law and amounts; B arguable application; C speculative, included so counsel can see it.", PdfTheme.Font(8, italic: true), PdfTheme.Muted);
        for (var i = 0; i < a.ExposureAssumptions.Count; i++)
        {
            l.Block(Assumption(a.ExposureAssumptions[i], r.DataAsOf), separator: i > 0);
        }

        l.Space(4);

        // A short table kept whole with its heading and the disclaimer under it: split, it left two rows on a page of their own.
        var sources = l.PrepareTable([new("Data", 4), new("Records", 1, CellAlign.Right)],
            a.DataSources.Select(d => (IReadOnlyList<TableCell>)[TableCell.Plain(d.Data), TableCell.Plain(CountFormatter.Count(d.Records))]),
            width: l.Width * 0.7);
        l.SubSection("Data sources", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + 20 + sources.HeaderHeight + sources.Rows.Sum(r => r.Height) + 30);
        l.Paragraph("What the scan read, as of the data date: the records of each kind that existed then.", PdfTheme.Font(8.5, italic: true), PdfTheme.Muted);
        l.Table(sources);
        l.Paragraph(a.Disclaimer, PdfTheme.Font(10, bold: true), PdfTheme.Ink);
    }

    /// <summary>
    /// The words of the report, and the codes behind them: the body prints the words ("click coordinates", "AI
    /// training"); import files, the workbook and the API carry the codes, so a reader can go from one to the other.
    /// </summary>
    private static void Glossary(PdfLayout l, PdfOutline section)
    {
        var rows = new List<IReadOnlyList<TableCell>>();
        void Row(string term, string code, string meaning) =>
            rows.Add([new([new(term, CellStyle.Bold)]), new([new(code, CellStyle.Muted)]), TableCell.Plain(meaning)]);

        foreach (var rule in RuleCatalog.All)
        {
            Row(RuleCatalog.Title(rule), rule.ToString(), ReportGlossary.RuleMeaning(rule));
        }

        foreach (var (code, label, meaning) in Labels.Glossary)
        {
            Row(label, code, meaning);
        }

        foreach (var (term, code, meaning) in ReportGlossary.Terms)
        {
            Row(term, code, meaning);
        }

        var table = l.PrepareTable([new("In this report", 1.6), new("Code (files, workbook, API)", 1.4), new("Meaning", 4)], rows, fontSize: 8);
        l.SubSection("Glossary", section, keepWithNext: PdfLayout.HeadingHeight(12.5) + table.LeadHeight);
        l.Table(table);
        l.Space(6);
    }

    private static string[] AmountParameters(ExposureAssumptionRow x) =>
        x.Unit == ExposureUnitCodes.ReplacementValue
            // The replacement-value row holds multiples of the value of the work, not amounts of money.
            ? [$"{CountFormatter.Multiples(x.Low, x.High)} of the replacement value"]
            : [$"Unit {x.Unit.Replace('_', ' ')}", $"Low {CountFormatter.Money(x.Low, x.Currency)}", $"High {CountFormatter.Money(x.High, x.Currency)}"];

    /// <summary>
    /// One exposure theory as a block: its id and regime, one line of parameters, then citation and note as
    /// full-width paragraphs (a narrow table column made these a third of a page tall).
    /// </summary>
    private static List<BlockParagraph> Assumption(ExposureAssumptionRow x, DateOnly asOf)
    {
        var small = PdfTheme.Font(8.5);
        string[] parts =
        [
            $"Jurisdiction {x.Jurisdiction}",
            $"Rules {string.Join(", ", x.TriggeringRules)}",
            .. AmountParameters(x),
            $"Confidence {x.Confidence}",
        ];
        var parameters = string.Join("  ·  ", parts);
        List<BlockParagraph> block =
        [
            new($"{x.TheoryId} — {x.Regime}", PdfTheme.Font(9.5, bold: true), PdfTheme.Ink, After: 2),
            new(parameters, small, PdfTheme.Muted, After: 3),
            new(ExposureWording.PrimarySource(x.Source), small, PdfTheme.Ink, After: 2, Label: "Primary source:"),
        ];
        if (x.Source is { } source)
        {
            block.Add(new(source.Pinpoint, small, PdfTheme.Ink, After: 2, Label: "Pinpoint:"));
        }

        block.Add(new(ExposureWording.Verification(x.Source, asOf), small, x.Source?.DueForReverification(asOf) == false ? PdfTheme.Ink : PdfTheme.Warning, After: 2, Label: "Last verified:"));
        block.Add(new(x.Citation, small, PdfTheme.Muted, After: 2, Label: "Also cited:"));
        if (!string.IsNullOrWhiteSpace(x.Note))
        {
            block.Add(new(x.Note, small, PdfTheme.Ink, After: 2, Label: "Note:"));
        }

        return block;
    }
}
