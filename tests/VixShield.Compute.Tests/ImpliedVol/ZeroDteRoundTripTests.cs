using VixShield.Compute.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

/// <summary>
/// 0DTE wings: the solver must take ln(F/K) as the pricer does, (r - q)t + ln(S/K) with the rounding of S/K put back.
/// A plain ln(F/K) of the rounded F/K carries 1.1e-16 absolute in x, which becomes δσ/σ ≈ 1.1e-16/|x| in the wings:
/// 4e-13 on a 10-minute 10-delta wing (x ≈ 3e-4), where the condition number allows a few 1e-16.
/// </summary>
public class ZeroDteRoundTripTests
{
    private const double Minute = 1.0 / 525_600;
    private const double Spot = 5000.0, Rate = 0.043, Dividend = 0.013;

    public static TheoryData<double> Expiries => new() { Minute, 10 * Minute, 60 * Minute, 390 * Minute };

    [Theory]
    [MemberData(nameof(Expiries))]
    public void OutOfTheMoneyWings_InvertToTheirVol_WithinConditionBound(double t)
    {
        double[] vols = [0.05, 0.12, 0.20, 0.35, 0.60];
        double[] deltas = [0.01, 0.05, 0.10, 0.25, 0.40, 0.60, 0.75, 0.90, 0.95, 0.99];
        int n = vols.Length * deltas.Length;
        var kind = new OptionKind[n];
        var s = new double[n];
        var k = new double[n];
        var time = new double[n];
        var price = new double[n];
        var r = new double[n];
        var q = new double[n];
        var vol = new double[n];
        var kappa = new double[n];
        int i = 0;
        foreach (double v in vols)
        {
            foreach (double delta in deltas)
            {
                double sd = v * Math.Sqrt(t);
                double f = Spot * Math.Exp((Rate - Dividend) * t);
                // Listed strikes are exact decimals on a 5-cent grid, not f·e^x.
                k[i] = Math.Round(f * Math.Exp(-((NormalFunctions.InverseCdf(delta) * sd) - (0.5 * sd * sd))) * 20) / 20;
                double x = ((Rate - Dividend) * t) + ReferencePrices.LogRatio(Spot, k[i]);
                kind[i] = x < 0 ? OptionKind.Call : OptionKind.Put; // the out-of-the-money side
                s[i] = Spot;
                time[i] = t;
                r[i] = Rate;
                q[i] = Dividend;
                vol[i] = v;
                double otm = NormalisedBlack.OtmCall(-Math.Abs(x), sd);
                price[i] = Math.Exp(-Rate * t) * Math.Sqrt(f) * Math.Sqrt(k[i]) * otm;
                kappa[i] = otm / (sd * NormalisedBlack.Vega(x, sd)); // κ = b/(s ∂b/∂s): σ is known to ε κ at best
                i++;
            }
        }

        foreach (ImpliedVolOptions options in new[] { ImpliedVolOptions.Sequential, new ImpliedVolOptions() })
        {
            var implied = new double[n];
            var status = new ImpliedVolStatus[n];
            ImpliedVolatilitySolver.Compute(new ImpliedVolBatch(kind, s, k, time, price, r, q), implied, status, options);
            for (int j = 0; j < n; j++)
            {
                double one = LetsBeRational.ImpliedVolatility(price[j], s[j], k[j], t, r[j], q[j], kind[j], PricingModel.BlackScholesMerton, out var st);
                Assert.Equal(ImpliedVolStatus.Ok, st);
                Assert.Equal(ImpliedVolStatus.Ok, status[j]);
                double bound = Math.Max(4e-14, 16 * 2.2e-16 * kappa[j]);
                foreach (double got in new[] { implied[j], one })
                {
                    double rel = Math.Abs(got - vol[j]) / vol[j];
                    Assert.True(rel <= bound,
                        $"t = {t / Minute:0} min, {kind[j]} K={k[j]} σ={vol[j]}: implied {got:R}, rel {rel:E2} > bound {bound:E2} (κ {kappa[j]:E2})");
                }
            }
        }
    }
}
