using VixShield.Compute.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

public class LetsBeRationalTests
{
    private const double Minute = 1.0 / (365.0 * 24 * 60);
    private const double Day = 1.0 / 365.0;

    /// <summary>Vols 1 %..500 %.</summary>
    public static readonly double[] Vols = [0.01, 0.03, 0.08, 0.15, 0.25, 0.5, 1.0, 2.0, 3.5, 5.0];

    /// <summary>Times 1 minute .. 5 years.</summary>
    public static readonly double[] Times = [Minute, 15 * Minute, 0.25 * Day, Day, 7 * Day, 30 * Day, 0.25, 1.0, 2.5, 5.0];

    /// <summary>Forward call deltas (strike placed at that delta), wings included on both sides.</summary>
    public static readonly double[] Deltas = [0.001, 0.01, 0.05, 0.10, 0.25, 0.40, 0.50, 0.60, 0.75, 0.90, 0.95, 0.99, 0.999];

    /// <summary>
    /// The condition number of σ as a function of the price: κ = b / (s ∂b/∂s) for the out-of-the-money
    /// option (no algorithm can return σ more accurately than about ε κ from a price rounded to ε).
    /// </summary>
    private static double Condition(double x, double s)
    {
        double otm = NormalisedBlack.OtmCall(-Math.Abs(x), s);
        return otm / (s * NormalisedBlack.Vega(x, s));
    }

    [Fact]
    public void RoundTrip_PriceToVolToPrice_SweepsDomain_1e12RelativeInVol()
    {
        const double forward = 5000.0;
        int points = 0, illConditioned = 0;
        double worst = 0;
        string worstAt = string.Empty;
        foreach (double vol in Vols)
        {
            foreach (double t in Times)
            {
                double s = vol * Math.Sqrt(t);
                foreach (double delta in Deltas)
                {
                    // Call delta N(d1) = Δ → x = ln(F/K) = Φ⁻¹(Δ) s - s²/2.
                    double x = (NormalFunctions.InverseCdf(delta) * s) - (0.5 * s * s);
                    double strike = forward * Math.Exp(-x);
                    if (!double.IsFinite(strike) || strike <= 0 || strike > 1e300) continue;
                    foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
                    {
                        double price = LetsBeRational.BlackPrice(forward, strike, vol, t, kind);
                        double otm = NormalisedBlack.OtmCall(-Math.Abs(Math.Log(forward / strike)), s);
                        if (!(otm > 1e-280)) continue; // time value underflows: no vol information left
                        if (price >= (kind == OptionKind.Call ? forward : strike)) continue; // rounds to the maximum in float64
                        double implied = LetsBeRational.ImpliedBlackVolatility(price, forward, strike, t, kind, out var status);
                        Assert.True(status == ImpliedVolStatus.Ok, $"status {status} at vol={vol} t={t} Δ={delta} {kind}");
                        double rel = Math.Abs(implied - vol) / vol;
                        // In the money the price carries the intrinsic value: the time value is known to ε·price only.
                        double kappa = Condition(x, s) * (price / (Math.Sqrt(forward * strike) * otm));
                        double bound = Math.Max(1e-12, 8 * 2.2e-16 * kappa);
                        if (bound > 1e-12) illConditioned++;
                        points++;
                        if (rel / bound > worst)
                        {
                            worst = rel / bound;
                            worstAt = $"vol={vol} t={t} Δ={delta} {kind}: implied {implied:R}, rel {rel:E2}, κ {kappa:E2}";
                        }

                        // And back: the price from the implied vol reproduces the input price.
                        double back = LetsBeRational.BlackPrice(forward, strike, implied, t, kind);
                        Assert.True(Math.Abs(back - price) <= 1e-13 * price, $"price {price:R} back {back:R} at vol={vol} t={t} Δ={delta} {kind}");
                    }
                }
            }
        }

        Assert.True(points > 2000, $"only {points} points");
        Assert.True(worst <= 1.0, $"worst error / bound = {worst:E3} at {worstAt}");
        // Only the corner s = σ√T ≳ 5 (vol ≥ 350 % over years) is so flat that ε κ exceeds 1e-12.
        Assert.True(illConditioned < points / 10, $"{illConditioned} of {points} ill-conditioned points");
    }

