using Audit.Reports.Models;

namespace Audit.Reports.Wording;

/// <summary>What the report's own terms mean, for the appendix's glossary (the vocabulary codes are <see cref="Labels"/>').</summary>
public static class ReportGlossary
{
    /// <summary>One line per rule: what makes a finding of it.</summary>
    public static string RuleMeaning(RuleCode rule) => rule switch
    {
        RuleCode.R1 => "Data captured under a config declared only for security or compliance, or held in an incident-response store, reaches a training set or model.",
        RuleCode.R2 => "Data reaches AI training from a worker who gave no specific consent to AI training at capture time.",
        RuleCode.R3 => "Data captured before the worker's AI-training consent, or before the config version that added AI training, is used for training.",
        RuleCode.R4 => "Data captured after an opt-out (or before it, where the opt-out covers past data) reaches training after the opt-out date.",
        RuleCode.R5 => "An AI-training program or config whose notice offers no opt-out, or one that takes relocating or leaving the job.",
        RuleCode.R6 => "A program says EU/EEA staff are exempt, yet their batches exist or reach training; or an exemption has no written rationale.",
        RuleCode.R7 => "A worker's batches reach a commercial model and no agreement covers that program and period.",
        RuleCode.R8 => "A config captures what no notice in force names; a security-only config is trajectory-grade; or a version widens capture without a new notice.",
        RuleCode.R9 => "Workers let go in a reduction in force within the window after their data reached training; or a reduction in force near an AI-investment announcement.",
        RuleCode.R10 => "The notice's own text does not say AI training plainly, or says nothing of a real opt-out or consent.",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Terms of the report, with the code or column name they have in files and the workbook.</summary>
    public static IReadOnlyList<(string Term, string Code, string Meaning)> Terms { get; } =
    [
        ("Finding", "finding id", "One rule's judgement of one subject (a dataset, config, program, model or workforce event), with its evidence."),
        ("Batch", "batch_id", "A worker's captured data for one window of time, as the capture tool records it."),
        ("Lineage path", "lineage edge", "The chain of data flows from where a batch landed to a training set or model."),
        ("Exposure (low - high)", "exposure_low, exposure_high", "An estimated range of fines and damages, to support counsel; never a liability."),
        ("Grade A, B, C", "confidence", "A: read in the statute; B: arguable application or secondary sources; C: speculative (a litigation theory), shown so counsel can see it."),
        ("Capped", "cap_group", "A regulator's cap counts once for the same processing (GDPR Art. 83(3)); the other theories of its group add nothing."),
        ("Trajectory-grade", "trajectory_grade", "Screenshots, UI structure and keystrokes or window text together: enough to train an agent that uses a computer."),
        ("Accepted risk", "accepted_risk", "A finding the company decided to live with: it needs an approver and a last day, after which it is open again."),
        ("Remediating", "remediating", "Someone is fixing it; it still counts as open."),
        ("Opt-out, future only", "future_only", "Stops capture from the opt-out on; data captured before may still be used."),
        ("Opt-out, including past", "including_past", "Also withdraws the data captured before the opt-out."),
    ];
}
