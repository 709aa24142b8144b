using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

/// <summary>
/// The float32 error bounds documented in kernels-docs/vector-math.md, on realistic short-dated SPX wings
/// (S 5900, 1 hour to 21 days, strikes from about the 5-delta put to the 5-delta call, skewed vols): the SIMD
/// engine's float32 path against the float64 reference on the same (float-rounded) inputs.
/// </summary>
public class Float32BoundsTests
{
    [Fact]
    public void Float32ErrorOnShortDatedSpxWingsIsWithinDocumentedBounds()
    {
        var kinds = new List<OptionKind>();
        var k = new List<float>();
        var t = new List<float>();
        var v = new List<float>();
        foreach (double days in new[] { 1.0 / 6.5 / 24 * 6.5, 4.0 / 24, 1, 2, 3, 5, 7, 10, 14, 21 })
        {
            for (double strike = 4800; strike <= 6600; strike += 5)
            {
                double time = days / 365, f = 5900 * Math.Exp((0.043 - 0.013) * time);
                double vol = Math.Max(0.08, 0.14 - (0.5 * Math.Log(strike / f)));
                if (Math.Abs(Math.Log(f / strike) / (vol * Math.Sqrt(time))) > 1.645 + (0.5 * vol * Math.Sqrt(time))) continue;
                kinds.Add(strike < f ? OptionKind.Put : OptionKind.Call);
                k.Add((float)strike);
                t.Add((float)time);
                v.Add((float)vol);
            }
        }

        int n = kinds.Count;
        Assert.True(n > 500);
        float[] s = Enumerable.Repeat(5900f, n).ToArray(), r = Enumerable.Repeat(0.043f, n).ToArray(), q = Enumerable.Repeat(0.013f, n).ToArray();
        var o32 = new GreeksBuffer<float>(n, Greek.All);
        var o64 = new GreeksBuffer<double>(n, Greek.All);
        new SimdGreeksEngine().Compute(new OptionBatch<float>(kinds.ToArray(), s, k.ToArray(), t.ToArray(), v.ToArray(), r, q), o32.AsOutput(n));
        static double[] D(IEnumerable<float> a) => a.Select(x => (double)x).ToArray();
        new ScalarGreeksEngine().Compute(new OptionBatch<double>(kinds.ToArray(), D(s), D(k), D(t), D(v), D(r), D(q)), o64.AsOutput(n));
        for (int i = 0; i < n; i++)
        {
            // Price: the float32 cancellation of S e^{-qt} N(d1) - K e^{-rt} N(d2) costs about one float ulp of S.
            Assert.True(Math.Abs(o32[Greek.Price][i] - o64[Greek.Price][i]) <= 2e-7 * 5900, $"price row {i}");
            Assert.True(Math.Abs(o32[Greek.Delta][i] - o64[Greek.Delta][i]) <= 2e-6 * Math.Abs(o64[Greek.Delta][i]), $"delta row {i}");
            Assert.True(Math.Abs(o32[Greek.Vega][i] - o64[Greek.Vega][i]) <= 2e-6 * Math.Abs(o64[Greek.Vega][i]), $"vega row {i}");
            Assert.True(Math.Abs(o32[Greek.Gamma][i] - o64[Greek.Gamma][i]) <= 2e-6 * Math.Abs(o64[Greek.Gamma][i]), $"gamma row {i}");
            Assert.True(Math.Abs(o32[Greek.Theta][i] - o64[Greek.Theta][i]) <= 2e-6 * Math.Abs(o64[Greek.Theta][i]), $"theta row {i}");
        }
    }
}
