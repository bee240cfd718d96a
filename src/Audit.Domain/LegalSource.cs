namespace Audit.Domain;

/// <summary>
/// Where a legal figure comes from, as a litigator checks it: the primary source (the official text, not a summary
/// site), the pinpoint within it, and when and by whom it was last verified.
/// </summary>
public sealed record LegalSource(string PrimarySource, string Pinpoint, DateOnly VerifiedOn, string VerifiedBy)
{
    /// <summary>A check older than this, at the day a report speaks for, is printed as due again (figures change: CCPA every odd year).</summary>
    public const int ReverifyAfterMonths = 12;

    /// <summary>Whether the last check is more than <see cref="ReverifyAfterMonths"/> before <paramref name="asOf"/>.</summary>
    public bool DueForReverification(DateOnly asOf) => VerifiedOn.AddMonths(ReverifyAfterMonths) < asOf;

    /// <summary>
    /// Checked after the day a report speaks for (a past month's report made later): the report says so without the
    /// day, since nothing in a report of a period is dated after it.
    /// </summary>
    public bool VerifiedAfter(DateOnly asOf) => VerifiedOn > asOf;
}
