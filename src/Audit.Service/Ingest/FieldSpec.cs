using System.Globalization;

namespace Audit.Service.Ingest;

public enum FieldKind
{
    Text,
    Date,
    Timestamp,
    Integer,
    Decimal,
    Boolean,
    Code,
    CodeSet,
    Country,
    CountrySet,
    Subdivision,
    Currency,
}

/// <summary>
/// One column of an import file: its name (the CSV header or JSON property), its kind, whether it must
/// have a value, and for codes the allowed vocabulary. Parsing a value yields the typed value or a message.
/// </summary>
public sealed record FieldSpec(string Name, FieldKind Kind, bool Required, IReadOnlyCollection<string>? Vocabulary = null, int MaxLength = 400, int? Scale = null)
{
    /// <summary>Decimal places money keeps in both dialects (SQL Server DECIMAL(19,4); SQLite the decimal's text).</summary>
    public const int MoneyScale = 4;

    /// <summary>Below 10^15, so it fits DECIMAL(19,4).</summary>
    private const decimal MoneyLimit = 1_000_000_000_000_000m;

    /// <summary>
    /// An amount of money: refused, not rounded, when it has more decimal places than both databases keep, so
    /// SQL Server (which would round) and SQLite (which would keep them) never hold different amounts.
    /// </summary>
    public static FieldSpec Money(string name, bool required = true) => new(name, FieldKind.Decimal, required, Scale: MoneyScale);

    public static FieldSpec Text(string name, bool required = true, int maxLength = 400) => new(name, FieldKind.Text, required, null, maxLength);

    public static FieldSpec Date(string name, bool required = true) => new(name, FieldKind.Date, required);

    public static FieldSpec Timestamp(string name, bool required = true) => new(name, FieldKind.Timestamp, required);

    public static FieldSpec Integer(string name, bool required = true) => new(name, FieldKind.Integer, required);

    public static FieldSpec Decimal(string name, bool required = true) => new(name, FieldKind.Decimal, required);

    public static FieldSpec Boolean(string name, bool required = true) => new(name, FieldKind.Boolean, required);

    public static FieldSpec Code<T>(string name, bool required = true)
        where T : struct, Enum => new(name, FieldKind.Code, required, Codes.All<T>());

    public static FieldSpec CodeSet<T>(string name, bool required = true)
        where T : struct, Enum => new(name, FieldKind.CodeSet, required, Codes.All<T>());

    public static FieldSpec Country(string name, bool required = true) => new(name, FieldKind.Country, required);

    public static FieldSpec CountrySet(string name, bool required = false) => new(name, FieldKind.CountrySet, required, null, 2000);

    public static FieldSpec Subdivision(string name, bool required = false) => new(name, FieldKind.Subdivision, required);

    public static FieldSpec Currency(string name, bool required = true) => new(name, FieldKind.Currency, required);

    /// <summary>Parses raw text; null raw text (or blank) means "no value".</summary>
    public bool TryParse(string? raw, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (Required)
            {
                problem = "a value is required";
                return false;
            }

            return true;
        }

        if (text.Length > MaxLength)
        {
            problem = $"longer than {MaxLength} characters";
            return false;
        }

        switch (Kind)
        {
            case FieldKind.Text:
                value = text;
                return true;
            case FieldKind.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    value = date;
                    return true;
                }

                problem = $"'{text}' is not a date (yyyy-MM-dd)";
                return false;
            case FieldKind.Timestamp:
                if (TryParseTimestamp(text, out var stamp))
                {
                    value = stamp;
                    return true;
                }

                problem = $"'{text}' is not a timestamp (ISO 8601, e.g. 2026-03-01T09:00:00Z)";
                return false;
            case FieldKind.Integer:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0)
                {
                    value = number;
                    return true;
                }

                problem = $"'{text}' is not a whole number of zero or more";
                return false;
            case FieldKind.Decimal:
                // No thousands separators: "40,5" is a decimal comma somewhere and 405 nowhere; refused, not guessed.
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
                {
                    if (Scale is { } scale && (decimal.Round(amount, scale) != amount || amount >= MoneyLimit))
                    {
                        problem = $"'{text}' is not an amount of money: at most {scale} decimal places and below 10^15";
                        return false;
                    }

                    value = amount;
                    return true;
                }

                problem = $"'{text}' is not a number of zero or more (use '.' for decimals, no thousands separators)";
                return false;
            case FieldKind.Boolean:
                switch (text.ToLowerInvariant())
                {
                    case "true" or "yes" or "1":
                        value = true;
                        return true;
                    case "false" or "no" or "0":
                        value = false;
                        return true;
                    default:
                        problem = $"'{text}' is not true or false";
                        return false;
                }

            case FieldKind.Code:
                if (Vocabulary!.Contains(text))
                {
                    value = text;
                    return true;
                }

                problem = $"unknown value '{text}'; expected one of: {string.Join(", ", Vocabulary!)}";
                return false;
            case FieldKind.CodeSet:
                var codes = Codes.Split(text).ToList();
                var unknown = codes.FirstOrDefault(c => !Vocabulary!.Contains(c));
                if (unknown is not null)
                {
                    problem = $"unknown value '{unknown}'; expected any of: {string.Join(", ", Vocabulary!)}";
                    return false;
                }

                value = string.Join(';', Vocabulary!.Where(codes.Contains));
                return true;
            case FieldKind.Country:
                if (Iso3166.IsCountry(text))
                {
                    value = text;
                    return true;
                }

                problem = $"'{text}' is not an ISO 3166-1 alpha-2 country code";
                return false;
            case FieldKind.CountrySet:
                var countries = Codes.Split(text).ToList();
                var bad = countries.FirstOrDefault(c => !Iso3166.IsCountry(c));
                if (bad is not null)
                {
                    problem = $"'{bad}' is not an ISO 3166-1 alpha-2 country code";
                    return false;
                }

                value = string.Join(';', countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                return true;
            case FieldKind.Subdivision:
                // Checked against its country by the entity, which knows both columns.
                value = text;
                return true;
            case FieldKind.Currency:
                if (text.Length == 3 && text.All(char.IsAsciiLetterUpper))
                {
                    value = text;
                    return true;
                }

                problem = $"'{text}' is not an ISO 4217 currency code (like USD)";
                return false;
            default:
                throw new InvalidOperationException($"Unhandled field kind {Kind}.");
        }
    }

    public static bool TryParseTimestamp(string text, out DateTime utc)
    {
        // Fast path for the canonical form (2026-03-01T09:00:00Z), which is what large files carry.
        if (text.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z'
            && TryDigits(text, 0, 4, out var year) && TryDigits(text, 5, 2, out var month) && TryDigits(text, 8, 2, out var day)
            && TryDigits(text, 11, 2, out var hour) && TryDigits(text, 14, 2, out var minute) && TryDigits(text, 17, 2, out var second)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month) && hour < 24 && minute < 60 && second < 60 && year >= 1)
        {
            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
        {
            return true;
        }

        // A timestamp without an offset is ambiguous across offices; require Z or an offset.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset)
            && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text)))
        {
            utc = offset.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static bool HasOffset(string text)
    {
        var t = text.LastIndexOf('T');
        if (t < 0)
        {
            return false;
        }

        var tail = text[t..];
        return tail.Contains('+', StringComparison.Ordinal) || tail.Contains('-', StringComparison.Ordinal);
    }
}
