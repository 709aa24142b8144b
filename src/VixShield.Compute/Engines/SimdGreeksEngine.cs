using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Engines;

/// <summary>
/// The SIMD CPU engine: the shared <see cref="BlackGreeks"/> formula evaluated on whole vectors with
/// System.Runtime.Intrinsics (Vector512 where accelerated, else Vector256, else Vector128, else the scalar
/// reference rows), on every core. A batch is cut into cache-sized chunks run over the thread pool;
/// cancellation is checked between chunks. Rows with invalid inputs and the degenerate cases (t = 0,
/// σ√t = 0) are computed by the scalar reference row, so statuses and those outputs are the reference's;
/// regular rows agree with the scalar engine to about 1e-15 relative in float64 (vector exp/log differ from
/// Math.Exp/Log by an ulp). Stateless after construction: safe to call from many threads at once.
/// Allocation per call: none for batches of one chunk; the thread-pool fan-out allocates a few hundred bytes.
/// </summary>
public sealed class SimdGreeksEngine : IGreeksEngine, Grid.IGridGreeksEngine
{
    /// <summary>Smallest chunk handed to one thread-pool work item (options).</summary>
    public const int MinChunk = 2048;

    /// <summary>Largest chunk (options): inputs and outputs of one chunk stay in L2.</summary>
    public const int MaxChunk = 8192;

    private readonly int _bits;
    private readonly int _threads;

    /// <summary>Creates the engine with the widest vector width accelerated here.</summary>
    /// <param name="options">Threads (<see cref="GreeksEngineOptions.MaxDegreeOfParallelism"/>) and logging.</param>
    public SimdGreeksEngine(GreeksEngineOptions? options = null)
        : this(options, 512)
    {
    }

    /// <summary>Creates the engine with at most <paramref name="maxVectorBits"/>-bit vectors (512, 256, 128, or 64 for
    /// the scalar rows); the widest accelerated width not above it is used. For tests and comparisons.</summary>
    /// <param name="options">Threads and logging.</param>
    /// <param name="maxVectorBits">Upper bound on the vector width in bits.</param>
    /// <exception cref="ArgumentOutOfRangeException">When the thread count is below 1 or the width is not 64, 128, 256 or 512.</exception>
    public SimdGreeksEngine(GreeksEngineOptions? options, int maxVectorBits)
    {
        options ??= new GreeksEngineOptions();
        if (maxVectorBits is not (64 or 128 or 256 or 512))
        {
            throw new ArgumentOutOfRangeException(nameof(maxVectorBits), maxVectorBits, "Use 512, 256, 128 or 64 (scalar).");
        }

        _threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        if (_threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _threads, "MaxDegreeOfParallelism must be at least 1 (or null for every core).");
        }

