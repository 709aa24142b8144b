using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VixShield.Compute.Book;
using VixShield.Compute.Engines;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Scenarios;

/// <summary>Which code runs the scenario kernel.</summary>
public enum ScenarioEngine
{
    /// <summary>The widest SIMD width accelerated here, on every core.</summary>
    Simd = 0,

    /// <summary>The scalar reference: the same formula one draw at a time.</summary>
    Scalar = 1,

    /// <summary>An accelerator: <see cref="ScenarioRunOptions.Device"/> (the ILGPU scenario kernel of VixShield.Compute.Gpu, on
    /// a GPU or ILGPU's CPU accelerator). A run the device cannot finish is finished by the SIMD kernel.</summary>
    Device = 2,
}

/// <summary>How a scenario run is executed (never what it computes: draw i is the same under any options).</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>The default draws per block (a multiple of every vector width).</summary>
    public const int DefaultChunkSize = 4096;

    /// <summary>Scalar or SIMD.</summary>
    public ScenarioEngine Engine { get; init; } = ScenarioEngine.Simd;

    /// <summary>Worker threads (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Draws per block, rounded up to a multiple of 8 so that vector lanes line up with the same draws
    /// whatever the chunk size (bit-identical results).</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Vector width in bits for <see cref="ScenarioEngine.Simd"/> (0: the best here; 512, 256, 128 to force one).</summary>
    public int VectorBits { get; init; }

    /// <summary>The accelerator of <see cref="ScenarioEngine.Device"/> (e.g. VixShield.Compute.Gpu's <c>IlgpuScenarioDevice</c>).</summary>
    public ScenarioDevice? Device { get; init; }

    /// <summary>What runs the kernel, in words (the device's <see cref="ScenarioDevice.Describe"/> for a device).</summary>
    public string Describe() => Engine switch
    {
        ScenarioEngine.Device => Device?.Describe() ?? "device (none given)",
        ScenarioEngine.Scalar => "scalar",
        _ => $"SIMD {(VectorBits == 0 ? SimdGreeksEngine.BestVectorBits : VectorBits)}-bit",
    };

    internal void Validate()
    {
        if (!Enum.IsDefined(Engine)) throw new ArgumentException($"Unknown scenario engine {Engine}: use Simd, Scalar or Device.");
        if ((Engine == ScenarioEngine.Device) != (Device is not null))
        {
            throw new ArgumentException(Engine == ScenarioEngine.Device
                ? "ScenarioEngine.Device needs ScenarioRunOptions.Device: create one with VixShield.Compute.Gpu's IlgpuScenarioDevice.Create()."
                : $"ScenarioRunOptions.Device is set but Engine is {Engine}: set Engine = ScenarioEngine.Device to use it.");
        }

        if (Threads <= 0) throw new ArgumentException($"{nameof(Threads)} must be positive, not {Threads}.");
        if (ChunkSize <= 0) throw new ArgumentException($"{nameof(ChunkSize)} must be a positive number of draws, not {ChunkSize}.");
        if (VectorBits is not (0 or 128 or 256 or 512)) throw new ArgumentException($"{nameof(VectorBits)} must be 0, 128, 256 or 512, not {VectorBits}.");
    }
}

/// <summary>What the per-draw P&amp;L is summed over: one column per layer, or per position.</summary>
public enum PnlGrouping
{
    /// <summary>One P&amp;L per layer (index = layer index).</summary>
    Layer = 0,

    /// <summary>One P&amp;L per position (index = <see cref="PricedBook.PositionIndex"/>).</summary>
    Position = 1,
}

/// <summary>
/// A book resolved against a market ONCE for scenario work: the legs in structure-of-arrays form with each leg's
/// own expiry, forward, rate, dividend yield, smile vol and base price, the overlays, and the smile rule. Every
/// scenario API (<see cref="Revalue(IReadOnlyList{ScenarioShock}, PnlGrouping, ScenarioRunOptions?, IProgress{double}?, CancellationToken)"/>,
/// <see cref="StressGrid"/>, <see cref="VolShockMonteCarlo"/>, the T+n curves and the rules) runs on it through one
/// fused price-only kernel (kernels-docs/scenarios.md). Immutable and thread-safe.
/// </summary>
public sealed class PricedBook
{
    private const double SmileStep = 0.01;

