using VixShield.Compute.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

public class PutCallParityTests
{
    private const double Spot = 5000, Rate = 0.045, Div = 0.013, T = 0.25;

    /// <summary>A 4000..6000 SPX-like chain with skew, deterministic noise of ±noise and the given bad quotes.</summary>
    private static (double[] K, double[] C, double[] P) Chain(double noise, params (int Index, double CallBump, double PutBump)[] bad)
    {
        int n = 81;
        var k = new double[n];
        var c = new double[n];
        var p = new double[n];
        double f = Spot * Math.Exp((Rate - Div) * T);
        double d = Math.Exp(-Rate * T);
        uint seed = 12345;
        double Noise()
        {
            seed = (seed * 1664525u) + 1013904223u;
            return noise * ((2.0 * (seed / 4294967296.0)) - 1.0);
        }

        for (int i = 0; i < n; i++)
        {
            k[i] = 4000 + (25 * i);
            double vol = 0.18 - (0.25 * Math.Log(k[i] / f)) + (0.4 * Math.Pow(Math.Log(k[i] / f), 2));
            c[i] = (d * LetsBeRational.BlackPrice(f, k[i], vol, T, OptionKind.Call)) + Noise();
            p[i] = (d * LetsBeRational.BlackPrice(f, k[i], vol, T, OptionKind.Put)) + Noise();
        }

        foreach (var (i, cb, pb) in bad)
        {
            c[i] += cb;
            p[i] += pb;
        }

        return (k, c, p);
    }

    [Fact]
    public void CleanChain_RecoversForwardAndDiscountExactly()
    {
        var (k, c, p) = Chain(0);
        var fit = PutCallParity.ImpliedForward(k, c, p);
        double f = Spot * Math.Exp((Rate - Div) * T);
        Assert.True(Math.Abs(fit.Forward - f) <= 1e-9 * f, $"F {fit.Forward:R} vs {f:R}");
        Assert.True(Math.Abs(fit.DiscountFactor - Math.Exp(-Rate * T)) <= 1e-12);
        Assert.Equal(0, fit.PairsRejected);
        Assert.True(Math.Abs(fit.ImpliedRate(T) - Rate) <= 1e-10);
        Assert.True(Math.Abs(fit.ImpliedDividendYield(Spot, T) - Div) <= 1e-10);
        Assert.All(fit.Checks, ch => Assert.Equal(ParityArbitrage.None, ch.Arbitrage));
    }

    [Fact]
    public void NoisyChainWithBadQuotes_RecoversForward_AndFlagsExactlyTheBadPairs()
    {
        // Noise ±2 cents on every price; three bad quotes: a stale call (+$3), a stale put (-$2.5), a crossed pair.
        var (k, c, p) = Chain(0.02, (10, 3.0, 0), (40, 0, -2.5), (70, -1.5, 1.0));
        var fit = PutCallParity.ImpliedForward(k, c, p, new ParityOptions { Tolerance = 0.10 });
        double f = Spot * Math.Exp((Rate - Div) * T);
        // The noise on C - P is ±4 cents over 78 pairs: the forward is known to about a cent.
        Assert.True(Math.Abs(fit.Forward - f) <= 0.05, $"F {fit.Forward:R} vs {f:R}");
        Assert.True(Math.Abs(fit.DiscountFactor - Math.Exp(-Rate * T)) <= 2e-5, $"D {fit.DiscountFactor:R} F {fit.Forward} rej {fit.PairsRejected} scale {fit.ResidualScale}");
        Assert.Equal(3, fit.PairsRejected);
        Assert.False(fit.Checks[10].UsedInFit);
        var flagged = fit.Checks.Select((ch, i) => (ch, i)).Where(t => t.ch.Arbitrage != ParityArbitrage.None).ToList();
        Assert.Equal(new[] { 10, 40, 70 }, flagged.Select(t => t.i));
        Assert.Equal(ParityArbitrage.Conversion, fit.Checks[10].Arbitrage);
        Assert.Equal(ParityArbitrage.Conversion, fit.Checks[40].Arbitrage); // put too cheap: C - P too high
        Assert.Equal(ParityArbitrage.Reversal, fit.Checks[70].Arbitrage);
        Assert.True(Math.Abs(fit.Checks[10].Violation - 3.0) <= 0.1, $"{fit.Checks[10].Violation}");
        Assert.True(Math.Abs(fit.Checks[40].Violation - 2.5) <= 0.1);
        Assert.True(Math.Abs(fit.Checks[70].Violation + 2.5) <= 0.1);
    }

    [Fact]
    public void Check_AgainstGivenForward_ReportsViolationSize()
    {
        double[] k = [90, 100, 110];
        double d = 0.99, f = 101;
        double[] c = [12.0, 5.0, 1.0];
        double[] p = [c[0] - (d * (f - 90)), c[1] - (d * (f - 100)) - 0.3, c[2] - (d * (f - 110)) + 0.2];
        var checks = PutCallParity.Check(k, c, p, f, d, 0.25);
        Assert.Equal(ParityArbitrage.None, checks[0].Arbitrage);
        Assert.Equal(0.0, checks[0].Violation, 12);
        Assert.Equal(ParityArbitrage.Conversion, checks[1].Arbitrage);
        Assert.Equal(0.3, checks[1].Violation, 12);
        Assert.Equal(ParityArbitrage.None, checks[2].Arbitrage);
        Assert.Equal(-0.2, checks[2].Violation, 12);
    }

    [Fact]
    public void Misuse_IsArgumentException_WithAdvice()
    {
        Assert.Throws<ArgumentException>(() => PutCallParity.ImpliedForward([100.0], [5.0], [4.0]));
        Assert.Throws<ArgumentException>(() => PutCallParity.ImpliedForward([100.0, 110], [5.0], [4.0, 3]));
        // Calls and puts swapped: slope +D → no positive discount factor.
        var (k, c, p) = Chain(0);
        var ex = Assert.Throws<ArgumentException>(() => PutCallParity.ImpliedForward(k, p, c));
        Assert.Contains("swapped", ex.Message);
    }
}
