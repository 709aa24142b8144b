using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Tests.Book;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class MonteCarloTests
{
    private static readonly MonteCarloSettings Small = new() { Draws = 403, Seed = 7 }; // 403: a scalar tail after the vectors

    private static PricedBook Sample() => PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());

    [Fact]
    public void SameSeedIsBitIdenticalWhateverTheThreadsAndChunkSize()
    {
        PricedBook book = Sample();
        foreach (ScenarioEngine engine in new[] { ScenarioEngine.Scalar, ScenarioEngine.Simd })
        {
            MonteCarloResult a = VolShockMonteCarlo.Run(book, Small, new ScenarioRunOptions { Engine = engine, Threads = 1 });
            foreach (var (threads, chunk) in new[] { (2, 8), (2, 64), (1, 13), (2, 4096) })
            {
                MonteCarloResult b = VolShockMonteCarlo.Run(book, Small with { ChunkSize = chunk }, new ScenarioRunOptions { Engine = engine, Threads = threads });
                for (int li = 0; li < a.Pnl.LayerPnl.Count; li++) Assert.Equal(a.Pnl.LayerPnl[li], b.Pnl.LayerPnl[li]);
                Assert.Equal(a.WithoutHedge.Tails[1].ExpectedShortfall, b.WithoutHedge.Tails[1].ExpectedShortfall);
            }
        }

        MonteCarloResult other = VolShockMonteCarlo.Run(book, Small with { Seed = 8 });
        Assert.NotEqual(VolShockMonteCarlo.Run(book, Small).Draw(0).SpxReturn, other.Draw(0).SpxReturn);
    }

    [Fact]
    public void ScalarAndEverySimdWidthAgreeTo1e10PerDraw()
    {
        PricedBook book = Sample();
        MonteCarloResult scalar = VolShockMonteCarlo.Run(book, Small, new ScenarioRunOptions { Engine = ScenarioEngine.Scalar });
        foreach (int bits in new[] { 0, 128, 256, 512 })
        {
            MonteCarloResult simd = VolShockMonteCarlo.Run(book, Small, new ScenarioRunOptions { Engine = ScenarioEngine.Simd, VectorBits = bits });
            for (int li = 0; li < scalar.Pnl.LayerPnl.Count; li++)
            {
                for (int i = 0; i < Small.Draws; i++)
                {
                    double x = scalar.Pnl.LayerPnl[li][i], y = simd.Pnl.LayerPnl[li][i];
                    Assert.True(Math.Abs(x - y) <= 1e-10 * Math.Max(1.0, Math.Abs(x)), $"{bits} bits, layer {li}, draw {i}: {x} vs {y}");
                }
            }
        }
    }

    [Fact]
    public void GeneratorMomentsCorrelationsAndJumpCountsMatchTheModel()
    {
        // ν = 8 (finite fourth moment, so the variance estimate has a bounded error), 50 jumps a year over 1 day.
        var s = new MonteCarloSettings { StudentTDegreesOfFreedom = 8, JumpIntensity = 50, HorizonDays = 1 };
        var model = new MonteCarloModel(s, -4.0);
        const int n = 200_000;
        var zt = new double[n];
        var z = new double[4][];
        for (int k = 0; k < 4; k++) z[k] = new double[n];
        int jumps = 0;
        double jumpSum = 0;
        for (int i = 0; i < n; i++)
        {
            model.Variates(i, out zt[i], out z[0][i], out z[1][i], out z[2][i], out z[3][i], out double j);
            if (j != 0) { jumps++; jumpSum += j; }
        }

        // Means within 5 standard errors (1/√n = 0.0022), variances within 5 standard errors ((κ-1)/n)^½:
        // κ = 3 for normals, κ = 3 + 6/(ν-4) = 4.5 for the unit-variance t with ν = 8.
        Assert.InRange(zt.Average(), -0.011, 0.011);
        Assert.InRange(zt.Select(x => x * x).Average(), 1 - (5 * Math.Sqrt(3.5 / n)), 1 + (5 * Math.Sqrt(3.5 / n)));
        double kurtosis = zt.Select(x => x * x * x * x).Average();
        Assert.InRange(kurtosis, 4.0, 5.2); // 4.5 expected; the sample kurtosis of a t(8) converges slowly
        foreach (double[] zk in z)
        {
            Assert.InRange(zk.Average(), -0.011, 0.011);
            Assert.InRange(zk.Select(x => x * x).Average(), 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
            Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(zk, zt), -0.011, 0.011);
        }

        for (int a = 0; a < 4; a++)
        {
            for (int b = a + 1; b < 4; b++) Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(z[a], z[b]), -0.011, 0.011);
        }

        // Jump indicator: Binomial(n, p = 50/365); count within 5 sd; mean size -4 % within 5 standard errors (3 %/√count).
        double p = 50.0 / 365.0, sd = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(jumps, (n * p) - (5 * sd), (n * p) + (5 * sd));
        Assert.InRange(jumpSum / jumps, -0.04 - (5 * 0.03 / Math.Sqrt(jumps)), -0.04 + (5 * 0.03 / Math.Sqrt(jumps)));

        // The joint draws: corr(Δσ, diffusive return) = ρ = -0.75 without jumps.
        var noJump = new MonteCarloModel(s with { JumpIntensity = 0 }, -4.0);
        var d = Enumerable.Range(0, 50_000).Select(i => noJump.Draw(i)).ToArray();
        double rho = MathNet.Numerics.Statistics.Correlation.Pearson(d.Select(x => x.SpxReturn), d.Select(x => x.VolChange));
        Assert.InRange(rho, -0.76, -0.74);
        double sdR = Math.Sqrt(d.Select(x => x.SpxReturn * x.SpxReturn).Average());
        Assert.InRange(sdR / (0.18 * Math.Sqrt(1 / 365.0)), 0.98, 1.02);
    }

    [Fact]
    public void ChosenDrawsEqualADirectRevaluationThroughTheBookValuator()
    {
        AlvhBook book = StressGridTests.CallAndVixBook().WithHedge(true);
        MarketSnapshot m = BookFixtures.Market();
        var settings = Small with { HorizonDays = 2 };
        MonteCarloResult r = VolShockMonteCarlo.Run(PricedBook.Resolve(book, m), settings);
        BookValuation before = BookFixtures.Valuator().Value(book, m);
        foreach (int i in new[] { 0, 1, 57, 402 })
        {
            MarketSnapshot moved = Moved(m, r.Draw(i), settings);
            BookValuation after = BookFixtures.Valuator().Value(book, moved);
            for (int li = 0; li < 2; li++)
            {
                double direct = after.Layers[li].Totals.MarketValue - before.Layers[li].Totals.MarketValue;
                Assert.Equal(direct, r.Pnl.LayerPnl[li][i], 1e-9 * Math.Max(1, Math.Abs(direct)));
            }
        }
    }

    [Fact]
    public void DeltaBandShareEqualsDirectValuationsOfEachDraw()
    {
        // The normalised delta of every draw at the horizon, valued through the BookValuator on the market moved by hand;
        // the band is put midway between two of the sorted values so that the expected count is exact and not trivial.
        AlvhBook book = SampleBook.Create();
        MarketSnapshot m = BookFixtures.Market();
        var settings = new MonteCarloSettings { Draws = 64, Seed = 3, HorizonDays = 1, VolOfVol = 1.0, SpxReturnVolatility = 0.6 };
        var model = new MonteCarloModel(settings, m.SpxVixBeta);
        var with = new double[settings.Draws];
        var without = new double[settings.Draws];
        for (int i = 0; i < settings.Draws; i++)
        {
            MonteCarloDraw d = model.Draw(i);
            MarketSnapshot moved = Moved(m, d, settings);
            BookValuation on = BookFixtures.Valuator().Value(book.WithHedge(true), moved), off = BookFixtures.Valuator().Value(book.WithHedge(false), moved);
            // A valuation holds an overlay's user delta fixed; at the horizon the kernel moves it by its gamma: Δ + Γ·dS.
            double overlay = book.Layers.SelectMany(l => l.Positions).Sum(p => p.Greeks is { } g ? g.Gamma * m.SpxSpot * d.SpxReturn : 0.0)
                / BookValuation.SpxMultiplier / on.PremiumUnits;
            with[i] = Math.Abs(on.NormalisedDelta + overlay);
            without[i] = Math.Abs(off.NormalisedDelta + overlay);
        }

        double[] sorted = with.Order().ToArray();
        double band = 0.5 * (sorted[40] + sorted[41]);
        Assert.True(sorted[41] - sorted[40] > 1e-9);
        MonteCarloResult r = VolShockMonteCarlo.Run(PricedBook.Resolve(book, m), settings with { DeltaBand = band });
        Assert.Equal(with.Count(x => x > band) / 64.0, r.DeltaBandBreachWithHedge);
        Assert.Equal(without.Count(x => x > band) / 64.0, r.DeltaBandBreachWithoutHedge);
        Assert.True(with.Zip(without).All(p => Math.Abs(p.First - p.Second) > 1e-6)); // the hedge's delta counts in every draw
    }

    /// <summary>The market moved by hand by one draw: flat SPX vol σ + Δσ - skew·ln(K/F') (the fixture surface is flat, so
    /// every smile rule agrees), VIX futures × (1 + m), VIX vol + a·m, rates + Δr, the clock on by the horizon.</summary>
    private static MarketSnapshot Moved(MarketSnapshot m, MonteCarloDraw d, MonteCarloSettings settings) => m with
    {
        ValuationTime = m.ValuationTime.AddDays(settings.HorizonDays),
        SpxSpot = m.SpxSpot * (1 + d.SpxReturn),
        Rates = new ShiftedRateCurve(m.Rates, d.RateChange),
        SpxVolatility = new SkewedFlat(BookFixtures.SpxVol + d.VolChange, d.SkewChange),
        VixFutures = new VixFuturesCurve(m.VixFutures.Points.Select(p => p with { Price = p.Price * (1 + d.VixFutureMove) }).ToList()),
        VixVolatility = new FlatVolatilitySurface(BookFixtures.VixVol + (settings.VixOptionVolPerFutureMove * d.VixFutureMove)),
    };

    [Fact]
    public void HedgeOnMinusOffIsTheHedgeLayersOwnPnlPerDraw()
    {
        AlvhBook book = SampleBook.Create();
        MarketSnapshot m = SampleMarket.Create();
        MonteCarloResult r = VolShockMonteCarlo.Run(PricedBook.Resolve(book, m), Small);

        // The hedge layer alone, switched on, revalued under the same draws as explicit shocks.
        var hedgeOnly = new AlvhBook("hedge only", book.Layers.Where(l => l.Role == LayerRole.Hedge).Select(l => l with { Active = true }).ToList());
        var shocks = Enumerable.Range(0, Small.Draws).Select(i => VolShockMonteCarlo.ToShock(r.Draw(i), Small)).ToList();
        var hedge = new ScenarioRevaluation(PricedBook.Resolve(hedgeOnly, m), shocks);
        int differing = 0;
        for (int i = 0; i < shocks.Count; i++)
        {
            double h = hedge.Change(i);
            if (h != 0) differing++;
            Assert.Equal(h, r.Pnl.WithHedge[i] - r.Pnl.WithoutHedge[i], 1e-9 * (1 + Math.Abs(r.Pnl.WithHedge[i])));
            Assert.Equal(h, r.Pnl.HedgePnl(i), 1e-9 * (1 + Math.Abs(h)));
        }

        Assert.True(differing > shocks.Count / 2);
    }

    [Fact]
    public void LayerComponentsAddUpToTheExpectedShortfall()
    {
        MonteCarloResult r = VolShockMonteCarlo.Run(Sample(), Small with { Draws = 400 });
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
        var e = Assert.Throws<ArgumentException>(() => new MonteCarloModel(new MonteCarloSettings { StudentTDegreesOfFreedom = 2 }, -4));
        Assert.Contains("StudentTDegreesOfFreedom", e.Message, StringComparison.Ordinal);
    }

    /// <summary>σ(K, F) = vol - skew·ln(K/F): a flat surface with the scenario's skew term, read at the caller's forward.</summary>
    private sealed record SkewedFlat(double Level, double Skew) : IVolatilitySurface
    {
        public double Vol(double time, double strike, double forward) => Math.Max(Level - (Skew * Math.Log(strike / forward)), ScenarioShock.VolFloor);
    }
}
