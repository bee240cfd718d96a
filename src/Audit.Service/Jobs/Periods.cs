
namespace Audit.Service.Jobs;

/// <summary>
/// The period a scheduled job covers, from the time it was scheduled for (read in the schedule's time zone),
/// never from the time it happens to run: a report retried or delayed past midnight still covers its month.
/// </summary>
public static class Periods
{
    public static DateOnly LocalDay(DateTime scheduledUtc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(scheduledUtc, DateTimeKind.Utc), zone));

    /// <summary>A nightly scan judges the day that has just ended.</summary>
    public static DateOnly NightlyScanAsOf(DateTime scheduledUtc, TimeZoneInfo zone) => LocalDay(scheduledUtc, zone).AddDays(-1);

    public static YearMonth PreviousMonth(DateTime scheduledUtc, TimeZoneInfo zone)
    {
        var day = LocalDay(scheduledUtc, zone).AddMonths(-1);
        return new YearMonth(day.Year, day.Month);
    }

    public static Quarter PreviousQuarter(DateTime scheduledUtc, TimeZoneInfo zone) =>
        Quarter.Containing(LocalDay(scheduledUtc, zone)).Previous;

    /// <summary>An IANA (or Windows) zone id; refused naming the setting when it is unknown.</summary>
    public static TimeZoneInfo Zone(string id, string setting)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new Configuration.ConfigurationException($"setting {setting} is '{id}', which is not a known time zone; expected an IANA id such as Europe/Berlin or UTC", ex);
        }
    }
}
