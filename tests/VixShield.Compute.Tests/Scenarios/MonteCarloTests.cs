using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Tests.Book;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class MonteCarloTests
{
    private static readonly MonteCarloSettings Small = new() { Draws = 400, Seed = 7 };

    [Fact]
    public void SameSeedSameDrawsAndPnlWhateverTheChunkSize()
    {
        AlvhBook book = SampleBook.Create();
        MarketSnapshot m = SampleMarket.Create();
        MonteCarloResult a = VolShockMonteCarlo.Run(BookFixtures.Valuator(), book, m, Small);
        MonteCarloResult b = VolShockMonteCarlo.Run(BookFixtures.Valuator(), book, m, Small with { ChunkSize = 64 });
        Assert.Equal(a.Draws, b.Draws);
        Assert.Equal(a.Pnl.WithHedge, b.Pnl.WithHedge);
        Assert.Equal(a.WithoutHedge.Tails[1].ExpectedShortfall, b.WithoutHedge.Tails[1].ExpectedShortfall);

        MonteCarloDraw[] other = VolShockMonteCarlo.Sample(Small with { Seed = 8 }, m.SpxVixBeta);
        Assert.NotEqual(a.Draws[0].SpxReturn, other[0].SpxReturn);
    }

    [Fact]
    public void DrawsHaveTheModelsSignsAndScale()
    {
        MonteCarloDraw[] d = VolShockMonteCarlo.Sample(new MonteCarloSettings { Draws = 20_000, Seed = 1, JumpIntensity = 0 }, -4.0);
        double[] r = d.Select(x => x.SpxReturn).ToArray(), v = d.Select(x => x.VolChange).ToArray();
        double sd = Math.Sqrt(r.Select(x => x * x).Average());
        // Unit-variance Student-t scaled by 0.18·√(1/365) = 0.00942: sampling error of the sd well under 5 % at ν = 4.
        Assert.InRange(sd / (0.18 * Math.Sqrt(1 / 365.0)), 0.9, 1.1);
        Assert.True(MathNet.Numerics.Statistics.Correlation.Pearson(r, v) < -0.6);
        Assert.True(MathNet.Numerics.Statistics.Correlation.Pearson(r, d.Select(x => x.VixFutureMove)) < -0.6);
        Assert.All(d, x => Assert.Equal(0.0, x.Jump));
    }

    [Fact]
    public void HedgeOnMinusOffIsTheHedgeLayersOwnPnlPerDraw()
    {
        AlvhBook book = SampleBook.Create();
        MarketSnapshot m = SampleMarket.Create();
        MonteCarloResult r = VolShockMonteCarlo.Run(BookFixtures.Valuator(), book, m, Small);

        // The hedge layer alone, switched on, revalued independently under the same draws.
        var hedgeOnly = new AlvhBook("hedge only", book.Layers.Where(l => l.Role == LayerRole.Hedge).Select(l => l with { Active = true }).ToList());
        var scenarios = r.Draws.Select((d, i) => VolShockMonteCarlo.ToScenario(d, Small, i)).ToList();
        ScenarioRevaluation hedge = BookFixtures.Valuator().Revalue(hedgeOnly, m, scenarios);
        ScenarioRevaluation off = BookFixtures.Valuator().Revalue(book.WithHedge(false), m, scenarios);
        int differing = 0;
        for (int i = 0; i < scenarios.Count; i++)
        {
            double h = hedge.Change(i);
            if (h != 0) differing++;
            Assert.Equal(h, r.Pnl.WithHedge[i] - r.Pnl.WithoutHedge[i], 1e-9 * (1 + Math.Abs(r.Pnl.WithHedge[i])));
            Assert.Equal(h, r.Pnl.HedgePnl(i));
            Assert.Equal(off.Change(i), r.Pnl.WithoutHedge[i], 1e-9 * (1 + Math.Abs(off.Change(i))));
        }

        Assert.True(differing > scenarios.Count / 2);
    }

    [Fact]
    public void LayerComponentsAddUpToTheExpectedShortfall()
    {
        MonteCarloResult r = VolShockMonteCarlo.Run(BookFixtures.Valuator(), SampleBook.Create(), SampleMarket.Create(), Small);
        foreach (PnlDistribution d in new[] { r.WithHedge, r.WithoutHedge })
        {
            for (int c = 0; c < d.Tails.Count; c++)
            {
                double sum = d.LayerComponents[c].Where(double.IsFinite).Sum();
                Assert.Equal(d.Tails[c].ExpectedShortfall, sum, 1e-9 * Math.Abs(sum));
                Assert.True(d.Tails[c].ExpectedShortfall >= d.Tails[c].ValueAtRisk);
            }
        }

        int hedge = r.Pnl.Book.Layers.ToList().FindIndex(l => l.Role == LayerRole.Hedge);
        Assert.True(double.IsNaN(r.WithoutHedge.LayerComponents[0][hedge]));
        Assert.Equal(20, r.WithHedge.Tails[0].TailCount); // k = ceil(400 × 5 %) = 20 and ceil(400 × 1 %) = 4
        Assert.Equal(4, r.WithHedge.Tails[1].TailCount);
    }

    [Fact]
    public void InvalidSettingsNameTheParameter()
    {
        var e = Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Sample(new MonteCarloSettings { StudentTDegreesOfFreedom = 2 }, -4));
        Assert.Contains("StudentTDegreesOfFreedom", e.Message, StringComparison.Ordinal);
    }
}
