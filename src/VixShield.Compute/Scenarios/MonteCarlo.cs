using System.Runtime.CompilerServices;
using VixShield.Compute.Book;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// The joint vol-shock model of <see cref="VolShockMonteCarlo"/> (kernels-docs/scenarios.md). With τ = horizon/365,
/// z_t a unit-variance Student-t (ν = <see cref="StudentTDegreesOfFreedom"/>), z2..z5 standard normals and J a jump
/// (probability <see cref="JumpIntensity"/>·τ, size Normal(<see cref="JumpMean"/>, <see cref="JumpStdDev"/>)):
/// SPX return r = σ_S√τ·z_t + J (floored at -95 %); SPX vol Δσ = σ_v√τ·(ρ·z_t + √(1-ρ²)·z2) + j_v·J;
/// skew Δk = b_k·r + σ_k√τ·z3; VIX futures m = β·r + σ_x√τ·(c·z2 + √(1-c²)·z4) (β the market's SPX-VIX beta);
/// VIX-option vol + a·m; rates + σ_r√τ·z5. Draw i comes from Philox4x32-10 keyed by (seed, i, block): ten uniforms,
/// always the same, so a seed gives the same draws whatever the thread count, chunk size or engine. (These draws differ
/// from the xoshiro256** stream of earlier versions; the model is unchanged.)
/// </summary>
public sealed record MonteCarloSettings
{
    /// <summary>Number of joint draws (default 10,000).</summary>
    public int Draws { get; init; } = 10_000;

    /// <summary>Seed: the key of the Philox4x32-10 counter-based generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Horizon in calendar days; the book's time also moves forward by it (default 1).</summary>
    public double HorizonDays { get; init; } = 1.0;

    /// <summary>σ_S: annualised SPX return volatility of the diffusive part (default 0.18).</summary>
    public double SpxReturnVolatility { get; init; } = 0.18;

    /// <summary>ν of the Student-t return shock (default 4: fat tails, finite variance, excess kurtosis unbounded);
    /// must be above 2 (the shock is scaled to unit variance by √((ν-2)/ν)).</summary>
    public double StudentTDegreesOfFreedom { get; init; } = 4.0;

    /// <summary>Jumps per year (default 2).</summary>
    public double JumpIntensity { get; init; } = 2.0;

    /// <summary>Mean relative jump size (default -4 %).</summary>
    public double JumpMean { get; init; } = -0.04;

    /// <summary>Standard deviation of the jump size (default 3 %).</summary>
    public double JumpStdDev { get; init; } = 0.03;

    /// <summary>σ_v: annualised volatility of the parallel SPX vol change, per 1.00 (default 0.15: ≈ 0.8 vol point a day).</summary>
    public double VolOfVol { get; init; } = 0.15;

    /// <summary>ρ: correlation of the vol change with the diffusive return shock (default -0.75).</summary>
    public double SpotVolCorrelation { get; init; } = -0.75;

    /// <summary>j_v: vol change per unit jump return (default -1.5: a -4 % jump adds 6 vol points).</summary>
    public double JumpVolPerReturn { get; init; } = -1.5;

    /// <summary>b_k: skew steepening per unit SPX return (default -2: a 5 % fall steepens by 0.10).</summary>
    public double SkewPerReturn { get; init; } = -2.0;

    /// <summary>σ_k: annualised volatility of the skew change (default 0.5).</summary>
    public double SkewVolatility { get; init; } = 0.5;

    /// <summary>σ_x: annualised volatility of the VIX-futures move not explained by the beta (default 0.6).</summary>
    public double VixNoiseVolatility { get; init; } = 0.6;

    /// <summary>c: correlation of that VIX noise with the idiosyncratic vol shock z2 (default 0.5).</summary>
    public double VixNoiseVolCorrelation { get; init; } = 0.5;