        _bits = ChooseBits(maxVectorBits);
        string isa = _bits switch
        {
            512 => "AVX-512",
            256 => "AVX2/AVX",
            128 => System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "NEON" : "SSE",
            _ => "scalar (no vector hardware acceleration)",
        };
        string lanes = _bits > 64 ? $"{_bits / 64} x float64 / {_bits / 32} x float32 lanes" : "1 lane";
        Info = new EngineInfo(
            "simd", EngineKind.Simd, $"{Environment.ProcessorCount}-core CPU", _bits, _threads,
            $"SIMD CPU engine: {_bits}-bit vectors ({isa}, {lanes}), {_threads} thread(s), chunks of {MinChunk}..{MaxChunk} options");
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SimdGreeksEngine>();
        logger.LogInformation("SIMD engine: {Bits}-bit vectors ({Isa}), {Threads} thread(s)", _bits, isa, _threads);
    }

    /// <inheritdoc/>
    public EngineInfo Info { get; }

    /// <summary>Nothing to release: a CPU engine holds no unmanaged resources.</summary>
    public void Dispose()
    {
    }

    /// <summary>The vector width in use, in bits (64 means the scalar reference rows).</summary>
    public int VectorBits => _bits;

    /// <summary>The widest vector width accelerated on this machine (512, 256, 128, or 64 when none is).</summary>
    public static int BestVectorBits => ChooseBits(512);

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
        => _bits switch
        {
            512 => Run<double, Vector512<double>, Vector512DoubleOps, ScalarDoubleOps>(batch, output, Precision.Double, cancellationToken),
            256 => Run<double, Vector256<double>, Vector256DoubleOps, ScalarDoubleOps>(batch, output, Precision.Double, cancellationToken),
            128 => Run<double, Vector128<double>, Vector128DoubleOps, ScalarDoubleOps>(batch, output, Precision.Double, cancellationToken),
            _ => Run<double, double, NoVectorOps<double>, ScalarDoubleOps>(batch, output, Precision.Double, cancellationToken),
        };

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default)
        => _bits switch
        {
            512 => Run<float, Vector512<float>, Vector512SingleOps, ScalarSingleOps>(batch, output, Precision.Single, cancellationToken),
            256 => Run<float, Vector256<float>, Vector256SingleOps, ScalarSingleOps>(batch, output, Precision.Single, cancellationToken),
            128 => Run<float, Vector128<float>, Vector128SingleOps, ScalarSingleOps>(batch, output, Precision.Single, cancellationToken),
            _ => Run<float, float, NoVectorOps<float>, ScalarSingleOps>(batch, output, Precision.Single, cancellationToken),
        };

    private static int ChooseBits(int max)
    {
        if (max >= 512 && Vector512.IsHardwareAccelerated) return 512;
        if (max >= 256 && Vector256.IsHardwareAccelerated) return 256;
        if (max >= 128 && Vector128.IsHardwareAccelerated) return 128;
        return 64;
    }

    /// <summary>Chunk size for <paramref name="n"/> rows: about four chunks per thread, within [MinChunk, MaxChunk], a multiple of 64.</summary>
    internal static int ChunkSize(int n, int threads)
    {
        long target = ((long)n + (4L * threads) - 1) / (4L * threads);
        int c = (int)Math.Clamp(target, MinChunk, MaxChunk);
        return (c + 63) & ~63;
    }

    private unsafe ComputeResult Run<T, TVec, TOps, TScalar>(in OptionBatch<T> batch, in GreeksOutput<T> output, Precision precision, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        int n = batch.Count;
        output.Validate(n);
        ct.ThrowIfCancellationRequested();
        if (n == 0) return new ComputeResult(Info.Name, precision, 0, 0);

        fixed (OptionKind* pKind = batch.Kind)
        fixed (PricingModel* pModel = batch.Model)
        fixed (T* pS = batch.Underlying, pK = batch.Strike, pT = batch.Time, pV = batch.Vol, pR = batch.Rate, pQ = batch.DividendYield)
        fixed (OptionStatus* pStatus = output.Status)
        {
            var job = new Job<T, TVec, TOps, TScalar>
            {
                Batch = new RawBatch<T> { Kind = pKind, Model = pModel, S = pS, K = pK, Time = pT, Vol = pV, Rate = pR, Div = pQ, Count = n },
                Output = new RawOutput<T> { Status = pStatus, Wanted = output.Requested },
                Chunk = ChunkSize(n, _threads), Threads = _threads, Ct = ct,
            };
            int invalid = SimdKernel.WithPinnedOutputs(output, ref job.Output, ref job, &Job<T, TVec, TOps, TScalar>.RunAll);
            return new ComputeResult(Info.Name, precision, n, invalid);
        }
    }

    /// <summary>
    /// Grid fast path (used by <see cref="Grid.GreeksGrid"/>): <paramref name="rows"/> is the grid flattened expiry-major
    /// (<paramref name="strikeCount"/> rows per expiry); √t, e^{-rt}, e^{-qt} are computed once per expiry and
    /// broadcast. Expiries with t = 0 or invalid per-expiry inputs, and expiries shorter than one vector, go through the
    /// batch path. Results equal <see cref="Compute(in OptionBatch{double}, in GreeksOutput{double}, CancellationToken)"/> on the same rows.
    /// </summary>
    ComputeResult Grid.IGridGreeksEngine.ComputeGrid<T>(in OptionBatch<T> rows, in GreeksOutput<T> output, int strikeCount, Grid.GridExpiry[] expiries, PricingModel model, double spot, CancellationToken ct)
    {
        if (typeof(T) == typeof(double))
        {
            var b = Unsafe.As<OptionBatch<T>, OptionBatch<double>>(ref Unsafe.AsRef(in rows));
            var o = Unsafe.As<GreeksOutput<T>, GreeksOutput<double>>(ref Unsafe.AsRef(in output));
            return _bits switch
            {
                512 => RunGrid<double, Vector512<double>, Vector512DoubleOps, ScalarDoubleOps>(b, o, strikeCount, expiries, model, spot, Precision.Double, ct),
                256 => RunGrid<double, Vector256<double>, Vector256DoubleOps, ScalarDoubleOps>(b, o, strikeCount, expiries, model, spot, Precision.Double, ct),
                128 => RunGrid<double, Vector128<double>, Vector128DoubleOps, ScalarDoubleOps>(b, o, strikeCount, expiries, model, spot, Precision.Double, ct),
                _ => Compute(b, o, ct),
            };
        }
        else
        {
            var b = Unsafe.As<OptionBatch<T>, OptionBatch<float>>(ref Unsafe.AsRef(in rows));
            var o = Unsafe.As<GreeksOutput<T>, GreeksOutput<float>>(ref Unsafe.AsRef(in output));
            return _bits switch
            {
                512 => RunGrid<float, Vector512<float>, Vector512SingleOps, ScalarSingleOps>(b, o, strikeCount, expiries, model, spot, Precision.Single, ct),
                256 => RunGrid<float, Vector256<float>, Vector256SingleOps, ScalarSingleOps>(b, o, strikeCount, expiries, model, spot, Precision.Single, ct),
                128 => RunGrid<float, Vector128<float>, Vector128SingleOps, ScalarSingleOps>(b, o, strikeCount, expiries, model, spot, Precision.Single, ct),
                _ => Compute(b, o, ct),
            };
        }
    }

    private unsafe ComputeResult RunGrid<T, TVec, TOps, TScalar>(
        in OptionBatch<T> batch, in GreeksOutput<T> output, int strikeCount, Grid.GridExpiry[] expiries, PricingModel model, double spot, Precision precision, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        int n = batch.Count;
        output.Validate(n);
        if (n != strikeCount * expiries.Length) throw new ArgumentException("The grid rows do not match strikes x expiries.", nameof(batch));
        ct.ThrowIfCancellationRequested();
        fixed (OptionKind* pKind = batch.Kind)
        fixed (PricingModel* pModel = batch.Model)
        fixed (T* pS = batch.Underlying, pK = batch.Strike, pT = batch.Time, pV = batch.Vol, pR = batch.Rate, pQ = batch.DividendYield)
        fixed (OptionStatus* pStatus = output.Status)
        {
            int chunk = ChunkSize(n, _threads);
            int pieces = Math.Max(1, strikeCount / chunk);
            var job = new GridJob<T, TVec, TOps, TScalar>
            {
                Batch = new RawBatch<T> { Kind = pKind, Model = pModel, S = pS, K = pK, Time = pT, Vol = pV, Rate = pR, Div = pQ, Count = n },
                Output = new RawOutput<T> { Status = pStatus, Wanted = output.Requested },
                StrikeCount = strikeCount, Pieces = pieces, Expiries = expiries, Model = model, Spot = spot,
                Threads = _threads, Ct = ct, SmallBatch = n < 2 * MinChunk,
            };
            int invalid = SimdKernel.WithPinnedOutputs(output, ref job.Output, ref job, &GridJob<T, TVec, TOps, TScalar>.RunAll);
            return new ComputeResult(Info.Name, precision, n, invalid);
        }
    }

    /// <summary>One grid call's pinned work: item c is piece (c % Pieces) of expiry (c / Pieces).</summary>
    private struct GridJob<T, TVec, TOps, TScalar>
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        public RawBatch<T> Batch;
        public RawOutput<T> Output;
        public int StrikeCount, Pieces;
        public Grid.GridExpiry[] Expiries;
        public PricingModel Model;
        public double Spot;
        public int Threads;
        public CancellationToken Ct;
        public bool SmallBatch;

        /// <summary>Every item, on this thread or fanned out (called with the outputs pinned).</summary>
        public static int RunAll(ref GridJob<T, TVec, TOps, TScalar> job)
        {
            int items = job.Pieces * job.Expiries.Length;
            if (items == 1 || job.Threads == 1 || job.SmallBatch)
            {
                int invalid = 0;
                for (int c = 0; c < items; c++)
                {
                    job.Ct.ThrowIfCancellationRequested();
                    invalid += job.RunItem(c);
                }

                return invalid;
            }

            return job.RunParallel(items, job.Threads, job.Ct);
        }

        public readonly int RunItem(int c)
        {
            int e = c / Pieces, piece = c % Pieces;
            int per = StrikeCount / Pieces;
            int start = (e * StrikeCount) + (piece * per);
            int end = piece == Pieces - 1 ? (e + 1) * StrikeCount : start + per;
            Grid.GridExpiry x = Expiries[e];
            bool b76 = Model == PricingModel.Black76;
            double u = b76 ? x.Forward : Spot;
            T ut = T.CreateTruncating(u), tt = T.CreateTruncating(x.Time), rt = T.CreateTruncating(x.Rate), qt = T.CreateTruncating(b76 ? 0.0 : x.DividendYield);
            bool fast = end - start >= TOps.Count
                && InputValidation.Check<T, TScalar>(OptionKind.Call, Model, ut, T.One, tt, T.One, rt, qt) == OptionStatus.Ok
                && tt > T.Zero;
            if (!fast) return SimdKernel.RunRange<T, TVec, TOps, TScalar>(Batch, Output, start, end);
            var term = GridTerm<TVec>.Create<T, TOps>(u, x.Time, x.Rate, b76 ? 0.0 : x.DividendYield, b76);
            return SimdKernel.RunGridRange<T, TVec, TOps, TScalar>(Batch, Output, start, end, term);
        }

        public readonly int RunParallel(int items, int threads, CancellationToken ct)
        {
            GridJob<T, TVec, TOps, TScalar> self = this;
            int invalid = 0;
            var po = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
            Parallel.For(0, items, po, c =>
            {
                ct.ThrowIfCancellationRequested();
                int bad = self.RunItem(c);
                if (bad != 0) Interlocked.Add(ref invalid, bad);
            });
            return invalid;
        }
    }

    /// <summary>One call's pinned work, shared by the thread-pool workers (a struct copied into one closure).</summary>
    private struct Job<T, TVec, TOps, TScalar>
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorMathOps<TVec, T>
        where TScalar : struct, IMathOps<T, bool>
    {
        public RawBatch<T> Batch;
        public RawOutput<T> Output;
        public int Chunk;
        public int Threads;
        public CancellationToken Ct;

        /// <summary>Every chunk, on this thread or fanned out (called with the outputs pinned).</summary>
        public static int RunAll(ref Job<T, TVec, TOps, TScalar> job)
        {
            int chunks = Math.Max(1, job.Batch.Count / job.Chunk);
            if (chunks == 1 || job.Threads == 1)
            {
                int invalid = 0;
                for (int c = 0; c < chunks; c++)
                {
                    job.Ct.ThrowIfCancellationRequested();
                    invalid += job.RunChunk(c, chunks);
                }

                return invalid;
            }

            return job.RunParallel(chunks, job.Threads, job.Ct);
        }

        /// <summary>Chunk c of <paramref name="chunks"/>; the last chunk takes the remainder, so every chunk has at least one vector.</summary>
        public readonly int RunChunk(int c, int chunks)
        {
            int start = c * Chunk;
            int end = c == chunks - 1 ? Batch.Count : start + Chunk;
            return TOps.IsHardwareAccelerated && typeof(TVec) != typeof(T)
                ? SimdKernel.RunRange<T, TVec, TOps, TScalar>(Batch, Output, start, end)
                : SimdKernel.RunScalar<T, TScalar>(Batch, Output, start, end);
        }

        public readonly int RunParallel(int chunks, int threads, CancellationToken ct)
        {
            Job<T, TVec, TOps, TScalar> self = this;
            int invalid = 0;
            var po = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct };
            Parallel.For(0, chunks, po, c =>
            {
                ct.ThrowIfCancellationRequested();
                int bad = self.RunChunk(c, chunks);
                if (bad != 0) Interlocked.Add(ref invalid, bad);
            });
            return invalid;
        }
    }
}

