using VixShield.Compute.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

public class ImpliedVolatilitySolverTests
{
    private sealed class Chain
    {
        public OptionKind[] Kind = [];
        public PricingModel[] Model = [];
        public double[] S = [], K = [], T = [], P = [], R = [], Q = [], Vol = [];

        public ImpliedVolBatch Batch => new(Kind, S, K, T, P, R, Q, Model);
    }

    /// <summary>A deterministic mixed chain: BSM and Black-76, calls and puts, wings to 1 minute.</summary>
    private static Chain MakeChain(int n)
    {
        var c = new Chain
        {
            Kind = new OptionKind[n], Model = new PricingModel[n], S = new double[n], K = new double[n], T = new double[n],
            P = new double[n], R = new double[n], Q = new double[n], Vol = new double[n],
        };
        double[] times = [1.0 / 525600, 1.0 / 365, 7.0 / 365, 0.1, 0.5, 2.0];
        for (int i = 0; i < n; i++)
        {
            c.Kind[i] = (i & 1) == 0 ? OptionKind.Call : OptionKind.Put;
            c.Model[i] = (i % 5) == 0 ? PricingModel.Black76 : PricingModel.BlackScholesMerton;
            c.S[i] = c.Model[i] == PricingModel.Black76 ? 18.0 : 5000.0;
            c.T[i] = times[i % times.Length];
            c.Vol[i] = 0.08 + (0.9 * ((i * 37) % 101) / 100.0);
            c.R[i] = 0.04;
            c.Q[i] = c.Model[i] == PricingModel.Black76 ? double.NaN : 0.013; // ignored by Black-76 rows
            double s = c.Vol[i] * Math.Sqrt(c.T[i]);
            double delta = 0.03 + (0.94 * ((i * 53) % 97) / 96.0);
            double f = c.Model[i] == PricingModel.Black76 ? c.S[i] : c.S[i] * Math.Exp((c.R[i] - c.Q[i]) * c.T[i]);
            c.K[i] = f * Math.Exp(-((NormalFunctions.InverseCdf(delta) * s) - (0.5 * s * s)));
            c.P[i] = Math.Exp(-c.R[i] * c.T[i]) * LetsBeRational.BlackPrice(f, c.K[i], c.Vol[i], c.T[i], c.Kind[i]);
        }

        return c;
    }

    [Fact]
    public void Sequential_MatchesScalarAndTruth_ForEveryLengthUpTo40()
    {
        var c = MakeChain(300);
        for (int n = 1; n <= 40; n++)
        {
            var vol = new double[n];
            var st = new ImpliedVolStatus[n];
            var res = ImpliedVolatilitySolver.Compute(c.Batch.Slice(0, n), vol, st, ImpliedVolOptions.Sequential);
            Assert.Equal(n, res.Count);
            Assert.Equal(n, res.OkCount);
            for (int i = 0; i < n; i++)
            {
                double scalar = LetsBeRational.ImpliedVolatility(c.P[i], c.S[i], c.K[i], c.T[i], c.R[i],
                    c.Model[i] == PricingModel.Black76 ? 0 : c.Q[i], c.Kind[i], c.Model[i], out var sst);
                Assert.Equal(sst, st[i]);
                // Vector exp/log differ from Math.Exp/Log by an ulp: the vols agree far below the 1e-12 target.
                Assert.True(Math.Abs(vol[i] - scalar) <= 1e-13 * scalar, $"n={n} row {i}: {vol[i]:R} vs scalar {scalar:R}");
                Assert.True(Math.Abs(vol[i] - c.Vol[i]) <= 1e-12 * c.Vol[i], $"n={n} row {i}: {vol[i]:R} vs {c.Vol[i]:R}");
            }
        }
    }

