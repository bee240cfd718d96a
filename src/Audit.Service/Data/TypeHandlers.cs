using System.Data;
using System.Globalization;
using Dapper;

namespace Audit.Service.Data;

/// <summary>
/// One set of Dapper type handlers for both dialects. SQLite stores dates and timestamps as ISO-8601 TEXT;
/// SQL Server returns DATE and DATETIME2. Timestamps are always UTC.
/// </summary>
public static class TypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        // DateTime is in Dapper's built-in type map, which wins over a handler for parameters
        // (DapperLib/Dapper#206): remove it so timestamps are always written in one format.
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.RemoveTypeMap(typeof(DateTime?));
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    public const string DateFormat = "yyyy-MM-dd";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// Timestamps are kept to the whole second in both dialects: SQLite's text has no fraction, and SQL Server's
    /// DATETIME2(0) would round 09:00:00.6 up to 09:00:01 where SQLite keeps 09:00:00. Truncated before either sees it.
    /// </summary>
    public static DateTime ToWholeSecond(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Kind);

    /// <summary>'yyyy-MM-dd HH:mm:ss' without the general formatter: imports write two of these per row.</summary>
    public static string FormatTimestamp(DateTime t) => string.Create(19, t, static (span, t) =>
    {
        static void Put(Span<char> s, int at, int value, int width)
        {
            for (var i = width - 1; i >= 0; i--)
            {
                s[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        Put(span, 0, t.Year, 4);
        span[4] = '-';
        Put(span, 5, t.Month, 2);
        span[7] = '-';
        Put(span, 8, t.Day, 2);
        span[10] = ' ';
        Put(span, 11, t.Hour, 2);
        span[13] = ':';
        Put(span, 14, t.Minute, 2);
        span[16] = ':';
        Put(span, 17, t.Second, 2);
    });

    public static DateOnly ToDateOnly(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        string s => TryParseDigits(s.AsSpan(), out var day, out _) ? DateOnly.FromDateTime(day) : DateOnly.ParseExact(s.Length > 10 ? s[..10] : s, DateFormat, CultureInfo.InvariantCulture),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
    };

    /// <summary>Text as SQLite keeps it ('yyyy-MM-dd HH:mm:ss', as UTF-8 bytes or characters) to a UTC instant.</summary>
    public static DateTime ToUtc<T>(ReadOnlySpan<T> text)
        where T : unmanaged, System.Numerics.IBinaryInteger<T> =>
        TryParseDigits(text, out var t, out var timeOfDay) && timeOfDay
            ? t
            : ToUtc(typeof(T) == typeof(byte)
                ? System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text))
                : new string(System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(text)));

    /// <summary>
    /// 'yyyy-MM-dd' or 'yyyy-MM-dd HH:mm:ss' (what this code writes) read by position: a scan reads millions of these, and
    /// the general parser costs ten times as much. Anything else (or an impossible date) is left to the general parser.
    /// </summary>
    private static bool TryParseDigits<T>(ReadOnlySpan<T> s, out DateTime value, out bool timeOfDay)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        value = default;
        timeOfDay = s.Length == 19 && Char(s, 10) == ' ' && Char(s, 13) == ':' && Char(s, 16) == ':';
        if (!(s.Length == 10 || timeOfDay) || Char(s, 4) != '-' || Char(s, 7) != '-')
        {
            return false;
        }

        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
        if (!Digits(s, 0, 4, ref year) || !Digits(s, 5, 2, ref month) || !Digits(s, 8, 2, ref day)
            || (timeOfDay && (!Digits(s, 11, 2, ref hour) || !Digits(s, 14, 2, ref minute) || !Digits(s, 17, 2, ref second))))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static int Char<T>(ReadOnlySpan<T> s, int at)
        where T : unmanaged, System.Numerics.IBinaryInteger<T> => int.CreateTruncating(s[at]);

    private static bool Digits<T>(ReadOnlySpan<T> s, int at, int length, ref int value)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (var i = at; i < at + length; i++)
        {
            var d = Char(s, i) - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    public static DateTime ToUtc(object value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        string s when TryParseDigits(s.AsSpan(), out var t, out _) => t,
        string s => DateTime.SpecifyKind(
            DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            DateTimeKind.Utc),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
    };

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => ToDateOnly(value);

        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            // Text on SQLite sorts and compares correctly; SQL Server converts it to DATE.
            parameter.DbType = DbType.Date;
            parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            if (parameter is Microsoft.Data.Sqlite.SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString(DateFormat, CultureInfo.InvariantCulture);
            }
        }
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override DateTime Parse(object value) => ToUtc(value);

        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
            if (parameter is Microsoft.Data.Sqlite.SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = FormatTimestamp(utc);
            }
            else
            {
                parameter.DbType = DbType.DateTime2;
                parameter.Value = ToWholeSecond(utc);
            }
        }
    }
}