/// <summary>Placeholder "vector" ops for the no-hardware path: never used for arithmetic (the scalar rows run instead).</summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly struct NoVectorOps<T> : IVectorMathOps<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static bool IsHardwareAccelerated => false;

    public static bool IsSinglePrecision => typeof(T) == typeof(float);

    public static T ScaleByPowerOfTwo(T x, T n) => x * T.ScaleB(T.One, int.CreateTruncating(n));

    public static T ReducedExponent(T x) => T.CreateTruncating(T.ILogB(x));

    public static T ReducedSignificand(T x) => x / T.ScaleB(T.One, T.ILogB(x));

    public static T C(double value) => T.CreateTruncating(value);

    public static T Add(T a, T b) => a + b;

    public static T Sub(T a, T b) => a - b;

    public static T Mul(T a, T b) => a * b;

    public static T Div(T a, T b) => a / b;

    public static T Neg(T a) => -a;

    public static T Fma(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);

    public static T Sqrt(T x) => T.Sqrt(x);

    public static T Abs(T x) => T.Abs(x);

    public static T Min(T a, T b) => a < b ? a : b;

    public static T Max(T a, T b) => a > b ? a : b;

    public static T Exp(T x) => T.Exp(x);

    public static T Log(T x) => T.Log(x);

    public static T LogRatio(T a, T b) => BlackGreeks.CorrectedLogRatio<T, T, NoVectorOps<T>>(a, b);

    public static T Erfc(T x) => T.CreateTruncating(CodyErfc.Scalar(double.CreateTruncating(x)));

    public static T ErfcGivenExp(T x, T e) => T.CreateTruncating(CodyErfc.ErfcGivenExp<double, bool, ScalarDoubleOps>(double.CreateTruncating(x), double.CreateTruncating(e)));

    public static T LessThan(T a, T b) => a < b ? T.One : T.Zero;

    public static T Equal(T a, T b) => a == b ? T.One : T.Zero;

    public static T Select(T mask, T a, T b) => mask != T.Zero ? a : b;

    public static T And(T a, T b) => a != T.Zero && b != T.Zero ? T.One : T.Zero;

    public static T Or(T a, T b) => a != T.Zero || b != T.Zero ? T.One : T.Zero;

    public static ulong Bits(T mask) => mask != T.Zero ? 1UL : 0UL;

    public static bool Any(T mask) => mask != T.Zero;

    public static bool All(T mask) => mask != T.Zero;

    public static unsafe T Load(T* source) => *source;

    public static unsafe void Store(T value, T* destination) => *destination = value;

    public static unsafe T LoadSignedBytes(sbyte* source) => T.CreateTruncating(*source);
}
