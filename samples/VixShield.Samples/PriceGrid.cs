using VixShield.Compute;
using VixShield.Compute.Engines;
using VixShield.Compute.Grid;
using VixShield.Compute.Samples;

namespace VixShield.Samples;

/// <summary>Sample 1: price an SPX strike x expiry grid (out-of-the-money options) off a skewed surface.</summary>
internal static class PriceGrid
{
    public static int Run()
    {
        IGreeksEngine engine = GreeksEngines.Create(EnginePreference.Simd);
        double[] strikes = [5400, 5700, 6000, 6300, 6600];
        GridExpiry[] expiries = [new(7 / 365.0, 0.043, 0.013), new(30 / 365.0, 0.043, 0.013)];
        GreeksGrid grid = GreeksGrid.BlackScholesMerton(6000, strikes, expiries);
        var output = new GreeksBuffer<double>(grid.Count, Greek.Price | Greek.Delta | Greek.Vega);
        ComputeResult result = grid.Compute(engine, new SkewedSampleSurface(), output);
        for (int e = 0; e < expiries.Length; e++)
        {
            for (int k = 0; k < strikes.Length; k++)
            {
                int i = grid.Index(e, k);
                Console.WriteLine($"T={expiries[e].Time * 365:0}d K={strikes[k]}: price {output[Greek.Price][i]:F2} delta {output[Greek.Delta][i]:F3} vega {output[Greek.Vega][i]:F2}");
            }
        }

        Console.WriteLine($"{result.Count} options on {result.Engine}");
        return 0;
    }
}
