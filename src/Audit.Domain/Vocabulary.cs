namespace Audit.Domain;

/// <summary>The nine audit rules of domain.md.</summary>
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

/// <summary>The text codes the database and the CLI use for the officer's status and a scan's change state.</summary>
public static class FindingCodes
{
    public static string ToCode(FindingStatus status) => status switch
    {
        FindingStatus.Open => "open",
        FindingStatus.Remediating => "remediating",
        FindingStatus.AcceptedRisk => "accepted_risk",
        FindingStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Exact codes only: a typo must not set some other status.</summary>
    public static bool TryParse(string? code, out FindingStatus status)
    {
        foreach (var candidate in Enum.GetValues<FindingStatus>())
        {
            if (string.Equals(code, ToCode(candidate), StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static FindingStatus Parse(string code) => TryParse(code, out var status)
        ? status
        : throw new FormatException($"'{code}' is not a finding status ({string.Join(", ", Enum.GetValues<FindingStatus>().Select(ToCode))}).");

    public static string ToCode(ChangeState change) => change switch
    {
        ChangeState.New => "new",
        ChangeState.Persisting => "persisting",
        ChangeState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    public static ChangeState ParseChange(string code) => code switch
    {
        "new" => ChangeState.New,
        "persisting" => ChangeState.Persisting,
        "resolved" => ChangeState.Resolved,
        _ => throw new FormatException($"'{code}' is not a change state."),
    };
}
