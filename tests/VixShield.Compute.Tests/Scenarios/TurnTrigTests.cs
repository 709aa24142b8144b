using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

/// <summary>sin(2πu), cos(2πu) of the Monte Carlo transforms against double.SinPi/CosPi (correctly reduced in turns).</summary>
public sealed class TurnTrigTests
{
    [Fact]
    public void WithinThreeUlpOfOneOverTheUnitInterval()
    {
        double worst = 0;
        var rng = new Random(5);
        var us = Enumerable.Range(0, 200_001).Select(i => i / 200_000.0)
            .Concat([1e-300, 2.0e-16, 0.125, 0.25, 0.375, 0.5 - 1e-17, 0.5, 0.625, 0.75, 0.875, 1 - 1.1e-16])
            .Concat(Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble()));
        foreach (double u in us)
        {
            TurnTrig.SinCos<double, bool, ScalarDoubleOps>(u, out double s, out double c);
            double es = double.SinPi(2 * u), ec = double.CosPi(2 * u);
            worst = Math.Max(worst, Math.Max(Math.Abs(s - es), Math.Abs(c - ec)));
            Assert.True(Math.Abs(s - es) <= 7e-16 && Math.Abs(c - ec) <= 7e-16, $"u = {u:R}: sin {s:R} vs {es:R}, cos {c:R} vs {ec:R}");
        }

        Assert.True(worst > 0); // the comparison ran against a different implementation
    }

    [Fact]
    public void ExactAtTheOctantPoints()
    {
        TurnTrig.SinCos<double, bool, ScalarDoubleOps>(0.25, out double s, out double c);
        Assert.Equal(1.0, s);
        Assert.Equal(0.0, c, 15);
        TurnTrig.SinCos<double, bool, ScalarDoubleOps>(0.5, out s, out c);
        Assert.Equal(0.0, s, 15);
        Assert.Equal(-1.0, c);
    }
}
