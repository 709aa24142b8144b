using BenchmarkDotNet.Attributes;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// Options/s side by side on one batch: the naive scalar .NET baseline (Math.Exp/Log + MathNet Normal.CDF), QLNet's
/// AnalyticEuropeanEngine (objects built per option; timed on the first <see cref="QLNetSample"/> rows, its rate
/// scales linearly), the scalar reference engine and the SIMD engine in float64 and float32, for price + 5 first-order
/// Greeks and for all 18 outputs, on 1 thread and on every core.
/// </summary>
[Config(typeof(ShortConfig))]
[BenchmarkCategory("Batch")]
public class BatchBenchmarks : IOptionsPerInvoke
{
    public const int QLNetSample = 1000;

    private BenchData _d = null!;
    private IGreeksEngine _simd = null!;
    private IGreeksEngine _scalar = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [Params(Greek.PriceAndFirstOrder, Greek.All)]
    public Greek Greeks { get; set; }

    /// <summary>1 thread, or 0 for every core.</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    public int OptionsPerInvoke(string method) => method == nameof(QLNet) ? Math.Min(N, QLNetSample) : N;

    [GlobalSetup]
    public void Setup()
    {
        _d = new BenchData(N, Greeks);
        var options = new GreeksEngineOptions { MaxDegreeOfParallelism = Threads == 0 ? null : Threads };
        _simd = new SimdGreeksEngine(options);
        _scalar = new ScalarGreeksEngine();
    }

    [Benchmark(Baseline = true)]
    public void Naive()
    {
        if (Threads == 1) Run(_d, 0, _d.Count, Greeks);
        else Parallel.For(0, (_d.Count + 4095) / 4096, c => Run(_d, c * 4096, Math.Min(_d.Count, (c + 1) * 4096), Greeks));

        static void Run(BenchData d, int a, int b, Greek g)
        {
            if (g == Greek.All) NaiveBaseline.All(d, a, b);
            else NaiveBaseline.PriceAndFirstOrder(d, a, b);
        }
    }

    [Benchmark]
    public double QLNet() => QLNetBaseline.Run(_d, 0, Math.Min(N, QLNetSample), Greeks == Greek.All);

    [Benchmark]
    public ComputeResult ScalarEngine() => _scalar.Compute(_d.Batch64, _d.Out64.AsOutput(N));

    [Benchmark]
    public ComputeResult Simd64() => _simd.Compute(_d.Batch64, _d.Out64.AsOutput(N));

    [Benchmark]
    public ComputeResult Simd32() => _simd.Compute(_d.Batch32, _d.Out32.AsOutput(N));
}

/// <summary>The 1e7 batch (optional: <c>--anyCategories Large</c>), SIMD engine only plus the naive baseline.</summary>
[Config(typeof(ShortConfig))]
[BenchmarkCategory("Large")]
public class LargeBatchBenchmarks : IOptionsPerInvoke
{
    private BenchData _d = null!;
    private IGreeksEngine _simd = null!;

    [Params(10_000_000)]
    public int N { get; set; }

    [Params(Greek.PriceAndFirstOrder, Greek.All)]
    public Greek Greeks { get; set; }

    public int OptionsPerInvoke(string method) => N;

    [GlobalSetup]
    public void Setup()
    {
        _d = new BenchData(N, Greeks);
        _simd = new SimdGreeksEngine();
    }

    [Benchmark(Baseline = true)]
    public void NaiveAllCores() => Parallel.For(0, (_d.Count + 4095) / 4096, c => NaiveBaseline.PriceAndFirstOrder(_d, c * 4096, Math.Min(_d.Count, (c + 1) * 4096)));

    [Benchmark]
    public ComputeResult Simd64() => _simd.Compute(_d.Batch64, _d.Out64.AsOutput(N));

    [Benchmark]
    public ComputeResult Simd32() => _simd.Compute(_d.Batch32, _d.Out32.AsOutput(N));
}
