using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// Bulk implied volatility over spans with <see cref="LetsBeRational"/>. Never throws for a row: each row gets an
/// <see cref="ImpliedVolStatus"/> and NaN unless Ok. Work is split into chunks over the thread pool (cancellation
/// between chunks). Within a block of 256 rows, the normalisation (forward, undiscounting, x = ln(F/K)) and the
/// put-call-parity reflection onto the out-of-the-money side (intrinsic, maximum, β = price/√(FK)) run as one
/// formula (<see cref="NormaliseRow{T, TMask, TOps}"/>) over the widest accelerated Vector512/256/128 lanes; then
/// 8 (AVX-512) or 4 (AVX2) rows at a time run the rational guess and the two Householder steps in vector lanes for the
/// rows whose guess is in the two middle branches (<see cref="VectorLetsBeRational"/>), and the scalar code for the
/// others (lowest/highest branch, asymptotic region, bad rows). Measured in kernels-docs/implied-vol.md. The sequential path allocates nothing.
/// </summary>
public static class ImpliedVolatilitySolver
{
    private const int Block = 256;

    // Pre-pass codes per row.
    private const double CodeSolve = 0, CodeBelow = 1, CodeAbove = 2, CodeInvalid = 4, CodeZero = 5;

    /// <summary>Inverts every row of <paramref name="batch"/>.</summary>
    /// <param name="batch">Quoted options.</param>
    /// <param name="vol">Receives the implied vol per row (NaN unless Ok).</param>
    /// <param name="status">Receives the status per row.</param>
    /// <param name="options">Threads and chunking; null means all cores.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>Counts.</returns>
    /// <exception cref="ArgumentException">When an output span's length differs from the batch.</exception>
    /// <exception cref="OperationCanceledException">When cancelled; outputs are then partly written.</exception>
    public static ImpliedVolResult Compute(in ImpliedVolBatch batch, Span<double> vol, Span<ImpliedVolStatus> status,
        ImpliedVolOptions? options = null, CancellationToken cancellationToken = default)
    {
        int n = batch.Count;
        if (vol.Length != n)
        {
            throw new ArgumentException($"Output span 'vol' has {vol.Length} rows but the batch has {n}: pass one element per option.", nameof(vol));
        }

        if (status.Length != n)
        {
            throw new ArgumentException($"Output span 'status' has {status.Length} rows but the batch has {n}: pass one element per option.", nameof(status));
        }

        options ??= ImpliedVolOptions.Default;
        int chunk = Math.Max(Block, options.ChunkSize);
        int threads = options.MaxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        int lanes = NormaliseLanes;
        if (threads == 1 || n < options.ParallelThreshold || n <= chunk)
        {
            int ok = 0;
            for (int start = 0; start < n; start += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int len = Math.Min(chunk, n - start);
                ok += ComputeChunk(batch.Slice(start, len), vol.Slice(start, len), status.Slice(start, len), options.VectorizeSolve);
            }

            return new ImpliedVolResult(n, ok, 1, lanes);
        }

        return ComputeParallel(batch, vol, status, chunk, threads, lanes, options.VectorizeSolve, cancellationToken);
    }

