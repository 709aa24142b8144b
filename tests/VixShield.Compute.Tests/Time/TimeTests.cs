using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Time;

public class TimeTests
{
    private const double MinutesPerYear = 365.0 * 1440.0;

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static DateTimeOffset NewYork(int y, int mo, int d, int h, int mi = 0) =>
        NewYorkTime.ToInstant(new DateOnly(y, mo, d), new TimeOnly(h, mi));

    private static void Close(double expected, double actual, double relative = 1e-14) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void SettlementInstantsAreNewYorkOpenAndCloseInUtc()
    {
        // Winter (EST, UTC-5) and summer (EDT, UTC-4).
        Assert.Equal(Utc(2026, 12, 18, 14, 30), Settlement.SpxMonthly(new DateOnly(2026, 12, 18)));
        Assert.Equal(Utc(2026, 12, 18, 21, 0), Settlement.Spxw(new DateOnly(2026, 12, 18)));
        Assert.Equal(Utc(2026, 6, 17, 13, 30), Settlement.VixOption(new DateOnly(2026, 6, 17)));
        Assert.Equal(Utc(2026, 6, 18, 20, 0), Settlement.Instant(OptionRoot.Spxw, new DateOnly(2026, 6, 18)));
        Assert.Equal(TimeSpan.FromHours(-5), Settlement.SpxMonthly(new DateOnly(2026, 12, 18)).Offset);
    }

    [Fact]
    public void SpxwOnAnEarlyCloseSettlesAt1300()
    {
        // Friday after Thanksgiving 2026: session 09:30-13:00 EST.
        Assert.Equal(Utc(2026, 11, 27, 18, 0), Settlement.Spxw(new DateOnly(2026, 11, 27)));
        DateTimeOffset noon = NewYork(2026, 11, 27, 12, 0);
        Close(60.0 / MinutesPerYear, Settlement.TimeToExpiry(noon, OptionRoot.Spxw, new DateOnly(2026, 11, 27)));
        Close(60.0 / 210.0 / 252.0, Settlement.TimeToExpiry(noon, OptionRoot.Spxw, new DateOnly(2026, 11, 27), TradingDayClock.Nyse252));
    }

    [Fact]
    public void ZeroDteAt1500HasSixtyMinutesLeft()
    {
        DateTimeOffset valuation = NewYork(2026, 11, 24, 15, 0); // Tuesday, EST
        Assert.Equal(Utc(2026, 11, 24, 20, 0), valuation.ToUniversalTime());
        double calendar = Settlement.TimeToExpiry(valuation, OptionRoot.Spxw, new DateOnly(2026, 11, 24));
        Close(60.0 / MinutesPerYear, calendar);
        Close(1.1415525114155251e-4, calendar);
        double trading = Settlement.TimeToExpiry(valuation, OptionRoot.Spxw, new DateOnly(2026, 11, 24), TradingDayClock.Nyse252);
        Close(60.0 / 390.0 / 252.0, trading);
    }

    [Fact]
    public void ZeroDteMinuteByMinute()
    {
        DateOnly day = new(2026, 11, 24);
        for (int m = 1; m <= 390; m++)
        {
            DateTimeOffset v = Settlement.Spxw(day).AddMinutes(-m);
            Close(m / MinutesPerYear, Settlement.TimeToExpiry(v, OptionRoot.Spxw, day));
            Close(m / 390.0 / 252.0, Settlement.TimeToExpiry(v, OptionRoot.Spxw, day, TradingDayClock.Nyse252));
        }
    }

    [Fact]
    public void SpringForwardWeekendIsOneHourShort()
    {
        // DST starts Sunday 8 March 2026: Friday 16:00 EST (21:00Z) to Monday 16:00 EDT (20:00Z) is 71 hours.
        DateTimeOffset friday = NewYork(2026, 3, 6, 16, 0);
        Assert.Equal(Utc(2026, 3, 6, 21, 0), friday.ToUniversalTime());
        Assert.Equal(Utc(2026, 3, 9, 20, 0), Settlement.Spxw(new DateOnly(2026, 3, 9)).ToUniversalTime());
        Close(71.0 / 24.0 / 365.0, Settlement.TimeToExpiry(friday, OptionRoot.Spxw, new DateOnly(2026, 3, 9)));
        Close(1.0 / 252.0, Settlement.TimeToExpiry(friday, OptionRoot.Spxw, new DateOnly(2026, 3, 9), TradingDayClock.Nyse252));
    }

