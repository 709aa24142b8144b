using VixShield.Compute.Tests.Conformance;
using Xunit;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// Exact edge cases: t = 0 (the payoff and its Greeks), vol = 0 (discounted intrinsic value of the forward),
/// continuity into those limits, put-call parity of price and every Greek, and no NaN anywhere in the tails.
/// </summary>
public class EdgeCaseTests
{
    private static double Out(double[] v, string name) => v[Eval.Index(name)];

    public static TheoryData<int, int, double, double> ExpiryRows()
    {
        var data = new TheoryData<int, int, double, double>();
        foreach (int kind in new[] { 1, -1 })
        {
            foreach (int model in new[] { 0, 1 })
            {
                foreach (double k in new[] { 90.0, 100.0, 110.0 })
                {
                    data.Add(kind, model, 100.0, k);
                }
            }
        }

        return data;
    }

    /// <summary>
    /// t = 0: price = max(ω(S - K), 0) exactly, H = 1 in the money, 1/2 at the money, 0 out:
    /// delta = ωH, ITM probability = H, dual delta = -ωH, theta = ωH(qS - rK) (Black-76: q = r), charm = ωHq,
    /// rho = phi = vega = 0 and every other second- and third-order Greek 0 (the Dirac mass is not represented).
    /// </summary>
    [Theory]
    [MemberData(nameof(ExpiryRows))]
    public void AtExpiryThePayoffAndItsGreeks(int kind, int model, double s, double k)
    {
        const double r = 0.05, q0 = 0.02;
        var m = (PricingModel)model;
        double q = m == PricingModel.Black76 ? r : q0;
        var (status, v) = Eval.One((OptionKind)kind, m, s, k, 0.0, 0.2, r, q0);
        Assert.Equal(OptionStatus.Ok, status);
        double h = s == k ? 0.5 : kind * (s - k) > 0 ? 1 : 0;
        Assert.Equal(Math.Max(kind * (s - k), 0.0), Out(v, "price"));
        Assert.Equal(kind * h, Out(v, "delta"));
        Assert.Equal(h, Out(v, "itm_prob"));
        Assert.Equal(-kind * h, Out(v, "dual_delta"));
        Assert.Equal(kind * h * ((q * s) - (r * k)), Out(v, "theta"), 1e-14);
        Assert.Equal(kind * h * q, Out(v, "charm"), 1e-15);
        foreach (string zero in new[] { "rho", "phi", "vega", "gamma", "vanna", "volga", "veta", "speed", "zomma", "color", "ultima", "dual_gamma" })
        {
            Assert.True(Out(v, zero) == 0.0, $"{zero} = {Out(v, zero)} at t = 0");
        }
    }

    /// <summary>
    /// vol = 0, t = 0.5: price = max(ω(S e^{-qt} - K e^{-rt}), 0) (Black-76: e^{-rt} max(ω(F - K), 0)),
    /// delta = ω e^{-qt} H, dual delta = -ω e^{-rt} H, rho = ωH K t e^{-rt} (Black-76: -t V), phi = -ωH S t e^{-qt}.
    /// </summary>
    [Theory]
    [MemberData(nameof(ExpiryRows))]
    public void ZeroVolIsDiscountedIntrinsicOfTheForward(int kind, int model, double s, double k)
    {
        const double r = 0.05, q0 = 0.02, t = 0.5;
        var m = (PricingModel)model;
        bool b76 = m == PricingModel.Black76;
        double q = b76 ? r : q0;
        var (status, v) = Eval.One((OptionKind)kind, m, s, k, t, 0.0, r, q0);
        Assert.Equal(OptionStatus.Ok, status);
        double sdq = s * Math.Exp(-q * t), kdr = k * Math.Exp(-r * t);
        double h = sdq == kdr ? 0.5 : kind * (sdq - kdr) > 0 ? 1 : 0;
        double price = h * kind * (sdq - kdr);
        Assert.Equal(price, Out(v, "price"), 1e-13);
        Assert.Equal(kind * h * Math.Exp(-q * t), Out(v, "delta"), 1e-15);
        Assert.Equal(h, Out(v, "itm_prob"));
        Assert.Equal(-kind * h * Math.Exp(-r * t), Out(v, "dual_delta"), 1e-15);
        Assert.Equal(b76 ? -t * price : kind * h * kdr * t, Out(v, "rho"), 1e-13);
        Assert.Equal(b76 ? 0.0 : -kind * h * sdq * t, Out(v, "phi"), 1e-13);
        Assert.Equal(kind * h * ((q * sdq) - (r * kdr)), Out(v, "theta"), 1e-13);
        foreach (string zero in new[] { "gamma", "vanna", "volga", "veta", "speed", "zomma", "color", "ultima", "dual_gamma" })
        {
            Assert.True(Out(v, zero) == 0.0, $"{zero} = {Out(v, zero)} at vol = 0");
        }
    }

