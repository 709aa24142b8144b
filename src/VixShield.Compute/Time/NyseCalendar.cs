namespace VixShield.Compute.Time;

/// <summary>
/// NYSE (and Cboe index options) trading days: weekdays that are not exchange holidays, with the regular session
/// 09:30-16:00 New York time and the 13:00 early closes. Holidays and early closes for
/// <see cref="FirstDataYear"/>-<see cref="LastDataYear"/> are data (NYSE's published schedule, including the
/// unscheduled closure of 9 January 2025); other years follow NYSE Rule 7.2's calendar (New Year's Day unless a
/// Saturday, Martin Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth from 2022,
/// Independence Day, Labor Day, Thanksgiving, Christmas; Saturday holidays observed on Friday, Sunday ones on
/// Monday) and cannot know unscheduled closures. Immutable and thread-safe.
/// </summary>
public static class NyseCalendar
{
    /// <summary>The first year whose holidays are data.</summary>
    public const int FirstDataYear = 2024;

    /// <summary>The last year whose holidays are data.</summary>
    public const int LastDataYear = 2028;

    /// <summary>The regular session's opening time, New York.</summary>
    public static TimeOnly Open { get; } = new(9, 30);

    /// <summary>The regular session's closing time, New York.</summary>
    public static TimeOnly Close { get; } = new(16, 0);

    /// <summary>The closing time on early-close days (the day after Thanksgiving, Christmas Eve, the day before Independence Day).</summary>
    public static TimeOnly EarlyClose { get; } = new(13, 0);

    private static readonly HashSet<DateOnly> HolidayData =
    [
        // 2024
        new(2024, 1, 1), new(2024, 1, 15), new(2024, 2, 19), new(2024, 3, 29), new(2024, 5, 27), new(2024, 6, 19),
        new(2024, 7, 4), new(2024, 9, 2), new(2024, 11, 28), new(2024, 12, 25),

        // 2025 (9 January: national day of mourning for President Carter, an unscheduled closure)
        new(2025, 1, 1), new(2025, 1, 9), new(2025, 1, 20), new(2025, 2, 17), new(2025, 4, 18), new(2025, 5, 26),
        new(2025, 6, 19), new(2025, 7, 4), new(2025, 9, 1), new(2025, 11, 27), new(2025, 12, 25),

        // 2026 (Independence Day on a Saturday: observed Friday 3 July)
        new(2026, 1, 1), new(2026, 1, 19), new(2026, 2, 16), new(2026, 4, 3), new(2026, 5, 25), new(2026, 6, 19),
        new(2026, 7, 3), new(2026, 9, 7), new(2026, 11, 26), new(2026, 12, 25),

        // 2027 (Juneteenth and Christmas on Saturdays: Fridays; Independence Day on a Sunday: Monday)
        new(2027, 1, 1), new(2027, 1, 18), new(2027, 2, 15), new(2027, 3, 26), new(2027, 5, 31), new(2027, 6, 18),
        new(2027, 7, 5), new(2027, 9, 6), new(2027, 11, 25), new(2027, 12, 24),

        // 2028 (New Year's Day on a Saturday: not observed)
        new(2028, 1, 17), new(2028, 2, 21), new(2028, 4, 14), new(2028, 5, 29), new(2028, 6, 19), new(2028, 7, 4),
        new(2028, 9, 4), new(2028, 11, 23), new(2028, 12, 25),
    ];

    private static readonly HashSet<DateOnly> EarlyCloseData =
    [
        new(2024, 7, 3), new(2024, 11, 29), new(2024, 12, 24),
        new(2025, 7, 3), new(2025, 11, 28), new(2025, 12, 24),
        new(2026, 11, 27), new(2026, 12, 24),
        new(2027, 11, 26),
        new(2028, 7, 3), new(2028, 11, 24),
    ];

