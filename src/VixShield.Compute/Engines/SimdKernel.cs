using System.Numerics;
using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Engines;

/// <summary>A batch pinned for the duration of one call: raw pointers so that thread-pool workers can reach it
/// without capturing spans. Null optional pointers mean "all zero" (dividend) or "all BSM" (model).</summary>
internal unsafe struct RawBatch<T>
    where T : unmanaged
{
    public OptionKind* Kind;
    public PricingModel* Model;
    public T* S, K, Time, Vol, Rate, Div;
    public int Count;
}

/// <summary>Pinned output pointers (null = not requested).</summary>
internal unsafe struct RawOutput<T>
    where T : unmanaged
{
    public OptionStatus* Status;
    public T* Price, Delta, Gamma, Vega, Theta, Rho, Phi, Vanna, Volga, Charm, Veta, Speed, Zomma, Color, Ultima, DualDelta, DualGamma, Itm;
    public Greek Wanted;
}

/// <summary>
/// The SIMD driver, generic over the vector width: loads a vector of options, checks in one mask that every
/// lane is regular (valid inputs, t &gt; 0, σ√t &gt; 0), runs the shared <see cref="BlackGreeks.Regular"/> formula
/// on the vector and stores. Lanes that are not regular (rare) are re-done one by one with the scalar
/// reference row (<see cref="ScalarGreeksEngine.EvaluateRow"/>), so their results are the reference's.
/// A range that is not a multiple of the width ends with an overlapping last vector (recomputing lanes is
/// idempotent); a batch shorter than one vector is padded into a stack vector.
/// </summary>
[SkipLocalsInit]
internal static unsafe class SimdKernel
{
    /// <summary>Rows whose kind and model are converted to lane values at a time (stack scratch).</summary>
    private const int Tile = 256;

    /// <summary>Computes rows [start, end) of <paramref name="raw"/>; returns the number of invalid rows.</summary>
    public static int RunRange<T, TVec, TOps, TScalar>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        int w = TOps.Count;
        if (end - start < w) return RunPadded<T, TVec, TOps, TScalar>(raw, o, start, end);

        OptionBatch<T> batch = ToBatch(raw);
        GreeksOutput<T> output = ToOutput(o, raw.Count);
        T* omega = stackalloc T[2 * Tile];
        T* model = stackalloc T[2 * Tile];
        int invalid = 0;
        int i = start;
        while (i < end)
        {
            int len = end - i;
            if (len >= 2 * Tile) len = Tile;
            for (int j = 0; j < len; j++) omega[j] = T.CreateTruncating((sbyte)raw.Kind[i + j]);
            if (raw.Model != null)
            {
                for (int j = 0; j < len; j++) model[j] = T.CreateTruncating((byte)raw.Model[i + j]);
            }

            for (int j = 0; j < len; j += w)
            {
                int jj = j + w > len ? len - w : j;
                invalid += Vector<T, TVec, TOps, TScalar>(raw, o, batch, output, i + jj, omega + jj, model + jj, j - jj);
            }

            i += len;
        }

