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
        string s => DateOnly.ParseExact(s.Length > 10 ? s[..10] : s, DateFormat, CultureInfo.InvariantCulture),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
    };

    public static DateTime ToUtc(object value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
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
