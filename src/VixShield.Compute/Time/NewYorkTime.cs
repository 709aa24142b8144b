namespace VixShield.Compute.Time;

/// <summary>
/// New York (US Eastern) wall-clock time, where SPX and VIX options settle. Uses the system's time-zone database
/// (<c>America/New_York</c>); when it is missing (minimal containers), falls back to the built-in US rule in force
/// since 2007: EDT (UTC-4) from 02:00 on the second Sunday of March to 02:00 on the first Sunday of November,
/// EST (UTC-5) otherwise. Immutable and thread-safe.
/// </summary>
public static class NewYorkTime
{
    /// <summary>The IANA id of the zone.</summary>
    public const string ZoneId = "America/New_York";

    private static readonly TimeZoneInfo? SystemZone = TryFindZone();

    /// <summary>True when the system time-zone database supplied the zone, false when the built-in rule is in use.</summary>
    public static bool UsesSystemTimeZoneDatabase => SystemZone is not null;

    /// <summary>The UTC offset in New York for a New York wall-clock time. A time skipped by the spring change
    /// (02:00-03:00) and a repeated time of the autumn change (01:00-02:00) both get the standard offset (-5 h),
    /// as <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> does.</summary>
    public static TimeSpan OffsetOfLocal(DateTime localTime)
    {
        DateTime unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        return SystemZone?.GetUtcOffset(unspecified) ?? UsEasternRule.OffsetOfLocal(unspecified);
    }

    /// <summary>The UTC offset in New York at an instant.</summary>
    public static TimeSpan OffsetAt(DateTimeOffset instant) =>
        SystemZone?.GetUtcOffset(instant) ?? UsEasternRule.OffsetOfUtc(instant.UtcDateTime);

    /// <summary>The instant of a New York wall-clock date and time (e.g. 09:30 on an expiry date).</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, OffsetOfLocal(local));
    }

    /// <summary>The same instant expressed with New York's offset (its <see cref="DateTimeOffset.DateTime"/> is the wall clock).</summary>
    public static DateTimeOffset ToNewYork(DateTimeOffset instant) => instant.ToOffset(OffsetAt(instant));

    private static TimeZoneInfo? TryFindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            return null;
        }
    }
}

/// <summary>The US Eastern daylight-saving rule in force since 2007, used when no time-zone database is installed.</summary>
internal static class UsEasternRule
{
    private static readonly TimeSpan Standard = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Daylight = TimeSpan.FromHours(-4);

    /// <summary>The first instant of daylight time in <paramref name="year"/>, in UTC (02:00 EST on the second Sunday of March = 07:00 UTC).</summary>
    public static DateTime DaylightStartUtc(int year) => NthSunday(year, 3, 2).ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc);

    /// <summary>The first instant of standard time in <paramref name="year"/>, in UTC (02:00 EDT on the first Sunday of November = 06:00 UTC).</summary>
    public static DateTime DaylightEndUtc(int year) => NthSunday(year, 11, 1).ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc);

    /// <summary>The offset at an instant.</summary>
    public static TimeSpan OffsetOfUtc(DateTime utc) =>
        utc >= DaylightStartUtc(utc.Year) && utc < DaylightEndUtc(utc.Year) ? Daylight : Standard;

    /// <summary>The offset of a wall-clock time; skipped and repeated times get standard time.</summary>
    public static TimeSpan OffsetOfLocal(DateTime local)
    {
        // Daylight wall-clock times run from 03:00 on the start Sunday to 01:00 on the end Sunday (01:00-02:00 repeats: standard).
        DateTime start = NthSunday(local.Year, 3, 2).ToDateTime(new TimeOnly(3, 0));
        DateTime end = NthSunday(local.Year, 11, 1).ToDateTime(new TimeOnly(1, 0));
        return local >= start && local < end ? Daylight : Standard;
    }

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        int toSunday = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toSunday + (7 * (n - 1)));
    }
}