    // The legs as resolved against the market (the one place: the valuator reads the same table); the kernel's base
    // per-unit prices are the only leg column added here.
    private readonly LegTable _table;
    private readonly double[] _base;

    private PricedBook(AlvhBook book, MarketSnapshot market, SmileDynamics dynamics, LegTable table)
    {
        Book = book;
        Market = market;
        Dynamics = dynamics;
        _table = table;
        int n = table.Count;
        _base = new double[n];
        var problems = new List<string>();
        for (int i = 0; i < n; i++)
        {
            if (table.Legs[i].IsOption && table.Time[i] > 0 && !(table.Vol[i] > 0 && double.IsFinite(table.Vol[i])))
            {
                problems.Add($"{table.Paths[i]} ({table.Legs[i].Describe()}): the surface gives vol {table.Vol[i]} at its strike and expiry; its scenario P&L is NaN.");
            }
        }

        Problems = problems;
        LegConst[] baseLegs = Horizon(0.0);
        for (int i = 0; i < n; i++)
        {
            LegConst c = baseLegs[i];
            _base[i] = ScenarioKernel.UnitPrice<double, bool, ScalarDoubleOps>(in c, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0);
        }
    }

    /// <summary>The book.</summary>
    public AlvhBook Book { get; }

    /// <summary>The base market.</summary>
    public MarketSnapshot Market { get; }

    /// <summary>The smile rule of every scenario on this book.</summary>
    public SmileDynamics Dynamics { get; }

    /// <summary>Legs that cannot be revalued (their P&amp;L is NaN), with their JSON path.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Option and futures legs (overlays excluded).</summary>
    public int LegCount => _table.Count;

    /// <summary>Positions of the book, all layers (index of <see cref="PnlGrouping.Position"/>).</summary>
    public int PositionCount => _table.PositionLayer.Length;

    /// <summary>Base per-unit price of each leg (index points; a future's price), from the kernel's formula.</summary>
    public ReadOnlySpan<double> BaseUnitPrices => _base;

