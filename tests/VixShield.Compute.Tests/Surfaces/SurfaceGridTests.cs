using VixShield.Compute.Engines;
using VixShield.Compute.Grid;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Surfaces;
using Xunit;

namespace VixShield.Compute.Tests.Surfaces;

public class SurfaceGridTests
{
    [Fact]
    public void WholeSpxChain_PricedFromSviSurfaceInOneGridCall_ReproducesTheSmile()
    {
        double spot = 5000;
        GridExpiry[] expiries = [GridExpiry.Bsm(7.0 / 365, 0.045, 0.013), GridExpiry.Bsm(30.0 / 365, 0.045, 0.013), GridExpiry.Bsm(0.25, 0.044, 0.013)];
        double[] strikes = Enumerable.Range(0, 61).Select(i => 4200.0 + (20 * i)).ToArray();
        var grid = GreeksGrid.BlackScholesMerton(spot, strikes, expiries);
        var slices = new List<SviSlice>();
        for (int e = 0; e < expiries.Length; e++)
        {
            double t = expiries[e].Time;
            slices.Add(new SviSlice(t, grid.Forwards[e], new SviParameters(0.0009 + (0.035 * t), 0.04 + (0.1 * t), -0.7, 0.01, 0.06 + (0.2 * t))));
        }

        var surface = new SviSurface(slices);
        Assert.All(SviArbitrage.Check(surface), r => Assert.True(r.ButterflyFree && r.CalendarFree));
        var output = new GreeksBuffer<double>(grid.Count, Greek.Price | Greek.Vega);
        var result = grid.Compute(new ScalarGreeksEngine(), surface, output);
        Assert.Equal(grid.Count, result.Count);
        Assert.Equal(0, result.InvalidCount);

        // Every point's price inverts back to the surface's vol at that strike (the smile survives the round trip).
        for (int e = 0; e < expiries.Length; e++)
        {
            double t = expiries[e].Time, r = expiries[e].Rate, q = expiries[e].DividendYield;
            for (int k = 0; k < strikes.Length; k++)
            {
                int i = grid.Index(e, k);
                double iv = LetsBeRational.ImpliedVolatility(output[Greek.Price][i], spot, strikes[k], t, r, q, grid.PointKinds[i], PricingModel.BlackScholesMerton, out var st);
                Assert.Equal(ImpliedVolStatus.Ok, st);
                double expected = surface.Vol(t, strikes[k], grid.Forwards[e]);
                Assert.True(Math.Abs(iv - expected) <= 1e-11 * expected, $"e={e} K={strikes[k]}: {iv:R} vs {expected:R}");
            }
        }
    }
}
