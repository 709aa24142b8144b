using VixShield.Compute.Gpu;
using Xunit;
using Xunit.Abstractions;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>The project's polynomial exp/log (GPU ops, run on the CPU) against Math.Exp/Math.Log, in ulps of the result.</summary>
public class PolyExpLogAccuracyTests(ITestOutputHelper output)
{
    private static double UlpDiff(double a, double e)
    {
        if (a == e) return 0;
        double ulp = Math.BitIncrement(Math.Abs(e)) - Math.Abs(e);
        return Math.Abs(a - e) / ulp;
    }

    private static double UlpDiff(float a, double e)
    {
        float ef = (float)e;
        if (a == ef) return 0;
        double ulp = MathF.BitIncrement(MathF.Abs(ef)) - MathF.Abs(ef);
        return Math.Abs(a - e) / ulp;
    }

    [Theory]
    [InlineData(-745.0, -700.0, 1.0)]  // subnormal results (n(d) for |d| near 37.5, erfc tail) - measured in ulps of the subnormal spacing
    [InlineData(-700.0, -1.0, 1.0)]    // exp(-d²/2), exp(-y²), discount factors
    [InlineData(-1.0, 1.0, 1.0)]       // e^{-rt}, e^{-qt}
    [InlineData(1.0, 709.0, 1.0)]
    public void Exp64WithinOneUlpOfMathExp(double lo, double hi, double maxUlps)
    {
        var rng = new Random(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = lo + ((hi - lo) * rng.NextDouble());
            worst = Math.Max(worst, UlpDiff(GpuDoubleOps.Exp(x), Math.Exp(x)));
        }

        output.WriteLine($"exp64 [{lo}, {hi}]: max {worst:F3} ulp vs Math.Exp");
        Assert.True(worst <= maxUlps, $"max {worst} ulp");
    }

    [Fact]
    public void Exp64EdgeValues()
    {
        Assert.Equal(0.0, GpuDoubleOps.Exp(-800.0));
        Assert.Equal(0.0, GpuDoubleOps.Exp(-1e300));
        Assert.Equal(double.PositiveInfinity, GpuDoubleOps.Exp(710.0));
        Assert.Equal(1.0, GpuDoubleOps.Exp(0.0));
    }

    [Theory]
    [InlineData(0.2, 5.0)]         // S/K of listed strikes
    [InlineData(0.999, 1.001)]     // near the money: ln(S/K) near 0
    [InlineData(1e-300, 1e300)]    // whole normal range (log-uniform)
    public void Log64WithinOneUlpOfMathLog(double lo, double hi)
    {
        var rng = new Random(2);
        double worst = 0;
        bool logUniform = hi / lo > 1e3;
        for (int i = 0; i < 200_000; i++)
        {
            double x = logUniform ? Math.Exp(Math.Log(lo) + ((Math.Log(hi) - Math.Log(lo)) * rng.NextDouble())) : lo + ((hi - lo) * rng.NextDouble());
            worst = Math.Max(worst, UlpDiff(GpuDoubleOps.Log(x), Math.Log(x)));
        }

        output.WriteLine($"log64 [{lo}, {hi}]: max {worst:F3} ulp vs Math.Log");
        Assert.True(worst <= 1.0, $"max {worst} ulp");
    }

    [Fact]
    public void Log64OfSubnormalAndOne()
    {
        Assert.Equal(0.0, GpuDoubleOps.Log(1.0));
        Assert.True(UlpDiff(GpuDoubleOps.Log(4.9406564584124654e-324), Math.Log(4.9406564584124654e-324)) <= 1);
        Assert.True(UlpDiff(GpuDoubleOps.Log(1e-310), Math.Log(1e-310)) <= 1);
    }

    [Theory]
    [InlineData(-87.0, 0.0)]
    [InlineData(0.0, 88.0)]
    public void Exp32WithinTwoUlpsOfCorrectlyRoundedExp(double lo, double hi)
    {
        var rng = new Random(3);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)(lo + ((hi - lo) * rng.NextDouble()));
            worst = Math.Max(worst, UlpDiff(GpuSingleOps.Exp(x), Math.Exp(x)));
        }

        output.WriteLine($"exp32 [{lo}, {hi}]: max {worst:F3} ulp vs float(Math.Exp)");
        Assert.True(worst <= 2.0, $"max {worst} ulp");
    }

    [Fact]
    public void Log32WithinTwoUlpsOfCorrectlyRoundedLog()
    {
        var rng = new Random(4);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)Math.Exp(-80 + (160 * rng.NextDouble()));
            worst = Math.Max(worst, UlpDiff(GpuSingleOps.Log(x), Math.Log(x)));
        }

        output.WriteLine($"log32 [e^-80, e^80]: max {worst:F3} ulp vs float(Math.Log)");
        Assert.True(worst <= 2.0, $"max {worst} ulp");
    }

    [Fact]
    public void ErfcGpuMatchesScalarCody()
    {
        double worst = 0;
        for (double x = -6; x <= 26.5; x += 0.001)
        {
            double e = VixShield.Compute.Kernels.CodyErfc.Scalar(x), a = GpuDoubleOps.Erfc(x);
            if (e == 0) { Assert.Equal(0.0, a); continue; }
            worst = Math.Max(worst, Math.Abs(a - e) / e);
        }

        output.WriteLine($"erfc64 GPU ops vs scalar Cody on [-6, 26.5]: max rel {worst:E2}");
        Assert.True(worst <= 1e-15, $"max rel {worst}");
    }
}