    /// <summary>Resolves the book against the market.</summary>
    /// <exception cref="ArgumentException">When a leg cannot be priced from the market (e.g. a VIX expiry missing from the futures curve).</exception>
    public static PricedBook Resolve(AlvhBook book, MarketSnapshot market, SmileDynamics dynamics = SmileDynamics.StickyStrikePerExpiry)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        if (!Enum.IsDefined(dynamics)) throw new ArgumentException($"Unknown smile rule {dynamics}: use StickyStrikePerExpiry, RollDown or StickyMoneyness.", nameof(dynamics));
        return new PricedBook(book, market, dynamics, LegTable.Resolve(book, market));
    }

    /// <summary>The index (for <see cref="PnlGrouping.Position"/>) of position <paramref name="position"/> of layer <paramref name="layer"/>.</summary>
    public int PositionIndex(int layer, int position)
    {
        int index = 0;
        for (int li = 0; li < layer; li++) index += Book.Layers[li].Positions.Count;
        return index + position;
    }

    /// <summary>The layer of a position index.</summary>
    public int LayerOfPosition(int positionIndex) => _table.PositionLayer[positionIndex];

    /// <summary>Dollar value change from the base of each group under each shock: result[group][scenario].</summary>
    /// <exception cref="ArgumentException">When a shock is invalid (spot move ≤ -100 %, negative days, a non-finite field).</exception>
    /// <exception cref="OperationCanceledException">When cancelled (checked between blocks).</exception>
    public double[][] Revalue(IReadOnlyList<ScenarioShock> shocks, PnlGrouping grouping = PnlGrouping.Layer, ScenarioRunOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shocks);
        for (int i = 0; i < shocks.Count; i++) Check(shocks[i], i);
        int m = shocks.Count;
        double[][] result = NewGroups(grouping, m);
        // One kernel run per distinct horizon (days forward): the legs' times, rates and smile vols depend on it.
        var byDays = Enumerable.Range(0, m).GroupBy(i => shocks[i].Days).ToList();
        long done = 0;
        foreach (var group in byDays)
        {
            int[] index = group.ToArray();
            var source = new ListShocks(shocks, index, Market.SpxVixBeta);
            var part = NewGroups(grouping, index.Length);
            long offset = done;
            Run(group.Key, source, index.Length, grouping, part, options,
                progress is null ? null : new InlineProgress(f => progress.Report((offset + (f * index.Length)) / m)), cancellationToken);
            for (int g = 0; g < result.Length; g++)
            {
                for (int j = 0; j < index.Length; j++) result[g][index[j]] = part[g][j];
            }

            done += index.Length;
        }

        progress?.Report(1.0);
        return result;
    }

    /// <summary>A fresh [group][count] array.</summary>
    internal double[][] NewGroups(PnlGrouping grouping, int count)
    {
        int groups = grouping == PnlGrouping.Layer ? Book.Layers.Count : PositionCount;
        var r = new double[groups][];
        for (int g = 0; g < groups; g++) r[g] = new double[count];
        return r;
    }

    internal static void Check(in ScenarioShock s, int i)
    {
        if (!(s.SpotMove > -1.0) || !double.IsFinite(s.SpotMove)) throw new ArgumentException($"Scenario {i}: the spot move must be a finite number above -100 %, not {s.SpotMove}.");
        if (!(s.Days >= 0) || !double.IsFinite(s.Days)) throw new ArgumentException($"Scenario {i}: days forward must be a finite non-negative number, not {s.Days}.");
        foreach (double v in new[] { s.VolShift, s.Skew, s.VixFutureMove ?? 0.0, s.VixVolShift, s.RateShift })
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"Scenario {i}: every shock must be a finite number, not {v}.");
        }
    }

    /// <summary>Runs the kernel over <paramref name="count"/> scenarios of one horizon, writing output[group][j].</summary>
    internal void Run(double days, IShockSource source, long count, PnlGrouping grouping, double[][] output, ScenarioRunOptions? options,
        IProgress<double>? progress, CancellationToken ct, DeltaBandCount? band = null)
    {
        options ??= new ScenarioRunOptions();
        options.Validate();
        LegConst[] legs = Horizon(days);
        int[] group = grouping == PnlGrouping.Layer ? _table.Layer : _table.Position;
        int groups = output.Length;
        int[] overlayGroup = _table.Overlays.Select(o => grouping == PnlGrouping.Layer ? o.Layer : o.Position).ToArray();
        if (options.Engine == ScenarioEngine.Device && count > 0)
        {
            ScenarioDeviceJob job = DeviceJob(legs, group, overlayGroup, days, source, count, output, band);
            if (options.Device!.TryRun(job, progress, ct))
            {
                band?.Add(job.BreachedWithHedge, job.BreachedWithoutHedge);
                return;
            }

            // The device failed (it logged why): the SIMD kernel computes the same draws.
            options = options with { Engine = ScenarioEngine.Simd, Device = null };
        }

        int chunk = ScenarioBlocks.Size(options.ChunkSize);
        long blocks = (count + chunk - 1) / chunk;
        int bits = options.Engine == ScenarioEngine.Scalar ? 64 : options.VectorBits == 0 ? SimdGreeksEngine.BestVectorBits : options.VectorBits;
        long finished = 0;
        var progressLock = new object();
        progress?.Report(0.0);
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = ct };
        int[]? deltaGroup = band is null ? null : _table.Layer;
        int deltaGroups = band is null ? 0 : Book.Layers.Count;
        Parallel.For(0L, blocks, po, () => new BlockBuffers(chunk, groups, deltaGroups), (b, _, buf) =>
        {
            long first = b * chunk;
            int n = (int)Math.Min(chunk, count - first);
            source.Fill(first, n, buf.Shocks);
            RunBlock(bits, legs, group, deltaGroup, buf, n);
            AddOverlays(buf, n, days, overlayGroup);
            band?.Count(this, buf, n);
            for (int g = 0; g < groups; g++) Array.Copy(buf.Pnl[g], 0, output[g], first, n);
            if (progress is not null)
            {
                // Reported in order (workers finish out of order): only a larger fraction is passed on.
                lock (progressLock)
                {
                    finished += n;
                    progress.Report((double)finished / count);
                }
            }
            return buf;
        }, _ => { });
    }

    private ScenarioDeviceJob DeviceJob(LegConst[] legs, int[] group, int[] overlayGroup, double days, IShockSource source, long count, double[][] output, DeltaBandCount? band)
    {
        if (count > int.MaxValue) throw new ArgumentException($"A device run takes at most {int.MaxValue:N0} scenarios, not {count:N0}: split the run into draw ranges.");
        int n = (int)count;
        ShockColumns? columns = null;
        MonteCarloModel? model = null;
        long first = 0;
        if (source is MonteCarloShocks mc)
        {
            model = mc.Model;
            first = mc.First;
        }
        else
        {
            columns = new ShockColumns(n);
            source.Fill(0, n, columns);
        }

        bool[] hedgeLayer = Book.Layers.Select(l => l.Role == LayerRole.Hedge).ToArray();
        return new ScenarioDeviceJob
        {
            Legs = legs, Group = group, Groups = output.Length, Spot = Market.SpxSpot, Days = days, Count = n, Model = model, FirstDraw = first,
            Columns = columns, Output = output,
            HedgeLeg = _table.Layer.Select(l => hedgeLayer[l] ? 1 : 0).ToArray(),
            Overlays = _table.Overlays.Select((o, i) => new OverlayConst
            {
                Group = overlayGroup[i], Layer = o.Layer, Hedge = hedgeLayer[o.Layer] ? 1 : 0,
                Delta = o.Greeks.Delta, Gamma = o.Greeks.Gamma, Vega = o.Greeks.Vega, ThetaPerDay = o.Greeks.ThetaPerDay, Rho = o.Greeks.Rho,
            }).ToArray(),
            CountBand = band is not null, Band = band?.Band ?? 0, BandScale = band?.Scale ?? 0,
        };
    }

    private static void RunBlock(int bits, LegConst[] legs, int[] group, int[]? deltaGroup, BlockBuffers buf, int n)
    {
        switch (bits)
        {
            case 512: ScenarioKernel.Block<Vector512<double>, Vector512DoubleOps>(legs, group, deltaGroup, buf, n); break;
            case 256: ScenarioKernel.Block<Vector256<double>, Vector256DoubleOps>(legs, group, deltaGroup, buf, n); break;
            case 128: ScenarioKernel.Block<Vector128<double>, Vector128DoubleOps>(legs, group, deltaGroup, buf, n); break;
            default: ScenarioKernel.ScalarBlock(legs, group, deltaGroup, buf, n, 0); break;
        }
    }

    /// <summary>Overlay deltas at the horizon: Δ + Γ·dS (SPX-equivalent dollars per point).</summary>
    internal void AddOverlayDeltas(BlockBuffers buf, int n)
    {
        foreach (var (layer, _, g) in _table.Overlays)
        {
            double[] d = buf.Delta[layer];
            for (int j = 0; j < n; j++) d[j] += g.Delta + (g.Gamma * Market.SpxSpot * (buf.Shocks.SpotFactor[j] - 1.0));
        }
    }

    /// <summary>Overlays move by their Greeks: Δ·dS + ½Γ·dS² + vega·Δσ·100 + θ·days + rho·Δr·100.</summary>
    private void AddOverlays(BlockBuffers buf, int n, double days, int[] overlayGroup)
    {
        for (int o = 0; o < _table.Overlays.Length; o++)
        {
            OverlayGreeks g = _table.Overlays[o].Greeks;
            double[] pnl = buf.Pnl[overlayGroup[o]];
            ShockColumns s = buf.Shocks;
            for (int j = 0; j < n; j++)
            {
                double dS = Market.SpxSpot * (s.SpotFactor[j] - 1.0);
                pnl[j] += (g.Delta * dS) + (0.5 * g.Gamma * dS * dS) + (g.Vega * s.VolShift[j] * 100.0) + (g.ThetaPerDay * days) + (g.Rho * s.RateShift[j] * 100.0);
            }
        }
    }

    /// <summary>The legs' constants at <paramref name="days"/> forward under the smile rule.</summary>
    internal LegConst[] Horizon(double days)
    {
        LegTable l = _table;
        int n = l.Count;
        var c = new LegConst[n];
        for (int i = 0; i < n; i++)
        {
            double t = l.Time[i] - (days / 365.0);
            bool live = t > 0;
            double tc = Math.Max(t, 0.0);
            double r = days == 0 ? l.Rate[i] : Market.Rates.ZeroRate(tc);
            var lc = new LegConst
            {
                Kind = l.Kind[i], Omega = l.Omega[i], Strike = l.Strike[i], Time = tc, Rate = r, Dividend = l.Dividend[i], Under = l.Underlying[i],
                Weight = l.Weight[i], Base = _base[i], Expired = live ? 0 : 1, Vol = l.Vol[i],
                SqrtTime = Math.Sqrt(tc), Discount = Math.Exp(-r * tc), CarryDiscount = Math.Exp(-l.Dividend[i] * tc),
                BetaOverSpot = Market.SpxVixBeta / Market.SpxSpot,
            };
            if (live && l.Kind[i] != LegKind.VixFuture)
            {
                bool spx = l.Kind[i] == LegKind.SpxOption;
                double fh = spx ? l.Underlying[i] * Math.Exp((r - l.Dividend[i]) * tc) : l.Underlying[i];
                // ln(K/F_h) as the pricer takes ln(F/K) (rounding-corrected ratio, carry by FMA): the kernel prices from
                // ln(F'/K) = x - ln(K/F_h), one subtraction per draw instead of a log and two divisions.
                double logForwardOverStrike = ScalarDoubleOps.LogRatio(l.Underlying[i], l.Strike[i]);
                if (spx) logForwardOverStrike = Math.FusedMultiplyAdd(r - l.Dividend[i], tc, logForwardOverStrike);
                lc.LogStrikeOverForward = -logForwardOverStrike;
                Surfaces.IVolatilitySurface surface = spx ? Market.SpxVolatility : Market.VixVolatility;
                switch (Dynamics)
                {
                    case SmileDynamics.RollDown:
                        lc.Vol = days == 0 ? l.Vol[i] : surface.Vol(tc, l.Strike[i], fh);
                        break;
                    case SmileDynamics.StickyMoneyness:
                        double up = surface.Vol(l.Time[i], l.Strike[i] * Math.Exp(-SmileStep), l.Forward[i]);
                        double down = surface.Vol(l.Time[i], l.Strike[i] * Math.Exp(SmileStep), l.Forward[i]);
                        lc.Slope = (up - down) / (2 * SmileStep);
                        lc.Curvature = (up - (2 * l.Vol[i]) + down) / (2 * SmileStep * SmileStep);
                        break;
                }
            }

            c[i] = lc;
        }

        return c;
    }
}