    /// <summary>vol → 0+ and t → 0+ of the regular formula meet the degenerate values (away from the money).</summary>
    [Theory]
    [InlineData(1, 90.0)]
    [InlineData(1, 110.0)]
    [InlineData(-1, 90.0)]
    [InlineData(-1, 110.0)]
    public void RegularFormulaIsContinuousIntoTheDegenerateCases(int kind, double k)
    {
        foreach (PricingModel m in new[] { PricingModel.BlackScholesMerton, PricingModel.Black76 })
        {
            var (_, zeroVol) = Eval.One((OptionKind)kind, m, 100, k, 0.5, 0.0, 0.05, 0.02);
            var (_, tinyVol) = Eval.One((OptionKind)kind, m, 100, k, 0.5, 1e-6, 0.05, 0.02);
            var (_, zeroT) = Eval.One((OptionKind)kind, m, 100, k, 0.0, 0.2, 0.05, 0.02);
            var (_, tinyT) = Eval.One((OptionKind)kind, m, 100, k, 1e-12, 0.2, 0.05, 0.02);
            foreach (string name in new[] { "price", "delta", "theta", "rho", "phi", "charm", "dual_delta", "itm_prob", "gamma", "vega", "vanna", "volga" })
            {
                Assert.Equal(Out(zeroVol, name), Out(tinyVol, name), 1e-12);
                Assert.Equal(Out(zeroT, name), Out(tinyT, name), 1e-8);
            }
        }
    }

    public static TheoryData<int> ParityRows()
    {
        var data = new TheoryData<int>();
        var cases = ConformanceCases.All;
        for (int i = 0; i < cases.Count; i++)
        {
            if (cases[i].Expected == OptionStatus.Ok && cases[i].Kind == OptionKind.Call) data.Add(i);
        }

        return data;
    }

    /// <summary>
    /// Put-call parity on every valid conformance row (all expiries from 1 minute, wings, degenerate rows):
    /// C - P = S e^{-qt} - K e^{-rt} within 1e-12 · (S + K); delta, theta, rho, phi, charm, dual delta and ITM
    /// probability differ by their forward's derivative; the ω-free Greeks are bit-identical.
    /// </summary>
    [Theory]
    [MemberData(nameof(ParityRows))]
    public void PutCallParity(int index)
    {
        ConformanceCase c = ConformanceCases.All[index];
        bool b76 = c.Model == PricingModel.Black76;
        double q = b76 ? c.R : c.Q, t = c.T;
        var (_, call) = Eval.One(OptionKind.Call, c.Model, c.S, c.K, t, c.Vol, c.R, c.Q);
        var (_, put) = Eval.One(OptionKind.Put, c.Model, c.S, c.K, t, c.Vol, c.R, c.Q);
        double dq = Math.Exp(-q * t), dr = Math.Exp(-c.R * t);
        double fwdPv = (c.S * dq) - (c.K * dr);
        double scale = c.S + c.K;
        void Diff(string name, double expected, double tol) =>
            Assert.True(
                Math.Abs(Out(call, name) - Out(put, name) - expected) <= tol,
                $"{c}: {name} call {Out(call, name):R} - put {Out(put, name):R} = {Out(call, name) - Out(put, name):R}, expected {expected:R}");
        Diff("price", fwdPv, 1e-12 * scale);
        Diff("delta", dq, 1e-15);
        Diff("dual_delta", -dr, 1e-15);
        Diff("theta", (q * c.S * dq) - (c.R * c.K * dr), 1e-12 * scale * (Math.Abs(c.R) + Math.Abs(q) + 1));
        Diff("rho", b76 ? -t * fwdPv : c.K * t * dr, 1e-12 * scale * (t + 1));
        Diff("phi", b76 ? 0.0 : -t * c.S * dq, 1e-12 * scale * (t + 1));
        Diff("charm", q * dq, 1e-12 * (1 + Math.Abs(Out(call, "charm"))));
        Assert.Equal(1.0, Out(call, "itm_prob") + Out(put, "itm_prob"), 1e-15);
        foreach (string same in new[] { "gamma", "vega", "vanna", "volga", "veta", "speed", "zomma", "color", "ultima", "dual_gamma" })
        {
            Assert.True(Out(call, same).Equals(Out(put, same)), $"{c}: {same} call {Out(call, same):R} != put {Out(put, same):R}");
        }
    }

