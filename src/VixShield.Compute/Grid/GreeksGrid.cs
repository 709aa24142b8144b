using System.Numerics;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Grid;

/// <summary>Which options a grid prices at each strike.</summary>
public enum GridOptionKinds
{
    /// <summary>Calls at every strike.</summary>
    Calls,

    /// <summary>Puts at every strike.</summary>
    Puts,

    /// <summary>The out-of-the-money option at each strike: a put below the expiry's forward, a call at or above it
    /// (how a desk quotes a smile).</summary>
    OutOfTheMoney,
}

/// <summary>One expiry of a grid: time to expiry, rate, and either a dividend yield (Black-Scholes-Merton on the grid's
/// spot) or the expiry's forward (Black-76, e.g. the VIX future of that expiry).</summary>
/// <param name="Time">Time to expiry in years (0 is allowed: intrinsic values).</param>
/// <param name="Rate">Continuously compounded rate to that expiry.</param>
/// <param name="DividendYield">Continuous dividend yield (BSM grids; ignored by Black-76).</param>
/// <param name="Forward">The forward or futures price (Black-76 grids; NaN for BSM, where it is S e^{(r-q)t}).</param>
public readonly record struct GridExpiry(double Time, double Rate, double DividendYield = 0.0, double Forward = double.NaN)
{
    /// <summary>An expiry of a Black-Scholes-Merton grid.</summary>
    public static GridExpiry Bsm(double time, double rate, double dividendYield) => new(time, rate, dividendYield);

    /// <summary>An expiry of a Black-76 grid with its forward.</summary>
    public static GridExpiry Black76(double time, double rate, double forward) => new(time, rate, 0.0, forward);
}

/// <summary>
/// A dense strike x expiry grid against one underlying, priced by any <see cref="IGreeksEngine"/>: the SIMD engine on
/// every core by default. Point (e, k) is row <c>e * StrikeCount + k</c> of the output (expiry-major), so each expiry's
/// smile is contiguous. Per-expiry quantities (the forward used for the surface and for out-of-the-money selection,
/// the rate and yield rows, and with the SIMD engine √t, e^{-rt} and e^{-qt}, broadcast to every strike of the
/// expiry) are computed once per expiry; the grid keeps its input rows between calls, so re-pricing after a vol
/// change only rewrites the vols and allocates nothing. Other engines get the flattened rows as one batch.
/// Not thread-safe (it owns reusable input rows): use one grid per thread.
/// </summary>
/// <example>
/// <code>
/// var grid = GreeksGrid.BlackScholesMerton(5000, strikes, [GridExpiry.Bsm(7 / 365.0, 0.043, 0.013), GridExpiry.Bsm(30 / 365.0, 0.043, 0.013)]);
/// var output = new GreeksBuffer&lt;double&gt;(grid.Count, Greek.PriceAndFirstOrder);
/// grid.Compute(GreeksEngines.Create(EnginePreference.Auto), surface, output);
/// double delta = output[Greek.Delta][grid.Index(expiry: 1, strike: 40)];
/// </code>
/// </example>
public sealed class GreeksGrid
{
    private readonly double[] _strikes;
    private readonly GridExpiry[] _expiries;
    private readonly double[] _forwards;
    private readonly OptionKind[] _kind;
    private readonly double[] _vol;
    private object? _rows; // Rows<double> or Rows<float>, built on first use

    private GreeksGrid(PricingModel model, double spot, ReadOnlySpan<double> strikes, ReadOnlySpan<GridExpiry> expiries, GridOptionKinds kinds)
    {
        if (strikes.IsEmpty) throw new ArgumentException("A grid needs at least one strike.", nameof(strikes));
        if (expiries.IsEmpty) throw new ArgumentException("A grid needs at least one expiry.", nameof(expiries));
        if ((long)strikes.Length * expiries.Length > Array.MaxLength)
        {
            throw new ArgumentException($"{strikes.Length} strikes x {expiries.Length} expiries is too many points for one grid: split the expiries.", nameof(expiries));
        }

        Model = model;
        Spot = spot;
        Kinds = kinds;
        _strikes = strikes.ToArray();
        _expiries = expiries.ToArray();
        _forwards = new double[_expiries.Length];
        for (int e = 0; e < _expiries.Length; e++)
        {
            GridExpiry x = _expiries[e];
            _forwards[e] = model == PricingModel.Black76 ? x.Forward : spot * Math.Exp((x.Rate - x.DividendYield) * x.Time);
        }

        _kind = new OptionKind[Count];
        _vol = new double[Count];
        for (int e = 0; e < _expiries.Length; e++)
        {
            for (int k = 0; k < _strikes.Length; k++)
            {
                _kind[Index(e, k)] = kinds switch
                {
                    GridOptionKinds.Calls => OptionKind.Call,
                    GridOptionKinds.Puts => OptionKind.Put,
                    _ => _strikes[k] < _forwards[e] ? OptionKind.Put : OptionKind.Call,
                };
            }
        }
    }

