namespace VixShield.Compute.Time;

/// <summary>When on its expiry date an option's settlement value is fixed.</summary>
public enum SettlementStyle
{
    /// <summary>AM-settled: at the opening of the expiry date's session, 09:30 New York (SPX monthlies, VIX options: SOQ).</summary>
    AmOpen,

    /// <summary>PM-settled: at the close of the expiry date's session, 16:00 New York (13:00 on early-close days) (SPXW).</summary>
    PmClose,
}

/// <summary>The option roots the library knows the settlement of.</summary>
public enum OptionRoot
{
    /// <summary>SPX standard monthly options: AM-settled on the third Friday (Thursday when Friday is a holiday).</summary>
    Spx,

    /// <summary>SPXW weekly and daily (0DTE) options: PM-settled at the close of the expiry date.</summary>
    Spxw,

    /// <summary>VIX options: AM-settled on their expiry Wednesday (the special opening quotation of SPX options).</summary>
    Vix,
}

/// <summary>
/// Settlement instants and settlement-aware time to expiry. Time to expiry runs from a valuation instant to the
/// settlement instant, not to midnight of the expiry date: an SPX monthly expiring Friday is settled at Friday's
/// 09:30 open, so on Thursday at 16:00 it has 17.5 hours left on the calendar clock.
/// </summary>
public static class Settlement
{
    /// <summary>The settlement style of <paramref name="root"/>.</summary>
    public static SettlementStyle StyleOf(OptionRoot root) => root switch
    {
        OptionRoot.Spx => SettlementStyle.AmOpen,
        OptionRoot.Spxw => SettlementStyle.PmClose,
        OptionRoot.Vix => SettlementStyle.AmOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(root), root, "Use OptionRoot.Spx, Spxw or Vix."),
    };

    /// <summary>The settlement instant of an expiry date in a style: 09:30 New York (AM) or the session close (PM: 16:00, 13:00 on early closes).</summary>
    /// <exception cref="ArgumentException">When <paramref name="expiry"/> is not an NYSE trading day (options never settle on one).</exception>
    public static DateTimeOffset Instant(DateOnly expiry, SettlementStyle style)
    {
        if (!NyseCalendar.IsTradingDay(expiry))
        {
            throw new ArgumentException(
                $"{expiry:yyyy-MM-dd} ({expiry.DayOfWeek}) is not a trading day, so nothing settles then; when the regular expiry is a holiday the exchange moves it to the previous trading day (NyseCalendar.PreviousTradingDay).",
                nameof(expiry));
        }

        TimeOnly time = style == SettlementStyle.AmOpen ? NyseCalendar.Open : NyseCalendar.CloseOn(expiry);
        return NewYorkTime.ToInstant(expiry, time);
    }

    /// <summary>The settlement instant of an option of <paramref name="root"/> expiring on <paramref name="expiry"/>.</summary>
    public static DateTimeOffset Instant(OptionRoot root, DateOnly expiry) => Instant(expiry, StyleOf(root));

    /// <summary>SPX monthly (AM): 09:30 New York on <paramref name="expiry"/>.</summary>
    public static DateTimeOffset SpxMonthly(DateOnly expiry) => Instant(expiry, SettlementStyle.AmOpen);

    /// <summary>SPXW (PM): the close, 16:00 New York (13:00 on early-close days), on <paramref name="expiry"/>.</summary>
    public static DateTimeOffset Spxw(DateOnly expiry) => Instant(expiry, SettlementStyle.PmClose);

    /// <summary>VIX option (AM): 09:30 New York on its expiry Wednesday <paramref name="expiry"/> (a Tuesday when that Wednesday is a holiday).</summary>
    public static DateTimeOffset VixOption(DateOnly expiry) => Instant(expiry, SettlementStyle.AmOpen);

    /// <summary>Time to expiry in years from <paramref name="valuation"/> to the settlement instant, on <paramref name="clock"/>
    /// (the calendar clock ACT/365 when null). Negative once settled (the engines mark such rows InvalidTime).</summary>
    public static double TimeToExpiry(DateTimeOffset valuation, OptionRoot root, DateOnly expiry, IYearFractionClock? clock = null) =>
        (clock ?? CalendarClock.Act365).YearFraction(valuation, Instant(root, expiry));
}

/// <summary>Standard listed expiry dates.</summary>
public static class ExpiryCalendar
{
    /// <summary>The SPX standard monthly expiry of a month: the third Friday, or the trading day before it when it is a holiday
    /// (e.g. Thursday 17 April 2025, Good Friday being the 18th).</summary>
    public static DateOnly SpxMonthly(int year, int month)
    {
        DateOnly friday = NyseCalendar.NthWeekday(year, month, DayOfWeek.Friday, 3);
        return NyseCalendar.IsTradingDay(friday) ? friday : NyseCalendar.PreviousTradingDay(friday);
    }

    /// <summary>The VIX monthly expiry of a month: the Wednesday 30 days before the third Friday of the following month
    /// (30 days before the trading day preceding that Friday when it is a holiday), moved to the previous trading day
    /// when that Wednesday is a holiday (e.g. Tuesday 18 June 2024, Juneteenth being the 19th).</summary>
    public static DateOnly VixMonthly(int year, int month)
    {
        int nextYear = month == 12 ? year + 1 : year, nextMonth = month == 12 ? 1 : month + 1;
        DateOnly friday = NyseCalendar.NthWeekday(nextYear, nextMonth, DayOfWeek.Friday, 3);
        if (!NyseCalendar.IsTradingDay(friday)) friday = NyseCalendar.PreviousTradingDay(friday);
        DateOnly wednesday = friday.AddDays(-30);
        return NyseCalendar.IsTradingDay(wednesday) ? wednesday : NyseCalendar.PreviousTradingDay(wednesday);
    }
}
