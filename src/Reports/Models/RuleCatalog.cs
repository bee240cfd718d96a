namespace Audit.Reports.Models;

public static class RuleCatalog
{
    public static IReadOnlyList<RuleCode> All { get; } = Enum.GetValues<RuleCode>();

    public static string Title(RuleCode code) => code switch
    {
        RuleCode.R1 => "Security telemetry reaches training",
        RuleCode.R2 => "Training without specific consent",
        RuleCode.R3 => "Retroactive scope expansion",
        RuleCode.R4 => "Opt-out not honoured",
        RuleCode.R5 => "No real opt-out",
        RuleCode.R6 => "EU exemption mismatch",
        RuleCode.R7 => "Compensation gap",
        RuleCode.R8 => "Capture surface beyond notice",
        RuleCode.R9 => "Train then trim",
        RuleCode.R10 => "The disclosure does not say it",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown rule code."),
    };

    /// <summary>Display text for a status; "AcceptedRisk" reads badly in a report.</summary>
    public static string Display(FindingStatus status) => status switch
    {
        FindingStatus.AcceptedRisk => "Accepted risk",
        _ => status.ToString(),
    };
}
