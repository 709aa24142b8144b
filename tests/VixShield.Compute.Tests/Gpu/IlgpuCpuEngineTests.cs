using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>The GPU kernels, run on ILGPU's CPU accelerator, against the scalar reference engine.</summary>
public class IlgpuCpuEngineTests
{
    private static void AssertClose(GreeksBuffer<double> expected, GreeksBuffer<double> actual, int n, Greek greeks, double tol)
    {
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected.Status[i], actual.Status[i]);
            foreach (Greek g in GreekInfo.All)
            {
                if ((greeks & g) == 0) continue;
                double e = expected[g][i], a = actual[g][i];
                if (double.IsNaN(e))
                {
                    Assert.True(double.IsNaN(a), $"row {i} {g}: {a}, expected NaN");
                    continue;
                }

                double err = Math.Abs(a - e) / Math.Max(Math.Abs(e), 1e-300);
                Assert.True(err <= tol || Math.Abs(a - e) <= tol * 1e-3, $"row {i} {g}: {a:R} vs {e:R} (rel {err:E2})");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(300)]
    public void Float64AllGreeksMatchScalarWithin1e12(int n)
    {
        Rows rows = Rows.Make(n);
        var expected = new GreeksBuffer<double>(n, Greek.All);
        var actual = new GreeksBuffer<double>(n, Greek.All);
        ComputeResult er = new ScalarGreeksEngine().Compute(rows.Batch, expected.AsOutput(n));
        ComputeResult ar = GpuTestEngines.IlgpuCpu.Compute(rows.Batch, actual.AsOutput(n));
        Assert.Equal("ilgpu-cpu", ar.Engine);
        Assert.False(ar.FellBack);
        Assert.Equal(er.InvalidCount, ar.InvalidCount);
        AssertClose(expected, actual, n, Greek.All, 1e-12);
    }

    [Fact]
    public void OnlyRequestedOutputsAreWritten()
    {
        const int n = 100;
        Rows rows = Rows.Make(n);
        var buf = new GreeksBuffer<double>(n, Greek.All);
        Array.Fill(buf[Greek.Gamma], 12345.0);
        var output = new GreeksOutput<double> { Status = buf.Status, Price = buf[Greek.Price], Ultima = buf[Greek.Ultima] };
        GpuTestEngines.IlgpuCpu.Compute(rows.Batch, output);
        var expected = new GreeksBuffer<double>(n, Greek.Price | Greek.Ultima);
        new ScalarGreeksEngine().Compute(rows.Batch, expected.AsOutput(n));
        AssertClose(expected, buf, n, Greek.Price | Greek.Ultima, 1e-12);
        Assert.All(buf[Greek.Gamma], x => Assert.Equal(12345.0, x));
    }

    [Fact]
    public void Float32MatchesScalarFloat32()
    {
        const int n = 200;
        Rows rows = Rows.Make(n);
        var expected = new GreeksBuffer<float>(n, Greek.All);
        var actual = new GreeksBuffer<float>(n, Greek.All);
        new ScalarGreeksEngine().Compute(rows.Batch32, expected.AsOutput(n));
        ComputeResult res = GpuTestEngines.IlgpuCpu.Compute(rows.Batch32, actual.AsOutput(n));
        Assert.Equal(Precision.Single, res.Precision);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected.Status[i], actual.Status[i]);
            foreach (Greek g in new[] { Greek.Price, Greek.Delta, Greek.Vega })
            {
                float e = expected[g][i], a = actual[g][i];
                if (float.IsNaN(e)) { Assert.True(float.IsNaN(a)); continue; }
                // float32 through two different exp/log/erfc roundings: 2e-4 of the underlying-scaled magnitude.
                double scale = Math.Max(Math.Abs(e), g == Greek.Delta ? 1.0 : rows.S[i] * 1e-3);
                Assert.True(Math.Abs(a - e) <= 2e-4 * scale, $"row {i} {g}: {a} vs {e}");
            }
        }
    }

    [Fact]
    public void GridMatchesScalarOnTheExpandedBatch()
    {
        double[] strikes = [3000, 3800, 4200, 4500, 4800, 5200, 6000];
        OptionKind[] kinds = strikes.Select(k => k < 4500 ? OptionKind.Put : OptionKind.Call).ToArray();
        double[] times = [0.5 / 365, 3.0 / 365, 30.0 / 365, 0.5, 2.0];
        double[] spot = times.Select(_ => 4500.0).ToArray();
        double[] rates = [0.05, 0.05, 0.048, 0.045, 0.04];
        double[] divs = [0.013, 0.013, 0.013, 0.014, 0.015];
        double[] vols = new double[times.Length * strikes.Length];
        for (int i = 0; i < vols.Length; i++) vols[i] = 0.12 + (0.01 * (i % 11));
        var grid = new GpuGrid<double>(kinds, strikes, PricingModel.BlackScholesMerton, spot, times, rates, divs, vols);
        int n = grid.Count;
        var actual = new GreeksBuffer<double>(n, Greek.All);
        ComputeResult res = GpuTestEngines.IlgpuCpu.ComputeGrid(grid, actual.AsOutput(n));
        Assert.Equal(0, res.InvalidCount);
        var (kind, s, k, t, v, r, q, m) = grid.Expand(0, n);
        var expected = new GreeksBuffer<double>(n, Greek.All);
        new ScalarGreeksEngine().Compute(new OptionBatch<double>(kind, s, k, t, v, r, q, m), expected.AsOutput(n));
        AssertClose(expected, actual, n, Greek.All, 1e-12);
    }

    [Fact]
    public void CoreGridApiRunsOnTheGpuEngine()
    {
        double[] strikes = [5000, 5500, 5900, 6300, 6800];
        VixShield.Compute.Grid.GridExpiry[] expiries =
        [
            VixShield.Compute.Grid.GridExpiry.Bsm(1.0 / 365, 0.045, 0.013),
            VixShield.Compute.Grid.GridExpiry.Bsm(0.25, 0.045, 0.013),
        ];
        var grid = VixShield.Compute.Grid.GreeksGrid.BlackScholesMerton(5900, strikes, expiries);
        double[] vols = Enumerable.Range(0, grid.Count).Select(i => 0.15 + (0.01 * i)).ToArray();
        var actual = new GreeksBuffer<double>(grid.Count, Greek.All);
        var expected = new GreeksBuffer<double>(grid.Count, Greek.All);
        Assert.Equal("ilgpu-cpu", grid.Compute(GpuTestEngines.IlgpuCpu, vols, actual).Engine);
        grid.Compute(new ScalarGreeksEngine(), vols, expected);
        AssertClose(expected, actual, grid.Count, Greek.All, 1e-12);
    }
}