    /// <summary>a: VIX-option vol change per unit relative VIX-future move (default 0.5: futures +20 % → +10 vol points).</summary>
    public double VixOptionVolPerFutureMove { get; init; } = 0.5;

    /// <summary>σ_r: annualised volatility of the parallel rate change (default 0.01: ≈ 5 bp a day).</summary>
    public double RateVolatility { get; init; } = 0.01;

    /// <summary>Confidence levels of VaR/ES (default 95 % and 99 %).</summary>
    public IReadOnlyList<double> Confidences { get; init; } = [0.95, 0.99];

    /// <summary>Probabilities of the P&amp;L quantiles reported.</summary>
    public IReadOnlyList<double> QuantileProbabilities { get; init; } = [0.001, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999];

    /// <summary>The normalised-delta band counted at the horizon (default 0.15, rule 1).</summary>
    public double DeltaBand { get; init; } = 0.15;

    /// <summary>Draws per kernel block (<see cref="ScenarioRunOptions.DefaultChunkSize"/>); the results do not depend on it.</summary>
    public int ChunkSize { get; init; } = ScenarioRunOptions.DefaultChunkSize;

    /// <summary>Throws when a parameter is outside its range.</summary>
    /// <exception cref="ArgumentException">Naming the parameter and its range.</exception>
    public void Validate()
    {
        Require(Draws > 0, $"{nameof(Draws)} must be positive, not {Draws}.");
        Require(HorizonDays >= 0 && double.IsFinite(HorizonDays), $"{nameof(HorizonDays)} must be a non-negative number of days, not {HorizonDays}.");
        Require(StudentTDegreesOfFreedom > 2 && double.IsFinite(StudentTDegreesOfFreedom), $"{nameof(StudentTDegreesOfFreedom)} must be above 2 (finite variance), not {StudentTDegreesOfFreedom}.");
        Require(JumpIntensity >= 0 && JumpIntensity * HorizonDays / 365.0 <= 1, $"{nameof(JumpIntensity)} must be non-negative with intensity × horizon ≤ 1, not {JumpIntensity}.");
        Require(Math.Abs(SpotVolCorrelation) <= 1, $"{nameof(SpotVolCorrelation)} must be in [-1, 1], not {SpotVolCorrelation}.");
        Require(Math.Abs(VixNoiseVolCorrelation) <= 1, $"{nameof(VixNoiseVolCorrelation)} must be in [-1, 1], not {VixNoiseVolCorrelation}.");
        foreach (double v in new[] { SpxReturnVolatility, JumpStdDev, VolOfVol, SkewVolatility, VixNoiseVolatility, RateVolatility })
        {
            Require(v >= 0 && double.IsFinite(v), $"Volatilities and standard deviations must be non-negative, not {v}.");
        }

        foreach (double v in new[] { JumpMean, JumpVolPerReturn, SkewPerReturn, VixOptionVolPerFutureMove })
        {
            Require(double.IsFinite(v), $"Model coefficients must be finite, not {v}.");
        }

        Require(Confidences.Count > 0 && Confidences.All(c => c > 0 && c < 1), "Confidences must be in (0, 1), e.g. 0.95 and 0.99.");
        Require(QuantileProbabilities.All(p => p >= 0 && p <= 1), "Quantile probabilities must be in [0, 1].");
        Require(DeltaBand > 0 && double.IsFinite(DeltaBand), $"{nameof(DeltaBand)} must be a positive normalised delta, e.g. 0.15, not {DeltaBand}.");
        Require(ChunkSize > 0, $"{nameof(ChunkSize)} must be positive, not {ChunkSize}.");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}

/// <summary>One joint draw of the model.</summary>
/// <param name="SpxReturn">r.</param>
/// <param name="Jump">J (0 when no jump).</param>
/// <param name="VolChange">Δσ per 1.00.</param>
/// <param name="SkewChange">Δk.</param>
/// <param name="VixFutureMove">m.</param>
/// <param name="RateChange">Δr per 1.00.</param>
public readonly record struct MonteCarloDraw(double SpxReturn, double Jump, double VolChange, double SkewChange, double VixFutureMove, double RateChange);

/// <summary>The model's coefficients for one run: turns draw i's Philox uniforms into its joint shocks.</summary>
public readonly struct MonteCarloModel
{
    private readonly ulong _seed;
    private readonly double _sS, _nu, _tScale, _pJump, _jMean, _jSd, _sV, _rho, _rhoBar, _jv, _bk, _sK, _beta, _sX, _c, _cBar, _sR;

    /// <summary>Coefficients from the settings and the market's SPX-VIX beta.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid.</exception>
    public MonteCarloModel(MonteCarloSettings settings, double spxVixBeta)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        double tau = settings.HorizonDays / 365.0, sq = Math.Sqrt(tau);
        _seed = unchecked((uint)settings.Seed);
        _nu = settings.StudentTDegreesOfFreedom;
        _tScale = Math.Sqrt((_nu - 2.0) / _nu);
        _pJump = settings.JumpIntensity * tau;
        _jMean = settings.JumpMean;
        _jSd = settings.JumpStdDev;
        _sS = settings.SpxReturnVolatility * sq;
        _sV = settings.VolOfVol * sq;
        _rho = settings.SpotVolCorrelation;
        _rhoBar = Math.Sqrt(1.0 - (_rho * _rho));
        _jv = settings.JumpVolPerReturn;
        _bk = settings.SkewPerReturn;
        _sK = settings.SkewVolatility * sq;
        _beta = spxVixBeta;
        _sX = settings.VixNoiseVolatility * sq;
        _c = settings.VixNoiseVolCorrelation;
        _cBar = Math.Sqrt(1.0 - (_c * _c));
        _sR = settings.RateVolatility * sq;
        VixOptionVolPerFutureMove = settings.VixOptionVolPerFutureMove;
    }