    [Fact]
    public void Parallel_EqualsSequential_BitForBit()
    {
        var c = MakeChain(20_000);
        var v1 = new double[20_000];
        var s1 = new ImpliedVolStatus[20_000];
        var v2 = new double[20_000];
        var s2 = new ImpliedVolStatus[20_000];
        var seq = ImpliedVolatilitySolver.Compute(c.Batch, v1, s1, ImpliedVolOptions.Sequential);
        var par = ImpliedVolatilitySolver.Compute(c.Batch, v2, s2, new ImpliedVolOptions { MaxDegreeOfParallelism = 4, ChunkSize = 1000 });
        Assert.Equal(1, seq.Threads);
        Assert.True(par.Threads > 1);
        Assert.Equal(20_000, seq.OkCount);
        Assert.Equal(seq.OkCount, par.OkCount);
        Assert.Equal(v1, v2);
        Assert.Equal(s1, s2);
        double worst = 0;
        for (int i = 0; i < v1.Length; i++) worst = Math.Max(worst, Math.Abs(v1[i] - c.Vol[i]) / c.Vol[i]);
        Assert.True(worst <= 1e-12, $"worst {worst:E2}");
    }

    [Fact]
    public void BadRows_GetTheirStatusAndNaN_WithoutTouchingNeighbours()
    {
        var c = MakeChain(24);
        // Row 3: price below intrinsic (ITM call priced under F-K), row 6: above maximum, row 9: NaN price,
        // row 12: t = 0, row 14: bad kind, row 16: bad model, row 18: exactly intrinsic (vol 0), row 20: negative strike.
        int itmCall = Enumerable.Range(0, 24).First(i => c.Kind[i] == OptionKind.Call && c.Model[i] == PricingModel.BlackScholesMerton);
        c.Kind[3] = OptionKind.Call;
        c.Model[3] = PricingModel.BlackScholesMerton;
        c.Q[3] = 0.013;
        c.K[3] = 4000;
        c.P[3] = 0.99 * (c.S[3] * Math.Exp(-c.Q[3] * c.T[3]) - (c.K[3] * Math.Exp(-c.R[3] * c.T[3])));
        c.Kind[6] = OptionKind.Put;
        c.P[6] = c.K[6] * 1.01;
        c.P[9] = double.NaN;
        c.T[12] = 0;
        c.Kind[14] = (OptionKind)3;
        c.Model[16] = (PricingModel)9;
        c.Kind[18] = OptionKind.Put;
        c.Model[18] = PricingModel.Black76;
        c.K[18] = 15;
        c.P[18] = 0;
        c.K[20] = -1;
        var vol = new double[24];
        var st = new ImpliedVolStatus[24];
        var res = ImpliedVolatilitySolver.Compute(c.Batch, vol, st);
        Assert.Equal(ImpliedVolStatus.BelowIntrinsic, st[3]);
        Assert.Equal(ImpliedVolStatus.AboveMaximum, st[6]);
        Assert.Equal(ImpliedVolStatus.InvalidInput, st[9]);
        Assert.Equal(ImpliedVolStatus.InvalidInput, st[12]);
        Assert.Equal(ImpliedVolStatus.InvalidInput, st[14]);
        Assert.Equal(ImpliedVolStatus.InvalidInput, st[16]);
        Assert.Equal(ImpliedVolStatus.Ok, st[18]);
        Assert.Equal(0.0, vol[18]);
        Assert.Equal(ImpliedVolStatus.InvalidInput, st[20]);
        int[] bad = [3, 6, 9, 12, 14, 16, 20];
        foreach (int i in bad) Assert.True(double.IsNaN(vol[i]));
        Assert.Equal(24 - bad.Length, res.OkCount);
        for (int i = 0; i < 24; i++)
        {
            if (bad.Contains(i) || i == 18) continue;
            Assert.Equal(ImpliedVolStatus.Ok, st[i]);
            Assert.True(Math.Abs(vol[i] - c.Vol[i]) <= 1e-12 * c.Vol[i], $"row {i}");
        }

        Assert.True(itmCall >= 0);
    }

    [Fact]
    public void SpanLengthMisuse_IsArgumentException()
    {
        var c = MakeChain(10);
        Assert.Throws<ArgumentException>(() => new ImpliedVolBatch(c.Kind, c.S, c.K.AsSpan(0, 9), c.T, c.P, c.R));
        Assert.Throws<ArgumentException>(() => ImpliedVolatilitySolver.Compute(c.Batch, new double[9], new ImpliedVolStatus[10]));
        Assert.Throws<ArgumentException>(() => ImpliedVolatilitySolver.Compute(c.Batch, new double[10], new ImpliedVolStatus[11]));
    }

