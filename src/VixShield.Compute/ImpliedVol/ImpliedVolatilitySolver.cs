using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// Bulk implied volatility over spans with <see cref="LetsBeRational"/>. Never throws for a row: each row gets an
/// <see cref="ImpliedVolStatus"/> and NaN unless Ok. Work is split into chunks over the thread pool (cancellation
/// between chunks). Within a block of 256 rows, the normalisation (forward, undiscounting, x = ln(F/K)) and the
/// put-call-parity reflection onto the out-of-the-money side (intrinsic, maximum, β = price/√(FK)) run as
/// <see cref="Vector{T}"/> code; then 8 (AVX-512) or 4 (AVX2) rows at a time run the rational guess and the two
/// Householder steps in vector lanes for the rows whose guess is in the two middle branches
/// (<see cref="VectorLetsBeRational"/>), and the scalar code for the others (lowest/highest branch, asymptotic region,
/// bad rows). Measured in kernels-docs/implied-vol.md. The sequential path allocates nothing.
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
        int lanes = Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;
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

    /// <summary>
    /// Vectorised normalisation and parity: F = S e^{(r-q)T}, P = price e^{rT}, x = ln(F/K), intrinsic (θ(F-K))⁺,
    /// maximum (F for calls, K for puts), the in-the-money reflection P → P - intrinsic, β = P/√(FK), x_c = -|x|,
    /// and a code per row (solve, below intrinsic, above maximum, invalid, zero time value).
    /// </summary>
    private static void Normalise(ReadOnlySpan<double> s, ReadOnlySpan<double> k, ReadOnlySpan<double> t, ReadOnlySpan<double> price,
        ReadOnlySpan<double> rate, ReadOnlySpan<double> theta, ReadOnlySpan<double> carry,
        Span<double> beta, Span<double> xc, Span<double> sqrtT, Span<double> code)
    {
        int i = 0;
        int n = s.Length;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var zero = Vector<double>.Zero;
            for (; i <= n - w; i += w)
            {
                var vs = new Vector<double>(s[i..]);
                var vk = new Vector<double>(k[i..]);
                var vt = new Vector<double>(t[i..]);
                var vp = new Vector<double>(price[i..]);
                var vr = new Vector<double>(rate[i..]);
                var vth = new Vector<double>(theta[i..]);
                var vc = new Vector<double>(carry[i..]);
                // Clamp exponent arguments only for lanes that are invalid anyway (keeps Vector.Exp on its fast path).
                var f = vs * Vector.Exp(Vector.Min(Vector.Max(vc * vt, new Vector<double>(-700)), new Vector<double>(700)));
                var pu = vp * Vector.Exp(Vector.Min(Vector.Max(vr * vt, new Vector<double>(-700)), new Vector<double>(700)));
                var valid = Vector.GreaterThan(vs, zero) & Vector.GreaterThan(vk, zero) & Vector.GreaterThan(vt, zero)
                    & IsFinite(vs) & IsFinite(vk) & IsFinite(vt) & IsFinite(vp) & IsFinite(vr) & IsFinite(vc) & IsFinite(vth)
                    & IsFinite(f) & Vector.GreaterThan(f, zero) & IsFinite(pu);
                var fSafe = Vector.ConditionalSelect(valid, f, Vector<double>.One);
                var kSafe = Vector.ConditionalSelect(valid, vk, Vector<double>.One);
                var sSafe = Vector.ConditionalSelect(valid, vs, Vector<double>.One);
                // x = (r - q)T + ln(S/K), ln(S/K) with the quotient's rounding put back: the pricer's x
                // (BlackGreeks.LogRatio), so that a price inverts to its own vol at 0DTE.
                var u = sSafe / kSafe;
                var logSK = Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(-u, kSafe, sSafe), Vector<double>.One / sSafe, Vector.Log(u));
                var x = Vector.FusedMultiplyAdd(vc, vt, logSK);
                var intrinsic = Vector.Max(vth * (fSafe - kSafe), zero);
                var maxPrice = Vector.ConditionalSelect(Vector.LessThan(vth, zero), kSafe, fSafe);
                var itm = Vector.GreaterThan(vth * x, zero);
                var otmPrice = Vector.ConditionalSelect(itm, Vector.Max(pu - intrinsic, zero), pu);
                var vb = otmPrice / (Vector.SquareRoot(fSafe) * Vector.SquareRoot(kSafe));
                var c = Vector.ConditionalSelect(Vector.LessThanOrEqual(vb, zero), new Vector<double>(CodeZero), new Vector<double>(CodeSolve));
                c = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(pu, maxPrice), new Vector<double>(CodeAbove), c);
                c = Vector.ConditionalSelect(Vector.LessThan(pu, intrinsic), new Vector<double>(CodeBelow), c);
                c = Vector.ConditionalSelect(valid, c, new Vector<double>(CodeInvalid));
                vb.CopyTo(beta[i..]);
                (-Vector.Abs(x)).CopyTo(xc[i..]);
                Vector.SquareRoot(vt).CopyTo(sqrtT[i..]);
                c.CopyTo(code[i..]);
            }
        }

        for (; i < n; i++)
        {
            NormaliseRow<ScalarDoubleOps>(s[i], k[i], t[i], price[i], rate[i], theta[i], carry[i], out beta[i], out xc[i], out sqrtT[i], out code[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<long> IsFinite(Vector<double> v)
        => Vector.Equals(v - v, Vector<double>.Zero);

    /// <summary>
    /// One row of the normalisation and parity (the scalar tail of the vector body, and the GPU kernel's first half):
    /// the same steps as the vector body over <typeparamref name="TOps"/>' exp, log and square root.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void NormaliseRow<TOps>(double s, double k, double t, double price, double rate, double theta, double carry,
        out double beta, out double xc, out double sqrtT, out double code)
        where TOps : struct, IMathOps<double, bool>
    {
        double f = s * TOps.Exp(carry * t);
        double pu = price * TOps.Exp(rate * t);
        bool valid = s > 0 && k > 0 && t > 0 && IsFinite(s) && IsFinite(k) && IsFinite(t) && IsFinite(price)
            && IsFinite(rate) && IsFinite(carry) && IsFinite(theta) && IsFinite(f) && f > 0 && IsFinite(pu);
        sqrtT = TOps.Sqrt(t);
        if (!valid)
        {
            beta = xc = double.NaN;
            code = CodeInvalid;
            return;
        }

        double x = TOps.Fma(carry, t, TOps.LogRatio(s, k)); // the pricer's ln(F/K)
        double intrinsic = Math.Max(theta * (f - k), 0.0);
        double maxPrice = theta < 0 ? k : f;
        double otm = theta * x > 0 ? Math.Max(pu - intrinsic, 0.0) : pu;
        beta = otm / (TOps.Sqrt(f) * TOps.Sqrt(k));
        xc = -Math.Abs(x);
        code = pu < intrinsic ? CodeBelow : pu >= maxPrice ? CodeAbove : beta <= 0 ? CodeZero : CodeSolve;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFinite(double v) => v - v == 0;

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
