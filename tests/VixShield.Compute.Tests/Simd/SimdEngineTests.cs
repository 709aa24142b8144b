using VixShield.Compute.Engines;
using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

/// <summary>The SIMD engine against the scalar reference: every width this machine has, every short length, bad rows.</summary>
public class SimdEngineTests
{
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        foreach (int bits in new[] { 512, 256, 128, 64 })
        {
            if (bits == 64 || new SimdGreeksEngine(null, bits).VectorBits == bits) data.Add(bits);
        }

        return data;
    }

    /// <summary>Relative difference, with an absolute floor (see <see cref="SimdTestData.NaturalScale"/>).</summary>
    internal static double RelErr(double a, double b, double floor)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : double.PositiveInfinity;
        if (a == b) return 0;
        return Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), floor);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EveryLengthFrom1To256MatchesScalarTo1e13(int bits)
    {
        var data = SimdTestData.Random(256 + 40, seed: 11, withBadRows: true);
        var simd = new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = 1 }, bits);
        var scalar = new ScalarGreeksEngine();
        var a = new GreeksBuffer<double>(256, Greek.All);
        var b = new GreeksBuffer<double>(256, Greek.All);
        double[][] scale = data.NaturalScale();
        for (int n = 1; n <= 256; n++)
        {
            int start = n % 37; // vary alignment
            var ra = simd.Compute(data.Batch(start, n), a.AsOutput(n));
            var rb = scalar.Compute(data.Batch(start, n), b.AsOutput(n));
            Assert.Equal(rb.InvalidCount, ra.InvalidCount);
            Assert.Equal("simd", ra.Engine);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(b.Status[i], a.Status[i]);
                foreach (Greek g in GreekInfo.All)
                {
                    double e = RelErr(a[g][i], b[g][i], scale[GreekInfo.IndexOf(g)][start + i]);
                    Assert.True(e <= 1e-13, $"n={n} row {i} {g}: simd {a[g][i]:R} scalar {b[g][i]:R} rel {e:E2}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void PriceAndFirstOrderOnlyWritesRequestedOutputsAndMatches(int bits)
    {
        var data = SimdTestData.Random(1000, seed: 5, withBadRows: false);
        var simd = new SimdGreeksEngine(null, bits);
        var a = new GreeksBuffer<double>(1000, Greek.All);
        var b = new GreeksBuffer<double>(1000, Greek.PriceAndFirstOrder);
        data.Model.AsSpan().Clear();
        double[][] scale = data.NaturalScale();
        foreach (Greek g in GreekInfo.All) Array.Fill(a[g], 12345.0);
        var outA = a.AsOutput(1000);
        var partial = new GreeksOutput<double>
        {
            Status = outA.Status, Price = outA.Price, Delta = outA.Delta, Vega = outA.Vega, Theta = outA.Theta, Rho = outA.Rho, Phi = outA.Phi,
        };
        simd.Compute(data.Batch(0, 1000, withModel: false), partial);
        new ScalarGreeksEngine().Compute(data.Batch(0, 1000, withModel: false), b.AsOutput(1000));
        foreach (Greek g in GreekInfo.All)
        {
            for (int i = 0; i < 1000; i++)
            {
                if ((Greek.PriceAndFirstOrder & g) != 0) Assert.True(RelErr(a[g][i], b[g][i], scale[GreekInfo.IndexOf(g)][i]) <= 1e-13, $"{g} row {i}");
                else Assert.Equal(12345.0, a[g][i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LargeParallelBatchEqualsSingleThreadedBitForBit(int bits)
    {
        const int n = 50_003;
        var data = SimdTestData.Random(n, seed: 3, withBadRows: true);
        var par = new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = 4 }, bits);
        var one = new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = 1 }, bits);
        var a = new GreeksBuffer<double>(n, Greek.All);
        var b = new GreeksBuffer<double>(n, Greek.All);
        var ra = par.Compute(data.Batch(0, n), a.AsOutput(n));
        var rb = one.Compute(data.Batch(0, n), b.AsOutput(n));
        Assert.Equal(rb.InvalidCount, ra.InvalidCount);
        Assert.True(ra.InvalidCount > 0);
        Assert.Equal(b.Status, a.Status);
        foreach (Greek g in GreekInfo.All) Assert.Equal(b[g], a[g]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Float32MatchesScalarFloat32(int bits)
    {
        const int n = 3000;
        var d = SimdTestData.Random(n, seed: 9, withBadRows: true).ToSingle();
        var batch = new OptionBatch<float>(d.Kind, d.S, d.K, d.T, d.Vol, d.R, d.Q, d.Model);
        var a = new GreeksBuffer<float>(n, Greek.All);
        var b = new GreeksBuffer<float>(n, Greek.All);
        var ra = new SimdGreeksEngine(null, bits).Compute(batch, a.AsOutput(n));
        var rb = new ScalarGreeksEngine().Compute(batch, b.AsOutput(n));
        Assert.Equal(Precision.Single, ra.Precision);
        Assert.Equal(rb.InvalidCount, ra.InvalidCount);
        Assert.Equal(b.Status, a.Status);
        foreach (Greek g in new[] { Greek.Price, Greek.Delta, Greek.Vega, Greek.ItmProbability })
        {
            for (int i = 0; i < n; i++)
            {
                if (b.Status[i] != OptionStatus.Ok) { Assert.True(float.IsNaN(a[g][i])); continue; }
                // float32 formula error is the same in both paths; they differ only in exp/log/erfc rounding.
                double scale = g == Greek.Price ? d.S[i] * 1e-6 : g == Greek.Vega ? d.S[i] * Math.Sqrt(d.T[i]) * 1e-6 : 1e-6;
                double diff = Math.Abs(a[g][i] - b[g][i]);
                Assert.True(diff <= (2e-5 * Math.Abs(b[g][i])) + scale, $"{g} row {i}: simd {a[g][i]:R} scalar {b[g][i]:R}");
            }
        }
    }

    [Fact]
    public void BadRowsGetStatusAndNaNWithoutTouchingNeighbours()
    {
        var simd = new SimdGreeksEngine();
        const int n = 19;
        var kind = Enumerable.Repeat(OptionKind.Call, n).ToArray();
        var s = Enumerable.Repeat(100.0, n).ToArray();
        var k = Enumerable.Repeat(105.0, n).ToArray();
        var t = Enumerable.Repeat(0.5, n).ToArray();
        var v = Enumerable.Repeat(0.2, n).ToArray();
        var r = Enumerable.Repeat(0.03, n).ToArray();
        v[3] = -0.2;
        k[4] = 0;
        t[5] = double.NaN;
        kind[6] = 0;
        t[7] = 0; // valid: intrinsic
        var buf = new GreeksBuffer<double>(n, Greek.All);
        var res = simd.Compute(new OptionBatch<double>(kind, s, k, t, v, r), buf.AsOutput(n));
        Assert.Equal(4, res.InvalidCount);
        Assert.Equal(OptionStatus.InvalidVol, buf.Status[3]);
        Assert.Equal(OptionStatus.InvalidStrike, buf.Status[4]);
        Assert.Equal(OptionStatus.InvalidTime, buf.Status[5]);
        Assert.Equal(OptionStatus.InvalidKind, buf.Status[6]);
        Assert.Equal(OptionStatus.Ok, buf.Status[7]);
        Assert.Equal(0.0, buf[Greek.Price][7]);
        foreach (Greek g in GreekInfo.All)
        {
            for (int i = 3; i <= 6; i++) Assert.True(double.IsNaN(buf[g][i]), $"{g} row {i}");
            Assert.Equal(buf[g][0], buf[g][18]); // identical rows on either side of the bad ones
            Assert.False(double.IsNaN(buf[g][2]));
        }
    }

    [Fact]
    public void CancelledTokenThrowsBeforeWork()
    {
        var data = SimdTestData.Random(20_000, seed: 1, withBadRows: false);
        var buf = new GreeksBuffer<double>(20_000, Greek.Price);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new SimdGreeksEngine().Compute(data.Batch(0, 20_000), buf.AsOutput(20_000), cts.Token));
    }

    [Fact]
    public void MismatchedOutputLengthIsArgumentException()
    {
        var data = SimdTestData.Random(10, seed: 1, withBadRows: false);
        var buf = new GreeksBuffer<double>(12, Greek.Price);
        Assert.Throws<ArgumentException>(() => new SimdGreeksEngine().Compute(data.Batch(0, 10), buf.AsOutput(12)));
    }

    [Fact]
    public void SingleChunkCallAllocatesNothing()
    {
        var data = SimdTestData.Random(1024, seed: 2, withBadRows: true);
        var buf = new GreeksBuffer<double>(1024, Greek.All);
        var engine = new SimdGreeksEngine();
        engine.Compute(data.Batch(0, 1024), buf.AsOutput(1024)); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        engine.Compute(data.Batch(0, 1024), buf.AsOutput(1024));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FactoryCreatesSimdForSimdAndAutoWithoutGpu()
    {
        Assert.IsType<SimdGreeksEngine>(GreeksEngines.Create(EnginePreference.Simd));
        Assert.IsType<SimdGreeksEngine>(GreeksEngines.Create(EnginePreference.Auto));
        var info = GreeksEngines.Create(EnginePreference.Simd, new GreeksEngineOptions { MaxDegreeOfParallelism = 3 }).Info;
        Assert.Equal(EngineKind.Simd, info.Kind);
        Assert.Equal(3, info.Threads);
        Assert.Equal(SimdGreeksEngine.BestVectorBits, info.VectorBits);
    }
}
