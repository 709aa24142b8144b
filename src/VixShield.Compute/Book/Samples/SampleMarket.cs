using VixShield.Compute.Time;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Book.Samples;

/// <summary>A built-in market for the sample ladder (valuation 2026-11-24 10:30 ET): SPX 6020.50 with a skewed
/// per-strike surface, VIX futures in contango, VIX call skew, beta -3.5 and a few SPX call/put quotes (one stale).</summary>
public static class SampleMarket
{
    /// <summary>The valuation instant: 2026-11-24 15:30 UTC (10:30 ET).</summary>
    public static DateTimeOffset ValuationTime { get; } = new(2026, 11, 24, 15, 30, 0, TimeSpan.Zero);

    /// <summary>SPX spot.</summary>
    public const double Spot = 6020.50;

    /// <summary>Flat rate.</summary>
    public const double Rate = 0.041;

    /// <summary>SPX dividend yield.</summary>
    public const double DividendYield = 0.0125;

    /// <summary>Beta of VIX-future returns on SPX returns.</summary>
    public const double Beta = -3.5;

    /// <summary>The sample SPX smile: σ(K) = 0.125 - 0.9·x + 4·x², x = ln(K/S), clamped to [0.08, 0.60].</summary>
    public static double SpxSmile(double strike)
    {
        double x = Math.Log(strike / Spot);
        return Math.Clamp(0.125 - (0.9 * x) + (4.0 * x * x), 0.08, 0.60);
    }

    /// <summary>Creates the market.</summary>
    public static MarketSnapshot Create()
    {
        DateOnly[] spxExpiries = [new(2026, 12, 1), new(2026, 12, 4), new(2026, 12, 8), new(2026, 12, 11), new(2026, 12, 15), new(2026, 12, 18), new(2027, 1, 15)];
        var strikes = Enumerable.Range(0, 81).Select(i => 5000.0 + (25.0 * i)).ToArray();
        var spxSlices = spxExpiries.Select(e => (
            SettlementTime.YearsToExpiry(ValuationTime, new Expiry(e, SettlementStyle.PmClose)),
            (IReadOnlyList<double>)strikes,
            (IReadOnlyList<double>)strikes.Select(SpxSmile).ToArray()));
        VixFuturePoint[] futures = [new(new DateOnly(2026, 12, 16), 17.80), new(new DateOnly(2027, 1, 20), 19.10), new(new DateOnly(2027, 2, 17), 19.90)];
        double[] vixStrikes = [12, 14, 16, 18, 20, 22, 25, 30, 35, 40];
        double[] baseVol = [0.95, 0.84, 0.78];
        var vixSlices = futures.Select((f, i) => (
            SettlementTime.YearsToExpiry(ValuationTime, new Expiry(f.Expiry, SettlementStyle.AmOpen)),
            (IReadOnlyList<double>)vixStrikes,
            (IReadOnlyList<double>)vixStrikes.Select(k => Math.Clamp(baseVol[i] + (0.012 * (k - f.Price)), 0.5, 1.6)).ToArray()));

        var curve = new FlatRateCurve(Rate);
        var carry = new SpxCarry(DividendYield, []);
        var quoteExpiry = new Expiry(new DateOnly(2026, 12, 8), SettlementStyle.PmClose);
        double t = SettlementTime.YearsToExpiry(ValuationTime, quoteExpiry);
        double df = Math.Exp(-Rate * t), fwd = Spot * Math.Exp((Rate - DividendYield) * t);
        (double K, double Put, double Stale)[] pairs = [(5900, 22.10, 0), (6000, 48.60, 0), (6100, 91.80, 1.40)];
        var quotes = pairs.Select(p => new ParityQuote(quoteExpiry, p.K, Math.Round(p.Put + (df * (fwd - p.K)) + p.Stale, 2), p.Put)).ToList();

        return new MarketSnapshot(ValuationTime, Spot, curve, carry, new StrikeVolatilitySurface(spxSlices), new VixFuturesCurve(futures),
            new StrikeVolatilitySurface(vixSlices), Beta, quotes);
    }
}
