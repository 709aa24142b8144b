using BenchmarkDotNet.Attributes;
using BrentSolver = MathNet.Numerics.RootFinding.Brent;
using QLNet;
using VixShield.Compute;
using VixShield.Compute.ImpliedVol;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// Implied volatility, ns per option, side by side: a bracketing solver (MathNet Brent on the exact Black price),
/// QLNet (Utils.blackFormulaImpliedStdDev, and VanillaOption.impliedVolatility on a process), and this project's
/// Let's Be Rational (scalar per option; bulk API on 1 thread and on all threads).
/// Run: dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- --filter '*ImpliedVol*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ImpliedVolBenchmarks
{
    private const int N = 16384;
    private const int QlNetObjects = 256;

    private readonly OptionKind[] _kind = new OptionKind[N];
    private readonly double[] _s = new double[N], _k = new double[N], _t = new double[N], _p = new double[N], _r = new double[N], _q = new double[N];
    private readonly double[] _f = new double[N], _undiscounted = new double[N], _vol = new double[N];
    private readonly double[] _out = new double[N];
    private readonly ImpliedVolStatus[] _status = new ImpliedVolStatus[N];
    private readonly VanillaOption[] _qlOptions = new VanillaOption[QlNetObjects];
    private readonly double[] _qlPrices = new double[QlNetObjects];
    private GeneralizedBlackScholesProcess? _qlProcess;

    [GlobalSetup]
    public void Setup()
    {
        // SPX-like chain: 1 day .. 2 years, 5 %..95 % call deltas (OTM and ITM), vols 8 %..90 %, calls and puts.
        var rng = new Random(42);
        for (int i = 0; i < N; i++)
        {
            _kind[i] = (i & 1) == 0 ? OptionKind.Call : OptionKind.Put;
            _s[i] = 5000;
            int days = 1 + rng.Next(730);
            _t[i] = days / 365.0;
            _r[i] = 0.045;
            _q[i] = 0.013;
            _vol[i] = 0.08 + (0.82 * rng.NextDouble());
            double sd = _vol[i] * Math.Sqrt(_t[i]);
            double delta = 0.05 + (0.9 * rng.NextDouble());
            _f[i] = _s[i] * Math.Exp((_r[i] - _q[i]) * _t[i]);
            _k[i] = _f[i] * Math.Exp(-((NormalFunctions.InverseCdf(delta) * sd) - (0.5 * sd * sd)));
            _undiscounted[i] = LetsBeRational.BlackPrice(_f[i], _k[i], _vol[i], _t[i], _kind[i]);
            _p[i] = Math.Exp(-_r[i] * _t[i]) * _undiscounted[i];
        }

        // QLNet objects: one process (flat curves), options of the first rows with integer-day expiries.
        var today = new Date(15, Month.January, 2025);
        Settings.setEvaluationDate(today);
        DayCounter dc = new Actual365Fixed();
        var spot = new Handle<Quote>(new SimpleQuote(5000));
        var rTs = new Handle<YieldTermStructure>(new FlatForward(today, 0.045, dc));
        var qTs = new Handle<YieldTermStructure>(new FlatForward(today, 0.013, dc));
        var volTs = new Handle<BlackVolTermStructure>(new BlackConstantVol(today, new NullCalendar(), 0.2, dc));
        _qlProcess = new BlackScholesMertonProcess(spot, qTs, rTs, volTs);
        for (int i = 0; i < QlNetObjects; i++)
        {
            int days = (int)Math.Round(_t[i] * 365);
            var payoff = new PlainVanillaPayoff(_kind[i] == OptionKind.Call ? Option.Type.Call : Option.Type.Put, _k[i]);
            _qlOptions[i] = new VanillaOption(payoff, new EuropeanExercise(today + days));
            _qlOptions[i].setPricingEngine(new AnalyticEuropeanEngine(_qlProcess));
            double f = 5000 * Math.Exp((0.045 - 0.013) * days / 365.0);
            _qlPrices[i] = Math.Exp(-0.045 * days / 365.0) * LetsBeRational.BlackPrice(f, _k[i], _vol[i], days / 365.0, _kind[i]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "MathNet Brent (bracketing), per option")]
    public double MathNetBrent()
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            double f = _f[i], k = _k[i], t = _t[i], p = _undiscounted[i];
            OptionKind kind = _kind[i];
            sum += BrentSolver.FindRoot(v => LetsBeRational.BlackPrice(f, k, v, t, kind) - p, 1e-4, 10.0, 1e-12, 200);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "QLNet Utils.blackFormulaImpliedStdDev")]
    public double QlNetBlackFormula()
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            double d = Math.Exp(-_r[i] * _t[i]);
            sum += QLNet.Utils.blackFormulaImpliedStdDev(_kind[i] == OptionKind.Call ? Option.Type.Call : Option.Type.Put, _k[i], _f[i], _p[i], d, 0.0, null, 1e-12, 100)
                / Math.Sqrt(_t[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = QlNetObjects, Description = "QLNet VanillaOption.impliedVolatility")]
    public double QlNetVanillaOption()
    {
        double sum = 0;
        for (int i = 0; i < QlNetObjects; i++) sum += _qlOptions[i].impliedVolatility(_qlPrices[i], _qlProcess!, 1e-12, 200, 1e-4, 10.0);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "LetsBeRational scalar, per option")]
    public double LetsBeRationalScalar()
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            sum += LetsBeRational.ImpliedVolatility(_p[i], _s[i], _k[i], _t[i], _r[i], _q[i], _kind[i], PricingModel.BlackScholesMerton, out _);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Bulk ImpliedVolatilitySolver, 1 thread, scalar solve")]
    public int BulkOneThreadScalarSolve()
        => ImpliedVolatilitySolver.Compute(new ImpliedVolBatch(_kind, _s, _k, _t, _p, _r, _q), _out, _status,
            new ImpliedVolOptions { MaxDegreeOfParallelism = 1, VectorizeSolve = false }).OkCount;

    [Benchmark(OperationsPerInvoke = N, Description = "Bulk ImpliedVolatilitySolver, 1 thread")]
    public int BulkOneThread()
        => ImpliedVolatilitySolver.Compute(new ImpliedVolBatch(_kind, _s, _k, _t, _p, _r, _q), _out, _status, ImpliedVolOptions.Sequential).OkCount;

    [Benchmark(OperationsPerInvoke = N, Description = "Bulk ImpliedVolatilitySolver, all threads")]
    public int BulkAllThreads()
        => ImpliedVolatilitySolver.Compute(new ImpliedVolBatch(_kind, _s, _k, _t, _p, _r, _q), _out, _status,
            new ImpliedVolOptions { ParallelThreshold = 0, ChunkSize = 1024 }).OkCount;
}
