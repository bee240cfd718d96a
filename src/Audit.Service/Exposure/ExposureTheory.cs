using Audit.Reports.Models;

namespace Audit.Service.Exposure;

/// <summary>How a theory's figures scale.</summary>
public static class ExposureUnits
{
    /// <summary>Per affected worker, once however many findings name them (BIPA counts repeats once).</summary>
    public const string PerWorker = "per_worker";

    /// <summary>Per affected worker per finding: each finding is a separate violation.</summary>
    public const string PerViolation = "per_violation";

    /// <summary>Per finding in the jurisdiction: regulators count offenses, not heads.</summary>
    public const string PerOffense = "per_offense";

    /// <summary>A regulator's cap: the fixed amount or the share of worldwide turnover, whichever is higher.</summary>
    public const string TurnoverCap = "turnover_cap";

    /// <summary>Multiples of the replacement value of uncompensated work.</summary>
    public const string ReplacementValue = "replacement_value";

    public static readonly IReadOnlyCollection<string> All = [PerWorker, PerViolation, PerOffense, TurnoverCap, ReplacementValue];
}

/// <summary>One row of the exposure table, as counsel maintains it.</summary>
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
    string? Note);
