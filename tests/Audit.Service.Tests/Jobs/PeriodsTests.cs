using Audit.Reports.Models;
using Audit.Service.Jobs;
using Audit.Service.Reporting;

namespace Audit.Service.Tests.Jobs;

public sealed class PeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void MonthlyReport_ScheduledOnThe1stAt0600Berlin_CoversThePreviousMonth()
    {
        // 1 December 06:00 in Berlin is 05:00 UTC.
        Assert.Equal(new YearMonth(2026, 11), Periods.PreviousMonth(new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc), Berlin));
    }

    [Fact]
    public void MonthlyReport_JanuaryOccurrence_CoversDecemberOfThePreviousYear()
    {
        Assert.Equal(new YearMonth(2026, 12), Periods.PreviousMonth(new DateTime(2027, 1, 1, 6, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthlyReport_ScheduledTimeIsReadInTheScheduleTimeZone_NotUtc()
    {
        // 1 December 02:00 UTC is still 30 November in Los Angeles: the month before that is October.
        var scheduled = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new YearMonth(2026, 10), Periods.PreviousMonth(scheduled, LosAngeles));
        Assert.Equal(new YearMonth(2026, 11), Periods.PreviousMonth(scheduled, TimeZoneInfo.Utc));
    }

    [Fact]
    public void QuarterlyBoardSummary_ScheduledInJanuary_CoversTheFourthQuarterOfThePreviousYear()
    {
        Assert.Equal(new Quarter(2026, 4), Periods.PreviousQuarter(new DateTime(2027, 1, 1, 7, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
        Assert.Equal(new Quarter(2026, 2), Periods.PreviousQuarter(new DateTime(2026, 7, 1, 5, 0, 0, DateTimeKind.Utc), Berlin));
    }

    [Fact]
    public void NightlyScan_JudgesTheDayThatJustEndedInTheScheduleTimeZone()
    {
        // 02:00 on 15 March in Berlin (01:00 UTC): the scan is as of 14 March.
        Assert.Equal(new DateOnly(2026, 3, 14), Periods.NightlyScanAsOf(new DateTime(2026, 3, 15, 1, 0, 0, DateTimeKind.Utc), Berlin));
    }

    [Fact]
    public void Zone_UnknownId_NamesTheSetting()
    {
        var error = Assert.Throws<Audit.Service.Configuration.ConfigurationException>(() => Periods.Zone("Europe/Atlantis", "Jobs:MonthlyReport:TimeZone"));
        Assert.Contains("Jobs:MonthlyReport:TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Atlantis", error.Message, StringComparison.Ordinal);
    }
}