    [Theory]
    [InlineData(0.10, 0.20)]
    [InlineData(0.10, 0.60)]
    [InlineData(0.05, 0.15)]
    [InlineData(0.01, 0.30)]
    public void TenDeltaWingAtOneDay_IsAsAccurateAsAtTheMoney(double delta, double vol)
    {
        const double forward = 5000.0;
        double t = Day;
        double s = vol * Math.Sqrt(t);
        foreach (double d in new[] { delta, 1 - delta })
        {
            double x = (NormalFunctions.InverseCdf(d) * s) - (0.5 * s * s);
            double strike = forward * Math.Exp(-x);
            // The out-of-the-money side of each wing: put below the forward, call above.
            OptionKind kind = strike < forward ? OptionKind.Put : OptionKind.Call;
            double price = LetsBeRational.BlackPrice(forward, strike, vol, t, kind);
            double implied = LetsBeRational.ImpliedBlackVolatility(price, forward, strike, t, kind, out var status);
            Assert.Equal(ImpliedVolStatus.Ok, status);
            Assert.True(Math.Abs(implied - vol) <= 1e-13 * vol, $"Δ={d}: implied {implied:R} vs {vol}");
        }
    }

    [Fact]
    public void EveryInitialGuessBranch_ConvergesInTwoIterations()
    {
        // x ≤ 0 OTM calls; β spread from far below b_l to close to b_max so that all four branches are used.
        foreach (double x in new[] { -1e-8, -0.01, -0.3, -1.0, -3.0, -10.0 })
        {
            foreach (double s in new[] { 0.001, 0.05, 0.3, 1.0, Math.Sqrt(2 * Math.Abs(x)), 3.0, 6.0, 9.0 })
            {
                double beta = NormalisedBlack.OtmCall(x, s);
                if (!(beta > 1e-280) || beta >= Math.Exp(0.5 * x) * (1 - 1e-13)) continue;
                double got = LetsBeRational.UncheckedNormalisedCall(beta, x, LetsBeRational.DefaultIterations, out double lastStep);
                double kappa = beta / (s * NormalisedBlack.Vega(x, s));
                Assert.True(Math.Abs(got - s) <= Math.Max(1e-13, 8 * 2.2e-16 * kappa) * s, $"x={x} s={s}: got {got:R} (κ {kappa:E2})");
                Assert.True(Math.Abs(lastStep) <= 1e-6 * s);
            }
        }
    }

    [Fact]
    public void AtTheMoney_AndTinyTotalVol_RecoverVol()
    {
        // x = 0 exactly, and s down to 1e-7 (1 minute at 1 % is 1.4e-5).
        foreach (double s in new[] { 1e-7, 1e-5, 1e-3, 0.1, 1.0, 3.0 })
        {
            double beta = NormalisedBlack.Call(0, s);
            double got = LetsBeRational.UncheckedNormalisedCall(beta, 0, 2, out _);
            Assert.True(Math.Abs(got - s) <= 1e-14 * s, $"s={s}: {got:R}");
        }
    }

    [Fact]
    public void BsmAndBlack76Wrappers_InvertTheProjectPriceFormula()
    {
        // BSM: F = S e^{(r-q)t}, undiscounted = price e^{rt}.
        double spot = 4800, k = 4700, t = 0.1, r = 0.045, q = 0.013, vol = 0.23;
        double f = spot * Math.Exp((r - q) * t);
        double df = Math.Exp(-r * t);
        double put = df * LetsBeRational.BlackPrice(f, k, vol, t, OptionKind.Put);
        double got = LetsBeRational.ImpliedVolatility(put, spot, k, t, r, q, OptionKind.Put, PricingModel.BlackScholesMerton, out var st);
        Assert.Equal(ImpliedVolStatus.Ok, st);
        Assert.True(Math.Abs(got - vol) <= 1e-14, $"{got:R}");

        // Black-76 on a VIX future: q ignored.
        double fut = 18.5, kv = 25, tv = 0.2, rv = 0.04, volv = 0.95;
        double call = Math.Exp(-rv * tv) * LetsBeRational.BlackPrice(fut, kv, volv, tv, OptionKind.Call);
        double gotv = LetsBeRational.ImpliedVolatility(call, fut, kv, tv, rv, 123.0, OptionKind.Call, PricingModel.Black76, out st);
        Assert.Equal(ImpliedVolStatus.Ok, st);
        Assert.True(Math.Abs(gotv - volv) <= 1e-14 * volv, $"{gotv:R}");
    }

