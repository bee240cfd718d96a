namespace Audit.Service.Configuration;

/// <summary>
/// The "Audit:Sla" settings: how many days a finding of each severity may stay open (or remediating) before it is
/// overdue, counted from the day it was found (or found again). A due day the officer sets wins over these; changing
/// a setting moves every due day that came from it.
/// </summary>
public sealed class SlaOptions
{
    public const int MaxDays = 730;

    public int Critical { get; set; } = 14;

    public int High { get; set; } = 30;

    public int Medium { get; set; } = 60;

    public int Low { get; set; } = 90;

    public int DaysFor(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