    /// <summary>a: VIX-option vol change per unit VIX-future move.</summary>
    public double VixOptionVolPerFutureMove { get; }

    /// <summary>The unit-variance Student-t, standard normals and jump of draw <paramref name="i"/> (five Philox blocks,
    /// ten uniforms, nine used): z_t by Bailey's polar transform √(ν(u0^(-2/ν) - 1))·cos(2πu1) (exact Student-t,
    /// two uniforms), z2..z5 by Box-Muller from (u2, u3) and (u4, u5), the jump size by Box-Muller from (u6, u7), the
    /// jump indicator u8 &lt; λτ.</summary>
    public void Variates(long i, out double zt, out double z2, out double z3, out double z4, out double z5, out double jump)
    {
        Uniforms(i, out double u0, out double u1, out double u2, out double u3, out double u4, out double u5, out double u6, out double u7, out double u8);
        Variates<double, bool, ScalarDoubleOps>(u0, u1, u2, u3, u4, u5, u6, u7, u8, out zt, out z2, out z3, out z4, out z5, out jump);
    }

    /// <summary>The nine uniforms of draw <paramref name="i"/>: Philox4x32-10 blocks 0..4 of counter i under the seed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Uniforms(long i, out double u0, out double u1, out double u2, out double u3, out double u4, out double u5, out double u6, out double u7, out double u8)
    {
        ulong d = (ulong)i;
        Philox4x32.Uniforms(_seed, d, 0, out u0, out u1);
        Philox4x32.Uniforms(_seed, d, 1, out u2, out u3);
        Philox4x32.Uniforms(_seed, d, 2, out u4, out u5);
        Philox4x32.Uniforms(_seed, d, 3, out u6, out u7);
        Philox4x32.Uniforms(_seed, d, 4, out u8, out _);
    }

