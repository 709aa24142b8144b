using VixShield.Compute.Time;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Book;

/// <summary>A continuously compounded zero-rate curve.</summary>
public interface IRateCurve
{
    /// <summary>Zero rate for time <paramref name="time"/> in years, per 1.00.</summary>
    double ZeroRate(double time);
}

/// <summary>One rate for every maturity.</summary>
/// <param name="Rate">Continuously compounded rate per 1.00.</param>
public sealed record FlatRateCurve(double Rate) : IRateCurve
{
    /// <inheritdoc/>
    public double ZeroRate(double time) => Rate;
}

/// <summary>A curve moved in parallel (the rate-shock scenario).</summary>
/// <param name="Base">The curve shifted.</param>
/// <param name="Shift">Added to every zero rate (0.0025 is +25 bp).</param>
public sealed record ShiftedRateCurve(IRateCurve Base, double Shift) : IRateCurve
{
    /// <inheritdoc/>
    public double ZeroRate(double time) => Base.ZeroRate(time) + Shift;
}

/// <summary>The carry of one SPX expiry: either its forward or its dividend yield.</summary>
/// <param name="Expiry">The expiry date.</param>
/// <param name="Forward">The SPX forward to that expiry (then the yield is implied), or null.</param>
/// <param name="DividendYield">The continuous dividend yield to that expiry, or null.</param>
public sealed record SpxCarryPoint(DateOnly Expiry, double? Forward, double? DividendYield);

/// <summary>SPX carry: a default continuous dividend yield and per-expiry forwards or yields.</summary>
/// <param name="DefaultDividendYield">Used for expiries without a point.</param>
/// <param name="Points">Per-expiry forwards or yields.</param>
public sealed record SpxCarry(double DefaultDividendYield, IReadOnlyList<SpxCarryPoint> Points)
{
    /// <summary>The dividend yield q of an expiry: the point's yield, or q = r - ln(F/S)/t from its forward, or the default.</summary>
    public double DividendYield(DateOnly expiry, double time, double rate, double spot)
    {
        foreach (SpxCarryPoint p in Points)
        {
            if (p.Expiry != expiry) continue;
            if (p.DividendYield is double q) return q;
            if (p.Forward is double f && time > 0) return rate - (Math.Log(f / spot) / time);
        }

        return DefaultDividendYield;
    }
}

/// <summary>The VIX futures curve: one settlement price per expiry.</summary>
/// <param name="Points">(expiry, price) pairs.</param>
public sealed record VixFuturesCurve(IReadOnlyList<VixFuturePoint> Points)
{
    /// <summary>The future's price for an expiry.</summary>
    /// <exception cref="KeyNotFoundException">When the curve has no future of that expiry (the message says which it has).</exception>
    public double Price(DateOnly expiry)
    {
        foreach (VixFuturePoint p in Points)
        {
            if (p.Expiry == expiry) return p.Price;
        }

        throw new KeyNotFoundException(
            $"The VIX futures curve has no future expiring {expiry:yyyy-MM-dd} (it has {string.Join(", ", Points.Select(p => p.Expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}): " +
            "add that expiry to vixFutures; VIX options are priced off the future of their own expiry.");
    }

    /// <summary>True when the curve has the expiry.</summary>
    public bool Has(DateOnly expiry) => Points.Any(p => p.Expiry == expiry);

    /// <summary>The front future: the first expiry not yet settled at <paramref name="valuation"/>, or null.</summary>
    public VixFuturePoint? Front(DateTimeOffset valuation) => Points
        .Where(p => SettlementTime.YearsToExpiry(valuation, new Expiry(p.Expiry, SettlementStyle.AmOpen)) > 0)
        .OrderBy(p => p.Expiry)
        .Cast<VixFuturePoint?>()
        .FirstOrDefault();
}

/// <summary>One VIX future.</summary>
/// <param name="Expiry">Settlement date (a Wednesday).</param>
/// <param name="Price">Price in VIX points.</param>
public readonly record struct VixFuturePoint(DateOnly Expiry, double Price);

/// <summary>A quoted SPX call/put pair of one strike and expiry, for the put-call parity check.</summary>
/// <param name="Expiry">Expiry and settlement.</param>
/// <param name="Strike">Strike.</param>
/// <param name="Call">Call mid price.</param>
/// <param name="Put">Put mid price.</param>
public sealed record ParityQuote(Expiry Expiry, double Strike, double Call, double Put);