/// <summary>Leg kinds of the kernel.</summary>
internal static class LegKind
{
    public const int SpxOption = 0, VixOption = 1, VixFuture = 2;
}

/// <summary>One leg's inputs at one horizon (what the kernel broadcasts over draws).</summary>
internal struct LegConst
{
    public int Kind;

    /// <summary>1 when the leg is past its expiry at the horizon (an int, not a bool: the struct is copied to devices as is).</summary>
    public int Expired;
    public double Omega, Strike, Time, Rate, Dividend, Under, Vol, Slope, Curvature, LogStrikeOverForward, Weight, Base;

    /// <summary>√t, e^{-r t}, e^{-q t} at the horizon; β/S for the beta weighting of VIX deltas.</summary>
    public double SqrtTime, Discount, CarryDiscount, BetaOverSpot;
}

/// <summary>Per-draw shock columns of one block (structure of arrays: what the vector kernel loads).</summary>
internal sealed class ShockColumns
{
    public ShockColumns(int n)
    {
        SpotFactor = new double[n];
        LogSpot = new double[n];
        VolShift = new double[n];
        Skew = new double[n];
        VixFactor = new double[n];
        LogVix = new double[n];
        VixVolShift = new double[n];
        RateShift = new double[n];
    }

    /// <summary>1 + spot move; ln of it; SPX vol shift; skew; max(1 + VIX move, 0.01); ln of it; VIX vol shift; rate shift.</summary>
    public double[] SpotFactor, LogSpot, VolShift, Skew, VixFactor, LogVix, VixVolShift, RateShift;

