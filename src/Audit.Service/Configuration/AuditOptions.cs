using Audit.Rules;

namespace Audit.Service.Configuration;

/// <summary>Company-level settings bound from the "Audit" configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public string CompanyName { get; set; } = "Demo Company";

    /// <summary>Worldwide annual turnover of the preceding year, for GDPR and AI Act caps.</summary>
    public decimal GlobalAnnualTurnover { get; set; } = 5_000_000_000m;

    public string TurnoverCurrency { get; set; } = "USD";

    /// <summary>SMEs get the lower of the two figures under the AI Act (Art. 99(6)).</summary>
    public bool IsSme { get; set; }

    /// <summary>Currency the reports are expressed in.</summary>
    public string ReportCurrency { get; set; } = "USD";

    /// <summary>US dollars per unit of each currency; any two currencies convert through these.</summary>
    public Dictionary<string, decimal> CurrencyRates { get; set; } = new(StringComparer.Ordinal) { ["USD"] = 1m, ["EUR"] = 1.08m, ["GBP"] = 1.27m };

    /// <summary>Days between a worker's last contributing capture and a reduction in force that count as "train then trim".</summary>
    public int ReductionInForceWindowDays { get; set; } = 180;

    /// <summary>Replacement value of an hour of captured work (contract annotator rate).</summary>
    public decimal BenchmarkHourlyRate { get; set; } = 40m;

    /// <summary>High case multiple of the benchmark rate, for expert work.</summary>
    public decimal BenchmarkHighMultiple { get; set; } = 3m;

    public JurisdictionOptions Jurisdictions { get; set; } = new();

    /// <summary>Which scans keep their per-worker rows ("Audit:Retention"); see <see cref="RetentionOptions"/>.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Days each severity may stay open before it is overdue ("Audit:Sla"); see <see cref="SlaOptions"/>.</summary>
    public SlaOptions Sla { get; set; } = new();

    /// <summary>Folder with editable wording and the exposure table.</summary>
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>Where reports and exports are written.</summary>
    public string OutputPath { get; set; } = "out";

    /// <summary>What of these settings the rules and the exposure arithmetic read.</summary>
    public RuleSettings ToRuleSettings() => new()
    {
        GlobalAnnualTurnover = GlobalAnnualTurnover,
        TurnoverCurrency = TurnoverCurrency,
        IsSme = IsSme,
        ReportCurrency = ReportCurrency,
        CurrencyRates = CurrencyRates,
        ReductionInForceWindowDays = ReductionInForceWindowDays,
        BenchmarkHourlyRate = BenchmarkHourlyRate,
        Jurisdictions = Jurisdictions,
        Disclosures = DisclosureLexiconFile.Load(TemplatesPath),
    };
}