    [Fact]
    public void FallBackWeekendIsOneHourLong()
    {
        // DST ends Sunday 1 November 2026: Friday 16:00 EDT (20:00Z) to Monday 16:00 EST (21:00Z) is 73 hours.
        DateTimeOffset friday = NewYork(2026, 10, 30, 16, 0);
        Assert.Equal(Utc(2026, 10, 30, 20, 0), friday.ToUniversalTime());
        Close(73.0 / 24.0 / 365.0, Settlement.TimeToExpiry(friday, OptionRoot.Spxw, new DateOnly(2026, 11, 2)));
    }

    [Fact]
    public void AmSettledMonthlyFromThursdayCloseHas17Point5CalendarHoursAndNoTradingTime()
    {
        DateOnly expiry = ExpiryCalendar.SpxMonthly(2026, 12);
        Assert.Equal(new DateOnly(2026, 12, 18), expiry);
        DateTimeOffset thursdayClose = NewYork(2026, 12, 17, 16, 0);
        Close(17.5 / 24.0 / 365.0, Settlement.TimeToExpiry(thursdayClose, OptionRoot.Spx, expiry));
        Assert.Equal(0.0, Settlement.TimeToExpiry(thursdayClose, OptionRoot.Spx, expiry, TradingDayClock.Nyse252));

        // From Thursday's open: exactly one session.
        Close(1.0 / 252.0, Settlement.TimeToExpiry(NewYork(2026, 12, 17, 9, 30), OptionRoot.Spx, expiry, TradingDayClock.Nyse252));
    }

    [Fact]
    public void SettledOptionsHaveNegativeTime()
    {
        DateTimeOffset after = NewYork(2026, 11, 24, 16, 30);
        Close(-30.0 / MinutesPerYear, Settlement.TimeToExpiry(after, OptionRoot.Spxw, new DateOnly(2026, 11, 24)));
        Close(-1.0 / 252.0, TradingDayClock.Nyse252.YearFraction(NewYork(2026, 11, 24, 16, 0), NewYork(2026, 11, 23, 16, 0)));
    }

    [Fact]
    public void TradingDaysSkipWeekendsHolidaysAndNights()
    {
        // Wed 25 Nov 2026 16:00 -> Mon 30 Nov 16:00: Thanksgiving closed, Friday early close (one session), Monday: 2 days.
        Close(2.0, TradingDayClock.TradingDays(NewYork(2026, 11, 25, 16, 0), NewYork(2026, 11, 30, 16, 0)));

        // Mon 23 Nov 12:00 -> Wed 25 Nov 16:00: 240/390 of Monday + Tuesday + Wednesday.
        Close(2.0 + (240.0 / 390.0), TradingDayClock.TradingDays(NewYork(2026, 11, 23, 12, 0), NewYork(2026, 11, 25, 16, 0)));

        // Overnight and a weekend count nothing.
        Assert.Equal(0.0, TradingDayClock.TradingDays(NewYork(2026, 11, 20, 16, 0), NewYork(2026, 11, 23, 9, 30)));

        // The whole of 2026: 251 sessions (365 days - 104 weekend days - 10 weekday holidays).
        Close(251.0 / 252.0, TradingDayClock.Nyse252.YearFraction(NewYork(2025, 12, 31, 16, 0), NewYork(2026, 12, 31, 16, 0)));
    }

