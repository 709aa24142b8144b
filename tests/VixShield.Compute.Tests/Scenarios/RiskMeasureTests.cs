using VixShield.Compute.Scenarios;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class RiskMeasureTests
{
    /// <summary>P&amp;L i - 50 for i = 1..100 in a scrambled order (37 is coprime with 100).</summary>
    private static double[] Known() => Enumerable.Range(0, 100).Select(j => (double)(((j * 37) % 100) + 1 - 50)).ToArray();

    [Fact]
    public void VarAndEsOfAKnownSample()
    {
        double[] pnl = Known();
        TailRisk t95 = RiskMeasures.Tail(pnl, 0.95);
        Assert.Equal(5, t95.TailCount);               // ceil(100 × 0.05)
        Assert.Equal(45.0, t95.ValueAtRisk);          // 5th worst: -45
        Assert.Equal(47.0, t95.ExpectedShortfall);    // mean of 49, 48, 47, 46, 45
        Assert.Equal(new[] { -49.0, -48, -47, -46, -45 }, t95.TailDraws.Select(i => pnl[i]));

        TailRisk t99 = RiskMeasures.Tail(pnl, 0.99);
        Assert.Equal(1, t99.TailCount);
        Assert.Equal(49.0, t99.ValueAtRisk);
        Assert.Equal(49.0, t99.ExpectedShortfall);

        TailRisk t90 = RiskMeasures.Tail(pnl, 0.90);
        Assert.Equal(10, t90.TailCount);
        Assert.Equal(40.0, t90.ValueAtRisk);
        Assert.Equal(44.5, t90.ExpectedShortfall);
    }

    [Fact]
    public void ComponentsSplitTheExpectedShortfall()
    {
        double[] pnl = Known();
        double[] a = pnl.Select(x => 0.25 * x).ToArray(), b = pnl.Select(x => 0.75 * x).ToArray();
        TailRisk t = RiskMeasures.Tail(pnl, 0.95);
        Assert.Equal(11.75, t.Component(a));
        Assert.Equal(35.25, t.Component(b));
    }

    [Fact]
    public void QuantilesAreTheInverseEmpiricalDistribution()
    {
        double[] pnl = Known();
        Assert.Equal(new[] { -49.0, -45, 0, 45, 50 }, RiskMeasures.Quantiles(pnl, [0.0, 0.05, 0.5, 0.95, 1.0]));
        Assert.Equal(-40.0, RiskMeasures.Quantile(pnl, 0.10));
        Assert.Equal(-39.0, RiskMeasures.Quantile(pnl, 0.105));
    }

    [Fact]
    public void BadInputsAreErrors()
    {
        Assert.Throws<ArgumentException>(() => RiskMeasures.Tail([], 0.95));
        Assert.Throws<ArgumentException>(() => RiskMeasures.Tail([1.0], 1.0));
        var e = Assert.Throws<ArgumentException>(() => RiskMeasures.Tail([1.0, double.NaN], 0.95));
        Assert.Contains("draw 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectionEqualsAFullSortOnRandomSamplesWithTies()
    {
        // Reference: sort the sample (ties by index) and read ranks; samples with many ties (rounded values) and without.
        var rng = new Random(5);
        foreach (int n in new[] { 1, 2, 7, 100, 1001, 20_000 })
        {
            foreach (bool ties in new[] { false, true })
            {
                double[] x = Enumerable.Range(0, n).Select(_ => ties ? Math.Round(rng.NextDouble() * 10) : rng.NextDouble() - 0.5).ToArray();
                int[] order = Enumerable.Range(0, n).OrderBy(i => x[i]).ThenBy(i => i).ToArray();
                double[] probs = [0.0, 0.001, 0.01, 0.25, 0.5, 0.5, 0.99, 1.0];
                double[] q = RiskMeasures.Quantiles(x, probs);
                for (int j = 0; j < probs.Length; j++)
                {
                    int rank = Math.Clamp((int)Math.Ceiling((probs[j] * n) - 1e-9) - 1, 0, n - 1);
                    Assert.Equal(x[order[rank]], q[j]);
                }

                foreach (double c in new[] { 0.95, 0.99 })
                {
                    TailRisk t = RiskMeasures.Tail(x, c);
                    int k = t.TailCount;
                    Assert.Equal(order.Take(k), t.TailDraws);
                    Assert.Equal(-x[order[k - 1]], t.ValueAtRisk);
                    Assert.Equal(-order.Take(k).Average(i => x[i]), t.ExpectedShortfall, 1e-12);
                }
            }
        }
    }
}
