namespace VixShield.Compute.Time;

/// <summary>Measures time between two instants in years, the unit of <see cref="OptionBatch{T}.Time"/>.
/// Implementations are immutable and thread-safe.</summary>
public interface IYearFractionClock
{
    /// <summary>Short name (act365, nyse252).</summary>
    string Name { get; }

    /// <summary>Years from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    double YearFraction(DateTimeOffset from, DateTimeOffset to);
}

/// <summary>
/// The calendar clock, ACT/365 on elapsed time: (to - from) in days / 365, exact to the tick, so intraday
/// (0DTE) time works: 60 minutes = 60 / (365 x 1440) years. Daylight-saving changes are handled because the
/// difference is taken between instants (a spring-forward weekend is one hour shorter). Theta in raw units is
/// per year of this clock; <see cref="Units.DeskUnits.ThetaPerCalendarDay"/> divides by 365.
/// </summary>
public sealed class CalendarClock : IYearFractionClock
{
    /// <summary>Days per year.</summary>
    public const double DaysPerYear = 365.0;

    private CalendarClock()
    {
    }

    /// <summary>The single instance.</summary>
    public static CalendarClock Act365 { get; } = new();

    /// <inheritdoc/>
    public string Name => "act365";

    /// <inheritdoc/>
    public double YearFraction(DateTimeOffset from, DateTimeOffset to) =>
        (to - from).Ticks / (TimeSpan.TicksPerDay * DaysPerYear);
}

/// <summary>
/// The trading-day clock: NYSE trading days / 252. Each trading day's regular session (09:30-16:00 New York,
/// 09:30-13:00 on early closes) counts as one day, and a partial session counts as the fraction of it elapsed;
/// nights, weekends and holidays count nothing. So SPXW on its expiry day at 15:00 has 60/390 of a day,
/// 60 / (390 x 252) years, left; an AM-settled option has nothing of its expiry day's session left (it settles at
/// the open), so after the previous close its trading time is 0 even though the calendar clock still runs.
/// </summary>
public sealed class TradingDayClock : IYearFractionClock
{
    /// <summary>Trading days per year.</summary>
    public const double DaysPerYear = 252.0;

    private TradingDayClock()
    {
    }

    /// <summary>The NYSE trading-day clock.</summary>
    public static TradingDayClock Nyse252 { get; } = new();

    /// <inheritdoc/>
    public string Name => "nyse252";

    /// <inheritdoc/>
    public double YearFraction(DateTimeOffset from, DateTimeOffset to) => TradingDays(from, to) / DaysPerYear;

    /// <summary>Trading days (sessions, fractional) between two instants; negative when <paramref name="to"/> is earlier.</summary>
    public static double TradingDays(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -TradingDays(to, from);
        DateTime a = NewYorkTime.ToNewYork(from).DateTime, b = NewYorkTime.ToNewYork(to).DateTime;
        double days = 0;
        for (DateOnly d = DateOnly.FromDateTime(a), last = DateOnly.FromDateTime(b); d <= last; d = d.AddDays(1))
        {
            if (!NyseCalendar.IsTradingDay(d)) continue;
            DateTime open = d.ToDateTime(NyseCalendar.Open), close = d.ToDateTime(NyseCalendar.CloseOn(d));
            DateTime start = a > open ? a : open, end = b < close ? b : close;
            if (end <= start) continue;
            days += end == close && start == open ? 1.0 : (double)(end - start).Ticks / (close - open).Ticks;
        }

        return days;
    }
}