    /// <summary>Whether <paramref name="date"/> is an exchange holiday (a weekday with no session).</summary>
    public static bool IsHoliday(DateOnly date) =>
        date.Year is >= FirstDataYear and <= LastDataYear ? HolidayData.Contains(date) : RuleHolidays(date.Year).Contains(date);

    /// <summary>Whether <paramref name="date"/> has a session: a weekday that is not a holiday.</summary>
    public static bool IsTradingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Whether <paramref name="date"/> is a trading day that closes at 13:00.</summary>
    public static bool IsEarlyClose(DateOnly date) =>
        IsTradingDay(date) && (date.Year is >= FirstDataYear and <= LastDataYear ? EarlyCloseData.Contains(date) : RuleEarlyCloses(date.Year).Contains(date));

    /// <summary>The session's close on a trading day (16:00, or 13:00 on early-close days).</summary>
    /// <exception cref="ArgumentException">When <paramref name="date"/> is not a trading day.</exception>
    public static TimeOnly CloseOn(DateOnly date)
    {
        if (!IsTradingDay(date))
        {
            throw new ArgumentException($"{date:yyyy-MM-dd} ({date.DayOfWeek}) is not an NYSE trading day; use NyseCalendar.PreviousTradingDay or NextTradingDay.", nameof(date));
        }

        return IsEarlyClose(date) ? EarlyClose : Close;
    }

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public static DateOnly PreviousTradingDay(DateOnly date)
    {
        DateOnly d = date.AddDays(-1);
        while (!IsTradingDay(d)) d = d.AddDays(-1);
        return d;
    }

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public static DateOnly NextTradingDay(DateOnly date)
    {
        DateOnly d = date.AddDays(1);
        while (!IsTradingDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>The holidays of <paramref name="year"/> (weekdays only), sorted.</summary>
    public static IReadOnlyList<DateOnly> Holidays(int year) =>
        year is >= FirstDataYear and <= LastDataYear
            ? HolidayData.Where(d => d.Year == year).Order().ToArray()
            : RuleHolidays(year).Order().ToArray();

    /// <summary>The holidays NYSE's rule gives for a year (no unscheduled closures).</summary>
    internal static HashSet<DateOnly> RuleHolidays(int year)
    {
        var days = new HashSet<DateOnly>();
        var newYear = new DateOnly(year, 1, 1);
        if (newYear.DayOfWeek != DayOfWeek.Saturday) days.Add(Observed(newYear));
        days.Add(NthWeekday(year, 1, DayOfWeek.Monday, 3));
        days.Add(NthWeekday(year, 2, DayOfWeek.Monday, 3));
        days.Add(EasterSunday(year).AddDays(-2));
        days.Add(LastWeekday(year, 5, DayOfWeek.Monday));
        if (year >= 2022) days.Add(Observed(new DateOnly(year, 6, 19)));
        days.Add(Observed(new DateOnly(year, 7, 4)));
        days.Add(NthWeekday(year, 9, DayOfWeek.Monday, 1));
        days.Add(NthWeekday(year, 11, DayOfWeek.Thursday, 4));
        days.Add(Observed(new DateOnly(year, 12, 25)));
        return days;
    }

    /// <summary>The early closes NYSE's practice gives for a year: the day after Thanksgiving, Christmas Eve and
    /// 3 July when they are trading days (3 July only when Independence Day itself is a weekday).</summary>
    internal static HashSet<DateOnly> RuleEarlyCloses(int year)
    {
        HashSet<DateOnly> holidays = RuleHolidays(year);
        bool Trading(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d);
        var days = new HashSet<DateOnly> { NthWeekday(year, 11, DayOfWeek.Thursday, 4).AddDays(1) };
        var christmasEve = new DateOnly(year, 12, 24);
        if (Trading(christmasEve)) days.Add(christmasEve);
        var july3 = new DateOnly(year, 7, 3);
        if (Trading(july3) && new DateOnly(year, 7, 4).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(july3);
        return days;
    }

    /// <summary>Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly Observed(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    internal static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        int back = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-back);
    }
}
