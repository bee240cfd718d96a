
namespace Audit.Rules;

/// <summary>How a theory's figures scale.</summary>
public static class ExposureUnits
{
    /// <summary>Per affected worker, once however many findings name them (BIPA counts repeats once).</summary>
    public const string PerWorker = "per_worker";

    /// <summary>Per act held against a worker: one batch named by several rules is one violation, not several.</summary>
    public const string PerViolation = "per_violation";

    /// <summary>Per finding in the jurisdiction: regulators count offenses, not heads (tiered where the row gives tiers).</summary>
    public const string PerOffense = "per_offense";

    /// <summary>A regulator's cap: the fixed amount or the share of worldwide turnover, whichever is higher.</summary>
    public const string TurnoverCap = "turnover_cap";

    /// <summary>Multiples of the replacement value of uncompensated work.</summary>
    public const string ReplacementValue = Audit.Domain.ExposureUnitCodes.ReplacementValue;

    public static readonly IReadOnlyCollection<string> All = [PerWorker, PerViolation, PerOffense, TurnoverCap, ReplacementValue];
}

/// <summary>What a theory needs of an act before it applies, beyond its triggering rules and jurisdiction.</summary>
public static class ExposureConditions
{
    public const string Always = "always";

    /// <summary>Monitoring-notice statutes (NY, CT, DE): capture beyond any notice (R8), or a worker who acknowledged no monitoring notice at all.</summary>
    public const string NoMonitoringNotice = "no_monitoring_notice";

    /// <summary>Biometric-privacy statutes (BIPA): only where the capture recorded a biometric identifier (webcam, audio).</summary>
    public const string BiometricCapture = "biometric_capture";

    public static readonly IReadOnlyCollection<string> All = [Always, NoMonitoringNotice, BiometricCapture];
}

/// <summary>
/// One row of the exposure table, as counsel maintains it. Rows of one <see cref="Series"/> supersede each other by
/// <see cref="EffectiveFrom"/> for conduct on or after it. A per-offense row may carry tier figures (first, second,
/// later offense): then the low figure is one first offense and the high one the tier sum for the offenses counted.
/// <see cref="Source"/> is the primary source counsel checks the figures against (absent on rows stored before it was kept).
/// </summary>
public sealed record ExposureTheory(
    string TheoryId,
    string Regime,
    string Jurisdiction,
    IReadOnlyList<RuleCode> TriggeringRules,
    string Unit,
    decimal LowAmount,
    decimal HighAmount,
    decimal? TurnoverShareLow,
    decimal? TurnoverShareHigh,
    string Currency,
    string? CapGroup,
    DateOnly EffectiveFrom,
    Confidence Confidence,
    string Citation,
    string? Note,
    string? Series = null,
    decimal? FirstOffenseAmount = null,
    decimal? SecondOffenseAmount = null,
    decimal? LaterOffenseAmount = null,
    string AppliesWhen = ExposureConditions.Always,
    Audit.Domain.LegalSource? Source = null)
{
    /// <summary>The series the row belongs to: its own id unless the table names another.</summary>
    public string SeriesKey => Series ?? TheoryId;

    public bool Tiered => FirstOffenseAmount is not null && SecondOffenseAmount is not null && LaterOffenseAmount is not null;

    /// <summary>The tiered figure for <paramref name="offenses"/> offenses: first + second + later × (k − 2).</summary>
    public decimal TierSum(decimal offenses) => offenses switch
    {
        <= 0 => 0,
        1 => FirstOffenseAmount!.Value,
        _ => FirstOffenseAmount!.Value + SecondOffenseAmount!.Value + (LaterOffenseAmount!.Value * (offenses - 2)),
    };
}
