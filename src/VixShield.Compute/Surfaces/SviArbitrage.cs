namespace VixShield.Compute.Surfaces;

/// <summary>Static-arbitrage diagnostics of one slice of a surface.</summary>
/// <param name="Time">Expiry of the slice.</param>
/// <param name="MinButterflyDensity">Minimum of Gatheral's g(k) over the grid (negative means butterfly arbitrage).</param>
/// <param name="MinButterflyAtK">The k where that minimum is.</param>
/// <param name="ButterflyViolations">Grid points with g(k) &lt; 0 (or w(k) ≤ 0).</param>
/// <param name="MinCalendarSpread">Minimum over the grid of w_i(k) - w_{i-1}(k) (the first slice against w = 0 at t = 0).</param>
/// <param name="MinCalendarAtK">The k where that minimum is.</param>
/// <param name="CalendarViolations">Grid points where total variance decreases from the previous slice.</param>
public sealed record SliceArbitrageReport(double Time, double MinButterflyDensity, double MinButterflyAtK, int ButterflyViolations,
    double MinCalendarSpread, double MinCalendarAtK, int CalendarViolations)
{
    /// <summary>No butterfly arbitrage on the grid.</summary>
    public bool ButterflyFree => ButterflyViolations == 0;

    /// <summary>No calendar arbitrage against the previous slice on the grid.</summary>
    public bool CalendarFree => CalendarViolations == 0;
}

/// <summary>
/// Butterfly (g(k) ≥ 0, Gatheral-Jacquier 2014) and calendar (w(k, T) non-decreasing in T at fixed k) checks of SVI
/// slices on a uniform k grid.
/// </summary>
public static class SviArbitrage
{
    /// <summary>Checks every slice of a surface on k ∈ [kMin, kMax].</summary>
    /// <param name="surface">The surface.</param>
    /// <param name="kMin">Grid start (log-moneyness).</param>
    /// <param name="kMax">Grid end.</param>
    /// <param name="points">Grid points (≥ 2).</param>
    /// <returns>One report per slice, in time order.</returns>
    public static IReadOnlyList<SliceArbitrageReport> Check(SviSurface surface, double kMin = -1.5, double kMax = 1.5, int points = 601)
    {
        ArgumentNullException.ThrowIfNull(surface);
        if (!(kMax > kMin) || points < 2) throw new ArgumentException("Need kMax > kMin and at least 2 grid points.", nameof(points));
        var reports = new List<SliceArbitrageReport>();
        SviParameters? previous = null;
        foreach (var slice in surface.Slices)
        {
            var (minG, atG, bad) = Butterfly(slice.Parameters, kMin, kMax, points);
            double minCal = double.PositiveInfinity, atCal = double.NaN;
            int calBad = 0;
            for (int i = 0; i < points; i++)
            {
                double k = kMin + ((kMax - kMin) * i / (points - 1));
                double spread = slice.TotalVariance(k) - (previous?.TotalVariance(k) ?? 0.0);
                if (spread < minCal)
                {
                    minCal = spread;
                    atCal = k;
                }

                if (spread < 0) calBad++;
            }

            reports.Add(new SliceArbitrageReport(slice.Time, minG, atG, bad, minCal, atCal, calBad));
            previous = slice.Parameters;
        }

        return reports;
    }

    /// <summary>Minimum of g(k) on the grid, its location and the number of grid points with g &lt; 0 or w ≤ 0.</summary>
    /// <param name="p">Slice parameters.</param>
    /// <param name="kMin">Grid start.</param>
    /// <param name="kMax">Grid end.</param>
    /// <param name="points">Grid points.</param>
    /// <returns>(min g, k at min, violations).</returns>
    public static (double MinG, double AtK, int Violations) Butterfly(SviParameters p, double kMin, double kMax, int points)
    {
        double minG = double.PositiveInfinity, at = double.NaN;
        int bad = 0;
        for (int i = 0; i < points; i++)
        {
            double k = kMin + ((kMax - kMin) * i / (points - 1));
            double w = p.TotalVariance(k);
            double g = w > 0 ? p.ButterflyDensity(k) : double.NegativeInfinity;
            if (g < minG)
            {
                minG = g;
                at = k;
            }

            if (!(g >= 0)) bad++;
        }

        return (minG, at, bad);
    }
}
