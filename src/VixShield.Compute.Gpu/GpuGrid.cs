using System.Numerics;

namespace VixShield.Compute.Gpu;

/// <summary>
/// A strike x expiry grid against one underlying: <c>strikes</c> (with a call/put kind per strike) crossed with
/// expiries (time, rate, dividend yield and underlying per expiry: the spot repeated for Black-Scholes-Merton, the
/// expiry's forward or future for Black-76), and one vol per grid point. Grid point (e, j) is row e·StrikeCount + j
/// (expiry-major), in the vol span and in the output.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
public readonly ref struct GpuGrid<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a grid.</summary>
    /// <param name="kinds">Call or put per strike.</param>
    /// <param name="strikes">Strikes.</param>
    /// <param name="model">The model of every point.</param>
    /// <param name="underlying">Spot (BSM) or forward (Black-76) per expiry.</param>
    /// <param name="times">Time to expiry in years per expiry.</param>
    /// <param name="rates">Rate per expiry.</param>
    /// <param name="dividendYields">Dividend yield per expiry (ignored by Black-76).</param>
    /// <param name="vols">Vol per grid point, expiry-major (expiries x strikes).</param>
    /// <exception cref="ArgumentException">When the span lengths do not describe one grid.</exception>
    public GpuGrid(
        ReadOnlySpan<OptionKind> kinds, ReadOnlySpan<T> strikes, PricingModel model, ReadOnlySpan<T> underlying,
        ReadOnlySpan<T> times, ReadOnlySpan<T> rates, ReadOnlySpan<T> dividendYields, ReadOnlySpan<T> vols)
    {
        if (kinds.Length != strikes.Length)
        {
            throw new ArgumentException($"'kinds' has {kinds.Length} entries but 'strikes' has {strikes.Length}: give one kind per strike.", nameof(kinds));
        }

        int e = times.Length;
        if (underlying.Length != e || rates.Length != e || dividendYields.Length != e)
        {
            throw new ArgumentException(
                $"Per-expiry spans differ in length (times {e}, underlying {underlying.Length}, rates {rates.Length}, dividendYields {dividendYields.Length}): give one value per expiry.",
                nameof(times));
        }

        if ((long)e * strikes.Length != vols.Length)
        {
            throw new ArgumentException(
                $"'vols' has {vols.Length} entries but the grid has {e} expiries x {strikes.Length} strikes: give one vol per grid point, expiry-major.",
                nameof(vols));
        }

        Kinds = kinds;
        Strikes = strikes;
        Model = model;
        Underlying = underlying;
        Times = times;
        Rates = rates;
        DividendYields = dividendYields;
        Vols = vols;
    }

    /// <summary>Call or put per strike.</summary>
    public ReadOnlySpan<OptionKind> Kinds { get; }

    /// <summary>Strikes.</summary>
    public ReadOnlySpan<T> Strikes { get; }

    /// <summary>Model of every point.</summary>
    public PricingModel Model { get; }

    /// <summary>Spot or forward per expiry.</summary>
    public ReadOnlySpan<T> Underlying { get; }

    /// <summary>Time to expiry per expiry.</summary>
    public ReadOnlySpan<T> Times { get; }

    /// <summary>Rate per expiry.</summary>
    public ReadOnlySpan<T> Rates { get; }

    /// <summary>Dividend yield per expiry.</summary>
    public ReadOnlySpan<T> DividendYields { get; }

    /// <summary>Vol per grid point (expiry-major).</summary>
    public ReadOnlySpan<T> Vols { get; }

    /// <summary>Number of grid points.</summary>
    public int Count => Vols.Length;

    /// <summary>Number of strikes.</summary>
    public int StrikeCount => Strikes.Length;

    /// <summary>Number of expiries.</summary>
    public int ExpiryCount => Times.Length;

    /// <summary>Expands rows [start, start + length) into a plain batch (host arrays; used by the CPU fallback and tests).</summary>
    public (OptionKind[] Kind, T[] Underlying, T[] Strike, T[] Time, T[] Vol, T[] Rate, T[] Dividend, PricingModel[] Model) Expand(int start, int length)
    {
        var kind = new OptionKind[length];
        var s = new T[length];
        var k = new T[length];
        var t = new T[length];
        var v = new T[length];
        var r = new T[length];
        var q = new T[length];
        var m = new PricingModel[length];
        int nk = StrikeCount;
        for (int i = 0; i < length; i++)
        {
            int row = start + i, e = row / nk, j = row - (e * nk);
            kind[i] = Kinds[j];
            k[i] = Strikes[j];
            s[i] = Underlying[e];
            t[i] = Times[e];
            r[i] = Rates[e];
            q[i] = DividendYields[e];
            v[i] = Vols[row];
            m[i] = Model;
        }

        return (kind, s, k, t, v, r, q, m);
    }
}