/// <summary>
/// Everything the book is valued against at one instant. SPX options: Black-Scholes-Merton on
/// <see cref="SpxSpot"/> with the expiry's dividend yield and vol from <see cref="SpxVolatility"/>.
/// VIX options: Black-76 on the future of the same expiry with vol from <see cref="VixVolatility"/>.
/// </summary>
/// <param name="ValuationTime">The valuation instant.</param>
/// <param name="SpxSpot">SPX index level.</param>
/// <param name="Rates">Zero-rate curve.</param>
/// <param name="Carry">Dividend yields / forwards per expiry.</param>
/// <param name="SpxVolatility">SPX implied vol surface (flat, per-strike or SVI).</param>
/// <param name="VixFutures">The VIX futures curve.</param>
/// <param name="VixVolatility">VIX option implied vols (the forward passed is the VIX future of the expiry).</param>
/// <param name="SpxVixBeta">Regression beta of VIX-future returns on SPX returns (negative, typically -3 to -6):
/// dF/F = beta · dS/S.</param>
/// <param name="Quotes">Optional SPX call/put quotes for the put-call parity check.</param>
public sealed record MarketSnapshot(
    DateTimeOffset ValuationTime,
    double SpxSpot,
    IRateCurve Rates,
    SpxCarry Carry,
    IVolatilitySurface SpxVolatility,
    VixFuturesCurve VixFutures,
    IVolatilitySurface VixVolatility,
    double SpxVixBeta,
    IReadOnlyList<ParityQuote>? Quotes = null)
{
    /// <summary>ACT/365 years from the valuation instant to an expiry's settlement.</summary>
    public double YearsTo(Expiry expiry) => SettlementTime.YearsToExpiry(ValuationTime, expiry);

    /// <summary>Calendar days from the valuation instant to an expiry's settlement.</summary>
    public double DaysTo(Expiry expiry) => SettlementTime.DaysToExpiry(ValuationTime, expiry);

    /// <summary>The SPX forward of an expiry: S·exp((r - q)·t).</summary>
    public double SpxForward(Expiry expiry)
    {
        double t = Math.Max(YearsTo(expiry), 0.0);
        double r = Rates.ZeroRate(t);
        double q = Carry.DividendYield(expiry.Date, t, r, SpxSpot);
        return SpxSpot * Math.Exp((r - q) * t);
    }
}

/// <summary>
/// Per-strike implied vols on expiry slices: linear in strike inside a slice (flat beyond its first and
/// last strike), linear in total variance σ²t across slices at the same strike (flat vol before the first
/// and after the last slice). Immutable.
/// </summary>
public sealed class StrikeVolatilitySurface : IVolatilitySurface
{
    private readonly (double Time, double[] Strikes, double[] Vols)[] _slices;

    /// <summary>Creates the surface.</summary>
    /// <param name="slices">(time in years, strikes increasing, vols) per expiry; at least one slice, one strike each.</param>
    /// <exception cref="ArgumentException">When a slice is empty, lengths differ, strikes do not increase or a vol is negative.</exception>
    public StrikeVolatilitySurface(IEnumerable<(double Time, IReadOnlyList<double> Strikes, IReadOnlyList<double> Vols)> slices)
    {
        _slices = slices.Select(s => (s.Time, s.Strikes.ToArray(), s.Vols.ToArray())).OrderBy(s => s.Time).ToArray();
        if (_slices.Length == 0) throw new ArgumentException("A per-strike surface needs at least one expiry slice.", nameof(slices));
        foreach (var (time, strikes, vols) in _slices)
        {
            if (strikes.Length == 0 || strikes.Length != vols.Length)
            {
                throw new ArgumentException($"The slice at t={time:0.####} has {strikes.Length} strikes and {vols.Length} vols: give one vol per strike, at least one.", nameof(slices));
            }

            for (int i = 0; i < strikes.Length; i++)
            {
                if (i > 0 && !(strikes[i] > strikes[i - 1])) throw new ArgumentException($"The slice at t={time:0.####} has strikes that do not increase at index {i}.", nameof(slices));
                if (!(vols[i] >= 0) || !double.IsFinite(vols[i])) throw new ArgumentException($"The slice at t={time:0.####} has an invalid vol {vols[i]} at index {i}.", nameof(slices));
            }
        }
    }

    /// <summary>The slices, sorted by time: (time in years, strikes, vols).</summary>
    public IReadOnlyList<(double Time, IReadOnlyList<double> Strikes, IReadOnlyList<double> Vols)> Slices =>
        _slices.Select(s => (s.Time, (IReadOnlyList<double>)Array.AsReadOnly(s.Strikes), (IReadOnlyList<double>)Array.AsReadOnly(s.Vols))).ToList();

    /// <inheritdoc/>
    public double Vol(double time, double strike, double forward)
    {
        if (time <= _slices[0].Time || _slices.Length == 1) return SliceVol(0, strike);
        if (time >= _slices[^1].Time) return SliceVol(_slices.Length - 1, strike);
        int j = 1;
        while (_slices[j].Time < time) j++;
        double t0 = _slices[j - 1].Time, t1 = _slices[j].Time;
        double v0 = SliceVol(j - 1, strike), v1 = SliceVol(j, strike);
        double w = ((v0 * v0 * t0 * (t1 - time)) + (v1 * v1 * t1 * (time - t0))) / (t1 - t0);
        return Math.Sqrt(Math.Max(w, 0.0) / time);
    }

    private double SliceVol(int i, double strike)
    {
        var (_, k, v) = _slices[i];
        if (strike <= k[0]) return v[0];
        if (strike >= k[^1]) return v[^1];
        int j = Array.BinarySearch(k, strike);
        if (j >= 0) return v[j];
        j = ~j;
        double a = (strike - k[j - 1]) / (k[j] - k[j - 1]);
        return v[j - 1] + (a * (v[j] - v[j - 1]));
    }
}
