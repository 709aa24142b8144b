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
    public OutputSlots Out;
    public Greek Wanted;

    /// <summary>The pointer of output number <paramref name="index"/> (canonical order), null when not requested.</summary>
    public readonly T* this[int index] => (T*)Out[index];
}

/// <summary>One pointer per output, indexed by <see cref="GreekInfo.IndexOf"/>.</summary>
[InlineArray(GreekInfo.Count)]
internal struct OutputSlots
{
    private nint _element;
}

/// <summary>
/// The SIMD driver, generic over the vector width: loads a vector of options, checks in one mask that every
/// lane is regular (valid inputs, t &gt; 0, σ√t &gt; 0), runs the shared <see cref="BlackGreeks.Regular{T, TMask, TOps}"/> formula
/// on the vector and stores. Lanes that are not regular (rare) are re-done one by one with the scalar
/// reference row (<see cref="ScalarGreeksEngine.EvaluateRow"/>), so their results are the reference's.
/// A range that is not a multiple of the width ends with an overlapping last vector (recomputing lanes is
/// idempotent); a batch shorter than one vector is padded into a stack vector.
/// </summary>
[SkipLocalsInit]
internal static unsafe class SimdKernel
{
    /// <summary>Computes rows [start, end) of <paramref name="raw"/>; returns the number of invalid rows.</summary>
    public static int RunRange<T, TVec, TOps, TScalar>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        int w = TOps.Count;
        if (end - start < w) return RunPadded<T, TVec, TOps, TScalar>(raw, o, start, end);
        return o.Wanted switch
        {
            Greek.PriceAndFirstOrder => RunVectors<T, TVec, TOps, TScalar, WantedPriceAndFirstOrder>(raw, o, start, end),
            Greek.Price => RunVectors<T, TVec, TOps, TScalar, WantedPrice>(raw, o, start, end),
            _ => RunVectors<T, TVec, TOps, TScalar, WantedAtRunTime>(raw, o, start, end),
        };
    }

    private static int RunVectors<T, TVec, TOps, TScalar, TWanted>(in RawBatch<T> raw, in RawOutput<T> o, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
        where TWanted : struct, IWantedOutputs
    {
        int w = TOps.Count;
        OptionBatch<T> batch = ToBatch(raw);
        GreeksOutput<T> output = ToOutput(o, raw.Count);
        int invalid = 0;
        for (int j = start; j < end; j += w)
        {
            int jj = j + w > end ? end - w : j;
            invalid += Vector<T, TVec, TOps, TScalar, TWanted>(raw, o, batch, output, jj, j - jj);
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
        int invalid = 0;
        for (int j = start; j < end; j += w)
        {
            int jj = j + w > end ? end - w : j;
            invalid += GridVector<T, TVec, TOps, TScalar>(raw, o, batch, output, jj, j - jj, term);
        }

        return invalid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int GridVector<T, TVec, TOps, TScalar>(
        in RawBatch<T> raw, in RawOutput<T> o, in OptionBatch<T> batch, in GreeksOutput<T> output, int i, int countFrom, in GridTerm<TVec> term)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        TVec zero = TOps.C(0.0);
        TVec one = TOps.C(1.0);
        TVec om = TOps.LoadSignedBytes((sbyte*)raw.Kind + i);
        TVec k = TOps.Load(raw.K + i);
        TVec vol = TOps.Load(raw.Vol + i);
        TVec ok = TOps.Equal(TOps.Abs(om), one);
        ok = TOps.And(ok, InputValidation.PriceOk<TVec, TVec, TOps>(k));
        ok = TOps.And(ok, InputValidation.PositiveVolOk<TVec, TVec, TOps>(vol));
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
            ok = TOps.And(ok, StoreFinite<T, TVec, TOps>(o, i, wanted, ref g));
            ClearStatus(o.Status + i, w);
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
    private static int Vector<T, TVec, TOps, TScalar, TWanted>(
        in RawBatch<T> raw, in RawOutput<T> o, in OptionBatch<T> batch, in GreeksOutput<T> output, int i, int countFrom)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
        where TWanted : struct, IWantedOutputs
    {
        TVec zero = TOps.C(0.0);
        TVec one = TOps.C(1.0);
        TVec om = TOps.LoadSignedBytes((sbyte*)raw.Kind + i);       // ±1 (other values are invalid rows)
        TVec s = TOps.Load(raw.S + i);
        TVec k = TOps.Load(raw.K + i);
        TVec t = TOps.Load(raw.Time + i);
        TVec vol = TOps.Load(raw.Vol + i);
        TVec r = TOps.Load(raw.Rate + i);
        TVec q = raw.Div != null ? TOps.Load(raw.Div + i) : zero;

        // Regular lanes: inside the domain (InputValidation's masks), t > 0 and vol > 0 (the Positive* masks).
        TVec ok = TOps.Equal(TOps.Abs(om), one);
        ok = TOps.And(ok, TOps.And(InputValidation.PriceOk<TVec, TVec, TOps>(s), InputValidation.PriceOk<TVec, TVec, TOps>(k)));
        ok = TOps.And(ok, InputValidation.PositiveTimeOk<TVec, TVec, TOps>(t));
        ok = TOps.And(ok, InputValidation.PositiveVolOk<TVec, TVec, TOps>(vol));
        ok = TOps.And(ok, TOps.And(InputValidation.RateOk<TVec, TVec, TOps>(r), InputValidation.RateOk<TVec, TVec, TOps>(q)));
        TVec b76 = zero;
        if (raw.Model != null)
        {
            TVec m = TOps.LoadSignedBytes((sbyte*)raw.Model + i);   // 0 or 1 (bytes above 127 read negative: invalid too)
            b76 = TOps.Equal(m, one);
            ok = TOps.And(ok, TOps.Or(b76, TOps.Equal(m, zero)));
            q = TOps.Select(b76, r, q);
        }

        Greek wanted = TWanted.Outputs(o.Wanted); // a JIT-time constant for the common sets: dead outputs and branches fold away
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

            BlackGreeks.Regular<TVec, TVec, TOps, TWanted>(om, b76, s, k, t, vol, r, q, wanted, ref g);
            ok = TOps.And(ok, StoreFinite<T, TVec, TOps>(o, i, wanted, ref g));
            ClearStatus(o.Status + i, w);
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
        var po = new RawOutput<T> { Status = status, Wanted = wanted };
        for (int gi = 0; gi < GreekInfo.Count; gi++)
        {
            if (((uint)wanted & (1u << gi)) != 0) po.Out[gi] = (nint)(outputs + (gi * w));
        }

        RunRange<T, TVec, TOps, TScalar>(pr, po, 0, w);

        int invalid = 0;
        for (int j = 0; j < n; j++)
        {
            o.Status[start + j] = status[j];
            if (status[j] != OptionStatus.Ok) invalid++;
        }

        for (int gi = 0; gi < GreekInfo.Count; gi++)
        {
            if (o[gi] != null) new ReadOnlySpan<T>(po[gi], n).CopyTo(new Span<T>(o[gi] + start, n));
        }

        return invalid;
    }

    /// <summary>Status Ok (0) for <paramref name="w"/> lanes as whole-word stores: w is a JIT constant per width, so this is
    /// one or two moves (InitBlock with it was a helper call per vector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearStatus(OptionStatus* p, int w)
    {
        if (w >= 8)
        {
            for (int z = 0; z < w; z += 8) Unsafe.WriteUnaligned<ulong>(p + z, 0UL);
        }
        else if (w == 4)
        {
            Unsafe.WriteUnaligned<uint>(p, 0u);
        }
        else
        {
            for (int z = 0; z < w; z++) p[z] = OptionStatus.Ok;
        }
    }

    /// <summary>
    /// Stores the requested outputs and returns where all of them are finite (<see cref="InputValidation.OutputsFinite"/>'s
    /// rule, checked in the same pass). GreekValues' 18 fields all have type TVec in canonical order (sequential layout, no
    /// padding), so output gi is element gi from the first field, and its pointer is slot gi of <see cref="OutputSlots"/>:
    /// address arithmetic instead of the indexers (GreekValues' 18-way switch exists for ILGPU, which has no pointer
    /// arithmetic on struct fields; this driver is CPU-only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec StoreFinite<T, TVec, TOps>(in RawOutput<T> o, int i, Greek wanted, ref GreekValues<TVec> g)
        where T : unmanaged
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
    {
        ref TVec first = ref Unsafe.As<GreekValues<TVec>, TVec>(ref g);
        ref nint slots = ref Unsafe.As<OutputSlots, nint>(ref Unsafe.AsRef(in o.Out));
        TVec acc = TOps.C(0.0);
        for (uint m = (uint)wanted; m != 0; m &= m - 1)
        {
            int gi = BitOperations.TrailingZeroCount(m);
            TVec v = Unsafe.Add(ref first, gi);
            acc = InputValidation.AccumulateNonFinite<TVec, TVec, TOps>(v, acc);
            TOps.Store(v, (T*)Unsafe.Add(ref slots, gi) + i);
        }

        return InputValidation.AllFinite<TVec, TVec, TOps>(acc);
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

    /// <summary>
    /// Pins every requested output span into <paramref name="raw"/> (one <c>fixed</c> per recursion level, in canonical
    /// order, so no list of the outputs is written here), then runs <paramref name="run"/> with them pinned.
    /// </summary>
    internal static int WithPinnedOutputs<T, TState>(in GreeksOutput<T> output, ref RawOutput<T> raw, ref TState state, delegate*<ref TState, int> run, int index = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TState : struct
    {
        if (index == GreekInfo.Count) return run(ref state);
        fixed (T* p = output.Get((Greek)(1u << index)))
        {
            raw.Out[index] = (nint)p;
            return WithPinnedOutputs(output, ref raw, ref state, run, index + 1);
        }
    }

    /// <summary>Spans over the whole pinned output.</summary>
    internal static GreeksOutput<T> ToOutput<T>(in RawOutput<T> o, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var output = new GreeksOutput<T> { Status = new Span<OptionStatus>(o.Status, n) };
        for (int gi = 0; gi < GreekInfo.Count; gi++)
        {
            if (o[gi] != null) output = output.With((Greek)(1u << gi), new Span<T>(o[gi], n));
        }

        return output;
    }
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