    /// <summary>A Black-Scholes-Merton grid on a spot (each expiry with its own rate and dividend yield).</summary>
    /// <exception cref="ArgumentException">When there are no strikes or no expiries.</exception>
    public static GreeksGrid BlackScholesMerton(double spot, ReadOnlySpan<double> strikes, ReadOnlySpan<GridExpiry> expiries, GridOptionKinds kinds = GridOptionKinds.OutOfTheMoney)
        => new(PricingModel.BlackScholesMerton, spot, strikes, expiries, kinds);

    /// <summary>A Black-76 grid: each expiry carries its own forward (<see cref="GridExpiry.Black76"/>).</summary>
    /// <exception cref="ArgumentException">When there are no strikes or no expiries.</exception>
    public static GreeksGrid Black76(ReadOnlySpan<double> strikes, ReadOnlySpan<GridExpiry> expiries, GridOptionKinds kinds = GridOptionKinds.OutOfTheMoney)
        => new(PricingModel.Black76, double.NaN, strikes, expiries, kinds);

    /// <summary>The model of every point.</summary>
    public PricingModel Model { get; }

    /// <summary>The spot of a BSM grid (NaN for Black-76).</summary>
    public double Spot { get; }

    /// <summary>Which option is priced at each point.</summary>
    public GridOptionKinds Kinds { get; }

    /// <summary>Strikes (columns).</summary>
    public ReadOnlySpan<double> Strikes => _strikes;

    /// <summary>Expiries (rows).</summary>
    public ReadOnlySpan<GridExpiry> Expiries => _expiries;

    /// <summary>Forward of each expiry (S e^{(r-q)t} for BSM, the given forward for Black-76).</summary>
    public ReadOnlySpan<double> Forwards => _forwards;

    /// <summary>Call or put at each point (expiry-major).</summary>
    public ReadOnlySpan<OptionKind> PointKinds => _kind;

    /// <summary>Number of strikes.</summary>
    public int StrikeCount => _strikes.Length;

    /// <summary>Number of expiries.</summary>
    public int ExpiryCount => _expiries.Length;

    /// <summary>Number of points: expiries x strikes.</summary>
    public int Count => _strikes.Length * _expiries.Length;

    /// <summary>Output row of point (expiry, strike).</summary>
    public int Index(int expiry, int strike) => (expiry * _strikes.Length) + strike;

    /// <summary>Prices the grid with vols read from <paramref name="surface"/> (one call per point, with the expiry's
    /// time and forward).</summary>
    /// <typeparam name="T">double or float outputs (the engine then computes in that precision).</typeparam>
    /// <param name="engine">Any engine; one with the <see cref="IGridGreeksEngine"/> capability (the SIMD engine) takes its grid fast path, any other prices the rows as one batch.</param>
    /// <param name="surface">The volatility surface.</param>
    /// <param name="output">At least <see cref="Count"/> rows; its outputs are the ones computed.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The engine's result for the whole grid.</returns>
    /// <exception cref="ArgumentException">When <paramref name="output"/> holds fewer than <see cref="Count"/> rows.</exception>
    public ComputeResult Compute<T>(IGreeksEngine engine, IVolatilitySurface surface, GreeksBuffer<T> output, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(surface);
        for (int e = 0; e < _expiries.Length; e++)
        {
            double t = _expiries[e].Time, f = _forwards[e];
            int row = Index(e, 0);
            for (int k = 0; k < _strikes.Length; k++) _vol[row + k] = surface.Vol(t, _strikes[k], f);
        }

        return Run(engine, _vol, output, cancellationToken);
    }

