namespace Audit.Reports.Models;

/// <summary>
/// How much of an exposure total rests on firm ground: <see cref="GroundedLow"/>–<see cref="GroundedHigh"/> is the
/// total on the theories graded A and B alone (statutes, regulators' figures), the grade-C part the rest (litigation
/// theories, unconfirmed figures; <see cref="GradeCTheories"/> names them). The two parts add up to the total.
/// </summary>
public sealed record ExposureGrades(decimal GroundedLow, decimal GroundedHigh, decimal GradeCLow, decimal GradeCHigh, IReadOnlyList<string> GradeCTheories)
{
    public decimal TotalLow => GroundedLow + GradeCLow;

    public decimal TotalHigh => GroundedHigh + GradeCHigh;

    /// <summary>The grade-C part's share of the low figure, 0 to 1.</summary>
    public decimal GradeCShareOfLow => TotalLow == 0 ? 0 : GradeCLow / TotalLow;

    /// <summary>The grade-C part's share of the high figure, 0 to 1.</summary>
    public decimal GradeCShareOfHigh => TotalHigh == 0 ? 0 : GradeCHigh / TotalHigh;

    public decimal GroundedShareOfLow => TotalLow == 0 ? 0 : 1 - GradeCShareOfLow;

    public decimal GroundedShareOfHigh => TotalHigh == 0 ? 0 : 1 - GradeCShareOfHigh;
}