    /// <summary>
    /// No NaN or infinity in the tails: K/S from 1e-4 to 1e4, t from 1 minute to 30 years, vol 0.1 % to 500 %,
    /// both models and kinds; prices are non-negative, |delta| &lt;= 1, ITM probability in [0, 1], gamma and vega &gt;= 0.
    /// </summary>
    [Fact]
    public void DeepTailsAreFiniteAndSane()
    {
        int n = 0;
        foreach (PricingModel m in new[] { PricingModel.BlackScholesMerton, PricingModel.Black76 })
        {
            foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
            {
                foreach (double t in new[] { ConformanceCases.Minute, 1.0 / 365, 0.25, 2.0, 30.0 })
                {
                    foreach (double vol in new[] { 0.001, 0.05, 0.3, 1.5, 5.0 })
                    {
                        for (int e = -16; e <= 16; e++)
                        {
                            double k = 5900 * Math.Pow(10, e / 4.0);
                            var (status, v) = Eval.One(kind, m, 5900, k, t, vol, 0.045, 0.013);
                            Assert.Equal(OptionStatus.Ok, status);
                            string where = $"{m} {kind} K={k:R} t={t:R} vol={vol}";
                            for (int g = 0; g < GreekInfo.Count; g++)
                            {
                                Assert.True(double.IsFinite(v[g]), $"{where}: {GreekInfo.Name(GreekInfo.All[g])} = {v[g]}");
                            }

                            Assert.True(Out(v, "price") >= 0, where);
                            Assert.InRange(Math.Abs(Out(v, "delta")), 0.0, 1.0);
                            Assert.InRange(Out(v, "itm_prob"), 0.0, 1.0);
                            Assert.True(Out(v, "gamma") >= 0 && Out(v, "vega") >= 0 && Out(v, "dual_gamma") >= 0, where);
                            n++;
                        }
                    }
                }
            }
        }

        Assert.Equal(2 * 2 * 5 * 5 * 33, n);
    }

    /// <summary>
    /// Tails keep relative accuracy: the prices 8 standard deviations out of the money (OTM calls at +8 sd,
    /// puts at -8 sd; 1e-13..1e-16 of the spot) come from erfc of the lower tail, not from 1 - N(d). What is
    /// left is the cancellation of S e^{-qt} N(-ωd1) against K e^{-rt} N(-ωd2): since K e^{-rt} n(d2) = S e^{-qt} n(d1)
    /// their ratio is about d1/d2 = 1 + σ√t/|d|, so the price amplifies the relative error of the N terms
    /// (about d²·u from the rounding u = 2^-53 of d) by |d|/(σ√t): relative error ≲ |d|³·u/(σ√t). Asserted, with
    /// no floor: every first-order output within max(1e-12, 4·|d|³·u/(σ√t)) (1-minute rows: up to 3e-9, measured
    /// 7.6e-11 and 4.5e-10; 1 day: 2.7e-11, measured 4e-12; from 1 month on: 1e-12). The 10-delta wing (|d| ≈ 1.3)
    /// is within 1e-12: <see cref="GeneratedReferenceTests.TenDeltaWingAsAccurateAsAtm"/>.
    /// </summary>
    [Fact]
    public void DeepOutOfTheMoneyPricesKeepRelativeAccuracy()
    {
        var rows = ReferenceFiles.Read("mpmath_greeks.csv")
            .Where(r => (r["label"].EndsWith("+8sd", StringComparison.Ordinal) && r["kind"] == "call")
                     || (r["label"].EndsWith("-8sd", StringComparison.Ordinal) && r["kind"] == "put"))
            .ToList();
        Assert.True(rows.Count >= 10, $"{rows.Count} deep OTM rows");
        foreach (CsvRow row in rows)
        {
            double[] v = GeneratedReferenceTests.Evaluate(row);
            double sd = row.D("vol") * Math.Sqrt(row.D("t"));
            double bound = Math.Max(1e-12, 4 * 8 * 8 * 8 * Math.Pow(2, -53) / sd);
            foreach (string name in new[] { "price", "delta", "gamma", "vega", "theta", "rho", "itm_prob", "dual_delta" })
            {
                double exact = row.D(name);
                double rel = GeneratedReferenceTests.Relative(Out(v, name), exact);
                Assert.True(rel <= bound, $"{row["label"]} {row["kind"]} {name}: {Out(v, name):R} vs {exact:R}, relative {rel:E2} > {bound:E2}");
            }

            Assert.True(row.D("price") < 1e-9 * row.D("underlying"));
        }
    }
}
