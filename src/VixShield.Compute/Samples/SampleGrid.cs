using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Samples;

/// <summary>
/// A simple skewed smile: vol = max(floor, atm - skew x ln(K/F)). Puts (low strikes) get higher vols, as on SPX.
/// Immutable and thread-safe.
/// </summary>
/// <param name="AtmVol">Vol at the forward (0.16 is 16 %).</param>
/// <param name="Skew">Vol change per unit of log-moneyness, subtracted (0.25: a strike 10 % below the forward gets about +2.6 vol points).</param>
/// <param name="Floor">The lowest vol returned.</param>
public sealed record SkewedSampleSurface(double AtmVol = 0.16, double Skew = 0.25, double Floor = 0.08) : IVolatilitySurface
{
    /// <inheritdoc/>
    public double Vol(double time, double strike, double forward) => Math.Max(Floor, AtmVol - (Skew * Math.Log(strike / forward)));
}

/// <summary>A market for a sample grid: spot, flat rate and dividend yield, and a vol surface.</summary>
/// <param name="Spot">Spot of the underlying.</param>
/// <param name="Rate">Continuously compounded risk-free rate.</param>
/// <param name="DividendYield">Continuous dividend yield.</param>
/// <param name="Surface">Black vols by expiry and strike.</param>
public sealed record SampleMarket(double Spot, double Rate, double DividendYield, IVolatilitySurface Surface)
{
    /// <summary>The forward of time <paramref name="t"/>: S exp((r - q) t).</summary>
    public double Forward(double t) => Spot * Math.Exp((Rate - DividendYield) * t);
}

/// <summary>
/// A strike x expiry grid of calls and puts as structure-of-arrays columns ready for <see cref="IGreeksEngine"/>.
/// Row order: expiry-major, then strike, then call before put; <see cref="RowOf"/> finds a row.
/// Build one with <see cref="SampleGrids.Spx"/> or <see cref="SampleGrid.Create"/>.
/// </summary>
public sealed class SampleGrid
{
    private SampleGrid(SampleMarket market, double[] strikes, int[] expiryDays)
    {
        Market = market;
        Strikes = strikes;
        ExpiryDays = expiryDays;
        int n = strikes.Length * expiryDays.Length * 2;
        Kind = new OptionKind[n];
        Underlying = new double[n];
        Strike = new double[n];
        Time = new double[n];
        Vol = new double[n];
        Rate = new double[n];
        DividendYield = new double[n];
        int row = 0;
        foreach (int days in expiryDays)
        {
            double t = days / 365.0, f = market.Forward(t);
            foreach (double k in strikes)
            {
                double vol = market.Surface.Vol(t, k, f);
                foreach (OptionKind kind in (ReadOnlySpan<OptionKind>)[OptionKind.Call, OptionKind.Put])
                {
                    Kind[row] = kind;
                    Underlying[row] = market.Spot;
                    Strike[row] = k;
                    Time[row] = t;
                    Vol[row] = vol;
                    Rate[row] = market.Rate;
                    DividendYield[row] = market.DividendYield;
                    row++;
                }
            }
        }
    }

    /// <summary>The market the grid was built from.</summary>
    public SampleMarket Market { get; }

    /// <summary>The strikes, ascending.</summary>
    public IReadOnlyList<double> Strikes { get; }

    /// <summary>The expiries in calendar days (time = days / 365).</summary>
    public IReadOnlyList<int> ExpiryDays { get; }

    /// <summary>Rows: strikes x expiries x 2.</summary>
    public int Count => Kind.Length;

    /// <summary>Call or put per row.</summary>
    public OptionKind[] Kind { get; }

    /// <summary>Spot per row (Black-Scholes-Merton).</summary>
    public double[] Underlying { get; }

    /// <summary>Strike per row.</summary>
    public double[] Strike { get; }

    /// <summary>Time to expiry in years per row.</summary>
    public double[] Time { get; }

    /// <summary>Vol per row, from the surface.</summary>
    public double[] Vol { get; }

    /// <summary>Rate per row.</summary>
    public double[] Rate { get; }

    /// <summary>Dividend yield per row.</summary>
    public double[] DividendYield { get; }

    /// <summary>Creates a grid of calls and puts for every strike and expiry.</summary>
    /// <exception cref="ArgumentException">When there are no strikes or expiries, or one is not positive.</exception>
    public static SampleGrid Create(SampleMarket market, IEnumerable<double> strikes, IEnumerable<int> expiryDays)
    {
        ArgumentNullException.ThrowIfNull(market);
        double[] k = strikes.Order().ToArray();
        int[] d = expiryDays.Order().ToArray();
        if (k.Length == 0 || d.Length == 0) throw new ArgumentException("A grid needs at least one strike and one expiry.", nameof(strikes));
        if (k[0] <= 0 || d[0] <= 0) throw new ArgumentException("Strikes and expiry days must be positive.", nameof(strikes));
        return new SampleGrid(market, k, d);
    }

    /// <summary>The rows as an engine batch (over this grid's arrays).</summary>
    public OptionBatch<double> AsBatch() => new(Kind, Underlying, Strike, Time, Vol, Rate, DividendYield);

    /// <summary>The row of (expiry index, strike index, kind).</summary>
    public int RowOf(int expiryIndex, int strikeIndex, OptionKind kind) =>
        (((expiryIndex * Strikes.Count) + strikeIndex) * 2) + (kind == OptionKind.Call ? 0 : 1);
}

/// <summary>Built-in sample grids (what <c>vixshield demo</c> prices).</summary>
public static class SampleGrids
{
    /// <summary>The SPX sample market: spot 5900, r 4.3 %, q 1.3 %, vol 0.16 - 0.25 ln(K/F) floored at 0.08.</summary>
    public static SampleMarket SpxMarket { get; } = new(5900.0, 0.043, 0.013, new SkewedSampleSurface());

    /// <summary>Strikes 5000 to 6800 every 25.</summary>
    public static IReadOnlyList<double> SpxStrikes { get; } = Enumerable.Range(0, 73).Select(i => 5000.0 + (25.0 * i)).ToArray();

    /// <summary>Expiries 7, 14, 21, 30, 45, 60 and 90 calendar days.</summary>
    public static IReadOnlyList<int> SpxExpiryDays { get; } = [7, 14, 21, 30, 45, 60, 90];

    /// <summary>The SPX sample grid: 73 strikes x 7 expiries x call/put = 1,022 options.</summary>
    public static SampleGrid Spx() => SampleGrid.Create(SpxMarket, SpxStrikes, SpxExpiryDays);
}
