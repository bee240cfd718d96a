namespace Audit.Service.Domain;

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

public static class DatasetKindExtensions
{
    /// <summary>A training dataset or a model: where captured work becomes training data.</summary>
    public static bool IsTraining(this DatasetKind kind) => kind is DatasetKind.TrainingDataset or DatasetKind.Model;
}
