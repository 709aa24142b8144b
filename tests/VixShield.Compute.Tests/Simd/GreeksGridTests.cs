using VixShield.Compute.Engines;
using VixShield.Compute.Grid;
using VixShield.Compute.Surfaces;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

public class GreeksGridTests
{
    private sealed class SkewSurface : IVolatilitySurface
    {
        public double Vol(double time, double strike, double forward) => 0.15 - (0.3 * Math.Log(strike / forward)) + (0.02 * time);
    }

    [Fact]
    public void BsmGridIsExpiryMajorOutOfTheMoneyAndEqualsPointByPointScalar()
    {
        double[] strikes = Enumerable.Range(0, 37).Select(i => 4000.0 + (i * 50)).ToArray();
        GridExpiry[] expiries = [GridExpiry.Bsm(1.0 / 365, 0.043, 0.013), GridExpiry.Bsm(7.0 / 365, 0.042, 0.013), GridExpiry.Bsm(0.5, 0.04, 0.014)];
        var grid = GreeksGrid.BlackScholesMerton(4800, strikes, expiries);
        var surface = new SkewSurface();
        var output = new GreeksBuffer<double>(grid.Count, Greek.All);
        var res = grid.Compute(new SimdGreeksEngine(), surface, output);
        Assert.Equal(37 * 3, res.Count);
        Assert.Equal(0, res.InvalidCount);

        var scalar = new ScalarGreeksEngine();
        var one = new GreeksBuffer<double>(1, Greek.All);
        for (int e = 0; e < expiries.Length; e++)
        {
            GridExpiry x = expiries[e];
            double f = 4800 * Math.Exp((x.Rate - x.DividendYield) * x.Time);
            Assert.Equal(f, grid.Forwards[e], 15);
            for (int k = 0; k < strikes.Length; k++)
            {
                OptionKind kind = strikes[k] < f ? OptionKind.Put : OptionKind.Call;
                Assert.Equal(kind, grid.PointKinds[grid.Index(e, k)]);
                scalar.Compute(new OptionBatch<double>([kind], [4800.0], [strikes[k]], [x.Time], [surface.Vol(x.Time, strikes[k], f)], [x.Rate], [x.DividendYield]), one.AsOutput(1));
                // An out-of-the-money price is the difference of two terms and carries their rounding amplified: each
                // engine is within the cancellation bound of kernels-docs/black-scholes.md, so the two within twice it
                // (1-day wings: ~3e-13; the grid's vector log and the scalar Math.Log differ by an ulp).
                double priceBound = 2 * Accuracy.ZeroDtePriceBoundTests.Bound(4800, strikes[k], x.Time, surface.Vol(x.Time, strikes[k], f), x.Rate, x.DividendYield);
                foreach (Greek g in GreekInfo.All)
                {
                    double a = output[g][(e * strikes.Length) + k], b = one[g][0];
                    double tol = (1e-13 * Math.Max(Math.Abs(b), 1e-3)) + (g == Greek.Price ? priceBound * Math.Abs(b) : 0);
                    Assert.True(Math.Abs(a - b) <= tol, $"e={e} k={k} {g}: grid {a:R} scalar {b:R}");
                }
            }
        }
    }

    [Fact]
    public void Black76GridUsesEachExpirysForwardAndPerPointVols()
    {
        double[] strikes = [15, 20, 25, 30, 40];
        GridExpiry[] expiries = [GridExpiry.Black76(0.05, 0.04, 18.5), GridExpiry.Black76(0.2, 0.04, 21.0)];
        var grid = GreeksGrid.Black76(strikes, expiries, GridOptionKinds.Calls);
        double[] vols = Enumerable.Range(0, grid.Count).Select(i => 0.6 + (0.05 * i)).ToArray();
        var output = new GreeksBuffer<float>(grid.Count, Greek.Price | Greek.Delta | Greek.Rho);
        grid.Compute(new SimdGreeksEngine(), vols, output);
        var one = new GreeksBuffer<float>(1, Greek.Price | Greek.Delta | Greek.Rho);
        for (int e = 0; e < 2; e++)
        {
            for (int k = 0; k < strikes.Length; k++)
            {
                int i = grid.Index(e, k);
                new ScalarGreeksEngine().Compute(
                    new OptionBatch<float>([OptionKind.Call], [(float)expiries[e].Forward], [(float)strikes[k]], [(float)expiries[e].Time], [(float)vols[i]], [0.04f], default, [PricingModel.Black76]),
                    one.AsOutput(1));
                Assert.Equal(one[Greek.Price][0], output[Greek.Price][i], 1e-5f);
                Assert.Equal(one[Greek.Delta][0], output[Greek.Delta][i], 1e-6f);
                Assert.Equal(-expiries[e].Time * output[Greek.Price][i], output[Greek.Rho][i], 1e-6f);
            }
        }
    }