    /// <summary>Sets row j from the shock fields (VIX move already resolved).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int j, double spot, double vol, double skew, double vix, double vixVol, double rate)
    {
        Factors<double, bool, ScalarDoubleOps>(spot, vix, out SpotFactor[j], out LogSpot[j], out VixFactor[j], out LogVix[j]);
        VolShift[j] = vol;
        Skew[j] = skew;
        VixVolShift[j] = vixVol;
        RateShift[j] = rate;
    }

    /// <summary>The kernel's form of a spot and VIX-future move: 1 + s, ln(1 + s), max(1 + m, 0.01), ln of it (the device
    /// kernel computes the same over its own ops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Factors<T, TMask, TOps>(T spot, T vix, out T spotFactor, out T logSpot, out T vixFactor, out T logVix)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        spotFactor = TOps.Add(TOps.C(1.0), spot);
        logSpot = TOps.Log(spotFactor);
        vixFactor = TOps.Max(TOps.Add(TOps.C(1.0), vix), TOps.C(0.01));
        logVix = TOps.Log(vixFactor);
    }
}

/// <summary>A worker's scratch: shocks and per-group P&amp;L of one block (allocated once per worker, not per draw).</summary>
internal sealed class BlockBuffers
{
    public BlockBuffers(int n, int groups, int deltaGroups)
    {
        Shocks = new ShockColumns(n);
        Pnl = new double[groups][];
        for (int g = 0; g < groups; g++) Pnl[g] = new double[n];
        Delta = new double[deltaGroups][];
        for (int g = 0; g < deltaGroups; g++) Delta[g] = new double[n];
    }

