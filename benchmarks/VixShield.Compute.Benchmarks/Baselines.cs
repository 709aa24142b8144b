using MathNet.Numerics.Distributions;
using QLNet;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// The naive scalar .NET baseline: what a .NET developer writes by hand, one option at a time with Math.Exp/Math.Log
/// and MathNet.Numerics' Normal.CDF/PDF. BSM with a dividend yield; same inputs and outputs as the engines.
/// </summary>
public static class NaiveBaseline
{
    private static readonly Normal StdNormal = new(0, 1);

    /// <summary>Price and the five first-order Greeks (delta, vega, theta, rho, phi) of rows [start, end).</summary>
    public static void PriceAndFirstOrder(BenchData d, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            double s = d.S[i], k = d.K[i], t = d.T[i], v = d.Vol[i], r = d.R[i], q = d.Q[i];
            double w = d.Kind[i] == OptionKind.Call ? 1 : -1;
            double sqrtT = Math.Sqrt(t);
            double d1 = (Math.Log(s / k) + ((r - q + (0.5 * v * v)) * t)) / (v * sqrtT);
            double d2 = d1 - (v * sqrtT);
            double nd1 = Normal.CDF(0, 1, w * d1), nd2 = Normal.CDF(0, 1, w * d2);
            double pdf = Normal.PDF(0, 1, d1);
            double dq = Math.Exp(-q * t), dr = Math.Exp(-r * t);
            d.OutPrice[i] = w * ((s * dq * nd1) - (k * dr * nd2));
            d.OutDelta[i] = w * dq * nd1;
            d.OutVega[i] = s * dq * pdf * sqrtT;
            d.OutTheta[i] = (-s * dq * pdf * v / (2 * sqrtT)) - (w * r * k * dr * nd2) + (w * q * s * dq * nd1);
            d.OutRho[i] = w * k * t * dr * nd2;
            d.OutPhi[i] = -w * t * s * dq * nd1;
        }
    }

    /// <summary>All 18 outputs of rows [start, end), textbook closed forms.</summary>
    public static void All(BenchData d, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            double s = d.S[i], k = d.K[i], t = d.T[i], v = d.Vol[i], r = d.R[i], q = d.Q[i];
            double w = d.Kind[i] == OptionKind.Call ? 1 : -1;
            double sqrtT = Math.Sqrt(t), vt = v * sqrtT;
            double d1 = (Math.Log(s / k) + ((r - q + (0.5 * v * v)) * t)) / vt;
            double d2 = d1 - vt;
            double nd1 = StdNormal.CumulativeDistribution(w * d1), nd2 = StdNormal.CumulativeDistribution(w * d2);
            double pdf = StdNormal.Density(d1), pdf2 = StdNormal.Density(d2);
            double dq = Math.Exp(-q * t), dr = Math.Exp(-r * t);
            double price = w * ((s * dq * nd1) - (k * dr * nd2));
            double gamma = dq * pdf / (s * vt);
            double vega = s * dq * pdf * sqrtT;
            d.OutPrice[i] = price;
            d.OutDelta[i] = w * dq * nd1;
            d.OutGamma[i] = gamma;
            d.OutVega[i] = vega;
            d.OutTheta[i] = (-s * dq * pdf * v / (2 * sqrtT)) - (w * r * k * dr * nd2) + (w * q * s * dq * nd1);
            d.OutRho[i] = w * k * t * dr * nd2;
            d.OutPhi[i] = -w * t * s * dq * nd1;
            d.OutVanna[i] = -dq * pdf * d2 / v;
            d.OutVolga[i] = vega * d1 * d2 / v;
            d.OutCharm[i] = (w * q * dq * nd1) - (dq * pdf * ((2 * (r - q) * t) - (d2 * vt)) / (2 * t * vt));
            d.OutVeta[i] = vega * (q + ((r - q) * d1 / vt) - ((1 + (d1 * d2)) / (2 * t)));
            d.OutSpeed[i] = -gamma / s * ((d1 / vt) + 1);
            d.OutZomma[i] = gamma * ((d1 * d2) - 1) / v;
            d.OutColor[i] = gamma * (q + ((1 + (2 * (r - q) * t * d1 / vt) - (d1 * d2)) / (2 * t)));
            d.OutUltima[i] = -vega / (v * v) * ((d1 * d2 * (1 - (d1 * d2))) + (d1 * d1) + (d2 * d2));
            d.OutDualDelta[i] = -w * dr * nd2;
            d.OutDualGamma[i] = dr * pdf2 / (k * vt);
            d.OutItm[i] = nd2;
        }
    }
}

/// <summary>
/// QLNet (the C# port of QuantLib) as a .NET user would call it: per option a quote, flat rate, dividend and vol
/// term structures, a BSM process, a payoff, an exercise, a VanillaOption and an AnalyticEuropeanEngine, then NPV and
/// the Greeks it offers. Times are whole days (QLNet dates), so results are for t rounded to days.
/// </summary>
public static class QLNetBaseline
{
    private static readonly Date Today = new(15, Month.January, 2025);
    private static readonly DayCounter Dc = new Actual365Fixed();
    private static readonly Calendar Cal = new NullCalendar();

    /// <summary>Prices rows [start, end) (single thread: QLNet's evaluation date is global state).</summary>
    public static double Run(BenchData d, int start, int end, bool all)
    {
        Settings.setEvaluationDate(Today);
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            int days = Math.Max(1, (int)Math.Round(d.T[i] * 365));
            var exercise = new EuropeanExercise(Today + days);
            var payoff = new PlainVanillaPayoff(d.Kind[i] == OptionKind.Call ? Option.Type.Call : Option.Type.Put, d.K[i]);
            var spot = new Handle<Quote>(new SimpleQuote(d.S[i]));
            var rTs = new Handle<YieldTermStructure>(new FlatForward(Today, d.R[i], Dc));
            var qTs = new Handle<YieldTermStructure>(new FlatForward(Today, d.Q[i], Dc));
            var volTs = new Handle<BlackVolTermStructure>(new BlackConstantVol(Today, Cal, d.Vol[i], Dc));
            var process = new BlackScholesMertonProcess(spot, qTs, rTs, volTs);
            var option = new VanillaOption(payoff, exercise);
            option.setPricingEngine(new AnalyticEuropeanEngine(process));
            sum += option.NPV() + option.delta() + option.vega() + option.theta() + option.rho() + option.dividendRho();
            if (all) sum += option.gamma() + option.strikeSensitivity() + option.itmCashProbability();
        }

        return sum;
    }
}
