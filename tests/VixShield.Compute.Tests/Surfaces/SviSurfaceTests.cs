using VixShield.Compute.Scenarios;
using VixShield.Compute.Surfaces;
using Xunit;

namespace VixShield.Compute.Tests.Surfaces;

public class SviSurfaceTests
{
    private static readonly SviParameters SpxLike = new(A: 0.004, B: 0.09, Rho: -0.72, M: 0.03, Sigma: 0.12);

    private static (double[] K, double[] Vol) Quotes(SviParameters p, double t, double f, int n, double kMin, double kMax, double noise = 0)
    {
        var k = new double[n];
        var v = new double[n];
        uint seed = 7;
        for (int i = 0; i < n; i++)
        {
            double x = kMin + ((kMax - kMin) * i / (n - 1));
            seed = (seed * 1664525u) + 1013904223u;
            double e = noise * ((2.0 * (seed / 4294967296.0)) - 1.0);
            k[i] = f * Math.Exp(x);
            v[i] = Math.Sqrt(p.TotalVariance(x) / t) + e;
        }

        return (k, v);
    }

    /// <summary>At t ≤ 0 (an expired leg, a scenario rolled past its expiry) the vol is the t → 0⁺ limit of the
    /// surface, the first slice's √(w₁(k)/t₁), not NaN (which crashed `book` and made `stress` print null P&amp;L).</summary>
    [Fact]
    public void Vol_AtOrBeforeExpiry_IsTheShortEndLimit()
    {
        var surface = new SviSurface([new SviSlice(7.0 / 365, 6000, SpxLike), new SviSlice(30.0 / 365, 6010, SpxLike with { A = 0.01 })]);
        foreach (double strike in new[] { 5000.0, 5950.0, 6000.0, 6600.0 })
        {
            double k = Math.Log(strike / 6000);
            double limit = Math.Sqrt(SpxLike.TotalVariance(k) / (7.0 / 365));
            Assert.Equal(limit, surface.Vol(0.0, strike, 6000), 15);
            Assert.Equal(limit, surface.Vol(-3.0 / 365, strike, 6000), 15);
            Assert.Equal(limit, surface.Vol(1e-12, strike, 6000), 12); // continuous from the right
            Assert.Equal(limit, surface.Vol(7.0 / 365, strike, 6000), 15);
        }

        Assert.True(double.IsNaN(surface.Vol(double.NaN, 6000, 6000)));
        Assert.True(double.IsNaN(surface.Vol(double.PositiveInfinity, 6000, 6000)));
        Assert.True(double.IsNaN(surface.Vol(0.1, 0, 6000)));
        Assert.True(double.IsNaN(surface.Vol(0.1, 6000, -1)));
    }

    [Fact]
    public void Fit_RecoversKnownSviParameters_FromExactQuotes()
    {
        double t = 0.25, f = 5040;
        var (k, v) = Quotes(SpxLike, t, f, 41, -0.6, 0.3);
        var fit = SviCalibrator.Fit(t, f, k, v);
        var p = fit.Slice.Parameters;
        Assert.True(fit.RmseVol <= 1e-9, $"rmse {fit.RmseVol:E2} {p}");
        Assert.True(Math.Abs(p.A - SpxLike.A) <= 1e-6, $"{p}");
        Assert.True(Math.Abs(p.B - SpxLike.B) <= 1e-6, $"{p}");
        Assert.True(Math.Abs(p.Rho - SpxLike.Rho) <= 1e-5, $"{p}");
        Assert.True(Math.Abs(p.M - SpxLike.M) <= 1e-5, $"{p}");
        Assert.True(Math.Abs(p.Sigma - SpxLike.Sigma) <= 1e-5, $"{p}");
        Assert.True(p.IsAdmissible);
    }

    [Theory]
    [InlineData(0.02, 0.10, 0.0, -0.1, 0.3, 7.0 / 365)]   // symmetric smile, one week
    [InlineData(0.10, 0.25, 0.4, 0.1, 0.25, 2.0)]         // call skew, two years
    [InlineData(0.0005, 0.02, -0.9, 0.0, 0.02, 1.0 / 365)] // steep 1-day put skew
    public void Fit_RecoversOtherShapes(double a, double b, double rho, double m, double sigma, double t)
    {
        var truth = new SviParameters(a, b, rho, m, sigma);
        var (k, v) = Quotes(truth, t, 100, 31, m - (4 * sigma) - 0.05, m + (3 * sigma) + 0.05);
        var fit = SviCalibrator.Fit(t, 100, k, v);
        Assert.True(fit.MaxAbsVolError <= 1e-7, $"max err {fit.MaxAbsVolError:E2} {fit.Slice.Parameters} vs {truth}");
    }

    [Fact]
    public void Fit_WithNoise_StaysAtNoiseLevel_AndHonoursBounds()
    {
        double t = 0.1, f = 5000;
        var (k, v) = Quotes(SpxLike, t, f, 61, -0.5, 0.25, noise: 0.002);
        var fit = SviCalibrator.Fit(t, f, k, v);
        Assert.True(fit.RmseVol <= 0.0015, $"rmse {fit.RmseVol}");
        var p = fit.Slice.Parameters;
        Assert.True(p.B >= 0 && Math.Abs(p.Rho) < 1 && p.Sigma > 0 && p.MinimumVariance >= -1e-14);
    }

