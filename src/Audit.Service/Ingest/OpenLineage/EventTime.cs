using System.Globalization;

namespace Audit.Service.Ingest.OpenLineage;

/// <summary>
/// An event's <c>eventTime</c>: UTC to the 100 ns tick (.NET's resolution; further digits are dropped), and
/// whether the producer gave no offset, in which case it is read as UTC (as Marquez does) and the stored
/// event says so.
/// </summary>
public readonly record struct EventTime(DateTime Utc, bool OffsetAssumed)
{
    public string OrderKey(string hash) => Utc.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + hash;

    /// <summary>
    /// RFC 3339 date-time (<c>2026-05-04T04:00:00.123456Z</c>, <c>...+02:00</c>); without an offset it is UTC.
    /// A date alone, a space for the T, or a time without seconds is not a date-time.
    /// </summary>
    public static bool TryParse(string text, out EventTime time)
    {
        time = default;
        var s = text.AsSpan();
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var at = 19;
        long fractionTicks = 0;
        if (at < s.Length && s[at] == '.')
        {
            at++;
            var start = at;
            var scale = 1_000_000L;
            while (at < s.Length && char.IsAsciiDigit(s[at]))
            {
                fractionTicks += (s[at] - '0') * scale;
                scale /= 10;
                at++;
            }

            if (at == start)
            {
                return false;
            }
        }

        TimeSpan offset;
        var assumed = false;
        if (at == s.Length)
        {
            offset = TimeSpan.Zero;
            assumed = true;
        }
        else if ((s[at] == 'Z' || s[at] == 'z') && at + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if ((s[at] == '+' || s[at] == '-') && s.Length - at == 6 && s[at + 3] == ':'
                 && Digits(s, at + 1, 2, out var oh) && Digits(s, at + 4, 2, out var om) && oh < 24 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (s[at] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (…:60) is the last tick of the minute's 59th second.
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified).AddTicks(second == 60 ? TimeSpan.TicksPerSecond - 1 : fractionTicks);
        var ticks = local.Ticks - offset.Ticks;
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        time = new EventTime(new DateTime(ticks, DateTimeKind.Utc), assumed);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