    [Fact]
    public void Cancellation_IsHonoured_SequentialAndParallel()
    {
        var c = MakeChain(10_000);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var vol = new double[10_000];
        var st = new ImpliedVolStatus[10_000];
        Assert.ThrowsAny<OperationCanceledException>(() => ImpliedVolatilitySolver.Compute(c.Batch, vol, st, ImpliedVolOptions.Sequential, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => ImpliedVolatilitySolver.Compute(c.Batch, vol, st, new ImpliedVolOptions { MaxDegreeOfParallelism = 2 }, cts.Token));
    }

    [Fact]
    public void EmptyDividendAndModelSpans_MeanZeroAndBsm()
    {
        double[] s = [100], k = [105], t = [0.25], r = [0.03], vol = [0.2];
        double f = 100 * Math.Exp(0.03 * 0.25);
        double[] p = [Math.Exp(-0.03 * 0.25) * LetsBeRational.BlackPrice(f, 105, 0.2, 0.25, OptionKind.Call)];
        var outVol = new double[1];
        var st = new ImpliedVolStatus[1];
        ImpliedVolatilitySolver.Compute(new ImpliedVolBatch([OptionKind.Call], s, k, t, p, r), outVol, st);
        Assert.Equal(ImpliedVolStatus.Ok, st[0]);
        Assert.True(Math.Abs(outVol[0] - vol[0]) <= 1e-14);
    }

    [Fact]
    public void VectorisedSolve_AgreesWithScalarSolve_AndHandlesMostLanes()
    {
        var c = MakeChain(4096);
        var v1 = new double[4096];
        var v2 = new double[4096];
        var s1 = new ImpliedVolStatus[4096];
        var s2 = new ImpliedVolStatus[4096];
        ImpliedVolatilitySolver.Compute(c.Batch, v1, s1, new ImpliedVolOptions { MaxDegreeOfParallelism = 1, VectorizeSolve = false });
        ImpliedVolatilitySolver.Compute(c.Batch, v2, s2, new ImpliedVolOptions { MaxDegreeOfParallelism = 1, VectorizeSolve = true });
        Assert.Equal(s1, s2);
        for (int i = 0; i < v1.Length; i++)
        {
            Assert.True(Math.Abs(v1[i] - v2[i]) <= 1e-13 * v1[i], $"row {i}: scalar {v1[i]:R} vector {v2[i]:R}");
        }

        if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) return;
        // The lanes path itself: middle-branch lanes solved in vector form to full precision.
        int handled = 0, total = 0;
        double worst = 0;
        for (int i = 0; i + 4 <= 4096; i += 4)
        {
            var beta = new double[4];
            var x = new double[4];
            var truth = new double[4];
            for (int l = 0; l < 4; l++)
            {
                int j = i + l;
                double f = c.Model[j] == PricingModel.Black76 ? c.S[j] : c.S[j] * Math.Exp((c.R[j] - c.Q[j]) * c.T[j]);
                truth[l] = c.Vol[j] * Math.Sqrt(c.T[j]);
                x[l] = -Math.Abs(Math.Log(f / c.K[j]));
                beta[l] = NormalisedBlack.Call(x[l], truth[l]);
            }

            ulong done = VectorLetsBeRational.TrySolve<System.Runtime.Intrinsics.Vector256<double>, VixShield.Compute.Kernels.Vector256DoubleOps>(
                System.Runtime.Intrinsics.Vector256.Create(beta), System.Runtime.Intrinsics.Vector256.Create(x), out var s);
            for (int l = 0; l < 4; l++)
            {
                total++;
                if ((done & (1UL << l)) == 0) continue;
                handled++;
                worst = Math.Max(worst, Math.Abs(s[l] - truth[l]) / truth[l]);
            }
        }

        Assert.True(handled > total / 2, $"vector lanes handled {handled} of {total}");
        Assert.True(worst <= 1e-13, $"worst {worst:E2}");
    }
}