    /// <summary>Per-layer SPX-equivalent dollar delta at the horizon (only when the delta band is counted).</summary>
    public double[][] Delta { get; }

    public ShockColumns Shocks { get; }

    public double[][] Pnl { get; }
}

/// <summary>Where a run's shocks come from: draws [first, first + count) into the columns.</summary>
internal interface IShockSource
{
    void Fill(long first, int count, ShockColumns columns);
}

/// <summary>Shocks from a list (a subset by index).</summary>
internal sealed class ListShocks(IReadOnlyList<ScenarioShock> shocks, int[] index, double beta) : IShockSource
{
    public void Fill(long first, int count, ShockColumns c)
    {
        for (int j = 0; j < count; j++)
        {
            ScenarioShock s = shocks[index[first + j]];
            c.Set(j, s.SpotMove, s.VolShift, s.Skew, s.VixFutureMove ?? (beta * s.SpotMove), s.VixVolShift, s.RateShift);
        }
    }
}

/// <summary>
/// The fused scenario kernel: per (draw, leg), shock the leg's inputs, price it with the shared
/// <see cref="BlackGreeks.Regular{T, TMask, TOps}"/> formula (price only), weight by quantity × multiplier and add into the leg's group.
/// <see cref="UnitPrice"/> is the one formula, generic over <see cref="IMathOps{T, TMask}"/>: scalar, every SIMD width
/// (and a GPU kernel) run the same code.
/// </summary>
internal static unsafe class ScenarioKernel
{
    /// <summary>Per-unit price of one leg under one draw's shocks (lanes = draws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T UnitPrice<T, TMask, TOps>(in LegConst c, T spotFactor, T logSpot, T volShift, T skew, T vixFactor, T logVix, T vixVolShift, T rateShift)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Evaluate<T, TMask, TOps>(in c, spotFactor, logSpot, volShift, skew, vixFactor, logVix, vixVolShift, rateShift, false, out _);