    private static unsafe ImpliedVolResult ComputeParallel(in ImpliedVolBatch batch, Span<double> vol, Span<ImpliedVolStatus> status,
        int chunk, int threads, int lanes, bool vectorSolve, CancellationToken cancellationToken)
    {
        int n = batch.Count;
        fixed (OptionKind* pKind = batch.Kind)
        fixed (double* pS = batch.Underlying, pK = batch.Strike, pT = batch.Time, pP = batch.Price, pR = batch.Rate, pQ = batch.DividendYield)
        fixed (PricingModel* pM = batch.Model)
        fixed (double* pVol = vol)
        fixed (ImpliedVolStatus* pSt = status)
        {
            var ptrs = new Pointers(pKind, pS, pK, pT, pP, pR, pQ, batch.DividendYield.IsEmpty, pM, batch.Model.IsEmpty, pVol, pSt, vectorSolve);
            int chunks = (n + chunk - 1) / chunk;
            int ok = 0;
            var po = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads };
            Parallel.For(0, chunks, po, () => 0, (c, _, local) =>
            {
                int start = c * chunk;
                int len = Math.Min(chunk, n - start);
                return local + ptrs.Run(start, len);
            }, local => Interlocked.Add(ref ok, local));
            return new ImpliedVolResult(n, ok, Math.Min(threads, chunks), lanes);
        }
    }

    /// <summary>Raw addresses of pinned spans, so that chunks can be rebuilt as spans on worker threads.</summary>
    private readonly unsafe struct Pointers(OptionKind* kind, double* s, double* k, double* t, double* p, double* r, double* q, bool noQ,
        PricingModel* m, bool noModel, double* vol, ImpliedVolStatus* st, bool vectorSolve)
    {
        public int Run(int start, int len)
        {
            var batch = new ImpliedVolBatch(
                new ReadOnlySpan<OptionKind>(kind + start, len), new ReadOnlySpan<double>(s + start, len),
                new ReadOnlySpan<double>(k + start, len), new ReadOnlySpan<double>(t + start, len),
                new ReadOnlySpan<double>(p + start, len), new ReadOnlySpan<double>(r + start, len),
                noQ ? default : new ReadOnlySpan<double>(q + start, len),
                noModel ? default : new ReadOnlySpan<PricingModel>(m + start, len));
            return ComputeChunk(batch, new Span<double>(vol + start, len), new Span<ImpliedVolStatus>(st + start, len), vectorSolve);
        }
    }

    /// <summary>One chunk on the calling thread, in blocks of 256 rows. Returns the Ok count.</summary>
    internal static int ComputeChunk(in ImpliedVolBatch batch, Span<double> vol, Span<ImpliedVolStatus> status, bool vectorSolve)
    {
        Span<double> theta = stackalloc double[Block];
        Span<double> carry = stackalloc double[Block];
        Span<double> beta = stackalloc double[Block];
        Span<double> xc = stackalloc double[Block];
        Span<double> sqrtT = stackalloc double[Block];
        Span<double> code = stackalloc double[Block];
        int ok = 0;
        for (int start = 0; start < batch.Count; start += Block)
        {
            int len = Math.Min(Block, batch.Count - start);
            var b = batch.Slice(start, len);
            Prepare(b, theta[..len], carry[..len]);
            Normalise(b.Underlying, b.Strike, b.Time, b.Price, b.Rate, theta[..len], carry[..len], beta[..len], xc[..len], sqrtT[..len], code[..len]);
            ok += Solve(beta[..len], xc[..len], sqrtT[..len], code[..len], vol.Slice(start, len), status.Slice(start, len), vectorSolve);
        }

        return ok;
    }

    /// <summary>Scalar per-row enum decoding: θ = ±1 (NaN for a bad kind or model) and the carry r - q (0 for Black-76).</summary>
    private static void Prepare(in ImpliedVolBatch b, Span<double> theta, Span<double> carry)
    {
        ReadOnlySpan<OptionKind> kind = b.Kind;
        ReadOnlySpan<PricingModel> model = b.Model;
        ReadOnlySpan<double> rate = b.Rate;
        ReadOnlySpan<double> q = b.DividendYield;
        for (int i = 0; i < theta.Length; i++)
        {
            DecodeRow(kind[i], model.IsEmpty ? PricingModel.BlackScholesMerton : model[i], rate[i], q.IsEmpty ? 0.0 : q[i], out theta[i], out carry[i]);
        }
    }

    /// <summary>One row's enum decoding (shared with the GPU kernel): θ = ±1 (NaN for a bad kind or model) and the carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void DecodeRow(OptionKind k, PricingModel m, double rate, double q, out double theta, out double carry)
    {
        bool good = (k == OptionKind.Call || k == OptionKind.Put) && (m == PricingModel.BlackScholesMerton || m == PricingModel.Black76);
        theta = good ? (k == OptionKind.Call ? 1.0 : -1.0) : double.NaN;
        // A non-finite q only matters to BSM rows (Black-76 ignores it): it poisons their carry → invalid.
        carry = m == PricingModel.Black76 ? 0.0 : rate - q;
    }

    /// <summary>float64 lanes of the normalisation pass: the widest accelerated vector width, 1 when none is.</summary>
    internal static int NormaliseLanes => Vector512DoubleOps.IsHardwareAccelerated ? Vector512DoubleOps.Count
        : Vector256DoubleOps.IsHardwareAccelerated ? Vector256DoubleOps.Count
        : Vector128DoubleOps.IsHardwareAccelerated ? Vector128DoubleOps.Count : 1;

    /// <summary>
    /// Normalisation and parity of a block (F = S e^{(r-q)T}, P = price e^{rT}, x = ln(F/K), the in-the-money reflection,
    /// β = P/√(FK), x_c = -|x|, a code per row): <see cref="NormaliseRow{T, TMask, TOps}"/> over the widest accelerated
    /// vector width (8, 4 or 2 lanes), the scalar instantiation when no width is accelerated or the block is narrower.
    /// </summary>
    private static void Normalise(ReadOnlySpan<double> s, ReadOnlySpan<double> k, ReadOnlySpan<double> t, ReadOnlySpan<double> price,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> theta, ReadOnlySpan<double> carry,
        Span<double> beta, Span<double> xc, Span<double> sqrtT, Span<double> code)
    {
        if (Vector512DoubleOps.IsHardwareAccelerated)
        {
            NormaliseVectors<Vector512<double>, Vector512DoubleOps>(s, k, t, price, rate, theta, carry, beta, xc, sqrtT, code);
        }
        else if (Vector256DoubleOps.IsHardwareAccelerated)
        {
            NormaliseVectors<Vector256<double>, Vector256DoubleOps>(s, k, t, price, rate, theta, carry, beta, xc, sqrtT, code);
        }
        else if (Vector128DoubleOps.IsHardwareAccelerated)
        {
            NormaliseVectors<Vector128<double>, Vector128DoubleOps>(s, k, t, price, rate, theta, carry, beta, xc, sqrtT, code);
        }
        else
        {
            NormaliseScalar(s, k, t, price, rate, theta, carry, beta, xc, sqrtT, code);
        }
    }

    /// <summary>
    /// <see cref="NormaliseRow{T, TMask, TOps}"/> over <typeparamref name="TOps"/>' lanes; a ragged end is one more
    /// vector overlapping the last full one (rows are recomputed to the same values), and a block narrower than one
    /// vector takes the scalar rows. Outputs must not alias inputs.
    /// </summary>
    internal static unsafe void NormaliseVectors<TVec, TOps>(ReadOnlySpan<double> s, ReadOnlySpan<double> k, ReadOnlySpan<double> t,
        ReadOnlySpan<double> price, ReadOnlySpan<double> rate, ReadOnlySpan<double> theta, ReadOnlySpan<double> carry,
        Span<double> beta, Span<double> xc, Span<double> sqrtT, Span<double> code)
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, double>
    {
        int n = s.Length;
        int w = TOps.Count;
        if (k.Length != n || t.Length != n || price.Length != n || rate.Length != n || theta.Length != n || carry.Length != n
            || beta.Length != n || xc.Length != n || sqrtT.Length != n || code.Length != n)
        {
            throw new ArgumentException("Normalisation spans differ in length.");
        }

        if (n < w)
        {
            NormaliseScalar(s, k, t, price, rate, theta, carry, beta, xc, sqrtT, code);
            return;
        }

        fixed (double* pS = s, pK = k, pT = t, pP = price, pR = rate, pTh = theta, pC = carry)
        fixed (double* pB = beta, pX = xc, pSq = sqrtT, pCo = code)
        {
            for (int i = 0; ; i += w)
            {
                if (i > n - w)
                {
                    if (i == n) break;
                    i = n - w; // the overlapping last vector
                }

                NormaliseRow<TVec, TVec, TOps>(TOps.Load(pS + i), TOps.Load(pK + i), TOps.Load(pT + i), TOps.Load(pP + i),
                    TOps.Load(pR + i), TOps.Load(pTh + i), TOps.Load(pC + i),
                    out TVec b, out TVec x, out TVec sq, out TVec c);
                TOps.Store(b, pB + i);
                TOps.Store(x, pX + i);
                TOps.Store(sq, pSq + i);
                TOps.Store(c, pCo + i);
                if (i == n - w) break;
            }
        }
    }

    /// <summary>The block's rows one at a time over <see cref="ScalarDoubleOps"/>.</summary>
    private static void NormaliseScalar(ReadOnlySpan<double> s, ReadOnlySpan<double> k, ReadOnlySpan<double> t,
        ReadOnlySpan<double> price, ReadOnlySpan<double> rate, ReadOnlySpan<double> theta, ReadOnlySpan<double> carry,
        Span<double> beta, Span<double> xc, Span<double> sqrtT, Span<double> code)
    {
        for (int i = 0; i < s.Length; i++)
        {
            NormaliseRow<double, bool, ScalarDoubleOps>(s[i], k[i], t[i], price[i], rate[i], theta[i], carry[i],
                out beta[i], out xc[i], out sqrtT[i], out code[i]);
        }
    }

    /// <summary>
    /// The normalisation and parity, written once over <typeparamref name="TOps"/> and branch-free (lane masks): one row
    /// for the scalar instantiation (the CPU's narrow blocks and the GPU kernel's first half), a vector of rows for the
    /// SIMD one. F = S e^{(r-q)T}, P = price e^{rT}; a row is valid when S, K, T &gt; 0, every input is finite, F is finite
    /// and positive and P finite; invalid lanes compute on stand-ins (1.0) and get β = x_c = NaN and the invalid code.
    /// x = (r-q)T + ln(S/K) (<see cref="IMathOps{T, TMask}.LogRatio"/>: the pricer's x), intrinsic (θ(F-K))⁺, maximum
    /// (K for puts, F for calls), the in-the-money reflection P → (P - intrinsic)⁺, β = P/(√F√K), x_c = -|x|, √T of the
    /// raw T, and the code in priority invalid &gt; below intrinsic &gt; above maximum &gt; zero time value (β ≤ 0) &gt; solve.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void NormaliseRow<T, TMask, TOps>(T s, T k, T t, T price, T rate, T theta, T carry,
        out T beta, out T xc, out T sqrtT, out T code)
        where T : struct
        where TMask : struct
        where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T one = TOps.C(1.0);
        T f = TOps.Mul(s, TOps.Exp(TOps.Mul(carry, t)));
        T pu = TOps.Mul(price, TOps.Exp(TOps.Mul(rate, t)));
        TMask valid = TOps.And(TOps.And(TOps.LessThan(zero, s), TOps.LessThan(zero, k)), TOps.LessThan(zero, t));
        valid = TOps.And(valid, TOps.And(TOps.And(IsFinite<T, TMask, TOps>(s), IsFinite<T, TMask, TOps>(k)), IsFinite<T, TMask, TOps>(t)));
        valid = TOps.And(valid, TOps.And(TOps.And(IsFinite<T, TMask, TOps>(price), IsFinite<T, TMask, TOps>(rate)), IsFinite<T, TMask, TOps>(carry)));
        valid = TOps.And(valid, TOps.And(IsFinite<T, TMask, TOps>(theta), IsFinite<T, TMask, TOps>(f)));
        valid = TOps.And(valid, TOps.And(TOps.LessThan(zero, f), IsFinite<T, TMask, TOps>(pu)));
        sqrtT = TOps.Sqrt(t);

        // Stand-ins for invalid lanes, so that the log and square roots see positive finite arguments.
        T sS = TOps.Select(valid, s, one);
        T kS = TOps.Select(valid, k, one);
        T fS = TOps.Select(valid, f, one);
        T x = TOps.Fma(carry, t, TOps.LogRatio(sS, kS)); // the pricer's ln(F/K)
        T intrinsic = TOps.Max(TOps.Mul(theta, TOps.Sub(fS, kS)), zero);
        T maxPrice = TOps.Select(TOps.LessThan(theta, zero), kS, fS);
        T otm = TOps.Select(TOps.LessThan(zero, TOps.Mul(theta, x)), TOps.Max(TOps.Sub(pu, intrinsic), zero), pu);
        T b = TOps.Div(otm, TOps.Mul(TOps.Sqrt(fS), TOps.Sqrt(kS)));

        T c = TOps.Select(TOps.Or(TOps.LessThan(b, zero), TOps.Equal(b, zero)), TOps.C(CodeZero), TOps.C(CodeSolve));
        c = TOps.Select(TOps.Or(TOps.LessThan(maxPrice, pu), TOps.Equal(pu, maxPrice)), TOps.C(CodeAbove), c);
        c = TOps.Select(TOps.LessThan(pu, intrinsic), TOps.C(CodeBelow), c);
        T nan = TOps.C(double.NaN);
        code = TOps.Select(valid, c, TOps.C(CodeInvalid));
        beta = TOps.Select(valid, b, nan);
        xc = TOps.Select(valid, TOps.Neg(TOps.Abs(x)), nan);
    }

    /// <summary>v - v == 0: false for NaN and ±∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TMask IsFinite<T, TMask, TOps>(T v)
        where T : struct
        where TMask : struct
        where TOps : struct, IMathOps<T, TMask>
        => TOps.Equal(TOps.Sub(v, v), TOps.C(0.0));

    /// <summary>Scalar per lane: the rational guess and Householder steps, then σ = s/√T.</summary>
    private static int Solve(ReadOnlySpan<double> beta, ReadOnlySpan<double> xc, ReadOnlySpan<double> sqrtT, ReadOnlySpan<double> code,
        Span<double> vol, Span<ImpliedVolStatus> status, bool vectorSolve)
    {
        int ok = 0;
        int i = 0;
        if (vectorSolve && Vector512DoubleOps.IsHardwareAccelerated)
        {
            for (; i <= vol.Length - 8; i += 8)
            {
                bool all = true;
                for (int j = i; j < i + 8; j++) all &= code[j] == CodeSolve;
                if (!all)
                {
                    for (int j = i; j < i + 8; j++) ok += SolveRow(j, beta, xc, sqrtT, code, vol, status);
                    continue;
                }

                ulong done = VectorLetsBeRational.TrySolve<Vector512<double>, Vector512DoubleOps>(
                    Vector512.Create(beta.Slice(i, 8)), Vector512.Create(xc.Slice(i, 8)), out Vector512<double> s);
                for (int lane = 0; lane < 8; lane++)
                {
                    int j = i + lane;
                    if ((done & (1UL << lane)) != 0)
                    {
                        vol[j] = s.GetElement(lane) / sqrtT[j];
                        status[j] = ImpliedVolStatus.Ok;
                        ok++;
                    }
                    else
                    {
                        ok += SolveRow(j, beta, xc, sqrtT, code, vol, status);
                    }
                }
            }
        }

        if (vectorSolve && Vector256DoubleOps.IsHardwareAccelerated)
        {
            // Four rows at a time (eight above with AVX-512) where all need solving: the vector guess + Householder for
            // middle-branch lanes, the scalar code for the lanes it hands back.
            for (; i <= vol.Length - 4; i += 4)
            {
                if (code[i] != CodeSolve || code[i + 1] != CodeSolve || code[i + 2] != CodeSolve || code[i + 3] != CodeSolve)
                {
                    for (int j = i; j < i + 4; j++) ok += SolveRow(j, beta, xc, sqrtT, code, vol, status);
                    continue;
                }

                ulong done = VectorLetsBeRational.TrySolve<Vector256<double>, Vector256DoubleOps>(
                    Vector256.Create(beta.Slice(i, 4)), Vector256.Create(xc.Slice(i, 4)), out Vector256<double> s);
                for (int lane = 0; lane < 4; lane++)
                {
                    int j = i + lane;
                    if ((done & (1UL << lane)) != 0)
                    {
                        vol[j] = s.GetElement(lane) / sqrtT[j];
                        status[j] = ImpliedVolStatus.Ok;
                        ok++;
                    }
                    else
                    {
                        ok += SolveRow(j, beta, xc, sqrtT, code, vol, status);
                    }
                }
            }
        }

        for (; i < vol.Length; i++) ok += SolveRow(i, beta, xc, sqrtT, code, vol, status);
        return ok;
    }

    /// <summary>One row, scalar. Returns 1 when Ok.</summary>
    private static int SolveRow(int i, ReadOnlySpan<double> beta, ReadOnlySpan<double> xc, ReadOnlySpan<double> sqrtT, ReadOnlySpan<double> code,
        Span<double> vol, Span<ImpliedVolStatus> status)
    {
        vol[i] = FinishRow<ScalarDoubleOps>(beta[i], xc[i], sqrtT[i], code[i], out ImpliedVolStatus st);
        status[i] = st;
        return st == ImpliedVolStatus.Ok ? 1 : 0;
    }

    /// <summary>
    /// One normalised row to its vol and status (shared with the GPU kernel): the scalar Let's Be Rational solve for rows
    /// that need it, the pre-pass verdict for the others. NaN unless Ok.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double FinishRow<TOps>(double beta, double xc, double sqrtT, double code, out ImpliedVolStatus status)
        where TOps : struct, IMathOps<double, bool>
    {
        if (code == CodeSolve)
        {
            double s = LetsBeRational.SolveOtmCall<TOps>(beta, xc, out status);
            return status == ImpliedVolStatus.Ok ? s / sqrtT : double.NaN;
        }

        if (code == CodeZero)
        {
            status = ImpliedVolStatus.Ok;
            return 0.0;
        }

        status = code == CodeBelow ? ImpliedVolStatus.BelowIntrinsic : code == CodeAbove ? ImpliedVolStatus.AboveMaximum : ImpliedVolStatus.InvalidInput;
        return double.NaN;
    }
}
