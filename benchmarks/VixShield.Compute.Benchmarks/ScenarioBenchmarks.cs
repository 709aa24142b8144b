using BenchmarkDotNet.Attributes;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Benchmarks;

/// <summary>Monte Carlo through the fused scenario kernel: draws × option legs revaluations (kernels-docs/scenarios.md).
/// The book is <c>Legs</c>/4 SPXW iron condors on the sample market's expiries; one invocation is a whole run
/// (draw generation, pricing, per-layer reduction, risk measures).</summary>
[Config(typeof(ShortConfig))]
[BenchmarkCategory("Scenarios")]
public class ScenarioBenchmarks : IOptionsPerInvoke
{
    private PricedBook _book = null!;

    [Params(10_000, 100_000)]
    public int Draws { get; set; } = 10_000;

    [Params(12, 100, 400)]
    public int Legs { get; set; } = 100;

    public int OptionsPerInvoke(string method) => Draws * Legs;

    [GlobalSetup]
    public void Setup()
    {
        DateOnly[] expiries = [new(2026, 12, 1), new(2026, 12, 4), new(2026, 12, 8), new(2026, 12, 11)];
        var layers = new List<Layer>();
        for (int i = 0; i < Legs / 4; i++)
        {
            double shift = 5 * (i % 20);
            var ic = SpreadTemplates.IronCondor(Instrument.Spxw, expiries[i % expiries.Length], 5780 - shift, 5830 - shift, 6135 + shift, 6185 + shift, 1, [4.0, 8.0, 7.0, 2.0]);
            layers.Add(new Layer($"L{i % 8}", LayerRole.Premium, null, [ic]));
        }

        _book = PricedBook.Resolve(new AlvhBook("bench", layers), SampleMarket.Create());
    }

    [Benchmark(Description = "scenario kernel, scalar")]
    public double Scalar() => Run(ScenarioEngine.Scalar);

    [Benchmark(Description = "scenario kernel, SIMD", Baseline = true)]
    public double Simd() => Run(ScenarioEngine.Simd);

    private double Run(ScenarioEngine engine) =>
        VolShockMonteCarlo.Run(_book, new MonteCarloSettings { Draws = Draws }, new ScenarioRunOptions { Engine = engine }).WithHedge.Mean;
}