    [Fact]
    public void RoundTrip_AgainstSharedBlackGreeksFormula_1e12WhereThatFormulaIsExact()
    {
        // Prices from the engine's own formula (ScalarGreeksEngine) at moderate σ√t, where its N(d1)-N(d2) difference is exact.
        var engine = new VixShield.Compute.Engines.ScalarGreeksEngine();
        OptionKind[] kinds = [OptionKind.Call, OptionKind.Put, OptionKind.Call, OptionKind.Put];
        double[] spot = [100, 100, 5000, 5000];
        double[] strike = [90, 120, 5200, 4500];
        double[] time = [0.5, 1.0, 30 * Day, 30 * Day];
        double[] vols = [0.3, 0.25, 0.12, 0.28];
        double[] rate = [0.05, 0.03, 0.045, 0.045];
        double[] div = [0.02, 0.0, 0.013, 0.013];
        var batch = new OptionBatch<double>(kinds, spot, strike, time, vols, rate, div);
        double[] price = new double[4];
        var status = new OptionStatus[4];
        var outputs = new GreeksOutput<double> { Status = status, Price = price };
        engine.Compute(batch, outputs);
        for (int i = 0; i < 4; i++)
        {
            double iv = LetsBeRational.ImpliedVolatility(price[i], spot[i], strike[i], time[i], rate[i], div[i], kinds[i], PricingModel.BlackScholesMerton, out var st);
            Assert.Equal(ImpliedVolStatus.Ok, st);
            Assert.True(Math.Abs(iv - vols[i]) <= 1e-12 * vols[i], $"row {i}: {iv:R} vs {vols[i]}");
        }
    }

    [Fact]
    public void EdgeCases_AndEachStatus()
    {
        const double f = 100, k = 90, t = 0.5;
        // Exactly intrinsic: vol 0, Ok.
        Assert.Equal(0.0, LetsBeRational.ImpliedBlackVolatility(10.0, f, k, t, OptionKind.Call, out var st));
        Assert.Equal(ImpliedVolStatus.Ok, st);
        Assert.Equal(0.0, LetsBeRational.ImpliedBlackVolatility(0.0, f, k, t, OptionKind.Put, out st));
        Assert.Equal(ImpliedVolStatus.Ok, st);
        Assert.Equal(0.0, LetsBeRational.ImpliedBlackVolatility(0.0, f, f, t, OptionKind.Put, out st));
        Assert.Equal(ImpliedVolStatus.Ok, st);

        Assert.True(double.IsNaN(LetsBeRational.ImpliedBlackVolatility(9.999, f, k, t, OptionKind.Call, out st)));
        Assert.Equal(ImpliedVolStatus.BelowIntrinsic, st);
        Assert.True(double.IsNaN(LetsBeRational.ImpliedBlackVolatility(-0.01, f, k, t, OptionKind.Put, out st)));
        Assert.Equal(ImpliedVolStatus.BelowIntrinsic, st);

        Assert.True(double.IsNaN(LetsBeRational.ImpliedBlackVolatility(f, f, k, t, OptionKind.Call, out st)));
        Assert.Equal(ImpliedVolStatus.AboveMaximum, st);
        Assert.True(double.IsNaN(LetsBeRational.ImpliedBlackVolatility(k + 1, f, k, t, OptionKind.Put, out st)));
        Assert.Equal(ImpliedVolStatus.AboveMaximum, st);

        foreach (var (p, ff, kk, tt, kind) in new[]
        {
            (double.NaN, f, k, t, OptionKind.Call), (1.0, -f, k, t, OptionKind.Call), (1.0, f, 0.0, t, OptionKind.Call),
            (1.0, f, k, 0.0, OptionKind.Call), (1.0, f, k, double.PositiveInfinity, OptionKind.Call), (1.0, f, k, t, (OptionKind)0),
            (double.PositiveInfinity, f, k, t, OptionKind.Put),
        })
        {
            Assert.True(double.IsNaN(LetsBeRational.ImpliedBlackVolatility(p, ff, kk, tt, kind, out st)));
            Assert.Equal(ImpliedVolStatus.InvalidInput, st);
        }

        Assert.True(double.IsNaN(LetsBeRational.ImpliedVolatility(1, f, k, t, double.NaN, 0, OptionKind.Call, PricingModel.BlackScholesMerton, out st)));
        Assert.Equal(ImpliedVolStatus.InvalidInput, st);
        Assert.True(double.IsNaN(LetsBeRational.ImpliedVolatility(1, f, k, t, 0, 0, OptionKind.Call, (PricingModel)7, out st)));
        Assert.Equal(ImpliedVolStatus.InvalidInput, st);

        // Not converged: one iteration allowed and no retry leaves a step far above tolerance.
        double beta = NormalisedBlack.Call(-0.4, 0.37) * Math.Sqrt(f * 100 * Math.Exp(-0.4));
        double x = Math.Log(f / (f * Math.Exp(0.4)));
        double sNc = LetsBeRational.NormalisedImpliedVolatilityFromPrice(beta, f, f * Math.Exp(0.4), x, 1.0, out st, iterations: 0, retryIterations: 0);
        Assert.True(double.IsNaN(sNc) || st == ImpliedVolStatus.Ok);
    }