    /// <summary>The transforms of <see cref="Variates(long, out double, out double, out double, out double, out double, out double)"/>
    /// written once over <see cref="IMathOps{T, TMask}"/> (scalar, vector lanes of draws, GPU threads): u^(-2/ν) as
    /// exp(-2/ν·ln u), sin and cos of 2πu by <see cref="TurnTrig"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Variates<T, TMask, TOps>(T u0, T u1, T u2, T u3, T u4, T u5, T u6, T u7, T u8,
        out T zt, out T z2, out T z3, out T z4, out T z5, out T jump)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T one = TOps.C(1.0), minusTwo = TOps.C(-2.0);
        TurnTrig.SinCos<T, TMask, TOps>(u1, out _, out T c1);
        T power = TOps.Exp(TOps.Mul(TOps.C(-2.0 / _nu), TOps.Log(u0)));
        zt = TOps.Mul(TOps.Mul(TOps.Sqrt(TOps.Mul(TOps.C(_nu), TOps.Sub(power, one))), c1), TOps.C(_tScale));
        T ra = TOps.Sqrt(TOps.Mul(minusTwo, TOps.Log(u2))), rb = TOps.Sqrt(TOps.Mul(minusTwo, TOps.Log(u4)));
        TurnTrig.SinCos<T, TMask, TOps>(u3, out T sa, out T ca);
        TurnTrig.SinCos<T, TMask, TOps>(u5, out T sb, out T cb);
        z2 = TOps.Mul(ra, ca);
        z3 = TOps.Mul(ra, sa);
        z4 = TOps.Mul(rb, cb);
        z5 = TOps.Mul(rb, sb);
        TurnTrig.SinCos<T, TMask, TOps>(u7, out _, out T c7);
        T zj = TOps.Mul(TOps.Sqrt(TOps.Mul(minusTwo, TOps.Log(u6))), c7);
        jump = TOps.Select(TOps.LessThan(u8, TOps.C(_pJump)), TOps.Fma(TOps.C(_jSd), zj, TOps.C(_jMean)), TOps.C(0.0));
    }

    /// <summary>Draw <paramref name="i"/> (the same on any machine for a seed).</summary>
    public MonteCarloDraw Draw(long i)
    {
        Uniforms(i, out double u0, out double u1, out double u2, out double u3, out double u4, out double u5, out double u6, out double u7, out double u8);
        Shocks<double, bool, ScalarDoubleOps>(u0, u1, u2, u3, u4, u5, u6, u7, u8, out double r, out double jump, out double dVol, out double dSkew, out double vix, out double dr);
        return new MonteCarloDraw(r, jump, dVol, dSkew, vix, dr);
    }

    /// <summary>The joint shocks of a draw from its uniforms (the model of the type's summary), over <see cref="IMathOps{T, TMask}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Shocks<T, TMask, TOps>(T u0, T u1, T u2, T u3, T u4, T u5, T u6, T u7, T u8,
        out T spxReturn, out T jump, out T volChange, out T skewChange, out T vixMove, out T rateChange)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        Variates<T, TMask, TOps>(u0, u1, u2, u3, u4, u5, u6, u7, u8, out T zt, out T z2, out T z3, out T z4, out T z5, out jump);
        spxReturn = TOps.Max(TOps.Fma(TOps.C(_sS), zt, jump), TOps.C(-0.95));
        volChange = TOps.Fma(TOps.C(_sV), TOps.Fma(TOps.C(_rho), zt, TOps.Mul(TOps.C(_rhoBar), z2)), TOps.Mul(TOps.C(_jv), jump));
        skewChange = TOps.Fma(TOps.C(_bk), spxReturn, TOps.Mul(TOps.C(_sK), z3));
        vixMove = TOps.Fma(TOps.C(_beta), spxReturn, TOps.Mul(TOps.C(_sX), TOps.Fma(TOps.C(_c), z2, TOps.Mul(TOps.C(_cBar), z4))));
        rateChange = TOps.Mul(TOps.C(_sR), z5);
    }
}

