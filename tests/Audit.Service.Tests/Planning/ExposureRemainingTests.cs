using Audit.Rules;
using Audit.Service.Configuration;
using Xunit;

namespace Audit.Service.Tests.Planning;

/// <summary>What the exposure model says stays of a finding once a remedy settles some of its theories: caps as in the scan.</summary>
public sealed class ExposureRemainingTests
{
    private static ExposureTheory Cap(string id, decimal high, decimal share) =>
        new(id, id, "EU/EEA", [RuleCode.R2], ExposureUnits.TurnoverCap, 0, high, 0, share, "USD", "GDPR", new DateOnly(2018, 5, 25), Confidence.A, "cite", null);

    private static readonly ExposureTheory Wage =
        new("WAGE", "wage", "ANY", [RuleCode.R7], ExposureUnits.ReplacementValue, 1, 3, null, null, "USD", null, new DateOnly(2000, 1, 1), Confidence.C, "cite", null);

    private static ExposureModel Model() => new([Cap("BIG", 20_000_000, 0.04m), Cap("SMALL", 10_000_000, 0.02m), Wage], new AuditOptions { GlobalAnnualTurnover = 100_000_000, TurnoverCurrency = "USD" }.ToRuleSettings());

    private static ExposureLine Line(string theory, decimal low, decimal high, bool capped = false) =>
        new(theory, "EU/EEA", theory == "WAGE" ? ExposureUnits.ReplacementValue : ExposureUnits.TurnoverCap, 1, low, high, "cite", capped);

    [Fact]
    public void Remaining_NothingSettled_IsTheFindingsExposure_TheCapCountedOnce()
    {
        var lines = new[] { Line("BIG", 0, 20_000_000), Line("SMALL", 0, 0, capped: true), Line("WAGE", 400, 1200) };

        Assert.Equal(new ExposureRange(400, 20_001_200), Model().Remaining(lines, new HashSet<string>()));
    }

    [Fact]
    public void Remaining_SettlingTheLineThatHeldTheCap_CountsTheCappedOneAtItsOwnFigure()
    {
        var lines = new[] { Line("BIG", 0, 20_000_000), Line("SMALL", 0, 0, capped: true) };

        // SMALL's own cap for this company: the higher of USD 10M and 2% of USD 100M.
        Assert.Equal(new ExposureRange(0, 10_000_000), Model().Remaining(lines, new HashSet<string> { "BIG" }));
    }

    [Fact]
    public void MonthlyAccrual_ConductGoingOn_GrowsAtItsPace_CapsAndEndedConductDoNot()
    {
        var asOf = new DateOnly(2026, 10, 31);
        var lines = new[]
        {
            // A year of unpaid work up to the scan's day: a twelfth a month (365 days is 11.99 months).
            Line("WAGE", 1200, 3600) with { ConductFrom = new DateOnly(2025, 11, 1), ConductTo = asOf },
            Line("BIG", 0, 20_000_000) with { ConductFrom = new DateOnly(2025, 11, 1), ConductTo = asOf },
            Line("WAGE", 900, 900) with { ConductFrom = new DateOnly(2026, 1, 1), ConductTo = new DateOnly(2026, 6, 30) },
        };

        Assert.Equal(new ExposureRange(100, 300), ExposureModel.MonthlyAccrual(lines, asOf));
    }
}
