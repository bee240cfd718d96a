namespace Audit.Rules;

/// <summary>
/// One capture batch with everything the rules ask of it, worked out once per batch by the scan: who,
/// under which config and program, where the worker was at capture time, and whether (and how) the
/// batch's data reaches training and a commercial model. One instance is reused for every batch.
/// </summary>
public sealed class BatchFacts
{
    /// <summary>The batch's place in the pass (0, 1, 2...): what tells two batches of one worker and config apart.</summary>
    public long Ordinal { get; set; }

    public WorkerInfo Worker { get; set; } = null!;

    public ConfigInfo Config { get; set; } = null!;

    public ProgramInfo? Program { get; set; }

    public DatasetInfo Dataset { get; set; } = null!;

    public DateTime CapturedFrom { get; set; }

    public DateTime CapturedTo { get; set; }

    public int ActiveMinutes { get; set; }

    /// <summary>Where the worker was when capture began.</summary>
    public LocationSpan? Location { get; set; }

    /// <summary>How the batch reaches a training dataset or model; null when it does not (yet, or any more).</summary>
    public Reach? Training { get; set; }

    /// <summary>How the batch reaches a commercial model; null when it does not.</summary>
    public Reach? Commercial { get; set; }

    /// <summary>The path that carried the batch through an incident-response store into training; null when none did.</summary>
    public SecurityPath? ViaSecurityStore { get; set; }
}
