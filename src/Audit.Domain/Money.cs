namespace Audit.Domain;

/// <summary>The one rounding rule for money: half away from zero (what people expect), never banker's rounding.</summary>
public static class Money
{
    public static decimal Round(decimal amount, int decimals = 0) => Math.Round(amount, decimals, MidpointRounding.AwayFromZero);
}