/// <summary>Shock source of the kernel: draw i of the model, generated where it is priced.</summary>
/// <param name="model">The model.</param>
/// <param name="first">The draw index of row 0 (a shard of a run starts later).</param>
internal sealed class MonteCarloShocks(MonteCarloModel model, long first = 0) : IShockSource
{
    public MonteCarloModel Model => model;

    public long First => first;

    public void Fill(long from, int count, ShockColumns c)
    {
        for (int j = 0; j < count; j++)
        {
            MonteCarloDraw d = model.Draw(first + from + j);
            c.Set(j, d.SpxReturn, d.VolChange, d.SkewChange, d.VixFutureMove, model.VixOptionVolPerFutureMove * d.VixFutureMove, d.RateChange);
        }
    }
}

/// <summary>Draws [<paramref name="First"/>, <paramref name="First"/> + <paramref name="Count"/>) of a Monte Carlo run
/// (<see cref="VolShockMonteCarlo.RunShard"/>): per-layer P&amp;L and the draws outside the delta band at the horizon.</summary>
/// <param name="First">The first draw index.</param>
/// <param name="Count">The number of draws.</param>
/// <param name="LayerPnl">[layer][draw - First]: dollar P&amp;L of each layer.</param>
/// <param name="BreachedWithHedge">Draws outside the band with every hedge layer on (0 when the book has no premium units).</param>
/// <param name="BreachedWithoutHedge">The same without the hedge layers.</param>
public sealed record MonteCarloShard(long First, int Count, double[][] LayerPnl, long BreachedWithHedge, long BreachedWithoutHedge);

/// <summary>Distribution and tail risk of one P&amp;L sample (the book with or without the hedge).</summary>
/// <param name="Mean">Mean P&amp;L.</param>
/// <param name="StdDev">Sample standard deviation.</param>
/// <param name="Quantiles">P&amp;L quantiles at <see cref="MonteCarloSettings.QuantileProbabilities"/>.</param>
/// <param name="Tails">VaR/ES at each confidence.</param>
/// <param name="LayerComponents">[confidence][layer]: component ES of each layer included in this sample (NaN for a layer left out):
/// -mean of the layer's P&amp;L over the tail draws; they add up to the ES.</param>
public sealed record PnlDistribution(double Mean, double StdDev, IReadOnlyList<double> Quantiles, IReadOnlyList<TailRisk> Tails, IReadOnlyList<double[]> LayerComponents);

/// <summary>The Monte Carlo run: P&amp;L per draw and layer, and the distribution with and without the hedge. The draws
/// themselves are not stored (8 bytes × (layers + 3) per draw are): <see cref="Draw"/> regenerates any of them.</summary>
/// <param name="Settings">The model and run parameters.</param>
/// <param name="Model">The model's coefficients (regenerates draws).</param>
/// <param name="Pnl">P&amp;L per draw and layer (dollar value change from the base market).</param>
/// <param name="WithHedge">Distribution of the book with every hedge layer on.</param>
/// <param name="WithoutHedge">Distribution of the book without the hedge layers.</param>
/// <param name="DeltaBandBreachWithHedge">Share of draws whose normalised delta at the horizon is outside ±<see cref="MonteCarloSettings.DeltaBand"/>
/// with every hedge layer on (NaN when the book has no premium spread units).</param>
/// <param name="DeltaBandBreachWithoutHedge">The same without the hedge layers.</param>
public sealed record MonteCarloResult(MonteCarloSettings Settings, MonteCarloModel Model, ScenarioPnl Pnl,
    PnlDistribution WithHedge, PnlDistribution WithoutHedge, double DeltaBandBreachWithHedge, double DeltaBandBreachWithoutHedge)
{
    /// <summary>Draw <paramref name="i"/> of the run.</summary>
    public MonteCarloDraw Draw(long i) => Model.Draw(i);
}

