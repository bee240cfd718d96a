namespace Audit.Rules;

/// <summary>
/// The company settings the rules and the exposure arithmetic read, and nothing else: the service maps its bound
/// configuration ("Audit") to this once (<c>AuditOptions.ToRuleSettings</c>), so the rules never see configuration.
/// </summary>
public sealed record RuleSettings
{
    /// <summary>Worldwide annual turnover of the preceding year, for GDPR and AI Act caps.</summary>
    public required decimal GlobalAnnualTurnover { get; init; }

    public required string TurnoverCurrency { get; init; }

    /// <summary>SMEs get the lower of the two figures under the AI Act (Art. 99(6)).</summary>
    public required bool IsSme { get; init; }

    /// <summary>Currency the exposure is expressed in.</summary>
    public required string ReportCurrency { get; init; }

    /// <summary>US dollars per unit of each currency; any two currencies convert through these.</summary>
    public required IReadOnlyDictionary<string, decimal> CurrencyRates { get; init; }

    /// <summary>Days between a worker's last contributing capture and a reduction in force that count as "train then trim" (R9).</summary>
    public required int ReductionInForceWindowDays { get; init; }

    /// <summary>Replacement value of an hour of captured work (R7, and the replacement-value theory).</summary>
    public required decimal BenchmarkHourlyRate { get; init; }

    /// <summary>The lexicon the disclosure reader reads notice texts with (R10, the disclosures review): <c>templates/disclosure-lexicon.csv</c>.</summary>
    public required DisclosureLexicon Disclosures { get; init; }

    /// <summary>The named country sets of the EU-exemption rule and the exposure model.</summary>
    public required JurisdictionOptions Jurisdictions { get; init; }
}
