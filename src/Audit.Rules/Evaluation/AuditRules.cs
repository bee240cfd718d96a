namespace Audit.Rules;

/// <summary>The nine rules of domain.md and R10 (the notice texts read), fresh for each scan (rules keep per-scan state).</summary>
public static class AuditRules
{
    public static IReadOnlyList<IAuditRule> Create() =>
    [
        new R1SecurityTelemetryReachesTraining(),
        new R2TrainingWithoutConsent(),
        new R3RetroactiveScopeExpansion(),
        new R4OptOutNotHonoured(),
        new R5NoRealOptOut(),
        new R6EuExemptionMismatch(),
        new R7CompensationGap(),
        new R8CaptureBeyondNotice(),
        new R9TrainThenTrim(),
        new R10DisclosureDoesNotSayIt(),
    ];
}