    [Fact]
    public void WrongVolCountAndSmallOutputAreArgumentExceptions()
    {
        var grid = GreeksGrid.BlackScholesMerton(100, [90.0, 100, 110], [GridExpiry.Bsm(0.1, 0.01, 0)]);
        Assert.Throws<ArgumentException>(() => grid.Compute(new SimdGreeksEngine(), new double[2], new GreeksBuffer<double>(3, Greek.Price)));
        Assert.Throws<ArgumentException>(() => grid.Compute(new SimdGreeksEngine(), new FlatVolatilitySurface(0.2), new GreeksBuffer<double>(2, Greek.Price)));
    }

    public static TheoryData<int, int> GridShapes() => new() { { 3, 4 }, { 37, 5 }, { 200, 12 }, { 5000, 3 } };

    [Theory]
    [MemberData(nameof(GridShapes))]
    public void SimdGridFastPathEqualsTheSimdBatchOnTheSameRowsBitForBit(int strikes, int expiryCount)
    {
        double[] k = Enumerable.Range(0, strikes).Select(i => 4000.0 + (i * 2000.0 / strikes)).ToArray();
        GridExpiry[] expiries = Enumerable.Range(0, expiryCount)
            .Select(e => GridExpiry.Bsm(e == 1 ? 0.0 : (1 + (e * 9)) / 365.0, 0.043, 0.013)) // expiry 1 is at t = 0
            .ToArray();
        var grid = GreeksGrid.BlackScholesMerton(5000, k, expiries);
        double[] vols = Enumerable.Range(0, grid.Count).Select(i => 0.1 + ((i % 17) * 0.02)).ToArray();
        vols[0] = double.NaN;
        vols[Math.Min(5, grid.Count - 1)] = 0.0;
        vols[grid.Count - 1] = -0.1;
        foreach (int threads in new[] { 1, 4 })
        {
            var engine = new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = threads });
            var viaGrid = new GreeksBuffer<double>(grid.Count, Greek.All);
            var res = grid.Compute(engine, vols, viaGrid);

            // The same rows as a plain batch through the engine's batch path.
            int n = grid.Count;
            var s = new double[n]; var t = new double[n]; var r = new double[n]; var q = new double[n]; var kk = new double[n];
            for (int e = 0; e < expiryCount; e++)
            {
                for (int j = 0; j < strikes; j++)
                {
                    int i = grid.Index(e, j);
                    s[i] = 5000; t[i] = expiries[e].Time; r[i] = 0.043; q[i] = 0.013; kk[i] = k[j];
                }
            }

            var viaBatch = new GreeksBuffer<double>(n, Greek.All);
            var resBatch = engine.Compute(new OptionBatch<double>(grid.PointKinds, s, kk, t, vols, r, q), viaBatch.AsOutput(n));
            Assert.Equal(resBatch.InvalidCount, res.InvalidCount);
            Assert.Equal(2, res.InvalidCount);
            Assert.Equal(viaBatch.Status, viaGrid.Status);
            foreach (Greek g in GreekInfo.All) Assert.Equal(viaBatch[g], viaGrid[g]);

            // float32 too.
            var grid32 = new GreeksBuffer<float>(n, Greek.PriceAndFirstOrder);
            grid.Compute(engine, vols, grid32);
            var batch32 = new GreeksBuffer<float>(n, Greek.PriceAndFirstOrder);
            static float[] F(double[] a) => Array.ConvertAll(a, x => (float)x);
            engine.Compute(new OptionBatch<float>(grid.PointKinds, F(s), F(kk), F(t), F(vols), F(r), F(q)), batch32.AsOutput(n));
            Assert.Equal(batch32.Status, grid32.Status);
            foreach (Greek g in GreekInfo.All)
            {
                if ((Greek.PriceAndFirstOrder & g) != 0) Assert.Equal(batch32[g], grid32[g]);
            }
        }
    }
}
