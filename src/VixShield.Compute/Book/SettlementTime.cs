namespace VixShield.Compute.Book;

/// <summary>
/// Year fractions for the book: ACT/365 from the valuation instant to the settlement instant
/// (AM 09:30 or PM 16:00, America/New_York, with US daylight saving rules since 2007).
/// The one place the book turns dates into times; it will be replaced by the shared settlement-aware
/// clocks of the Time namespace when they are merged.
/// </summary>
internal static class SettlementTime
{
    private const double DaysPerYear = 365.0;

    /// <summary>The settlement instant of an expiry in UTC.</summary>
    public static DateTimeOffset SettlementInstant(Expiry expiry)
    {
        TimeOnly local = expiry.Settlement == Settlement.Am ? new TimeOnly(9, 30) : new TimeOnly(16, 0);
        var wall = expiry.Date.ToDateTime(local, DateTimeKind.Unspecified);
        TimeSpan offset = IsEasternDaylightTime(wall) ? TimeSpan.FromHours(-4) : TimeSpan.FromHours(-5);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>ACT/365 years from <paramref name="valuation"/> to the settlement of <paramref name="expiry"/>;
    /// negative once it has settled.</summary>
    public static double YearsToExpiry(DateTimeOffset valuation, Expiry expiry) =>
        (SettlementInstant(expiry) - valuation).TotalDays / DaysPerYear;

    /// <summary>Calendar days (fractional) to the settlement instant.</summary>
    public static double DaysToExpiry(DateTimeOffset valuation, Expiry expiry) =>
        (SettlementInstant(expiry) - valuation).TotalDays;

    /// <summary>US Eastern daylight time: second Sunday of March 02:00 to first Sunday of November 02:00 (local wall clock).</summary>
    internal static bool IsEasternDaylightTime(DateTime wall)
    {
        var start = NthSunday(wall.Year, 3, 2).AddHours(2);
        var end = NthSunday(wall.Year, 11, 1).AddHours(2);
        return wall >= start && wall < end;
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        int toSunday = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toSunday + (7 * (n - 1)));
    }
}
