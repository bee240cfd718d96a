namespace Audit.Domain;

/// <summary>The audit rules: the nine of domain.md, and R10, which reads the notices' own text (the disclosure reader).</summary>
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
    R10,
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

/// <summary>Exposure-table units the reports print differently (the full list is the exposure model's).</summary>
public static class ExposureUnitCodes
{
    /// <summary>Multiples of the replacement value of uncompensated work, not amounts of money.</summary>
    public const string ReplacementValue = "replacement_value";
}

// The closed vocabularies of domain.md. Each member's code is its snake_case name (AiTraining = "ai_training"),
// which is what import files, the database and reports carry.

public enum EmploymentType
{
    Employee,
    Contractor,
}

public enum TerminationReason
{
    ReductionInForce,
    Voluntary,
    Cause,
}

[Flags]
public enum Capability
{
    None = 0,
    Keystrokes = 1,
    MouseMovement = 2,
    ClickCoordinates = 4,
    ScrollVelocity = 8,
    WindowText = 16,
    UiHierarchy = 32,
    Screenshots = 64,
    Audio = 128,
    Webcam = 256,
}

[Flags]
public enum Purpose
{
    None = 0,
    Security = 1,
    Compliance = 2,
    Productivity = 4,
    AiTraining = 8,
}

public enum OptOutMechanism
{
    /// <summary>No way out at all.</summary>
    None,

    /// <summary>A switch the worker can use themselves.</summary>
    SelfService,

    /// <summary>A request to HR or the program owner.</summary>
    Request,

    /// <summary>Only by moving to another jurisdiction: not a real opt-out.</summary>
    Relocation,

    /// <summary>Only by leaving the job: not a real opt-out.</summary>
    LeaveJob,
}

public enum OptOutScope
{
    /// <summary>Stops future capture; data already captured may still be used.</summary>
    FutureOnly,

    /// <summary>Also withdraws data captured before the opt-out.</summary>
    IncludingPast,
}

public enum DatasetKind
{
    Unknown,
    RawCapture,
    SecurityPipeline,
    Analytics,
    TrainingDataset,
    Model,
}

public enum TransformKind
{
    Unknown,
    Copy,
    Anonymize,
    Aggregate,
    Filter,
    Transform,
}

public enum CompensationKind
{
    Stipend,
    Equity,
    OptInBonus,
}

public enum WorkforceEventKind
{
    ReductionInForce,
    AiInvestmentAnnouncement,
}

/// <summary>What a notice's text says of AI training (the disclosure reader's verdict, read from the text itself).</summary>
public enum AiTrainingDisclosure
{
    /// <summary>A plain sentence that captured data is used to train AI or machine-learning models.</summary>
    Specific,

    /// <summary>Only catch-alls ("security and compliance", "improve our services") or a hedged mention.</summary>
    Vague,

    /// <summary>Nothing about AI training, or only a denial of it.</summary>
    Absent,
}

/// <summary>What a notice's text says of opting out.</summary>
public enum OptOutDisclosure
{
    /// <summary>A way out the worker can take without leaving or moving.</summary>
    Described,

    /// <summary>No word of one.</summary>
    Absent,

    /// <summary>Named, but not real: relocate, leave, "no opt-out on company devices".</summary>
    NotReal,
}

/// <summary>How a notice's text asks for consent to its uses.</summary>
public enum ConsentForm
{
    /// <summary>A choice of its own, apart from the job or the handbook.</summary>
    Separate,

    /// <summary>Tied to employment, the handbook or the use of company devices.</summary>
    Bundled,

    /// <summary>The text says nothing of consent.</summary>
    NotStated,
}

public static class DatasetKindExtensions
{
    /// <summary>A training dataset or a model: where captured work becomes training data.</summary>
    public static bool IsTraining(this DatasetKind kind) => kind is DatasetKind.TrainingDataset or DatasetKind.Model;
}