    /// <summary>Prices the grid with one vol per point, expiry-major (<c>vols[Index(e, k)]</c>).</summary>
    /// <typeparam name="T">double or float outputs.</typeparam>
    /// <param name="engine">Any engine.</param>
    /// <param name="vols">Exactly <see cref="Count"/> vols.</param>
    /// <param name="output">At least <see cref="Count"/> rows.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The engine's result for the whole grid.</returns>
    /// <exception cref="ArgumentException">When <paramref name="vols"/> does not have <see cref="Count"/> entries or the output is too small.</exception>
    public ComputeResult Compute<T>(IGreeksEngine engine, ReadOnlySpan<double> vols, GreeksBuffer<T> output, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vols.Length != Count)
        {
            throw new ArgumentException($"The grid has {Count} points ({ExpiryCount} expiries x {StrikeCount} strikes) but {vols.Length} vols were given: pass one vol per point, expiry-major.", nameof(vols));
        }

        return Run(engine, vols, output, cancellationToken);
    }

    private ComputeResult Run<T>(IGreeksEngine engine, ReadOnlySpan<double> vols, GreeksBuffer<T> output, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Capacity < Count)
        {
            throw new ArgumentException($"The output holds {output.Capacity} rows but the grid has {Count} points: create GreeksBuffer with capacity grid.Count.", nameof(output));
        }

        Rows<T> rows = _rows as Rows<T> ?? BuildRows<T>();
        Span<T> vol = rows.Vol;
        for (int i = 0; i < vol.Length; i++) vol[i] = T.CreateTruncating(vols[i]);
        var batch = new OptionBatch<T>(_kind, rows.Underlying, rows.Strike, rows.Time, rows.Vol, rows.Rate, rows.Div, rows.Model);
        if (engine is IGridGreeksEngine grid)
        {
            // Fast path: √t and the discount factors once per expiry, broadcast over its strikes.
            return grid.ComputeGrid(batch, output.AsOutput(Count), StrikeCount, _expiries, Model, Spot, ct);
        }

        return typeof(T) == typeof(double)
            ? engine.Compute(System.Runtime.CompilerServices.Unsafe.As<OptionBatch<T>, OptionBatch<double>>(ref batch), (output as GreeksBuffer<double>)!.AsOutput(Count), ct)
            : engine.Compute(System.Runtime.CompilerServices.Unsafe.As<OptionBatch<T>, OptionBatch<float>>(ref batch), (output as GreeksBuffer<float>)!.AsOutput(Count), ct);
    }

    /// <summary>The per-point input rows: per-expiry values written once per expiry row, strikes repeated.</summary>
    private Rows<T> BuildRows<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Count, nk = StrikeCount;
        var rows = new Rows<T>(n, Model == PricingModel.Black76);
        for (int e = 0; e < ExpiryCount; e++)
        {
            GridExpiry x = _expiries[e];
            T u = T.CreateTruncating(Model == PricingModel.Black76 ? x.Forward : Spot);
            T t = T.CreateTruncating(x.Time), r = T.CreateTruncating(x.Rate), q = T.CreateTruncating(x.DividendYield);
            int row = Index(e, 0);
            rows.Underlying.AsSpan(row, nk).Fill(u);
            rows.Time.AsSpan(row, nk).Fill(t);
            rows.Rate.AsSpan(row, nk).Fill(r);
            rows.Div.AsSpan(row, nk).Fill(q);
            for (int k = 0; k < nk; k++) rows.Strike[row + k] = T.CreateTruncating(_strikes[k]);
        }

        _rows = rows;
        return rows;
    }

    private sealed class Rows<T>(int n, bool black76)
        where T : unmanaged
    {
        public readonly T[] Underlying = new T[n], Strike = new T[n], Time = new T[n], Vol = new T[n], Rate = new T[n], Div = new T[n];
        public readonly PricingModel[] Model = black76 ? Enumerable.Repeat(PricingModel.Black76, n).ToArray() : [];
    }
}