    [Fact]
    public void SettlementOnANonTradingDayIsAnArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => Settlement.Spxw(new DateOnly(2026, 11, 26))); // Thanksgiving
        Assert.Contains("not a trading day", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Settlement.SpxMonthly(new DateOnly(2026, 11, 28))); // Saturday
    }

    [Theory]
    [InlineData(2024, 6, 2024, 6, 18)] // Juneteenth Wednesday -> Tuesday
    [InlineData(2024, 11, 2024, 11, 20)]
    [InlineData(2025, 3, 2025, 3, 18)] // April 2025's third Friday is Good Friday -> Thursday 17th - 30 days = Tuesday
    [InlineData(2026, 11, 2026, 11, 18)]
    [InlineData(2026, 12, 2026, 12, 16)] // January 2027's third Friday is the 15th
    public void VixMonthlyExpiries(int year, int month, int ey, int em, int ed) =>
        Assert.Equal(new DateOnly(ey, em, ed), ExpiryCalendar.VixMonthly(year, month));

    [Theory]
    [InlineData(2025, 4, 17)] // Good Friday 18 April -> Thursday
    [InlineData(2026, 1, 16)]
    [InlineData(2026, 12, 18)]
    [InlineData(2027, 3, 19)]
    public void SpxMonthlyExpiries(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), ExpiryCalendar.SpxMonthly(year, month));

    [Fact]
    public void HolidayDataMatchesTheRuleExceptUnscheduledClosures()
    {
        for (int year = NyseCalendar.FirstDataYear; year <= NyseCalendar.LastDataYear; year++)
        {
            var data = NyseCalendar.Holidays(year).ToHashSet();
            data.Remove(new DateOnly(2025, 1, 9)); // national day of mourning, not in any rule
            Assert.Equal(NyseCalendar.RuleHolidays(year).Order(), data.Order());
            var early = Enumerable.Range(0, 366).Select(i => new DateOnly(year, 1, 1).AddDays(i))
                .Where(d => d.Year == year && NyseCalendar.IsEarlyClose(d)).ToHashSet();
            Assert.Equal(NyseCalendar.RuleEarlyCloses(year).Order(), early.Order());
        }

        Assert.Equal(10, NyseCalendar.Holidays(2024).Count);
        Assert.Equal(11, NyseCalendar.Holidays(2025).Count);
        Assert.Equal(9, NyseCalendar.Holidays(2028).Count); // 1 Jan 2028 is a Saturday: not observed
        Assert.False(NyseCalendar.IsTradingDay(new DateOnly(2025, 1, 9)));
        Assert.True(NyseCalendar.IsTradingDay(new DateOnly(2027, 12, 31)));
        Assert.Equal(new DateOnly(2032, 3, 26), NyseCalendar.Holidays(2032)[3]); // Good Friday by rule beyond the data
    }

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    public void EasterSunday(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), NyseCalendar.EasterSunday(year));

    [Fact]
    public void BuiltInEasternRuleMatchesTheTimeZoneDatabase()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(NewYorkTime.ZoneId);
        for (DateTime utc = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year < 2031; utc = utc.AddMinutes(30))
        {
            Assert.Equal(zone.GetUtcOffset(utc), UsEasternRule.OffsetOfUtc(utc));
            DateTime local = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified); // walk local wall-clock times too
            Assert.Equal(zone.GetUtcOffset(local), UsEasternRule.OffsetOfLocal(local));
        }

        Assert.True(NewYorkTime.UsesSystemTimeZoneDatabase);
    }

    [Fact]
    public void EasternRuleTransitionsAreAtTwoInTheMorning()
    {
        Assert.Equal(new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc), UsEasternRule.DaylightStartUtc(2026));
        Assert.Equal(new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), UsEasternRule.DaylightEndUtc(2026));
        Assert.Equal(TimeSpan.FromHours(-5), UsEasternRule.OffsetOfLocal(new DateTime(2026, 3, 8, 1, 59, 0)));
        Assert.Equal(TimeSpan.FromHours(-5), UsEasternRule.OffsetOfLocal(new DateTime(2026, 3, 8, 2, 30, 0))); // skipped: standard
        Assert.Equal(TimeSpan.FromHours(-4), UsEasternRule.OffsetOfLocal(new DateTime(2026, 3, 8, 3, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(-4), UsEasternRule.OffsetOfLocal(new DateTime(2026, 11, 1, 0, 59, 0)));
        Assert.Equal(TimeSpan.FromHours(-5), UsEasternRule.OffsetOfLocal(new DateTime(2026, 11, 1, 1, 30, 0))); // repeated: standard
    }
}
