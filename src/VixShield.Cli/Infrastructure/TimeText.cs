using System.Globalization;

namespace VixShield.Cli.Infrastructure;

/// <summary>How reports print an instant: in the offset it was given with, and in UTC when that is not UTC.</summary>
internal static class TimeText
{
    /// <summary>"2026-11-24 16:00 -05:00 (21:00 UTC)", or "2026-11-24 15:30 UTC" for an instant given in UTC.</summary>
    public static string Instant(DateTimeOffset time)
    {
        string local = time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (time.Offset == TimeSpan.Zero) return local + " UTC";
        DateTimeOffset utc = time.ToUniversalTime();
        string utcText = utc.Date == time.Date
            ? utc.ToString("HH:mm", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{local} {time.ToString("zzz", CultureInfo.InvariantCulture)} ({utcText} UTC)";
    }
}
