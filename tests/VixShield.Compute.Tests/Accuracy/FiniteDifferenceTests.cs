using System.Text;
using Xunit;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// Every Greek against a Richardson-extrapolated central difference of a LOWER output of the same engine:
/// D(h) = (f(x+h) - f(x-h)) / 2h, D = (4 D(h/2) - D(h)) / 3 (error O(h⁴)). Steps follow the scale on which
/// the option varies: S and K: 0.005·x·σ√t; vol: 0.0025·σ/max(1, |d1|, |d2|); t: 0.0025·t; r and q: 0.005·σ√t/t.
/// Tolerance: 1e-9 relative (1e-10 fails on a few rows: the limit of the differences), with a floor of 1e-11 · |f| / (step/0.005), i.e. the derivative a
/// function of f's size varying on that scale would have (what a sign change of vanna, charm, ... needs).
/// Time derivatives are d/dt of calendar time = -d/d(time to expiry).
/// </summary>
public class FiniteDifferenceTests
{
    private const double RelTol = 1e-9;
    private const double FloorFactor = 1e-11;

    /// <summary>The variable a difference is taken in.</summary>
    public enum Variable
    {
        /// <summary>Spot or forward.</summary>
        S,

        /// <summary>Strike.</summary>
        K,

        /// <summary>Time to expiry (the check flips the sign: calendar time).</summary>
        T,

        /// <summary>Volatility.</summary>
        Vol,

        /// <summary>Rate (Black-76: forward fixed).</summary>
        R,

        /// <summary>Dividend yield.</summary>
        Q,
    }

    private sealed record Row(OptionKind Kind, PricingModel Model, double S, double K, double T, double Vol, double R, double Q, string Label)
    {
        public double V => Vol * Math.Sqrt(T);

        public double Get(Greek g, Variable x = Variable.S, double dx = 0) => Eval.Get(
            g, Kind, Model,
            S + (x == Variable.S ? dx : 0), K + (x == Variable.K ? dx : 0), T + (x == Variable.T ? dx : 0),
            Vol + (x == Variable.Vol ? dx : 0), R + (x == Variable.R ? dx : 0), Q + (x == Variable.Q ? dx : 0));
    }

    private static readonly Lazy<List<Row>> Rows = new(() =>
    {
        var rows = new List<Row>();
        const double spx = 5900, r = 0.045, q = 0.013;
        foreach (var (t, vol) in new[] { (1.0 / 365, 0.16), (30.0 / 365, 0.14), (1.0, 0.2) })
        {
            double f = spx * Math.Exp((r - q) * t), sd = vol * Math.Sqrt(t);
            foreach (double m in new[] { -2.0, -0.5, 0.0, 0.7, 2.0 })
            {
                double k = Math.Round(f * Math.Exp(m * sd));
                rows.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, spx, k, t, vol, r, q, $"SPX t={t:0.###} {m}sd"));
                rows.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, spx, k, t, vol, r, q, $"SPX t={t:0.###} {m}sd"));
            }
        }

        foreach (var (rr, qq) in new[] { (-0.01, 0.0), (0.01, 0.08) })
        {
            rows.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, 100, 105, 0.5, 0.3, rr, qq, $"carry r={rr} q={qq}"));
            rows.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, 100, 95, 0.5, 0.3, rr, qq, $"carry r={rr} q={qq}"));
        }

        foreach (var (t, vol) in new[] { (7.0 / 365, 1.0), (0.5, 0.6) })
        {
            foreach (double k in new[] { 15.0, 20.0, 30.0 })
            {
                rows.Add(new(OptionKind.Call, PricingModel.Black76, 20, k, t, vol, 0.045, 0, $"VIX F=20 K={k} t={t:0.###}"));
                rows.Add(new(OptionKind.Put, PricingModel.Black76, 20, k, t, vol, 0.045, 0, $"VIX F=20 K={k} t={t:0.###}"));
            }
        }

        return rows;
    });

    public static TheoryData<string, string, Variable> Checks() => new()
    {
        // first order from the price
        { "delta", "price", Variable.S },
        { "vega", "price", Variable.Vol },
        { "theta", "price", Variable.T },
        { "rho", "price", Variable.R },
        { "phi", "price", Variable.Q },
        { "dual_delta", "price", Variable.K },

        // second order from first order
        { "gamma", "delta", Variable.S },
        { "vanna", "delta", Variable.Vol },
        { "vanna", "vega", Variable.S },
        { "volga", "vega", Variable.Vol },
        { "charm", "delta", Variable.T },
        { "veta", "vega", Variable.T },
        { "dual_gamma", "dual_delta", Variable.K },

        // third order from second order
        { "speed", "gamma", Variable.S },
        { "zomma", "gamma", Variable.Vol },
        { "zomma", "vanna", Variable.S },
        { "color", "gamma", Variable.T },
        { "ultima", "volga", Variable.Vol },
    };

    /// <summary>One Greek against the difference of a lower output, on every row of the set.</summary>
    [Theory]
    [MemberData(nameof(Checks))]
    public void GreekMatchesRichardsonDifference(string greek, string of, Variable x)
    {
        Greek g = GreekInfo.All[Eval.Index(greek)], lower = GreekInfo.All[Eval.Index(of)];
        var failures = new StringBuilder();
        foreach (Row row in Rows.Value)
        {
            double scale = NaturalStep(row, x);
            double fd = Richardson(row, lower, x, 0.005 * scale);
            if (x == Variable.T) fd = -fd; // calendar time
            double analytic = row.Get(g);
            double floor = FloorFactor * Math.Abs(row.Get(lower)) / scale;
            if (!(Math.Abs(fd - analytic) <= (RelTol * Math.Abs(analytic)) + floor))
            {
                failures.AppendLine($"{row.Label} {row.Kind} {row.Model}: {greek} {analytic:R}, d({of})/d{x} {fd:R}, diff {fd - analytic:E2}, floor {floor:E2}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>ITM probability from the price: N(ωd2) = -ω e^{rt} dV/dK.</summary>
    [Fact]
    public void ItmProbabilityMatchesStrikeDifferenceOfPrice()
    {
        foreach (Row row in Rows.Value)
        {
            double scale = NaturalStep(row, Variable.K);
            double fd = -(int)row.Kind * Math.Exp(row.R * row.T) * Richardson(row, Greek.Price, Variable.K, 0.005 * scale);
            double analytic = row.Get(Greek.ItmProbability);
            Assert.True(Math.Abs(fd - analytic) <= (RelTol * analytic) + 1e-10, $"{row.Label} {row.Kind}: {analytic:R} vs {fd:R}");
        }
    }

    private static double NaturalStep(Row row, Variable x)
    {
        double v = row.V;
        return x switch
        {
            Variable.S => row.S * v,
            Variable.K => row.K * v,
            Variable.T => 0.5 * row.T,
            Variable.Vol => 0.5 * row.Vol / Math.Max(1.0, Math.Max(Math.Abs(D1(row)), Math.Abs(D1(row) - v))),
            Variable.R or Variable.Q => v / row.T,
            _ => throw new ArgumentOutOfRangeException(nameof(x)),
        };
    }

    private static double D1(Row row)
    {
        double carry = row.Model == PricingModel.Black76 ? 0 : row.R - row.Q;
        return ((Math.Log(row.S / row.K) + (carry * row.T)) / row.V) + (row.V / 2);
    }

    private static double Richardson(Row row, Greek f, Variable x, double h)
    {
        double Central(double step) => (row.Get(f, x, step) - row.Get(f, x, -step)) / (2 * step);
        return ((4 * Central(h / 2)) - Central(h)) / 3;
    }
}
