using System.Globalization;
using VixShield.Compute.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

public class NormalisedBlackTests
{
    public static TheoryData<double, double> ErfcxReference => new()
    {
        { -3.0, 1.6205988853999587e+4 },
        { -1.0, 5.0089800807622835 },
        { -0.6, 2.2988541117340935 },
        { -0.46875, 1.8594024168714221 },
        { -0.2, 1.2726020284831957 },
        { 0.0, 1.0 },
        { 0.3, 7.3459933456765515e-1 },
        { 0.46875, 6.3206968924955608e-1 },
        { 0.5, 6.1569034419292587e-1 },
        { 1.0, 4.27583576155807e-1 },
        { 2.5, 2.1080636406114358e-1 },
        { 4.0, 1.3699945762506139e-1 },
        { 4.5, 1.2248480427384142e-1 },
        { 10.0, 5.6140992743822586e-2 },
        { 30.0, 1.8795888861416751e-2 },
        { 1000.0, 5.6418930145338765e-4 },
        { 1e8, 5.6418958354775626e-9 },
    };

    [Theory]
    [MemberData(nameof(ErfcxReference))]
    public void Erfcx_MatchesMpmath_To4e16Relative(double y, double expected)
    {
        double got = NormalFunctions.Erfcx(y);
        // 4 ulp; for y < 0 the 2e^{y²} term carries y²-proportional rounding (documented), still < 1e-15 at y = -3.
        double tol = y < -1 ? 2e-15 : 4e-16;
        Assert.True(Math.Abs(got - expected) <= tol * expected, $"erfcx({y}) = {got:R}, expected {expected:R}");
    }

    [Theory]
    [InlineData(1e-20, -9.2623400897984076)]
    [InlineData(1e-8, -5.6120012441747887)]
    [InlineData(0.001, -3.0902323061678135)]
    [InlineData(0.02, -2.053748910631823)]
    [InlineData(0.075, -1.4395314709384559)]
    [InlineData(0.3, -5.2440051270804082e-1)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8, 8.4162123357291436e-1)]
    [InlineData(0.99, 2.3263478740408408)]
    public void InverseCdf_MatchesMpmath_To1e15Relative(double p, double expected)
    {
        double got = NormalFunctions.InverseCdf(p);
        Assert.True(Math.Abs(got - expected) <= 1e-15 * Math.Abs(expected), $"Φ⁻¹({p}) = {got:R}, expected {expected:R}");
    }

    [Fact]
    public void NormalisedBlackCall_MatchesMpmathTable_ToFewUlpTimesHSquared_InAllFourRegions()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "ImpliedVol", "normalised_black_mpmath.csv");
        var lines = File.ReadAllLines(path).Skip(1).ToArray();
        Assert.True(lines.Length > 200);
        double worst = 0;
        string worstAt = string.Empty;
        foreach (string line in lines)
        {
            string[] f = line.Split(',');
            double x = double.Parse(f[0], CultureInfo.InvariantCulture);
            double s = double.Parse(f[1], CultureInfo.InvariantCulture);
            double expected = double.Parse(f[2], CultureInfo.InvariantCulture);
            double got = NormalisedBlack.Call(x, s);
            // exp(-h²/2) with h = x/s rounded once is exact to h²·ε relative only: the bound scales with h².
            double h = x / s;
            double rel = Math.Abs(got - expected) / expected / (8 + (h * h));
            if (rel > worst)
            {
                worst = rel;
                worstAt = $"x={x}, s={s}: {got:R} vs {expected:R}";
            }

            // The put through symmetry b(x,s,-1) = b(-x,s,+1), and the call at +|x| via intrinsic + OTM.
            Assert.Equal(got, NormalisedBlack.Price(-x, s, -1.0));
        }

        Assert.True(worst <= 4e-16, $"worst relative error / (8 + h²) {worst:E3} at {worstAt}");
    }

    [Fact]
    public void NormalisedVega_MatchesFiniteDifferenceOfPrice()
    {
        foreach (double x in new[] { 0.0, -0.1, -1.0, -3.0 })
        {
            foreach (double s in new[] { 0.05, 0.3, 1.0, 2.5 })
            {
                double h = x / s;
                double hs = 1e-4 * s / (1 + (h * h));
                double fd = (NormalisedBlack.Call(x, s + hs) - NormalisedBlack.Call(x, s - hs)) / (2 * hs);
                double vega = NormalisedBlack.Vega(x, s);
                Assert.True(Math.Abs(fd - vega) <= 1e-8 * vega, $"x={x} s={s}: fd {fd:R} vega {vega:R}");
            }
        }
    }

    [Fact]
    public void Intrinsic_IsTwoSinhHalfX_OnTheInTheMoneySideOnly()
    {
        Assert.Equal(0.0, NormalisedBlack.Intrinsic(-0.5, 1.0));
        Assert.Equal(0.0, NormalisedBlack.Intrinsic(0.5, -1.0));
        Assert.Equal(2 * Math.Sinh(0.25), NormalisedBlack.Intrinsic(0.5, 1.0), 15);
        Assert.Equal(2 * Math.Sinh(0.25), NormalisedBlack.Intrinsic(-0.5, -1.0), 15);
    }
}