    /// <summary>The one formula: per-unit price and, when <paramref name="wantDelta"/>, the SPX-equivalent delta per unit
    /// (SPX legs dV/dS; VIX legs dV/dF × β·F'/S', the book's beta weighting at the moved market).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Evaluate<T, TMask, TOps>(in LegConst c, T spotFactor, T logSpot, T volShift, T skew, T vixFactor, T logVix, T vixVolShift, T rateShift,
        bool wantDelta, out T delta)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        // β·F'/S' for VIX legs: S' = S·(1 + m), F' = F·(VIX factor).
        T betaWeight = c.Kind == LegKind.SpxOption || !wantDelta ? zero
            : TOps.Div(TOps.Mul(TOps.C(c.BetaOverSpot * c.Under), vixFactor), spotFactor);
        if (c.Kind == LegKind.VixFuture)
        {
            delta = betaWeight;
            return TOps.Mul(TOps.C(c.Under), vixFactor);
        }

        bool spx = c.Kind == LegKind.SpxOption;
        T s = TOps.Mul(TOps.C(c.Under), spx ? spotFactor : vixFactor);
        T k = TOps.C(c.Strike);
        T omega = TOps.C(c.Omega);
        if (c.Expired != 0)
        {
            T intrinsic = TOps.Mul(omega, TOps.Sub(s, k));
            delta = zero;
            if (wantDelta)
            {
                delta = TOps.Select(TOps.LessThan(zero, intrinsic), omega, zero);
                if (!spx) delta = TOps.Mul(delta, betaWeight);
            }

            return TOps.Max(intrinsic, zero);
        }

        T t = TOps.C(c.Time);
        T r = TOps.Add(TOps.C(c.Rate), rateShift);
        // x = ln(F'/F_h): the forward's move (spot move and the rate shift's carry for SPX, the future's move for VIX).
        T x = spx ? TOps.Fma(rateShift, t, logSpot) : logVix;
        T vol = TOps.Fma(x, TOps.Fma(TOps.C(c.Curvature), x, TOps.C(c.Slope)), TOps.C(c.Vol));
        vol = spx
            ? TOps.Sub(TOps.Add(vol, volShift), TOps.Mul(skew, TOps.Sub(TOps.C(c.LogStrikeOverForward), x)))
            : TOps.Add(vol, vixVolShift);
        vol = TOps.Max(vol, TOps.C(ScenarioShock.VolFloor));
        TMask black76 = spx ? TOps.LessThan(t, t) : TOps.Equal(t, t);
        T q = spx ? TOps.C(c.Dividend) : r;
        // √t and e^{-q t} are the leg's (constant over draws); e^{-r' t} = e^{-r t}·e^{-Δr t} (Black-76: e^{-q t} is the
        // same factor): one exp per lane instead of two exps and a square root.
        T dr = TOps.Mul(TOps.C(c.Discount), TOps.Exp(TOps.Neg(TOps.Mul(rateShift, t))));
        T dq = spx ? TOps.C(c.CarryDiscount) : dr;
        var g = default(GreekValues<T>);
        // ln(F'/K) = ln(F'/F_h) + ln(F_h/K); price and delta read no 1/S (zero passed).
        T logFK = TOps.Sub(x, TOps.C(c.LogStrikeOverForward));
        BlackGreeks.RegularGivenLogMoneyness<T, TMask, TOps>(omega, black76, s, k, zero, logFK, t, vol, r, q, TOps.C(c.SqrtTime), dr, dq,
            wantDelta ? Greek.Price | Greek.Delta : Greek.Price, ref g);
        delta = wantDelta ? (spx ? g.Delta : TOps.Mul(g.Delta, betaWeight)) : zero;
        return g.Price;
    }

    /// <summary>Draws [from, n) of a block one at a time (the scalar engine, and the vector tail).</summary>
    public static void ScalarBlock(LegConst[] legs, int[] group, int[]? deltaGroup, BlockBuffers buf, int n, int from)
    {
        ShockColumns s = buf.Shocks;
        if (from == 0)
        {
            foreach (double[] p in buf.Pnl) Array.Clear(p, 0, n);
            if (deltaGroup is not null) foreach (double[] p in buf.Delta) Array.Clear(p, 0, n);
        }

        bool wantDelta = deltaGroup is not null;
        for (int l = 0; l < legs.Length; l++)
        {
            ref readonly LegConst c = ref legs[l];
            double[] o = buf.Pnl[group[l]];
            double[]? od = wantDelta ? buf.Delta[deltaGroup![l]] : null;
            for (int j = from; j < n; j++)
            {
                double px = Evaluate<double, bool, ScalarDoubleOps>(in c, s.SpotFactor[j], s.LogSpot[j], s.VolShift[j], s.Skew[j], s.VixFactor[j], s.LogVix[j], s.VixVolShift[j], s.RateShift[j], wantDelta, out double d);
                o[j] += c.Weight * (px - c.Base);
                if (od is not null) od[j] += c.Weight * d;
            }
        }
    }

    /// <summary>A block with vectors of draws; the last n mod width draws go through <see cref="ScalarBlock"/>.</summary>
    [SkipLocalsInit]
    public static void Block<TVec, TOps>(LegConst[] legs, int[] group, int[]? deltaGroup, BlockBuffers buf, int n)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        int w = TOps.Count;
        int nv = n - (n % w);
        bool wantDelta = deltaGroup is not null;
        foreach (double[] p in buf.Pnl) Array.Clear(p, 0, n);
        if (wantDelta) foreach (double[] p in buf.Delta) Array.Clear(p, 0, n);
        ShockColumns s = buf.Shocks;
        fixed (double* sf = s.SpotFactor, ls = s.LogSpot, dv = s.VolShift, sk = s.Skew, vf = s.VixFactor, lv = s.LogVix, vv = s.VixVolShift, dr = s.RateShift)
        {
            for (int l = 0; l < legs.Length; l++)
            {
                ref readonly LegConst c = ref legs[l];
                TVec weight = TOps.C(c.Weight), basePx = TOps.C(c.Base);
                fixed (double* o = buf.Pnl[group[l]], od = wantDelta ? buf.Delta[deltaGroup![l]] : buf.Pnl[group[l]])
                {
                    for (int j = 0; j < nv; j += w)
                    {
                        TVec px = Evaluate<TVec, TVec, TOps>(in c, TOps.Load(sf + j), TOps.Load(ls + j), TOps.Load(dv + j), TOps.Load(sk + j),
                            TOps.Load(vf + j), TOps.Load(lv + j), TOps.Load(vv + j), TOps.Load(dr + j), wantDelta, out TVec d);
                        TOps.Store(TOps.Fma(weight, TOps.Sub(px, basePx), TOps.Load(o + j)), o + j);
                        if (wantDelta) TOps.Store(TOps.Fma(weight, d, TOps.Load(od + j)), od + j);
                    }
                }
            }
        }

        if (nv < n) ScalarBlock(legs, group, deltaGroup, buf, n, nv);
    }
}

