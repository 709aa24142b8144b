using VixShield.Compute.Time;

namespace VixShield.Compute.Book;

/// <summary>
/// Year fractions for the book: ACT/365 (<see cref="CalendarClock.Act365"/>) from the valuation instant to the
/// settlement instant of the shared Time namespace (AM 09:30, PM 16:00 or 13:00 on early closes, New York time).
/// The one place the book turns dates into times.
/// </summary>
internal static class SettlementTime
{
    /// <summary>The settlement instant of an expiry.</summary>
    /// <exception cref="ArgumentException">When the date is not an NYSE trading day.</exception>
    public static DateTimeOffset SettlementInstant(Expiry expiry) => Time.Settlement.Instant(expiry.Date, expiry.Settlement);

    /// <summary>ACT/365 years from <paramref name="valuation"/> to the settlement of <paramref name="expiry"/>; negative once settled.</summary>
    public static double YearsToExpiry(DateTimeOffset valuation, Expiry expiry) =>
        CalendarClock.Act365.YearFraction(valuation, SettlementInstant(expiry));

    /// <summary>Calendar days (fractional) to the settlement instant.</summary>
    public static double DaysToExpiry(DateTimeOffset valuation, Expiry expiry) =>
        (SettlementInstant(expiry) - valuation).TotalDays;
}