    [Fact]
    public void RandomExtremeInputs_NeverThrow_AndOkVolsReproduceThePrice()
    {
        // F over e^{±10}, K/F over e^{±15}, T from 1e-9 to 150 years, vols e^{-6}..e^{4}, 1 in 10 prices scaled at random.
        var rng = new Random(12345);
        int notConverged = 0;
        for (int i = 0; i < 20_000; i++)
        {
            double f = Math.Exp((rng.NextDouble() * 20) - 10), k = f * Math.Exp((rng.NextDouble() * 30) - 15), t = Math.Exp((rng.NextDouble() * 26) - 21);
            var kind = rng.Next(2) == 0 ? OptionKind.Call : OptionKind.Put;
            double vol = Math.Exp((rng.NextDouble() * 10) - 6);
            double p = LetsBeRational.BlackPrice(f, k, vol, t, kind);
            if (rng.Next(10) == 0) p *= rng.NextDouble() * 3;
            double iv = LetsBeRational.ImpliedBlackVolatility(p, f, k, t, kind, out var st);
            double max = kind == OptionKind.Call ? f : k;
            switch (st)
            {
                case ImpliedVolStatus.Ok:
                    Assert.True(iv >= 0 && double.IsFinite(iv));
                    double intrinsic = Math.Max((kind == OptionKind.Call ? 1 : -1) * (f - k), 0);
                    if (p - intrinsic > 1e-250 * Math.Sqrt(f * k))
                    {
                        double back = LetsBeRational.BlackPrice(f, k, iv, t, kind);
                        Assert.True(Math.Abs(back - p) <= 1e-12 * p, $"f={f:R} k={k:R} t={t:R} p={p:R}: back {back:R}");
                    }

                    break;
                case ImpliedVolStatus.NotConverged:
                    // Only where the price is within float64 rounding of its maximum (σ√T ≳ 16): no vol is determined.
                    Assert.True((max - p) / max <= 1e-15, $"not converged at (max-p)/max = {(max - p) / max:E2}");
                    Assert.True(double.IsNaN(iv));
                    notConverged++;
                    break;
                default:
                    Assert.True(double.IsNaN(iv));
                    Assert.True(st is ImpliedVolStatus.AboveMaximum or ImpliedVolStatus.BelowIntrinsic, $"{st}");
                    break;
            }
        }

        Assert.True(notConverged < 200, $"{notConverged}");
    }
}
