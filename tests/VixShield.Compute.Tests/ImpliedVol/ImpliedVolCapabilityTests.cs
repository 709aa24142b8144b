using VixShield.Compute.Engines;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Tests.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

/// <summary>engine.ImpliedVolatility(...) on any engine: the CPU solver by default, the engine's own kernel when it has
/// the capability; both invert prices made from known vols.</summary>
public sealed class ImpliedVolCapabilityTests
{
    private static readonly OptionKind[] Kind = [OptionKind.Call, OptionKind.Put, OptionKind.Put, OptionKind.Call];
    private static readonly double[] S = [6000, 6000, 6000, 100], K = [6200, 5600, 6000, 90], T = [30 / 365.0, 7 / 365.0, 0.5, 1.0],
        R = [0.043, 0.043, 0.043, 0.03], Q = [0.013, 0.013, 0.013, 0], TrueVol = [0.14, 0.24, 0.17, 0.25];

    private static double[] Prices()
    {
        var p = new double[Kind.Length];
        for (int i = 0; i < p.Length; i++)
        {
            double f = S[i] * Math.Exp((R[i] - Q[i]) * T[i]);
            p[i] = Math.Exp(-R[i] * T[i]) * LetsBeRational.BlackPrice(f, K[i], TrueVol[i], T[i], Kind[i]);
        }

        p[3] = 5; // below the discounted intrinsic 100 - 90 e^(-0.03): no vol exists
        return p;
    }

    [Fact]
    public void EngineWithoutTheCapability_RunsTheCpuSolver_BitForBit()
    {
        double[] price = Prices();
        var batch = new ImpliedVolBatch(Kind, S, K, T, price, R, Q);
        var vol = new double[4];
        var status = new ImpliedVolStatus[4];
        using IGreeksEngine scalar = GreeksEngines.Create(EnginePreference.Scalar);
        Assert.False(scalar is IImpliedVolEngine);
        EngineImpliedVolResult r = scalar.ImpliedVolatility(batch, vol, status, new ImpliedVolOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal((ImpliedVolEngineExtensions.CpuEngineName, 4, 3, false, 1), (r.Engine, r.Count, r.OkCount, r.FellBack, r.Threads));
        var direct = new double[4];
        var directStatus = new ImpliedVolStatus[4];
        ImpliedVolatilitySolver.Compute(batch, direct, directStatus, new ImpliedVolOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(direct, vol);
        Assert.Equal(directStatus, status);
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(vol[i] - TrueVol[i]) <= 1e-12 * TrueVol[i], $"row {i}: {vol[i]:R}");
        Assert.Equal(ImpliedVolStatus.BelowIntrinsic, status[3]);
        Assert.True(double.IsNaN(vol[3]));
    }

    [Fact]
    public void EngineWithTheCapability_RunsItsKernel()
    {
        double[] price = Prices();
        var batch = new ImpliedVolBatch(Kind, S, K, T, price, R, Q);
        var vol = new double[4];
        var status = new ImpliedVolStatus[4];
        IGreeksEngine engine = GpuTestEngines.IlgpuCpu; // shared by the GPU tests: not disposed here
        EngineImpliedVolResult r = engine.ImpliedVolatility(batch, vol, status);
        Assert.Equal(("ilgpu-cpu", 3, false), (r.Engine, r.OkCount, r.FellBack));
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(vol[i] - TrueVol[i]) <= 1e-12 * TrueVol[i], $"row {i}: {vol[i]:R}");
        Assert.Equal(ImpliedVolStatus.BelowIntrinsic, status[3]);
    }
}
