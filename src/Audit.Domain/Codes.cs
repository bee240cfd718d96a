using System.Collections.Concurrent;
using System.Text;

namespace Audit.Domain;

/// <summary>
/// Converts vocabulary enums to and from their snake_case codes, and [Flags] sets to and from
/// ';'-separated lists in a fixed order, so the same set is always written the same way.
/// </summary>
public static class Codes
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Enum>> ByCode = new();

    public static string ToCode<T>(T value)
        where T : struct, Enum => Snake(value.ToString());

    public static IReadOnlyCollection<string> All<T>()
        where T : struct, Enum => Map<T>().Keys.ToList();

    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        if (code is not null && Map<T>().TryGetValue(code.Trim(), out var found))
        {
            value = (T)found;
            return true;
        }

        value = default;
        return false;
    }

    public static T Parse<T>(string code)
        where T : struct, Enum => TryParse<T>(code, out var value)
            ? value
            : throw new FormatException($"'{code}' is not one of: {string.Join(", ", All<T>())}.");

    /// <summary>Parses "a;b;c" into a flags value; reports the first unknown code.</summary>
    public static bool TryParseSet<T>(string? list, out T value, out string? unknown)
        where T : struct, Enum
    {
        ulong bits = 0;
        unknown = null;
        foreach (var part in Split(list))
        {
            if (!TryParse<T>(part, out var one) || Convert.ToUInt64(one, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                unknown = part;
                value = default;
                return false;
            }

            bits |= Convert.ToUInt64(one, System.Globalization.CultureInfo.InvariantCulture);
        }

        value = (T)Enum.ToObject(typeof(T), bits);
        return true;
    }

    public static T ParseSet<T>(string? list)
        where T : struct, Enum => TryParseSet<T>(list, out var value, out var unknown)
            ? value
            : throw new FormatException($"'{unknown}' is not one of: {string.Join(", ", All<T>())}.");

    public static string ToCodeSet<T>(T value)
        where T : struct, Enum
    {
        var bits = Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        var parts = Enum.GetValues<T>()
            .Where(v => Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture) is var b && b != 0 && (bits & b) == b)
            .Select(ToCode);
        return string.Join(';', parts);
    }

    public static IEnumerable<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyDictionary<string, Enum> Map<T>()
        where T : struct, Enum => ByCode.GetOrAdd(typeof(T), _ =>
            Enum.GetValues<T>()
                .Where(v => !(typeof(T).IsDefined(typeof(FlagsAttribute), false) && Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture) == 0))
                .ToDictionary(v => Snake(v.ToString()), v => (Enum)v, StringComparer.Ordinal));

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