        return invalid;
    }

    /// <summary>
    /// Rows [start, end) of one grid expiry (same underlying, t, r, q in every row; at least one vector long): the
    /// per-expiry quantities √t, e^{-rt}, e^{-qt} come in as broadcast vectors, computed once per expiry with the
    /// same vector operations the batch path applies per lane, so results equal <see cref="RunRange"/>'s.
    /// The caller guarantees valid per-expiry inputs with t &gt; 0; strike, vol and kind are checked per lane.
    /// </summary>
    public static int RunGridRange<T, TVec, TOps, TScalar>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end, in GridTerm<TVec> term)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        int w = TOps.Count;
        OptionBatch<T> batch = ToBatch(raw);
        GreeksOutput<T> output = ToOutput(o, raw.Count);
        T* omega = stackalloc T[2 * Tile];
        int invalid = 0;
        int i = start;
        while (i < end)
        {
            int len = end - i;
            if (len >= 2 * Tile) len = Tile;
            for (int j = 0; j < len; j++) omega[j] = T.CreateTruncating((sbyte)raw.Kind[i + j]);
            for (int j = 0; j < len; j += w)
            {
                int jj = j + w > len ? len - w : j;
                invalid += GridVector<T, TVec, TOps, TScalar>(raw, o, batch, output, i + jj, omega + jj, j - jj, term);
            }

            i += len;
        }

        return invalid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int GridVector<T, TVec, TOps, TScalar>(
        in RawBatch<T> raw, in RawOutput<T> o, in OptionBatch<T> batch, in GreeksOutput<T> output, int i, T* omegaTile, int countFrom, in GridTerm<TVec> term)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        TVec zero = TOps.C(0.0);
        TVec one = TOps.C(1.0);
        TVec om = TOps.Load(omegaTile);
        TVec k = TOps.Load(raw.K + i);
        TVec vol = TOps.Load(raw.Vol + i);
        TVec ok = TOps.Equal(TOps.Abs(om), one);
        ok = TOps.And(ok, InputValidation.PriceOk<TVec, TVec, TOps>(k));
        ok = TOps.And(ok, TOps.And(TOps.LessThan(zero, vol), InputValidation.VolOk<TVec, TVec, TOps>(vol)));
        Greek wanted = o.Wanted;
        Unsafe.SkipInit(out GreekValues<TVec> g);
        int w = TOps.Count;
        if (TOps.Any(ok))
        {
            if (!TOps.All(ok))
            {
                om = TOps.Select(ok, om, one);
                k = TOps.Select(ok, k, term.S);
                vol = TOps.Select(ok, vol, one);
            }

            BlackGreeks.RegularWithTerm<TVec, TVec, TOps>(om, term.Black76, term.S, k, term.T, vol, term.R, term.Q, term.SqrtT, term.Dr, term.Dq, wanted, ref g);
            ok = TOps.And(ok, InputValidation.OutputsFinite<TVec, TVec, TOps>(wanted, g));
            Store<T, TVec, TOps>(o, i, wanted, g);
            Unsafe.InitBlockUnaligned(o.Status + i, 0, (uint)w);
            if (TOps.All(ok)) return 0;
        }

        ulong regular = TOps.Bits(ok);
        int invalid = 0;
        for (int lane = 0; lane < w; lane++)
        {
            if ((regular & (1UL << lane)) != 0) continue;
            OptionStatus st = ScalarGreeksEngine.EvaluateRow<T, TScalar>(batch, i + lane, wanted, output);
            if (st != OptionStatus.Ok && lane >= countFrom) invalid++;
        }

        return invalid;
    }

    /// <summary>Scalar path (no vector hardware): the reference rows.</summary>
    public static int RunScalar<T, TScalar>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TScalar : struct, IMathOps<T, bool>
    {
        OptionBatch<T> batch = ToBatch(raw);
        GreeksOutput<T> output = ToOutput(o, raw.Count);
        int invalid = 0;
        for (int i = start; i < end; i++)
        {
            if (ScalarGreeksEngine.EvaluateRow<T, TScalar>(batch, i, o.Wanted, output) != OptionStatus.Ok) invalid++;
        }

        return invalid;
    }

    /// <summary>One vector at row <paramref name="i"/>; invalid rows below lane <paramref name="countFrom"/> were counted already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vector<T, TVec, TOps, TScalar>(
        in RawBatch<T> raw, in RawOutput<T> o, in OptionBatch<T> batch, in GreeksOutput<T> output, int i, T* omegaTile, T* modelTile, int countFrom)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        TVec zero = TOps.C(0.0);
        TVec one = TOps.C(1.0);
        TVec om = TOps.Load(omegaTile);
        TVec s = TOps.Load(raw.S + i);
        TVec k = TOps.Load(raw.K + i);
        TVec t = TOps.Load(raw.Time + i);
        TVec vol = TOps.Load(raw.Vol + i);
        TVec r = TOps.Load(raw.Rate + i);
        TVec q = raw.Div != null ? TOps.Load(raw.Div + i) : zero;

        // Regular lanes: inside the domain (InputValidation's masks), t > 0 and vol > 0.
        TVec ok = TOps.Equal(TOps.Abs(om), one);
        ok = TOps.And(ok, TOps.And(InputValidation.PriceOk<TVec, TVec, TOps>(s), InputValidation.PriceOk<TVec, TVec, TOps>(k)));
        ok = TOps.And(ok, TOps.And(TOps.LessThan(zero, t), InputValidation.TimeOk<TVec, TVec, TOps>(t)));
        ok = TOps.And(ok, TOps.And(TOps.LessThan(zero, vol), InputValidation.VolOk<TVec, TVec, TOps>(vol)));
        ok = TOps.And(ok, TOps.And(InputValidation.RateOk<TVec, TVec, TOps>(r), InputValidation.RateOk<TVec, TVec, TOps>(q)));
        TVec b76 = zero;
        if (raw.Model != null)
        {
            TVec m = TOps.Load(modelTile);
            b76 = TOps.Equal(m, one);
            ok = TOps.And(ok, TOps.Or(b76, TOps.Equal(m, zero)));
            q = TOps.Select(b76, r, q);
        }

        Greek wanted = o.Wanted;
        Unsafe.SkipInit(out GreekValues<TVec> g); // outputs not requested are neither computed nor stored
        int w = TOps.Count;

        // Lanes that are not regular are computed on benign stand-in inputs, then redone with the scalar reference
        // row (it writes their status and outputs); so are lanes whose outputs overflow (float32 domain corners).
        if (TOps.Any(ok))
        {
            if (!TOps.All(ok))
            {
                om = TOps.Select(ok, om, one);
                s = TOps.Select(ok, s, one);
                k = TOps.Select(ok, k, one);
                t = TOps.Select(ok, t, one);
                vol = TOps.Select(ok, vol, one);
                r = TOps.Select(ok, r, zero);
                q = TOps.Select(ok, q, zero);
                b76 = TOps.And(ok, b76);
            }

            BlackGreeks.Regular<TVec, TVec, TOps>(om, b76, s, k, t, vol, r, q, wanted, ref g);
            ok = TOps.And(ok, InputValidation.OutputsFinite<TVec, TVec, TOps>(wanted, g));
            Store<T, TVec, TOps>(o, i, wanted, g);
            Unsafe.InitBlockUnaligned(o.Status + i, 0, (uint)w);
            if (TOps.All(ok)) return 0;
        }

        ulong regular = TOps.Bits(ok);
        int invalid = 0;
        for (int lane = 0; lane < w; lane++)
        {
            if ((regular & (1UL << lane)) != 0) continue;
            OptionStatus st = ScalarGreeksEngine.EvaluateRow<T, TScalar>(batch, i + lane, wanted, output);
            if (st != OptionStatus.Ok && lane >= countFrom) invalid++;
        }

        return invalid;
    }

    /// <summary>A range shorter than one vector: copy into a padded stack vector, compute, copy back.</summary>
    private static int RunPadded<T, TVec, TOps, TScalar>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        const int MaxLanes = 64;
        int w = TOps.Count;
        int n = end - start;
        T* inputs = stackalloc T[6 * MaxLanes];
        T* outputs = stackalloc T[GreekInfo.Count * MaxLanes];
        OptionKind* kinds = stackalloc OptionKind[MaxLanes];
        PricingModel* models = stackalloc PricingModel[MaxLanes];
        OptionStatus* status = stackalloc OptionStatus[MaxLanes];
        var pr = new RawBatch<T>
        {
            Kind = kinds, Model = raw.Model != null ? models : null,
            S = inputs, K = inputs + w, Time = inputs + (2 * w), Vol = inputs + (3 * w), Rate = inputs + (4 * w), Div = inputs + (5 * w),
            Count = w,
        };
        for (int j = 0; j < w; j++)
        {
            bool real = j < n;
            int src = start + j;
            kinds[j] = real ? raw.Kind[src] : OptionKind.Call;
            models[j] = real && raw.Model != null ? raw.Model[src] : PricingModel.BlackScholesMerton;
            pr.S[j] = real ? raw.S[src] : T.One;
            pr.K[j] = real ? raw.K[src] : T.One;
            pr.Time[j] = real ? raw.Time[src] : T.One;
            pr.Vol[j] = real ? raw.Vol[src] : T.One;
            pr.Rate[j] = real ? raw.Rate[src] : T.Zero;
            pr.Div[j] = real && raw.Div != null ? raw.Div[src] : T.Zero;
        }

        Greek wanted = o.Wanted;
        T* Slot(Greek gr) => (wanted & gr) != 0 ? outputs + (GreekInfo.IndexOf(gr) * w) : null;
        var po = new RawOutput<T>
        {
            Status = status, Wanted = wanted,
            Price = Slot(Greek.Price), Delta = Slot(Greek.Delta), Gamma = Slot(Greek.Gamma), Vega = Slot(Greek.Vega),
            Theta = Slot(Greek.Theta), Rho = Slot(Greek.Rho), Phi = Slot(Greek.Phi), Vanna = Slot(Greek.Vanna),
            Volga = Slot(Greek.Volga), Charm = Slot(Greek.Charm), Veta = Slot(Greek.Veta), Speed = Slot(Greek.Speed),
            Zomma = Slot(Greek.Zomma), Color = Slot(Greek.Color), Ultima = Slot(Greek.Ultima), DualDelta = Slot(Greek.DualDelta),
            DualGamma = Slot(Greek.DualGamma), Itm = Slot(Greek.ItmProbability),
        };
        RunRange<T, TVec, TOps, TScalar>(pr, po, 0, w);

        int invalid = 0;
        for (int j = 0; j < n; j++)
        {
            o.Status[start + j] = status[j];
            if (status[j] != OptionStatus.Ok) invalid++;
        }

        CopyBack(o.Price, po.Price, start, n);
        CopyBack(o.Delta, po.Delta, start, n);
        CopyBack(o.Gamma, po.Gamma, start, n);
        CopyBack(o.Vega, po.Vega, start, n);
        CopyBack(o.Theta, po.Theta, start, n);
        CopyBack(o.Rho, po.Rho, start, n);
        CopyBack(o.Phi, po.Phi, start, n);
        CopyBack(o.Vanna, po.Vanna, start, n);
        CopyBack(o.Volga, po.Volga, start, n);
        CopyBack(o.Charm, po.Charm, start, n);
        CopyBack(o.Veta, po.Veta, start, n);
        CopyBack(o.Speed, po.Speed, start, n);
        CopyBack(o.Zomma, po.Zomma, start, n);
        CopyBack(o.Color, po.Color, start, n);
        CopyBack(o.Ultima, po.Ultima, start, n);
        CopyBack(o.DualDelta, po.DualDelta, start, n);
        CopyBack(o.DualGamma, po.DualGamma, start, n);
        CopyBack(o.Itm, po.Itm, start, n);
        return invalid;
    }

    private static void CopyBack<T>(T* destination, T* scratch, int start, int n)
        where T : unmanaged
    {
        if (destination == null) return;
        new ReadOnlySpan<T>(scratch, n).CopyTo(new Span<T>(destination + start, n));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TVec, TOps>(in RawOutput<T> o, int i, Greek wanted, in GreekValues<TVec> g)
        where T : unmanaged
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
    {
        if ((wanted & Greek.Price) != 0) TOps.Store(g.Price, o.Price + i);
        if ((wanted & Greek.Delta) != 0) TOps.Store(g.Delta, o.Delta + i);
        if ((wanted & Greek.Gamma) != 0) TOps.Store(g.Gamma, o.Gamma + i);
        if ((wanted & Greek.Vega) != 0) TOps.Store(g.Vega, o.Vega + i);
        if ((wanted & Greek.Theta) != 0) TOps.Store(g.Theta, o.Theta + i);
        if ((wanted & Greek.Rho) != 0) TOps.Store(g.Rho, o.Rho + i);
        if ((wanted & Greek.Phi) != 0) TOps.Store(g.Phi, o.Phi + i);
        if ((wanted & Greek.Vanna) != 0) TOps.Store(g.Vanna, o.Vanna + i);
        if ((wanted & Greek.Volga) != 0) TOps.Store(g.Volga, o.Volga + i);
        if ((wanted & Greek.Charm) != 0) TOps.Store(g.Charm, o.Charm + i);
        if ((wanted & Greek.Veta) != 0) TOps.Store(g.Veta, o.Veta + i);
        if ((wanted & Greek.Speed) != 0) TOps.Store(g.Speed, o.Speed + i);
        if ((wanted & Greek.Zomma) != 0) TOps.Store(g.Zomma, o.Zomma + i);
        if ((wanted & Greek.Color) != 0) TOps.Store(g.Color, o.Color + i);
        if ((wanted & Greek.Ultima) != 0) TOps.Store(g.Ultima, o.Ultima + i);
        if ((wanted & Greek.DualDelta) != 0) TOps.Store(g.DualDelta, o.DualDelta + i);
        if ((wanted & Greek.DualGamma) != 0) TOps.Store(g.DualGamma, o.DualGamma + i);
        if ((wanted & Greek.ItmProbability) != 0) TOps.Store(g.ItmProbability, o.Itm + i);
    }

    /// <summary>Spans over the whole pinned batch (for the scalar fix-up rows).</summary>
    internal static OptionBatch<T> ToBatch<T>(in RawBatch<T> raw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = raw.Count;
        return new OptionBatch<T>(
            new ReadOnlySpan<OptionKind>(raw.Kind, n), new ReadOnlySpan<T>(raw.S, n), new ReadOnlySpan<T>(raw.K, n),
            new ReadOnlySpan<T>(raw.Time, n), new ReadOnlySpan<T>(raw.Vol, n), new ReadOnlySpan<T>(raw.Rate, n),
            raw.Div != null ? new ReadOnlySpan<T>(raw.Div, n) : default,
            raw.Model != null ? new ReadOnlySpan<PricingModel>(raw.Model, n) : default);
    }

    /// <summary>Spans over the whole pinned output.</summary>
    internal static GreeksOutput<T> ToOutput<T>(in RawOutput<T> o, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new()
        {
            Status = new Span<OptionStatus>(o.Status, n),
            Price = Sp(o.Price, n), Delta = Sp(o.Delta, n), Gamma = Sp(o.Gamma, n), Vega = Sp(o.Vega, n),
            Theta = Sp(o.Theta, n), Rho = Sp(o.Rho, n), Phi = Sp(o.Phi, n), Vanna = Sp(o.Vanna, n),
            Volga = Sp(o.Volga, n), Charm = Sp(o.Charm, n), Veta = Sp(o.Veta, n), Speed = Sp(o.Speed, n),
            Zomma = Sp(o.Zomma, n), Color = Sp(o.Color, n), Ultima = Sp(o.Ultima, n), DualDelta = Sp(o.DualDelta, n),
            DualGamma = Sp(o.DualGamma, n), ItmProbability = Sp(o.Itm, n),
        };

    private static Span<T> Sp<T>(T* p, int n)
        where T : unmanaged
        => p == null ? default : new Span<T>(p, n);
}

/// <summary>One grid expiry's broadcast inputs and per-expiry quantities.</summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal struct GridTerm<TVec>
    where TVec : struct
{
    public TVec S, T, R, Q, SqrtT, Dr, Dq, Black76;

    /// <summary>Broadcasts and computes √t, e^{-rt}, e^{-qt} with the vector ops (as the batch path does per lane).</summary>
    public static GridTerm<TVec> Create<TElem, TOps>(double s, double t, double r, double q, bool black76)
        where TElem : unmanaged
        where TOps : struct, IVectorMathOps<TVec, TElem>
    {
        TVec tv = TOps.C(t), rv = TOps.C(r), qv = TOps.C(black76 ? r : q);
        return new GridTerm<TVec>
        {
            S = TOps.C(s), T = tv, R = rv, Q = qv,
            SqrtT = TOps.Sqrt(tv),
            Dr = TOps.Exp(TOps.Neg(TOps.Mul(rv, tv))),
            Dq = TOps.Exp(TOps.Neg(TOps.Mul(qv, tv))),
            Black76 = black76 ? TOps.Equal(tv, tv) : TOps.C(0.0),
        };
    }
}
