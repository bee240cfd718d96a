namespace Audit.Service.Configuration;

/// <summary>The "Guard" settings: how the guard answers a pipeline that asks before it runs.</summary>
public sealed class GuardOptions
{
    public const string SectionName = "Guard";
    public const string Deny = "deny";
    public const string Allow = "allow";

    /// <summary>An input no lineage has named: "deny" (default: what it holds is unknown) or "allow" (judged as holding nothing).</summary>
    public string UnknownInputs { get; set; } = Deny;

    /// <summary>Days a logged decision (and its exclusions) is kept; 0 keeps every one, as scans are kept.</summary>
    public int KeepDecisionsDays { get; set; }

    public bool DeniesUnknownInputs => UnknownInputs == Deny;
}
