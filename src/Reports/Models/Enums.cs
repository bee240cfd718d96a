namespace Audit.Reports.Models;

/// <summary>The nine audit rules; see <see cref="RuleCatalog"/> for titles.</summary>
public enum RuleCode
{
    R1 = 1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
}

public enum Severity
{
    Critical,
    High,
    Medium,
    Low,
}

/// <summary>How a finding compares with the previous report.</summary>
public enum ChangeState
{
    New,
    Persisting,
    Resolved,
}

/// <summary>The status a compliance officer records on a finding.</summary>
public enum FindingStatus
{
    Open,
    Remediating,
    AcceptedRisk,
    Resolved,
}

/// <summary>How sure counsel is of an exposure parameter: A firm, B arguable, C speculative.</summary>
public enum Confidence
{
    A,
    B,
    C,
}