/// <summary>Monte Carlo vol-shock scenarios: N joint draws, each a full revaluation of the book in the fused scenario kernel.</summary>
public static class VolShockMonteCarlo
{
    /// <summary>The shock of a draw for a direct revaluation (days = the horizon).</summary>
    public static ScenarioShock ToShock(MonteCarloDraw d, MonteCarloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ScenarioShock(d.SpxReturn, d.VolChange, d.SkewChange, d.VixFutureMove, settings.VixOptionVolPerFutureMove * d.VixFutureMove, d.RateChange, settings.HorizonDays);
    }

    /// <summary>Draws, revalues the book under every draw and summarises the P&amp;L with and without the hedge layers
    /// (one shard of all the draws, merged: a clustered run of the same seed merges other shards into the same numbers).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid or a leg cannot be valued (NaN P&amp;L).</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static MonteCarloResult Run(PricedBook book, MonteCarloSettings? settings = null, ScenarioRunOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        settings ??= new MonteCarloSettings();
        settings.Validate();
        return Merge(book, settings, [RunShard(book, settings, 0, settings.Draws, options, progress, cancellationToken)]);
    }

    /// <summary>The draws per shard boundary: a shard starts at a multiple of it (kernel blocks then hold the same draws
    /// as in a single-machine run, so a shard's P&amp;L is that run's, bit for bit) and ends there or at the last draw.</summary>
    public static int ShardAlignment(MonteCarloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ScenarioBlocks.Size(settings.ChunkSize);
    }

    /// <summary>Draws [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of the run of
    /// <paramref name="settings"/>: their per-layer P&amp;L and delta-band counts, exactly as <see cref="Run"/> computes
    /// them (draw i is keyed by its index), ready to be merged with the other shards by <see cref="Merge"/>.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid, the range is outside the run or not aligned
    /// (<see cref="ShardAlignment"/>), or a leg cannot be valued.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static MonteCarloShard RunShard(PricedBook book, MonteCarloSettings settings, long first, int count, ScenarioRunOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int align = ShardAlignment(settings);
        if (first < 0 || count <= 0 || first + count > settings.Draws)
        {
            throw new ArgumentException($"A shard must be a non-empty range of the run's {settings.Draws:N0} draws, not [{first:N0}, {first + count:N0}).");
        }

        if (first % align != 0 || (first + count != settings.Draws && count % align != 0))
        {
            throw new ArgumentException($"A shard starts at a multiple of {align} draws and holds a multiple of {align} (the last one ends at the last draw), not [{first:N0}, {first + count:N0}).");
        }

        RequireMemory(count, book.Book.Layers.Count, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var model = new MonteCarloModel(settings, book.Market.SpxVixBeta);
        options = (options ?? new ScenarioRunOptions()) with { ChunkSize = settings.ChunkSize };
        double[][] layer = book.NewGroups(PnlGrouping.Layer, count);
        DeltaBandCount? band = NewBand(book, settings);
        book.Run(settings.HorizonDays, new MonteCarloShocks(model, first), count, PnlGrouping.Layer, layer, options, progress, cancellationToken, band);
        return new MonteCarloShard(first, count, layer, band?.BreachedWithHedge ?? 0, band?.BreachedWithoutHedge ?? 0);
    }

    /// <summary>The run of <paramref name="settings"/> from shards that together hold every draw once (in any order):
    /// per-draw P&amp;L placed by draw index, band counts added, then the same summary as <see cref="Run"/> (so the result
    /// does not depend on how the draws were split or where each shard ran).</summary>
    /// <exception cref="ArgumentException">When the shards overlap, leave a gap, or do not match the book's layers.</exception>
    public static MonteCarloResult Merge(PricedBook book, MonteCarloSettings settings, IReadOnlyList<MonteCarloShard> shards)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shards);
        settings.Validate();
        int layers = book.Book.Layers.Count;
        double[][] layer = ScenarioShards.Place(shards.Select(s => (s.First, s.Count, s.LayerPnl)).ToList(), layers, settings.Draws, "draws", (int)Math.Min(settings.Draws, int.MaxValue));
        long with = 0, without = 0;
        foreach (MonteCarloShard s in shards)
        {
            with += s.BreachedWithHedge;
            without += s.BreachedWithoutHedge;
        }

        var model = new MonteCarloModel(settings, book.Market.SpxVixBeta);
        bool counted = NewBand(book, settings) is not null;
        var pnl = new ScenarioPnl(book.Book, layer);
        // The two samples' summaries (selections over every draw) are independent: one per core.
        PnlDistribution? withHedge = null, withoutHedge = null;
        try
        {
            Parallel.Invoke(
                () => withHedge = Summarise(pnl.WithHedge, pnl, settings, _ => true),
                () => withoutHedge = Summarise(pnl.WithoutHedge, pnl, settings, l => l.Role != LayerRole.Hedge));
        }
        catch (AggregateException e)
        {
            // The caller gets the summary's own exception (a NaN draw's ArgumentException), not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return new MonteCarloResult(settings, model, pnl, withHedge!, withoutHedge!,
            counted ? (double)with / settings.Draws : double.NaN,
            counted ? (double)without / settings.Draws : double.NaN);
    }

    private static DeltaBandCount? NewBand(PricedBook book, MonteCarloSettings settings)
    {
        double units = book.Book.Layers.Where(l => l.Role == LayerRole.Premium).Sum(l => l.SpreadUnits);
        return units > 0 ? new DeltaBandCount(settings.DeltaBand, units, book.Book.Layers.Select(l => l.Role == LayerRole.Hedge).ToArray()) : null;
    }

    /// <summary>Bytes a run keeps per draw: its P&amp;L per layer, with and without hedge and as booked (8 bytes each), plus the
    /// 8-byte copy each selection makes (kernels-docs/scenarios.md, "Memory per draw").</summary>
    public static long BytesPerDraw(int layers) => 8L * (layers + 4);

    /// <summary>Refuses a run whose per-draw memory exceeds 80 % of <paramref name="availableBytes"/>, before anything is
    /// allocated, with a message giving the limit in draws.</summary>
    /// <exception cref="ArgumentException">When the draws do not fit.</exception>
    public static void RequireMemory(long draws, int layers, long availableBytes)
    {
        long perDraw = BytesPerDraw(layers), budget = (long)(0.8 * availableBytes);
        if (draws <= budget / perDraw) return;
        throw new ArgumentException(FormattableString.Invariant(
            $"{draws:N0} draws need {draws * (double)perDraw / (1L << 30):N1} GiB ({perDraw} bytes per draw for {layers} layers), more than the {budget / (double)(1L << 30):N1} GiB this process may use: run at most {budget / perDraw:N0} draws, or split the run (same seed, draw ranges)."));
    }

    /// <summary>Mean, standard deviation, quantiles, VaR/ES and per-layer component ES of a P&amp;L sample whose layers are those matching <paramref name="inSample"/>.</summary>
    public static PnlDistribution Summarise(double[] sample, ScenarioPnl pnl, MonteCarloSettings settings, Func<Layer, bool> inSample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(pnl);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inSample);
        double mean = 0;
        foreach (double x in sample) mean += x;
        mean /= sample.Length;
        double ss = 0;
        foreach (double x in sample) ss += (x - mean) * (x - mean);
        double var = sample.Length > 1 ? ss / (sample.Length - 1) : 0.0;
        var tails = settings.Confidences.Select(cl => RiskMeasures.Tail(sample, cl)).ToList();
        var components = tails.Select(t => pnl.Book.Layers.Select((l, li) => inSample(l) ? t.Component(pnl.LayerPnl[li]) : double.NaN).ToArray()).ToList();
        return new PnlDistribution(mean, Math.Sqrt(var), RiskMeasures.Quantiles(sample, settings.QuantileProbabilities), tails, components);
    }
}
