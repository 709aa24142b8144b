using MathNet.Numerics.Distributions;
using VixShield.Compute.Book;
using VixShield.Compute.Engines;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Tests.Book;

/// <summary>A small market and an independent Black-Scholes reference for hand checks.</summary>
internal static class BookFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero); // 10:00 ET
    public static readonly DateOnly Dec4 = new(2026, 12, 4);   // SPXW PM: 16:00 ET = 21:00Z -> 10.25 days
    public static readonly DateOnly Dec16 = new(2026, 12, 16); // VIX AM Wednesday: 09:30 ET = 14:30Z
    public static readonly DateOnly Jan20 = new(2027, 1, 20);

    public const double Spot = 6000, Rate = 0.04, Div = 0.013, SpxVol = 0.16, VixVol = 0.90, Beta = -4.0;

    public static MarketSnapshot Market(double spot = Spot, double beta = Beta, IReadOnlyList<ParityQuote>? quotes = null) => new(
        Now, spot, new FlatRateCurve(Rate), new SpxCarry(Div, []), new FlatVolatilitySurface(SpxVol),
        new VixFuturesCurve([new VixFuturePoint(Dec16, 18.0), new VixFuturePoint(Jan20, 19.5)]),
        new FlatVolatilitySurface(VixVol), beta, quotes);

    public static BookValuator Valuator() => new(new ScalarGreeksEngine());

    /// <summary>Black-Scholes-Merton price and delta, written out independently of the engine.</summary>
    public static (double Price, double Delta, double Gamma, double Vega, double Theta) Bsm(OptionKind kind, double s, double k, double t, double vol, double r, double q)
    {
        double sq = vol * Math.Sqrt(t);
        double d1 = (Math.Log(s / k) + ((r - q + (0.5 * vol * vol)) * t)) / sq, d2 = d1 - sq;
        double w = kind == OptionKind.Call ? 1 : -1;
        double dq = Math.Exp(-q * t), dr = Math.Exp(-r * t);
        double price = w * ((s * dq * Normal.CDF(0, 1, w * d1)) - (k * dr * Normal.CDF(0, 1, w * d2)));
        double delta = w * dq * Normal.CDF(0, 1, w * d1);
        double gamma = dq * Normal.PDF(0, 1, d1) / (s * sq);
        double vega = s * dq * Normal.PDF(0, 1, d1) * Math.Sqrt(t);
        double theta = (-s * dq * Normal.PDF(0, 1, d1) * vol / (2 * Math.Sqrt(t))) + (w * q * s * dq * Normal.CDF(0, 1, w * d1)) - (w * r * k * dr * Normal.CDF(0, 1, w * d2));
        return (price, delta, gamma, vega, theta);
    }

    public static (double Price, double Delta) Black76(OptionKind kind, double f, double k, double t, double vol, double r)
    {
        double sq = vol * Math.Sqrt(t);
        double d1 = (Math.Log(f / k) + (0.5 * vol * vol * t)) / sq, d2 = d1 - sq;
        double w = kind == OptionKind.Call ? 1 : -1, dr = Math.Exp(-r * t);
        return (dr * w * ((f * Normal.CDF(0, 1, w * d1)) - (k * Normal.CDF(0, 1, w * d2))), dr * w * Normal.CDF(0, 1, w * d1));
    }
}
