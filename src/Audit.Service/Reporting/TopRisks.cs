using Audit.Reports.Models;
using Audit.Reports.Wording;
using Audit.Service.Records;
using Audit.Service.Scanning;

namespace Audit.Service.Reporting;

/// <summary>A top risk and the number of people behind it, which the board masks and the monthly report prints.</summary>
public sealed record RankedRisk(BoardRisk Risk, int Workers, bool Substantive);

/// <summary>
/// The top risks both summaries list, one per rule: those that touch people or carry exposure first, gravest first,
/// then the largest exposure on grades A and B (a figure resting on a litigation theory does not outrank a statute's). A rule whose only finding is an EU exemption without its written rationale touches nobody and carries no
/// figure: it is listed as what it is (a missing document) and only where a place is left.
/// </summary>
public static class TopRisks
{
    public const int Count = 5;

    /// <summary>The R6 finding about a missing rationale, not about captured data.</summary>
    private const string RationaleKind = "program-rationale";

    public static IReadOnlyList<RankedRisk> Rank(IReadOnlyList<RuleSummary> rules, IReadOnlyList<ScanFindingRecord> active, ReportText text, Func<int, string> people)
    {
        var ranked = new List<RankedRisk>();
        var grounded = new Dictionary<RuleCode, decimal>();
        foreach (var rule in rules.Where(r => r.Findings > 0))
        {
            var ofRule = active.Where(f => f.Rule == rule.Rule).ToList();
            if (ofRule.Count == 0)
            {
                continue;
            }

            var rationale = ofRule.Where(f => f.SubjectKind == RationaleKind).ToList();
            var severity = ofRule.Min(f => f.SeverityLevel);
            grounded[rule.Rule] = rule.GroundedHigh ?? rule.ExposureHigh;
            if (rule.AffectedWorkers > 0 || rule.ExposureHigh > 0)
            {
                var sentence = text.RiskSentence(rule.Rule, people(rule.AffectedWorkers));
                if (rationale.Count > 0)
                {
                    sentence += " " + text.Exemption.Also;
                }

                ranked.Add(new RankedRisk(new BoardRisk(rule.Rule, severity, sentence, rule.ExposureLow, rule.ExposureHigh, text.Decision(rule.Rule)), rule.AffectedWorkers, Substantive: true));
            }
            else if (rationale.Count > 0)
            {
                var programs = string.Join(" and ", rationale.Select(f => f.SubjectName ?? f.SubjectKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                ranked.Add(new RankedRisk(
                    new BoardRisk(rule.Rule, rationale.Min(f => f.SeverityLevel), text.Exemption.Board.Replace("{programs}", programs, StringComparison.Ordinal), 0, 0, text.Exemption.Decision),
                    0, Substantive: false));
            }

            // Any other finding with no person and no figure has nothing to put before a reader of a summary.
        }

        return ranked
            .OrderByDescending(r => r.Substantive)
            .ThenBy(r => r.Risk.Severity)
            .ThenByDescending(r => grounded.GetValueOrDefault(r.Risk.Rule))
            .ThenByDescending(r => r.Risk.ExposureHigh)
            .ThenByDescending(r => r.Workers)
            .ThenBy(r => r.Risk.Rule)
            .Take(Count)
            .ToList();
    }
}
