using System.Globalization;

namespace Audit.Reports.Wording;

/// <summary>Number and money formatting for reports; always invariant so output never depends on the host.</summary>
public static class CountFormatter
{
    /// <summary>
    /// Counts from 1 to 4 are shown as "&lt;5" on the board summary so small groups cannot be singled out. Zero stays
    /// "0": it identifies nobody, and "&lt;5 critical findings" would wrongly suggest there are some.
    /// </summary>
    public const int SmallCountThreshold = 5;

    public static string Masked(int count) => Masked((long)count);

    public static string Masked(long count) =>
        count is > 0 and < SmallCountThreshold ? "<5" : count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal amount, string currency) =>
        currency + " " + amount.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Short money for chart axes and KPI tiles: 1.2M, 350K.</summary>
    public static string MoneyShort(decimal amount, string currency) => currency + " " + Short(amount);

    /// <summary>
    /// Millions and billions always with one decimal ("5.0M - 200.0M", never "5M - 200M" beside "5.9M - 202.8M"):
    /// one number style through a report. Thousands keep a decimal only where it says something.
    /// </summary>
    public static string Short(decimal amount)
    {
        var abs = Math.Abs(amount);
        return abs switch
        {
            >= 1_000_000_000m => (amount / 1_000_000_000m).ToString("0.0", CultureInfo.InvariantCulture) + "B",
            >= 1_000_000m => (amount / 1_000_000m).ToString("0.0", CultureInfo.InvariantCulture) + "M",
            >= 1_000m => (amount / 1_000m).ToString("0.#", CultureInfo.InvariantCulture) + "K",
            _ => amount.ToString("0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>What a range of nothing prints: never "USD 0 - USD 0" or "0-0".</summary>
    public const string NoneEstimated = "none estimated";

    /// <summary>A money range; a range of nothing says so, and a range of one amount prints it once.</summary>
    public static string Range(decimal low, decimal high, string currency) => RangeOf(low, high, a => Money(a, currency));

    /// <summary>
    /// A short money range with the currency once: "USD 143.3M - 614.8M", so "from ... to ..." does not read as two
    /// ranges of four figures. The one style for short money ranges in prose.
    /// </summary>
    public static string ShortMoneyRange(decimal low, decimal high, string currency) =>
        low == 0 && high == 0 ? NoneEstimated : currency + " " + ShortRange(low, high);

    /// <summary>A short range for narrow table cells under a header naming the currency: 1.2M - 3.4M.</summary>
    public static string ShortRange(decimal low, decimal high) => RangeOf(low, high, Short);

    /// <summary>Multiples of an amount, not money: "×1 – ×3".</summary>
    public static string Multiples(decimal low, decimal high)
    {
        static string Times(decimal m) => "×" + m.ToString("0.##", CultureInfo.InvariantCulture);
        return low == high ? Times(low) : Times(low) + " – " + Times(high);
    }

    /// <summary>A range in any amount format, with the rules of <see cref="Range"/>.</summary>
    public static string RangeOf(decimal low, decimal high, Func<decimal, string> format) =>
        low == 0 && high == 0 ? NoneEstimated
        : low == high ? format(low)
        : format(low) + " - " + format(high);

    public static string SignedMoney(decimal amount, string currency) =>
        (amount > 0 ? "+" : amount < 0 ? "-" : "") + Money(Math.Abs(amount), currency);

    /// <summary>Signed short money for KPI tiles: +USD 49M, -USD 800K.</summary>
    public static string SignedMoneyShort(decimal amount, string currency) =>
        (amount > 0 ? "+" : amount < 0 ? "-" : "") + MoneyShort(Math.Abs(amount), currency);

    public static string Hours(decimal hours) => hours.ToString("N1", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
