using System.Runtime.Intrinsics;
using VixShield.Compute.Gpu;
using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

/// <summary>
/// exp, log, erfc and erfcx are written once (PolyExpLog, CodyErfc): every vector width must give, lane by lane, the
/// same bits as the scalar instantiation of the same code (the GPU ops run on the CPU), including the lanes that take
/// the rare paths (exp beyond ±708, log of subnormals/0/∞, erfc tails and underflow, NaN).
/// </summary>
public class SharedMathTests
{
    private static double[] Inputs64()
    {
        var rng = new Random(13);
        var xs = new List<double> { 0, -0.0, 1, -1, 0.46875, -0.46875, 4, -4, 26.54, 26.55, 27.3, -27, 708, -708, 708.5, -708.5,
            709.7, 710, -745, -745.2, -800, 1e-310, 4.9e-324, 2.2250738585072014e-308, double.PositiveInfinity, double.NaN, -3 };
        for (int i = 0; i < 4000; i++) xs.Add((rng.NextDouble() - 0.3) * (i % 4 == 0 ? 1500 : i % 4 == 1 ? 60 : i % 4 == 2 ? 8 : 1));
        return xs.ToArray();
    }

    private static unsafe void CheckWidth<TVec, TOps>(double[] xs)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        if (!TOps.IsHardwareAccelerated) return;
        int n = TOps.Count;
        var outE = new double[n];
        var outL = new double[n];
        var outC = new double[n];
        var outX = new double[n];
        for (int i = 0; i + n <= xs.Length; i += n)
        {
            fixed (double* p = &xs[i])
            fixed (double* pe = outE, pl = outL, pc = outC, px = outX)
            {
                TVec v = TOps.Load(p);
                TOps.Store(TOps.Exp(v), pe);
                TOps.Store(TOps.Log(TOps.Abs(v)), pl);
                TOps.Store(TOps.Erfc(v), pc);
                TOps.Store(CodyErfc.Erfcx<TVec, TVec, TOps>(TOps.Max(v, TOps.C(-26))), px);
            }

            for (int j = 0; j < n; j++)
            {
                double x = xs[i + j];
                Assert.Equal(GpuDoubleOps.Exp(x), outE[j]);
                Assert.Equal(GpuDoubleOps.Log(Math.Abs(x)), outL[j]);
                Assert.Equal(GpuDoubleOps.Erfc(x), outC[j]);
                Assert.Equal(CodyErfc.Erfcx<double, bool, GpuDoubleOps>(double.IsNaN(x) ? -26 : Math.Max(x, -26)), outX[j]); // vector max returns its second operand for NaN
            }
        }
    }

    private static unsafe void CheckWidth32<TVec, TOps>(float[] xs)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, float>
    {
        if (!TOps.IsHardwareAccelerated) return;
        int n = TOps.Count;
        var outE = new float[n];
        var outL = new float[n];
        var outC = new float[n];
        for (int i = 0; i + n <= xs.Length; i += n)
        {
            fixed (float* p = &xs[i])
            fixed (float* pe = outE, pl = outL, pc = outC)
            {
                TVec v = TOps.Load(p);
                TOps.Store(TOps.Exp(v), pe);
                TOps.Store(TOps.Log(TOps.Abs(v)), pl);
                TOps.Store(TOps.Erfc(v), pc);
            }

            for (int j = 0; j < n; j++)
            {
                float x = xs[i + j];
                Assert.Equal(GpuSingleOps.Exp(x), outE[j]);
                Assert.Equal(GpuSingleOps.Log(MathF.Abs(x)), outL[j]);
                Assert.Equal(GpuSingleOps.Erfc(x), outC[j]);
            }
        }
    }

    [Fact]
    public void EveryDoubleWidthEqualsTheScalarInstantiationBitForBit()
    {
        double[] xs = Inputs64();
        CheckWidth<Vector512<double>, Vector512DoubleOps>(xs);
        CheckWidth<Vector256<double>, Vector256DoubleOps>(xs);
        CheckWidth<Vector128<double>, Vector128DoubleOps>(xs);
    }

    [Fact]
    public void EverySingleWidthEqualsTheScalarInstantiationBitForBit()
    {
        float[] xs = Inputs64().Select(x => (float)(Math.Abs(x) > 200 && !double.IsInfinity(x) ? x / 10 : x)).ToArray();
        CheckWidth32<Vector512<float>, Vector512SingleOps>(xs);
        CheckWidth32<Vector256<float>, Vector256SingleOps>(xs);
        CheckWidth32<Vector128<float>, Vector128SingleOps>(xs);
    }

    [Fact]
    public void SpecialValuesFollowMathExpAndMathLog()
    {
        foreach (double x in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity, 1e-310, 4.9e-324 })
        {
            Assert.Equal(Math.Log(x), GpuDoubleOps.Log(x), 15);
        }

        Assert.Equal(0.0, GpuDoubleOps.Exp(-746));
        Assert.Equal(double.PositiveInfinity, GpuDoubleOps.Exp(709.8));
        Assert.Equal(Math.Exp(-745.1), GpuDoubleOps.Exp(-745.1));
        Assert.True(double.IsNaN(GpuDoubleOps.Erfc(double.NaN)));
        Assert.True(double.IsNaN(CodyErfc.Scalar(double.NaN)));
    }

    [Fact]
    public void ErfcFlushesToZeroWhereTheResultWouldBeSubnormal()
    {
        // The one rule for both precisions (kernels-docs/vector-math.md): erfc below the smallest normal number is 0.
        Assert.True(CodyErfc.Scalar(CodyErfc.UnderflowLimit64 - 1e-3) >= 2.2250738585072014e-308);
        Assert.Equal(0.0, CodyErfc.Scalar(CodyErfc.UnderflowLimit64 + 1e-3));
        Assert.True(GpuSingleOps.Erfc((float)CodyErfc.UnderflowLimit32 - 1e-3f) >= 1.17549435e-38f);
        Assert.Equal(0f, GpuSingleOps.Erfc((float)CodyErfc.UnderflowLimit32 + 1e-3f));
        Assert.Equal(2f, GpuSingleOps.Erfc(-(float)CodyErfc.UnderflowLimit32 - 1f));
    }
}
