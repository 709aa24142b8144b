using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using VixShield.Compute.Chains;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Time;

namespace VixShield.Compute.Tests.Chains;

/// <summary>One generated expiry: its true forward, discount factor and SVI slice (total variance at its own t).</summary>
public sealed record SyntheticExpiry(OptionRoot Root, DateOnly Expiry, double Time, double Forward, double Discount, SviParameters Svi, double StrikeStep, bool FuturesQuoted);

/// <summary>
/// Chains generated from a known surface: every call and put priced with a hand-written Black-76 (MathNet's normal CDF)
/// at σ(k) = sqrt(w_SVI(k)/t), k = ln(K/F), times D; bid/ask symmetric around that price (so mid = the model price), and
/// then a few quotes spoiled on purpose (stale, crossed, no bid) with their rows recorded.
/// </summary>
public sealed class SyntheticChain
{
    public List<ChainQuote> Quotes { get; } = [];

    public List<SyntheticExpiry> Expiries { get; } = [];

    /// <summary>Generating expiry per row.</summary>
    public List<int> ExpiryOfRow { get; } = [];

    public HashSet<int> Stale { get; } = [];

    public HashSet<int> Crossed { get; } = [];

    public HashSet<int> NoBid { get; } = [];

    /// <summary>Adds an expiry whose time is measured from <paramref name="asOf"/> to its settlement on the calendar clock.</summary>
    public SyntheticExpiry Add(DateTimeOffset asOf, OptionRoot root, DateOnly expiry, double forward, double rate, double strikeStep, bool futuresQuoted = false, double volLevel = 0.2)
    {
        double t = CalendarClock.Act365.YearFraction(asOf, Settlement.Instant(root, expiry));
        // A skewed smile scaled with t: about volLevel at the money, steeper on the put side.
        var svi = new SviParameters(0.8 * volLevel * volLevel * t, 0.5 * volLevel * Math.Sqrt(t), -0.7, 0.01 * Math.Sqrt(t), 0.3 * Math.Sqrt(t));
        var x = new SyntheticExpiry(root, expiry, t, forward, Math.Exp(-rate * t), svi, strikeStep, futuresQuoted);
        int index = Expiries.Count;
        Expiries.Add(x);
        double kMax = Math.Min(5 * volLevel * Math.Sqrt(t), 0.35);
        double lo = Math.Ceiling(forward * Math.Exp(-kMax) / strikeStep) * strikeStep, hi = forward * Math.Exp(0.6 * kMax);
        for (double k = lo; k <= hi; k += strikeStep)
        {
            foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
            {
                double p = Price(x, kind, k);
                double h = Math.Min(0.05 + (0.01 * p), 0.5 * p);
                Quotes.Add(new ChainQuote(root, expiry, kind, k, p - h, p + h, futuresQuoted ? forward : double.NaN));
                ExpiryOfRow.Add(index);
            }
        }

        return x;
    }

    /// <summary>The generating vol at a strike.</summary>
    public static double Vol(SyntheticExpiry x, double strike) => Math.Sqrt(x.Svi.TotalVariance(Math.Log(strike / x.Forward)) / x.Time);

    /// <summary>Black-76 times the discount factor, written out here independently of the library.</summary>
    public static double Price(SyntheticExpiry x, OptionKind kind, double strike) => Black(x.Forward, strike, Vol(x, strike), x.Time, x.Discount, kind);

    /// <summary>D · Black-76(F, K, σ, t).</summary>
    public static double Black(double forward, double strike, double vol, double time, double discount, OptionKind kind)
    {
        double v = vol * Math.Sqrt(time);
        double d1 = (Math.Log(forward / strike) / v) + (0.5 * v), d2 = d1 - v;
        return kind == OptionKind.Call
            ? discount * ((forward * Normal.CDF(0, 1, d1)) - (strike * Normal.CDF(0, 1, d2)))
            : discount * ((strike * Normal.CDF(0, 1, -d2)) - (forward * Normal.CDF(0, 1, -d1)));
    }

    /// <summary>Black-76 delta dV/dF = ±D N(±d1), written out independently.</summary>
    public static double Delta(SyntheticExpiry x, OptionKind kind, double strike)
    {
        double v = Vol(x, strike) * Math.Sqrt(x.Time);
        double d1 = (Math.Log(x.Forward / strike) / v) + (0.5 * v);
        return kind == OptionKind.Call ? x.Discount * Normal.CDF(0, 1, d1) : -x.Discount * Normal.CDF(0, 1, -d1);
    }

    /// <summary>The row of a quote.</summary>
    public int RowOf(int expiry, OptionKind kind, double strike) =>
        Enumerable.Range(0, Quotes.Count).Single(i => ExpiryOfRow[i] == expiry && Quotes[i].Kind == kind && Quotes[i].Strike == strike);

    /// <summary>The listed strike nearest the forward, offset by <paramref name="steps"/> strikes.</summary>
    public double StrikeNearMoney(int expiry, int steps = 0)
    {
        var x = Expiries[expiry];
        return (Math.Round(x.Forward / x.StrikeStep) + steps) * x.StrikeStep;
    }

    /// <summary>Stale quote: last night's market, both sides moved by <paramref name="move"/>.</summary>
    public void MakeStale(int row, double move)
    {
        var q = Quotes[row];
        Quotes[row] = q with { Bid = q.Bid + move, Ask = q.Ask + move };
        Stale.Add(row);
    }

    public void MakeCrossed(int row)
    {
        var q = Quotes[row];
        Quotes[row] = q with { Bid = q.Ask + 0.1 };
        Crossed.Add(row);
    }

    public void RemoveBid(int row)
    {
        Quotes[row] = Quotes[row] with { Bid = 0 };
        NoBid.Add(row);
    }

    /// <summary>The chain as the CSV a vendor download would be (extra columns the command must pass through).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("root,expiry,kind,strike,bid,ask,volume,underlying\n");
        foreach (var q in Quotes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{q.Root.ToString().ToUpperInvariant()},{q.Expiry:yyyy-MM-dd},{(q.Kind == OptionKind.Call ? "call" : "put")},{R(q.Strike)},{R(q.Bid)},{R(q.Ask)},7,{(double.IsNaN(q.Underlying) ? string.Empty : R(q.Underlying))}\n");
        }

        return sb.ToString();
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
