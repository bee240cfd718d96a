using System.Globalization;

namespace Audit.Domain;

/// <summary>A calendar month, printed as yyyy-MM.</summary>
public readonly record struct YearMonth
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public YearMonth Before() => Month == 1 ? new YearMonth(Year - 1, 12) : new YearMonth(Year, Month - 1);

    public static YearMonth Containing(DateOnly day) => new(day.Year, day.Month);

    public override string ToString() => FormattableString.Invariant($"{Year:D4}-{Month:D2}");
}

/// <summary>A calendar quarter such as 2026Q3.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly LastDay => new DateOnly(Year, Number * 3, 1).AddMonths(1).AddDays(-1);

    public YearMonth LastMonth => new(Year, Number * 3);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 6 } || (text[4] != 'Q' && text[4] != 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text[5] is < '1' or > '4')
        {
            return false;
        }

        quarter = new Quarter(year, text[5] - '0');
        return true;
    }

    public static Quarter Containing(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);
}

/// <summary>Days as people type them in forms, queries and JSON: yyyy-MM-dd only, so 01/03 is never read as two different days.</summary>
public static class Days
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>An optional day: blank is none (true, null); yyyy-MM-dd is that day; anything else is refused (false).</summary>
    public static bool TryReadOptional(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    /// <summary>What a refusal quotes of the text: at most 40 characters, so a huge value cannot flood the answer.</summary>
    public static string Quoted(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
