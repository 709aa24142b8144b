using System.Numerics;
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

    private static unsafe void CheckLogRatio<TVec, TOps, T>(Func<double, double, double> scalar)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TOps.IsHardwareAccelerated) return;
        int n = TOps.Count;
        var rng = new Random(17);
        T* a = stackalloc T[n], b = stackalloc T[n], y = stackalloc T[n];
        for (int round = 0; round < 3000; round++)
        {
            for (int j = 0; j < n; j++)
            {
                // the pricer's domain [1e-8, 1e12], strikes near and far, ratios on both sides of √2 and √½
                a[j] = T.CreateTruncating(Math.Pow(10, (rng.NextDouble() * 20) - 8));
                b[j] = round % 3 == 0 ? T.CreateTruncating(Math.Pow(10, (rng.NextDouble() * 20) - 8)) : T.CreateTruncating(double.CreateTruncating(a[j]) * Math.Pow(2, (rng.NextDouble() * 3) - 1.5));
            }

            TOps.Store(TOps.LogRatio(TOps.Load(a), TOps.Load(b)), y);
            for (int j = 0; j < n; j++)
            {
                double want = scalar(double.CreateTruncating(a[j]), double.CreateTruncating(b[j]));
                Assert.Equal(want, double.CreateTruncating(y[j]));
            }
        }
    }

    [Fact]
    public void LogRatioOfEveryWidthEqualsTheScalarInstantiationBitForBit()
    {
        CheckLogRatio<Vector512<double>, Vector512DoubleOps, double>(GpuDoubleOps.LogRatio);
        CheckLogRatio<Vector256<double>, Vector256DoubleOps, double>(GpuDoubleOps.LogRatio);
        CheckLogRatio<Vector128<double>, Vector128DoubleOps, double>(GpuDoubleOps.LogRatio);
        CheckLogRatio<Vector512<float>, Vector512SingleOps, float>((a, b) => GpuSingleOps.LogRatio((float)a, (float)b));
        CheckLogRatio<Vector256<float>, Vector256SingleOps, float>((a, b) => GpuSingleOps.LogRatio((float)a, (float)b));
        CheckLogRatio<Vector128<float>, Vector128SingleOps, float>((a, b) => GpuSingleOps.LogRatio((float)a, (float)b));
    }

    [Fact]
    public void LogRatioOfSubnormalOperandsIsAccurate()
    {
        // The bulk implied-vol solver accepts any positive S and K: subnormal operands are scaled first.
        foreach ((double a, double b) in new[] { (1e-310, 1.0), (1.0, 1e-310), (3e-320, 7e-315), (2.2250738585072014e-308, 4.9e-324), (5e-324, 5e-324), (1e-310, 1e300) })
        {
            // reference: the log of the quotient of the operands scaled into the normal range (one rounding, 1e-16
            // absolute), or the difference of the logs where the quotient leaves the range (then |ln| > 690)
            double ratio = a * 1.8446744073709552E+19 / (b * 1.8446744073709552E+19);
            double want = ratio > 1e-300 && ratio < 1e300 ? Math.Log(ratio) : Math.Log(a) - Math.Log(b);
            Assert.Equal(want, GpuDoubleOps.LogRatio(a, b), Math.Abs(want) * 1e-15);
            Assert.Equal(want, Vector128DoubleOps.LogRatio(Vector128.Create(a), Vector128.Create(b)).GetElement(1), Math.Abs(want) * 1e-15);
        }

        foreach ((float a, float b) in new[] { (1e-40f, 1f), (1f, 1e-40f), (1e-44f, 3e-39f) })
        {
            double want = Math.Log(a) - Math.Log(b);
            Assert.Equal(want, GpuSingleOps.LogRatio(a, b), Math.Abs(want) * 1e-6);
            Assert.Equal(want, Vector128SingleOps.LogRatio(Vector128.Create(a), Vector128.Create(b)).GetElement(2), Math.Abs(want) * 1e-6);
        }
    }

    [Fact]
    public void LogRatioIsWithinTwoUlpOfTheCorrectedScalarRatioAtTheMoney()
    {
        // The vector log-moneyness never rounds S/K into the result: at the money it is accurate relative to ln(S/K)
        // itself (the harness in benchmarks/.../Accuracy measures 2 ulp against mpmath); a log of the rounded quotient is off
        // by up to 1e-16 absolute, i.e. 1e-9 relative at |ln| = 1e-7.
        var rng = new Random(5);
        for (int i = 0; i < 20000; i++)
        {
            double s = 100 + (rng.NextDouble() * 6000), k = s * (1 + ((rng.NextDouble() - 0.5) * 2e-6));
            double y = GpuDoubleOps.LogRatio(s, k), want = ScalarDoubleOps.LogRatio(s, k);
            Assert.True(Math.Abs(y - want) <= 3 * Math.Abs(want) * 1.1102230246251565e-16, $"{s:R}/{k:R}: {y:R} vs {want:R}");
        }
    }

    private static unsafe void CheckSignedBytes<TVec, TOps, T>()
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TOps.IsHardwareAccelerated) return;
        int n = TOps.Count;
        sbyte* bytes = stackalloc sbyte[256 + 64];
        for (int j = 0; j < 256 + 64; j++) bytes[j] = unchecked((sbyte)(j - 128));
        T* y = stackalloc T[n];
        for (int at = 0; at + n <= 256 + 64; at++)
        {
            TOps.Store(TOps.LoadSignedBytes(bytes + at), y);
            for (int j = 0; j < n; j++) Assert.Equal(T.CreateTruncating((int)bytes[at + j]), y[j]);
        }
    }

    [Fact]
    public void SignedBytesBecomeLaneValuesAtEveryWidthAndOffset()
    {
        CheckSignedBytes<Vector512<double>, Vector512DoubleOps, double>();
        CheckSignedBytes<Vector256<double>, Vector256DoubleOps, double>();
        CheckSignedBytes<Vector128<double>, Vector128DoubleOps, double>();
        CheckSignedBytes<Vector512<float>, Vector512SingleOps, float>();
        CheckSignedBytes<Vector256<float>, Vector256SingleOps, float>();
        CheckSignedBytes<Vector128<float>, Vector128SingleOps, float>();
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