/// <summary>
/// Counts the draws whose normalised delta at the horizon (SPX-equivalent dollar delta / 100 / premium spread units, as
/// <see cref="Book.BookValuation.NormalisedDelta"/>) lies outside ±band, with every hedge layer on and without the hedge
/// layers. Thread-safe (one Interlocked add per block).
/// </summary>
internal sealed class DeltaBandCount(double band, double premiumUnits, bool[] hedgeLayer)
{
    private long _with, _without;

    public double Band => band;

    /// <summary>Dollar delta to normalised delta.</summary>
    public double Scale => 1.0 / (Book.BookValuation.SpxMultiplier * premiumUnits);

    /// <summary>Adds counts made elsewhere (a device).</summary>
    public void Add(long with, long without)
    {
        Interlocked.Add(ref _with, with);
        Interlocked.Add(ref _without, without);
    }

    public long BreachedWithHedge => _with;

    public long BreachedWithoutHedge => _without;

    public void Count(PricedBook book, BlockBuffers buf, int n)
    {
        book.AddOverlayDeltas(buf, n);
        long with = 0, without = 0;
        double scale = Scale;
        for (int j = 0; j < n; j++)
        {
            double all = 0, noHedge = 0;
            for (int l = 0; l < buf.Delta.Length; l++)
            {
                all += buf.Delta[l][j];
                if (!hedgeLayer[l]) noHedge += buf.Delta[l][j];
            }

            if (Math.Abs(all * scale) > band) with++;
            if (Math.Abs(noHedge * scale) > band) without++;
        }

        Interlocked.Add(ref _with, with);
        Interlocked.Add(ref _without, without);
    }
}

/// <summary>A synchronous <see cref="IProgress{T}"/> (System.Progress posts to the thread pool, out of order).</summary>
internal sealed class InlineProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