    [Fact]
    public void Fit_TooFewQuotes_IsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SviCalibrator.Fit(0.5, 100, [90.0, 100, 110, 120], [0.2, 0.19, 0.2, 0.22]));
        Assert.Throws<ArgumentException>(() => SviCalibrator.Fit(0.0, 100, [80.0, 90, 100, 110, 120], [0.2, 0.2, 0.19, 0.2, 0.22]));
    }

    [Fact]
    public void AxelVogtSlice_HasButterflyArbitrage_AndSpxLikeSliceHasNone()
    {
        // Gatheral & Jacquier (2014), "Arbitrage-free SVI volatility surfaces", Vogt's example, T = 1.
        var vogt = new SviParameters(A: -0.0410, B: 0.1331, Rho: 0.3060, M: 0.3586, Sigma: 0.4153);
        Assert.True(vogt.IsAdmissible); // a + bσ√(1-ρ²) ≥ 0: the raw bounds alone do not exclude it
        var (minG, atK, bad) = SviArbitrage.Butterfly(vogt, -1.5, 1.5, 601);
        Assert.True(minG < 0, $"min g {minG}");
        Assert.True(bad > 0);
        Assert.InRange(atK, 0.0, 1.5);

        var surface = new SviSurface([new SviSlice(1.0, 100, vogt)]);
        var report = SviArbitrage.Check(surface).Single();
        Assert.False(report.ButterflyFree);

        var clean = SviArbitrage.Check(new SviSurface([new SviSlice(0.25, 5000, SpxLike)])).Single();
        Assert.True(clean.ButterflyFree, $"min g {clean.MinButterflyDensity}");
        Assert.True(clean.CalendarFree);
    }

    [Fact]
    public void CalendarCrossingPair_IsFlagged_OnTheLaterSlice()
    {
        // Same level ATM-ish, but the later slice has a much flatter skew: its left wing total variance falls below the earlier one's.
        var early = new SviSlice(0.1, 100, new SviParameters(0.002, 0.15, -0.9, 0.0, 0.05));
        var late = new SviSlice(0.2, 100, new SviParameters(0.006, 0.03, 0.0, 0.0, 0.1));
        var reports = SviArbitrage.Check(new SviSurface([late, early]));
        Assert.True(reports[0].CalendarFree);
        Assert.False(reports[1].CalendarFree);
        Assert.True(reports[1].MinCalendarSpread < 0);
        Assert.True(reports[1].MinCalendarAtK < 0, $"crossing at k={reports[1].MinCalendarAtK}");
        // A consistent pair passes.
        var later = new SviSlice(0.2, 100, SpxLike with { A = SpxLike.A * 2, B = SpxLike.B * 2 });
        var ok = SviArbitrage.Check(new SviSurface([new SviSlice(0.1, 100, SpxLike), later]));
        Assert.True(ok[1].CalendarFree);
    }

    [Fact]
    public void Interpolation_LinearInTotalVarianceBetweenSlices_ConstantVolBeyond()
    {
        var s1 = new SviSlice(0.1, 100, SpxLike);
        var s2 = new SviSlice(0.5, 101, SpxLike with { A = 0.02, B = 0.12 });
        var surface = new SviSurface([s1, s2]);
        foreach (double k in new[] { -0.4, 0.0, 0.2 })
        {
            double f = 100;
            double strike = f * Math.Exp(k);
            // On the slices: exactly the slice vol.
            Assert.Equal(s1.ImpliedVol(k), surface.Vol(0.1, strike, f), 15);
            Assert.Equal(s2.ImpliedVol(k), surface.Vol(0.5, strike, f), 15);
            // Between: w linear in t.
            double t = 0.2;
            double w = s1.TotalVariance(k) + ((t - 0.1) / 0.4 * (s2.TotalVariance(k) - s1.TotalVariance(k)));
            Assert.Equal(Math.Sqrt(w / t), surface.Vol(t, strike, f), 15);
            // Beyond: constant implied vol in time at fixed k.
            Assert.Equal(s1.ImpliedVol(k), surface.Vol(0.01, strike, f), 14);
            Assert.Equal(s2.ImpliedVol(k), surface.Vol(3.0, strike, f), 14);
        }

        // Reference forward: ln F linear in t between slices.
        Assert.Equal(Math.Exp(Math.Log(100) + (0.25 * Math.Log(1.01))), surface.ReferenceForward(0.2), 12);
    }

    [Fact]
    public void Constructor_RejectsInvalidSlices()
    {
        Assert.Throws<ArgumentException>(() => new SviSurface([]));
        Assert.Throws<ArgumentException>(() => new SviSurface([new SviSlice(0, 100, SpxLike)]));
        Assert.Throws<ArgumentException>(() => new SviSurface([new SviSlice(0.1, -1, SpxLike)]));
        Assert.Throws<ArgumentException>(() => new SviSurface([new SviSlice(0.1, 100, SpxLike with { Rho = 1.2 })]));
        Assert.Throws<ArgumentException>(() => new SviSurface([new SviSlice(0.1, 100, SpxLike with { A = -1 })]));
        Assert.Throws<ArgumentException>(() => new SviSurface([new SviSlice(0.1, 100, SpxLike), new SviSlice(0.1, 100, SpxLike)]));
    }

    [Fact]
    public void Shocks_VolShift_Skew_AndFloor_AreExactlyTheScenarioVocabulary()
    {
        var surface = new SviSurface([new SviSlice(30.0 / 365, 5000, SpxLike), new SviSlice(120.0 / 365, 5010, SpxLike with { A = 0.02 })]);
        double t0 = 30.0 / 365;
        double f = surface.ReferenceForward(t0);
        foreach (double strike in new[] { 4500.0, 5000, 5300 })
        {
            double baseVol = surface.Vol(t0, strike, f);
            double k = Math.Log(strike / f);
            Assert.Equal(baseVol + 0.02, new ShockedSurface(surface, new ScenarioShock(VolShift: 0.02)).Vol(t0, strike, f), 15);
            // Skew +0.1 steepens a put skew: σ - 0.1·ln(K/F), as the scenario kernel applies it per leg.
            Assert.Equal(baseVol - (0.1 * k), new ShockedSurface(surface, new ScenarioShock(Skew: 0.1)).Vol(t0, strike, f), 15);
        }

        // Floor: the one floor of shocked vols.
        Assert.Equal(ScenarioShock.VolFloor, new ShockedSurface(surface, new ScenarioShock(VolShift: -5)).Vol(t0, 5000, f));
        Assert.Throws<ArgumentException>(() => new ShockedSurface(surface, default, SmileDynamics.RollDown).Vol(t0, 5000, f));
    }

    [Fact]
    public void ShockedSurfaceEqualsThePricedBooksVolForASingleLeg()
    {
        // The surface read and the scenario kernel share one rule: a leg's shocked vol under sticky strike is the
        // surface at its strike (today's forward) + shift - skew·ln(K/F'), F' the moved forward.
        var surface = new SviSurface([new SviSlice(30.0 / 365, 5000, SpxLike)]);
        var shock = new ScenarioShock(SpotMove: -0.05, VolShift: 0.03, Skew: 0.2);
        double t = 30.0 / 365, fMoved = surface.ReferenceForward(t) * 0.95;
        double expected = surface.Vol(t, 4800, surface.ReferenceForward(t)) + 0.03 - (0.2 * Math.Log(4800 / fMoved));
        Assert.Equal(expected, new ShockedSurface(surface, shock).Vol(t, 4800, fMoved), 15);
    }

    [Fact]
    public void StickyStrike_KeepsStrikeVol_StickyMoneyness_MovesSmileWithForward()
    {
        double t = 30.0 / 365;
        var surface = new SviSurface([new SviSlice(t, 5000, SpxLike)]);
        double fRef = 5000, fDown = 4750; // a 5 % spot drop in the scenario
        double strike = 4800;
        var sticky = new ShockedSurface(surface, default, SmileDynamics.StickyStrikePerExpiry);
        var moneyness = new ShockedSurface(surface, default, SmileDynamics.StickyMoneyness);
        // Sticky strike: the 4800 strike keeps its vol when the forward falls.
        Assert.Equal(surface.Vol(t, strike, fRef), sticky.Vol(t, strike, fDown), 15);
        // Sticky moneyness: the strike at the same k = ln(K/F) after the move has the old vol.
        double kOld = Math.Log(strike / fRef);
        Assert.Equal(surface.Vol(t, strike, fRef), moneyness.Vol(t, fDown * Math.Exp(kOld), fDown), 14);
        // With a put skew, sticky moneyness lowers the vol of a fixed strike after a drop (it is now further OTM on the call side).
        Assert.True(moneyness.Vol(t, strike, fDown) < sticky.Vol(t, strike, fDown));
    }

    [Fact]
    public void Json_RoundTrip_IsExact()
    {
        var surface = new SviSurface([
            new SviSlice(7.0 / 365, 5001.25, SpxLike),
            new SviSlice(0.5, 5090.5, new SviParameters(0.0123456789012345, 0.1, -0.654321, 0.0123, 0.2222)),
        ]);
        string json = SurfaceJson.Serialize(surface);
        Assert.Contains("\"model\": \"svi-raw\"", json);
        var back = SurfaceJson.Deserialize(json);
        Assert.Equal(surface.Slices.Count, back.Slices.Count);
        for (int i = 0; i < surface.Slices.Count; i++) Assert.Equal(surface.Slices[i], back.Slices[i]);
        Assert.Throws<ArgumentException>(() => SurfaceJson.Deserialize("{\"model\":\"ssvi\",\"version\":1,\"slices\":[]}"));
    }
}
