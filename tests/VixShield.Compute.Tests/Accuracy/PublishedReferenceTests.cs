using Xunit;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// The published tables of ReferenceData/ (copied from shared/reference): Haug's prices and Greeks as in
/// QuantLib's test suite, the Black-76 set, and py_vollib's BS grid, each at the absolute tolerance stated
/// in its own tolerance column.
/// </summary>
public class PublishedReferenceTests
{
    public static TheoryData<string, int> LongFormatRows()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in new[] { "haug_prices.csv", "haug_greeks.csv", "black76.csv" })
        {
            for (int i = 0; i < ReferenceFiles.Read(file).Count; i++) data.Add(file, i);
        }

        return data;
    }

    /// <summary>
    /// One row of a long-format table: kind, spot_or_forward, strike, q (blank: Black-76), r, t_years, vol,
    /// quantity, expected, tolerance (absolute). Quantities: price, delta, gamma, vega, theta, theta_per_day
    /// (theta/365), rho, dividend_rho (phi), elasticity (delta·S/V), strike_sensitivity (dual delta),
    /// itm_cash_probability (N(d2): a call's ITM probability; for a put QuantLib reports N(d2) too, i.e. 1 - ours).
    /// </summary>
    [Theory]
    [MemberData(nameof(LongFormatRows))]
    public void LongFormatRowMatchesAtStatedTolerance(string file, int index)
    {
        CsvRow row = ReferenceFiles.Read(file)[index];
        OptionKind kind = Eval.Kind(row["kind"]);
        bool black76 = !row.Has("q");
        PricingModel model = black76 ? PricingModel.Black76 : PricingModel.BlackScholesMerton;
        double s = row.D("spot_or_forward"), k = row.D("strike"), t = row.D("t_years"), vol = row.D("vol"), r = row.D("r");
        double q = black76 ? 0.0 : row.D("q");
        var (status, v) = Eval.One(kind, model, s, k, t, vol, r, q);
        Assert.Equal(OptionStatus.Ok, status);
        double actual = row["quantity"] switch
        {
            "price" => v[Eval.Index("price")],
            "delta" => v[Eval.Index("delta")],
            "gamma" => v[Eval.Index("gamma")],
            "vega" => v[Eval.Index("vega")],
            "theta" => v[Eval.Index("theta")],
            "theta_per_day" => v[Eval.Index("theta")] / 365.0,
            "rho" => v[Eval.Index("rho")],
            "dividend_rho" => v[Eval.Index("phi")],
            "elasticity" => v[Eval.Index("delta")] * s / v[Eval.Index("price")],
            "strike_sensitivity" => v[Eval.Index("dual_delta")],
            "itm_cash_probability" => kind == OptionKind.Call ? v[Eval.Index("itm_prob")] : 1.0 - v[Eval.Index("itm_prob")],
            string other => throw new InvalidOperationException($"{row}: unknown quantity '{other}'"),
        };
        double expected = row.D("expected"), tol = row.D("tolerance");
        Assert.True(
            Math.Abs(actual - expected) <= tol,
            $"{row} {row["kind"]} {row["quantity"]}: {actual:R}, expected {expected:R} ± {tol} ({row["source"]})");

        // Where the table carries QuantLib 1.29's own full-precision value, agree with it far more tightly.
        if (row.Has("quantlib_1_29"))
        {
            double ql = row.D("quantlib_1_29");
            Assert.True(
                Math.Abs(actual - ql) <= (1e-12 * Math.Abs(ql)) + (1e-12 * s),
                $"{row} {row["quantity"]}: {actual:R}, QuantLib 1.29 {ql:R}");
        }
    }

    public static TheoryData<int> PyVollibRows()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < ReferenceFiles.Read("pyvollib_bs_grid.csv").Count; i++) data.Add(i);
        return data;
    }

    /// <summary>py_vollib's BS grid (q = 0, K = 1000, S 100..5100): price, delta, gamma, theta, vega, rho of call and put.</summary>
    [Theory]
    [MemberData(nameof(PyVollibRows))]
    public void PyVollibGridRowMatchesAtStatedTolerance(int index)
    {
        CsvRow row = ReferenceFiles.Read("pyvollib_bs_grid.csv")[index];
        double s = row.D("spot"), k = row.D("strike"), q = row.D("q"), r = row.D("r"), t = row.D("t_years"), vol = row.D("vol");
        double tol = row.D("tolerance");
        foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
        {
            string prefix = kind == OptionKind.Call ? "call_" : "put_";
            var (status, v) = Eval.One(kind, PricingModel.BlackScholesMerton, s, k, t, vol, r, q);
            Assert.Equal(OptionStatus.Ok, status);
            foreach (string name in new[] { "price", "delta", "gamma", "theta", "vega", "rho" })
            {
                double expected = row.D(prefix + name), actual = v[Eval.Index(name)];
                Assert.True(Math.Abs(actual - expected) <= tol, $"{row} {prefix}{name}: {actual:R}, expected {expected:R} ± {tol}");
            }
        }
    }
}
