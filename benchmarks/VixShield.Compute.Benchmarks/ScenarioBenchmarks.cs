using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Benchmarks;

/// <summary>Monte Carlo through the fused scenario kernel, scalar vs SIMD side by side: draws × option legs revaluations
/// (kernels-docs/scenarios.md). The book is <see cref="ScenarioBook"/> (the sample ladder's legs repeated to exactly
/// <c>Legs</c>, in its 7 layers); one invocation is a whole run (draw generation, pricing with the band delta,
/// per-layer reduction, risk measures). Small sizes only: the curve up to 1e7 draws is <see cref="ScenarioScaling"/>
/// (`scaling`), where one point takes minutes; the ILGPU kernel is <see cref="ScenarioDeviceBenchmarks"/>.</summary>
[Config(typeof(ScenarioConfig))]
[BenchmarkCategory("Scenarios")]
public class ScenarioBenchmarks : IOptionsPerInvoke
{
    [Params(10_000, 100_000)]
    public int Draws { get; set; } = 10_000;

    [Params(10, 100, 400)]
    public int Legs { get; set; } = 100;

    private PricedBook _book = null!;

    public int OptionsPerInvoke(string method) => Draws * Legs;

    [GlobalSetup]
    public void Setup() => _book = PricedBook.Resolve(ScenarioBook.Create(Legs), SampleMarket.Create());

    [Benchmark(Description = "scenario kernel, scalar")]
    public double Scalar() => Run(new ScenarioRunOptions { Engine = ScenarioEngine.Scalar });

    [Benchmark(Description = "scenario kernel, SIMD", Baseline = true)]
    public double Simd() => Run(new ScenarioRunOptions { Engine = ScenarioEngine.Simd });

    private double Run(ScenarioRunOptions options) =>
        VolShockMonteCarlo.Run(_book, new MonteCarloSettings { Draws = Draws }, options).WithHedge.Mean;
}

/// <summary>The ILGPU scenario kernel on ILGPU's CPU accelerator (what <c>--engine ilgpu-cpu</c> runs: the device code
/// path, threads emulated on the CPU) next to SIMD, at 1e4 draws only: it revalues about 1 M legs/s, so 1e5 × 400 would
/// be 40 s per invocation. On a GPU the same class measures the device (swap the accelerator).</summary>
[Config(typeof(ScenarioConfig))]
[BenchmarkCategory("Scenarios")]
public class ScenarioDeviceBenchmarks : IOptionsPerInvoke
{
    private PricedBook _book = null!;
    private IlgpuGreeksEngine? _ilgpu;
    private ScenarioRunOptions _device = null!;

    [Params(10_000)]
    public int Draws { get; set; } = 10_000;

    [Params(10, 100, 400)]
    public int Legs { get; set; } = 100;

    public int OptionsPerInvoke(string method) => Draws * Legs;

    [GlobalSetup]
    public void Setup()
    {
        _book = PricedBook.Resolve(ScenarioBook.Create(Legs), SampleMarket.Create());
        _ilgpu = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine());
        _device = new ScenarioRunOptions { Engine = ScenarioEngine.Device, Device = new IlgpuScenarioDevice(_ilgpu) };
    }

    [GlobalCleanup]
    public void Cleanup() => _ilgpu?.Dispose();

    [Benchmark(Description = "scenario kernel, SIMD", Baseline = true)]
    public double Simd() => Run(new ScenarioRunOptions { Engine = ScenarioEngine.Simd });

    [Benchmark(Description = "scenario kernel, ilgpu-cpu device")]
    public double IlgpuCpu() => Run(_device);

    private double Run(ScenarioRunOptions options) =>
        VolShockMonteCarlo.Run(_book, new MonteCarloSettings { Draws = Draws }, options).WithHedge.Mean;
}

/// <summary>ShortRun in-process (the out-of-process build times out on the shared box), with the memory diagnoser and the
/// options/s columns of <see cref="ShortConfig"/>.</summary>
public sealed class ScenarioConfig : ManualConfig
{
    public ScenarioConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inproc"));
        ShortConfig.AddColumnsAndSummary(this);
    }
}
