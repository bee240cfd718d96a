using Audit.Reports.Models;
using Audit.Reports.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;

namespace Audit.Reports.Tests;

public class MonthlyPdfTests
{
    private static byte[] Render(MonthlyReport report)
    {
        using var stream = new MemoryStream();
        MonthlyReportPdf.Render(report, stream);
        return stream.ToArray();
    }

    [Fact]
    public void ExposureByTheory_Waterfall_StepsFromEachTheoryThatCountsToTheTotal_CappedOnesAddNothing()
    {
        var sample = Samples.Monthly();
        var breakdown = new ExposureBreakdown(
            [
                new ExposureTheoryRow("GDPR-83-5", "EU/EEA", "turnover_cap", 1, 5_000_000m, 200_000_000m, Confidence.A, false, ["R1:dataset:raw"]),
                new ExposureTheoryRow("GDPR-83-4", "EU/EEA", "turnover_cap", 1, 0m, 0m, Confidence.A, true, ["R8:config:dlp/1.0"]),
                new ExposureTheoryRow("WAGE-UNCOMP", "ANY", "replacement_value", 400, 40_000_000m, 120_000_000m, Confidence.C, false, ["R7:model:agent"]),
            ],
            45_000_000m, 320_000_000m, 50_000_000m, 420_000_000m);

        var pdf = PdfText.Read(Render(sample with { Appendix = sample.Appendix with { ExposureByTheory = breakdown } }));

        var page = pdf.Pages.First(p => p.Contains("How the high estimate adds up", StringComparison.Ordinal));
        // Largest step first, each labelled with what it adds, then the total; the capped theory is no step.
        Assert.Contains("+200.0M", page, StringComparison.Ordinal);
        Assert.Contains("+120.0M", page, StringComparison.Ordinal);
        Assert.Contains("320.0M", page, StringComparison.Ordinal);
        var axis = page[page.IndexOf("How the high estimate adds up", StringComparison.Ordinal)..];
        Assert.Matches("GDPR-83-5 WAGE-UNCOMP Total", axis);
        Assert.DoesNotContain("GDPR-83-4 ", axis[..axis.IndexOf("Total", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Grades A and B Grade C Total", axis, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sample_HasEverySectionAndBookmark()
    {
        var pdf = PdfText.Read(Render(Samples.Monthly()));

        foreach (var heading in new[] { "Executive summary", "Capture-surface inventory", "Findings by rule", "EU and protected jurisdictions", "Compensation", "Appendix" })
        {
            Assert.Contains(heading, pdf.All, StringComparison.Ordinal);
            Assert.Contains(heading, pdf.Bookmarks);
        }

        foreach (var code in RuleCatalog.All)
        {
            Assert.Contains($"{code} - {RuleCatalog.Title(code)}", pdf.Bookmarks);
            Assert.Contains($"{code} - {RuleCatalog.Title(code)}", pdf.All, StringComparison.Ordinal);
        }

        Assert.Contains("Exposure assumptions", pdf.Bookmarks);
        Assert.Contains("Monthly compliance report 2026-05", pdf.Title, StringComparison.Ordinal);
        Assert.Equal("Audit", pdf.Author);
    }

    [Fact]
    public void ExposureAssumptions_PrintEachTheorysPrimarySourcePinpointAndLastCheck_AStaleOrMissingCheckSaysSo()
    {
        // Counsel reads, per theory, the official text to check against, where in it, and how old that check is: a
        // check over a year before the data date is called out, and a row stored without a source says what to do.
        var sample = Samples.Monthly();
        ExposureAssumptionRow[] rows =
        [
            sample.Appendix.ExposureAssumptions[0] with { Source = new LegalSource("740 ILCS 14; ilga.gov", "740 ILCS 14/20(a)(1)", new DateOnly(2024, 11, 30), "R. Okafor, counsel") },
            sample.Appendix.ExposureAssumptions[1] with { Source = new LegalSource("Regulation (EU) 2016/679; eur-lex.europa.eu/eli/reg/2016/679/oj", "Art. 83(5)(a)", new DateOnly(2026, 5, 2), "R. Okafor, counsel") },
            sample.Appendix.ExposureAssumptions[1] with { TheoryId = "GDPR-83-4", Source = null },
            sample.Appendix.ExposureAssumptions[1] with { TheoryId = "GDPR-83-6", Source = new LegalSource("Regulation (EU) 2016/679", "Art. 83(6)", new DateOnly(2026, 12, 8), "R. Okafor, counsel") },
        ];
        var pdf = PdfText.Read(Render(sample with { Appendix = sample.Appendix with { ExposureAssumptions = rows } }));

        var flat = string.Join(' ', pdf.All.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Primary source: Regulation (EU) 2016/679; eur-lex.europa.eu/eli/reg/2016/679/oj", flat, StringComparison.Ordinal);
        Assert.Contains("Pinpoint: Art. 83(5)(a)", flat, StringComparison.Ordinal);
        Assert.Contains("Last verified: 2026-05-02 by R. Okafor, counsel Also cited:", flat, StringComparison.Ordinal);
        Assert.Contains("Last verified: 2024-11-30 by R. Okafor, counsel; more than 12 months before the data date: re-verify", flat, StringComparison.Ordinal);
        Assert.Contains("Primary source: not recorded: re-import the exposure table with primary_source, pinpoint, verified_on and verified_by", flat, StringComparison.Ordinal);
        Assert.Contains("Last verified: never", flat, StringComparison.Ordinal);

        // Checked after the month the report speaks for (2026-05): said, but not dated after the period.
        Assert.Contains("Last verified: after the data date, by R. Okafor, counsel", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-12-08", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void PageOne_CarriesTheMessage_ExposureByGradeAndItsChange_NewAndResolvedByName_DecisionsWithOwnerAndDueDay()
    {
        // A board member who reads one page knows what is at stake, what changed, and who must decide what by when.
        var sample = Samples.Monthly();
        var risks = sample.Summary.TopRisks!.Select((r, i) => i == 0 ? r with { Owners = ["ciso@northwind", "counsel"], DueOn = new DateOnly(2026, 6, 14) } : r).ToList();
        var summary = sample.Summary with
        {
            Grades = new ExposureGrades(250_000m, 4_800_000m, 1_000_000m, 10_000_000m, ["WAGE-UNCOMP: wage-claim theory"]),
            ExposureChange = new ExposureChange(new DateOnly(2026, 4, 30), 1_100_000m, 14_200_000m),
            NewFindings = [new NewFinding(RuleCode.R1, Severity.Critical, "SecureWatch v4.3 sends security recordings to atlas-cua-2", "dataset s3://ml/atlas")],
            ResolvedFindings = [new ResolvedFinding(RuleCode.R4, "Opt-outs from Atlas are not honoured", "program atlas", "set resolved by officer on 2026-05-20")],
            TopRisks = risks,
            New = 1,
            Resolved = 1,
        };
        var pdf = PdfText.Read(Render(sample with { Summary = summary }));

        var one = string.Join(' ', pdf.Pages[0].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Estimated exposure USD 1.3M - 14.8M; on grades A and B USD 250K - 4.8M, on grade C (speculative) USD 1.0M - 10.0M", one, StringComparison.Ordinal);
        Assert.Contains("Since last month low +USD 150K, high +USD 600K (was USD 1.1M - 14.2M on 2026-04-30)", one, StringComparison.Ordinal);
        Assert.Contains("New 1: SecureWatch v4.3 sends security recordings to atlas-cua-2 (R1, critical)", one, StringComparison.Ordinal);
        Assert.Contains("Resolved 1: Opt-outs from Atlas are not honoured: set resolved by officer on 2026-05-20", one, StringComparison.Ordinal);
        Assert.Contains("Decisions asked", one, StringComparison.Ordinal);
        Assert.Contains("ciso@northwind,", one, StringComparison.Ordinal); // the cell wraps: "ciso@northwind," then "counsel"
        Assert.Contains("due 2026-06-14", one, StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", one, StringComparison.Ordinal); // due after the data date (2026-05-31)
        Assert.Contains("not assigned yet", one, StringComparison.Ordinal);
        Assert.Contains("whether to stop training on security", one, StringComparison.Ordinal);

        // Page 2 opens with the contents, each section with the page it starts on; the risks are not printed twice.
        var two = string.Join(' ', pdf.Pages[1].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Contents Executive summary 2 Capture-surface inventory", two, StringComparison.Ordinal);
        var appendixPage = pdf.Pages.Select((p, i) => (p, i)).First(x => x.p.TrimStart().StartsWith("Appendix", StringComparison.Ordinal)).i + 1;
        Assert.Contains($"Appendix {appendixPage}", two, StringComparison.Ordinal);
        Assert.DoesNotContain(pdf.Pages.Skip(1), p => p.Contains("whether to stop training on security", StringComparison.Ordinal));
    }

    [Fact]
    public void FindingEvidence_IsABoundedList_TheFirstFactsAsBullets_TheRestCountedAndLeftToTheWorkbook()
    {
        // A litigator scans a finding's evidence fact by fact; a 25-line paragraph in a table cell hides them.
        var sample = Samples.Monthly();
        var facts = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"Fact number {i} of the evidence."));
        var rules = sample.Rules.Select(r => r.Code == RuleCode.R1
            ? r with { WorstExamples = [Samples.Finding(1, RuleCode.R1) with { Evidence = facts }] }
            : r).ToList();
        var pdf = PdfText.Read(Render(sample with { Rules = rules }));

        var page = pdf.Pages.First(p => p.Contains("Fact number 1 of the evidence.", StringComparison.Ordinal));
        var flat = string.Join(' ', page.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        foreach (var i in Enumerable.Range(1, MonthlyReportPdf.EvidenceFactsShown))
        {
            Assert.Contains($"• Fact number {i} of the evidence.", flat, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Fact number 6", flat, StringComparison.Ordinal);
        Assert.Contains("… 3 more facts in the workbook's Findings sheet", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void EuFindings_ArePrintedOnce_TheRuleSectionPointsToTheEuSection()
    {
        var sample = Samples.Monthly();
        var r6 = Samples.Finding(5, RuleCode.R6) with { Title = "Atlas-EU-staff-still-captured" };
        var rules = sample.Rules.Select(r => r.Code == RuleCode.R6 ? r with { WorstExamples = [r6] } : r).ToList();
        var pdf = PdfText.Read(Render(sample with { Rules = rules, Eu = sample.Eu with { Findings = [r6] } }));

        var flat = string.Join(' ', pdf.All.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(flat, System.Text.RegularExpressions.Regex.Escape("Atlas-EU-staff-still-captured")));
        Assert.Contains("Its findings are listed in full under EU and protected jurisdictions.", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendCharts_CarryDataLabels_EachMonthsOpenFindingsAndItsExposure()
    {
        // A board member reads the figure off the chart, not off the gridlines.
        var sample = Samples.Monthly();
        TrendPoint[] trend =
        [
            new(new DateOnly(2026, 3, 31), new SeverityCounts(3, 4, 5, 5), 0m, 0m),
            new(new DateOnly(2026, 4, 30), new SeverityCounts(6, 4, 5, 4), 12_300_000m, 123_400_000m),
            new(new DateOnly(2026, 5, 31), new SeverityCounts(7, 8, 8, 8), 56_700_000m, 345_600_000m),
        ];
        var pdf = PdfText.Read(Render(sample with { Trend = trend }));

        var page = pdf.Pages.First(p => p.Contains("Open findings by severity", StringComparison.Ordinal));
        var words = page.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("17", words); // 3 + 4 + 5 + 5, above March's bar
        Assert.Contains("19", words);
        Assert.Contains("31", words);
        Assert.Contains("123.4M", words);
        Assert.Contains("345.6M", words);
        Assert.Contains("56.7M", words);
    }

    [Fact]
    public void Codes_ReadAsWordsInTheBody_AndTheGlossaryGivesEachWordWithItsCode()
    {
        var sample = Samples.Monthly();
        var inventory = sample.Inventory.Select((i, n) => n == 0 ? i with { Capabilities = ["click_coordinates", "ui_hierarchy"], Purposes = ["ai_training"] } : i).ToList();
        var pdf = PdfText.Read(Render(sample with { Inventory = inventory }));

        var inventoryPage = pdf.Pages.First(p => p.Contains("Capture-surface inventory", StringComparison.Ordinal) && p.Contains("Purposes", StringComparison.Ordinal));
        Assert.Contains("click coordinates", inventoryPage, StringComparison.Ordinal);
        Assert.Contains("AI training", inventoryPage, StringComparison.Ordinal);
        Assert.DoesNotContain("click_coordinates", inventoryPage, StringComparison.Ordinal);

        Assert.Contains("Glossary", pdf.Bookmarks);
        var glossary = string.Join(' ', pdf.Pages.SkipWhile(p => !p.Contains("Glossary", StringComparison.Ordinal)).Take(2).SelectMany(p => p.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("click coordinates click_coordinates where on the screen each click lands", glossary, StringComparison.Ordinal);
        Assert.Contains("AI training ai_training", glossary, StringComparison.Ordinal);
        Assert.Contains("Capture surface R8", glossary, StringComparison.Ordinal);
        Assert.Contains("Accepted risk accepted_risk", glossary, StringComparison.Ordinal);
    }

    [Fact]
    public void TopRiskPaths_AreDrawnDatasetByDataset_WithTheFlowUnderEachArrow_AndTheCommercialSinkMarked()
    {
        // A board member sees where the security recordings went, hop by hop, without reading a lineage table.
        var sample = Samples.Monthly();
        var path = new RiskPath(RuleCode.R1, "Security telemetry in dlp/raw reaches commercial model models/agent-cua-1",
            [new LineageStep("dlp/raw"), new LineageStep("dlp/incident-response", "security/ir-triage", "filter"), new LineageStep("models/agent-cua-1", "ml/train-cua", "transform")], Commercial: true);
        var pdf = PdfText.Read(Render(sample with { Summary = sample.Summary with { TopPaths = [path] } }));

        var page = pdf.Pages.First(p => p.Contains("Where the top risks' data goes", StringComparison.Ordinal));
        var words = string.Join(' ', page.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("R1: Security telemetry in dlp/raw reaches commercial model models/agent-cua-1", words, StringComparison.Ordinal);
        Assert.Contains("dlp/raw", words, StringComparison.Ordinal);
        Assert.Contains("dlp/incident-response", words, StringComparison.Ordinal);
        Assert.Contains("security/ir-triage (filter)", words, StringComparison.Ordinal);
        Assert.Contains("ml/train-cua (transform)", words, StringComparison.Ordinal);
        Assert.Contains("commercial model", words, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortMoney_HasOneStyle_MillionsAndBillionsAlwaysWithOneDecimal()
    {
        // "9M - 212.1M" beside "5.9M - 202.8M" made a reader wonder whether the first was rounded differently.
        var pdf = PdfText.Read(Render(Samples.Monthly()));

        var shorts = System.Text.RegularExpressions.Regex.Matches(pdf.All, @"(?<![\d.,])\d+(\.\d+)?[MB]\b").Select(m => m.Value).ToList();
        Assert.NotEmpty(shorts);
        Assert.All(shorts, v => Assert.Matches(@"^\d+\.\d[MB]$", v));
    }

    [Fact]
    public void WhatTheNoticesSay_QuotesEachProblemsSentence_AndNamesTheNoticesWithoutAText()
    {
        var pdf = PdfText.Read(Render(Samples.Monthly()));

        Assert.Contains("What the notices say", pdf.Bookmarks);
        Assert.Contains("SW-2025 (version 2025.1, published 2025-01-01)", pdf.Bookmarks);
        var flat = string.Join(' ', pdf.All.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\u201cCompany devices are monitored", flat, StringComparison.Ordinal); // the quote, wrapped in its table cell
        Assert.Contains("Vague: only catch-alls or a hedged mention", flat, StringComparison.Ordinal);
        Assert.Contains("No text imported for ATLAS-2025", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void Bookmarks_PointAtTheirHeadings()
    {
        using var doc = PdfDocument.Open(Render(Samples.Monthly()));
        Assert.True(doc.TryGetBookmarks(out var tree));
        var nodes = tree.GetNodes().OfType<DocumentBookmarkNode>().Where(n => n.Title != "Cover").ToList();
        Assert.NotEmpty(nodes);

        var belowTop = 0;
        foreach (var node in nodes)
        {
            Assert.Equal(ExplicitDestinationType.XyzCoordinates, node.Destination.Type);
            var top = Assert.NotNull(node.Destination.Coordinates.Top);
            var page = doc.GetPage(node.Destination.PageNumber);
            var firstWord = node.Title.Split(' ')[0];

            // The heading's first word sits just under the destination's top edge.
            Assert.Contains(page.GetWords(), w => w.Text == firstWord && w.BoundingBox.Top <= top && w.BoundingBox.Top >= top - 30);
            if (top < page.Height - 100)
            {
                belowTop++;
            }
        }

        Assert.True(belowTop > 0, "no bookmark points below the top of its page");
    }

    [Fact]
    public void Render_Sample_PrintsFiguresFromTheModel()
    {
        var report = Samples.Monthly();
        var pdf = PdfText.Read(Render(report));

        Assert.Contains("Northwind Analytics GmbH", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("2026-06-01 06:00 UTC", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("2026-05-31", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("USD 1,250,000 - USD 14,800,000", pdf.All, StringComparison.Ordinal);
        // Tiles read row by row: the values, then their captions.
        Assert.Contains("30 7 8 8 7 Open findings Critical High Medium Low", pdf.Pages[1], StringComparison.Ordinal);
        Assert.Contains("10 4 16 1,234 New since last month Resolved since last month Persisting Affected workers", pdf.Pages[1], StringComparison.Ordinal);
        Assert.Contains("740 ILCS 14/20", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Capture batches (a worker's captured data, by window) 1,204,331", pdf.All, StringComparison.Ordinal);
        Assert.Contains("48,210.5", pdf.All, StringComparison.Ordinal);
        Assert.Contains(ReportConstants.Disclaimer, pdf.All, StringComparison.Ordinal);
        var r1 = report.Rules.Single(r => r.Code == RuleCode.R1);
        Assert.Contains(r1.WorstExamples[0].Subject, pdf.All, StringComparison.Ordinal);
        Assert.Contains(r1.Remediation, pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingTables_ShowTitleSubjectAndEvidence_NotTheKey()
    {
        var report = Samples.Monthly();
        var finding = report.Rules.Single(r => r.Code == RuleCode.R1).WorstExamples[0];
        var bytes = Render(report);
        var pdf = PdfText.Read(bytes);

        // Keys stay in the workbook; on paper they are noise.
        Assert.All(report.AllFindings, f => Assert.DoesNotContain(f.FindingKey, pdf.All, StringComparison.Ordinal));
        Assert.DoesNotContain(" Finding Severity ", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Severity Subject and evidence Workers", pdf.All, StringComparison.Ordinal);

        using var doc = PdfDocument.Open(bytes);
        var words = doc.GetPages().SelectMany(p => p.GetWords()).ToList();
        var titleWord = finding.Title.Split(' ')[0];
        Assert.Contains(words, w => w.Text == titleWord && w.Letters[0].FontName?.Contains("Bold", StringComparison.Ordinal) == true);
        Assert.Contains(string.Join(' ', finding.Evidence.Split(' ').Take(3)), pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingTables_UnknownDates_PrintADash()
    {
        var report = Samples.Monthly();
        var undated = Samples.Finding(1, RuleCode.R6) with { FirstSeen = DateOnly.MinValue, LastSeen = DateOnly.MinValue };
        report = report with { Eu = report.Eu with { Findings = [undated] } };

        var pdf = PdfText.Read(Render(report));

        Assert.DoesNotContain("0001-01-01", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void TableHeaders_AreNotBrokenMidWord()
    {
        var pdf = PdfText.Read(Render(Samples.Monthly()));

        var words = pdf.All.Split([' ', '\n']).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Traj.", words);
        Assert.Contains("Unpaid", words);
        foreach (var broken in new[] { "Trajector", "Contributo", "Compensat", "Uncompensat" })
        {
            Assert.DoesNotContain(broken, words);
        }
    }

    [Fact]
    public void Render_EveryPage_HasPageNumberAndFooter()
    {
        var pdf = PdfText.Read(Render(Samples.Monthly()));

        Assert.InRange(pdf.Pages.Count, 8, 30);
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pdf.Pages.Count}", pdf.Pages[i], StringComparison.Ordinal);
            Assert.Contains("Confidential", pdf.Pages[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_LongTable_RepeatsHeaderOnEveryPage()
    {
        // 120 R1 findings as worst examples: the table must run over several pages.
        var many = Enumerable.Range(0, 120).Select(i => Samples.Finding(i, RuleCode.R1)).ToList();
        var report = Samples.Monthly();
        report = report with
        {
            Rules = [.. report.Rules.Select(r => r.Code == RuleCode.R1 ? r with { WorstExamples = many } : r)],
        };

        var pdf = PdfText.Read(Render(report));

        var pagesWithRows = pdf.Pages.Where(p => p.Contains("(case ", StringComparison.Ordinal)).ToList();
        Assert.True(pagesWithRows.Count >= 3, $"expected the table over 3+ pages, got {pagesWithRows.Count}");
        Assert.All(pagesWithRows, p => Assert.Contains("Subject and evidence", p, StringComparison.Ordinal));
        Assert.Contains("(case 119)", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyReport_StillRenders()
    {
        var report = Samples.Monthly(findingCount: 0, bigRows: 0) with { Trend = [], Inventory = [] };

        var pdf = PdfText.Read(Render(report));

        Assert.Contains("No trend data yet.", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExposureGrades_ExecutiveSummaryShowsEachGradesPartAndShare()
    {
        var sample = Samples.Monthly();
        var grades = new ExposureGrades(250_000m, 4_800_000m, 1_000_000m, 10_000_000m, ["WAGE-UNCOMP: wage-claim theory"]);
        var pdf = PdfText.Read(Render(sample with { Summary = sample.Summary with { Grades = grades } }));

        var summary = pdf.Pages.First(p => p.Contains("Executive summary", StringComparison.Ordinal));
        var text = string.Join(' ', summary.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("On grades A and B USD 250K - 4.8M (20% of the low figure, 32% of the high)", text, StringComparison.Ordinal);
        Assert.Contains("On grade C USD 1.0M - 10.0M (80% of the low figure, 68% of the high), from WAGE-UNCOMP: wage-claim theory", text, StringComparison.Ordinal);
        Assert.Contains("Grades A and B rest on statute text", text, StringComparison.Ordinal);
    }
}
