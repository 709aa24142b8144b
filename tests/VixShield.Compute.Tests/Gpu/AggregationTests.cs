using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>Device per-group sums against a plain CPU sum of the scalar engine's Greeks.</summary>
public class AggregationTests
{
    private static double[] CpuSums(Rows rows, double[] qty, int[] groups, int groupCount, Greek greeks, out int invalid)
    {
        int n = rows.Count;
        var buf = new GreeksBuffer<double>(n, greeks);
        invalid = new ScalarGreeksEngine().Compute(rows.Batch, buf.AsOutput(n)).InvalidCount;
        int k = System.Numerics.BitOperations.PopCount((uint)greeks);
        var sums = new double[groupCount * k];
        for (int i = 0; i < n; i++)
        {
            if (buf.Status[i] != OptionStatus.Ok) continue;
            int s = 0;
            foreach (Greek g in GreekInfo.All)
            {
                if ((greeks & g) == 0) continue;
                sums[(groups[i] * k) + s++] += qty[i] * buf[g][i];
            }
        }

        return sums;
    }

    [Theory]
    [InlineData(true)]   // legs sorted by group: thread groups reduce in shared memory
    [InlineData(false)]  // groups interleaved: per-row atomics
    public void SumsMatchCpuSumWithin1e12(bool sorted)
    {
        const int n = 500, groupCount = 7;
        Rows rows = Rows.Make(n, seed: 11);
        var rng = new Random(3);
        double[] qty = Enumerable.Range(0, n).Select(_ => (double)(rng.Next(-20, 21) * 100)).ToArray();
        int[] groups = Enumerable.Range(0, n).Select(i => sorted ? i * groupCount / n : rng.Next(groupCount)).ToArray();
        Greek greeks = Greek.Price | Greek.Delta | Greek.Gamma | Greek.Vega | Greek.Theta | Greek.Ultima;
        double[] expected = CpuSums(rows, qty, groups, groupCount, greeks, out int invalid);
        var actual = new double[expected.Length];
        ComputeResult res = GpuTestEngines.IlgpuCpu.AggregateByGroup(rows.Batch, qty, groups, greeks, actual);
        Assert.False(res.FellBack);
        Assert.Equal(invalid, res.InvalidCount);
        for (int i = 0; i < expected.Length; i++)
        {
            // Summation order differs (tree and atomics vs sequential): allow 1e-12 of the sum of magnitudes.
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * Math.Max(1.0, Math.Abs(expected[i]) * 50), $"sum {i}: {actual[i]:R} vs {expected[i]:R}");
        }
    }

    [Fact]
    public void GroupIdOutOfRangeIsAnArgumentException()
    {
        Rows rows = Rows.Make(4);
        var sums = new double[2];
        Assert.Throws<ArgumentException>(() =>
            GpuTestEngines.IlgpuCpu.AggregateByGroup(rows.Batch, new double[4], [0, 1, 2, 0], Greek.Delta, sums));
    }
}
