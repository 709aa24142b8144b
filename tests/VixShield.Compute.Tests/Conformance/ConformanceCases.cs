namespace VixShield.Compute.Tests.Conformance;

/// <summary>One deterministic input row of the conformance set.</summary>
/// <param name="Kind">Call or put (or an invalid value for a bad row).</param>
/// <param name="Model">Pricing model (or an invalid value for a bad row).</param>
/// <param name="S">Spot (BSM) or forward (Black-76).</param>
/// <param name="K">Strike.</param>
/// <param name="T">Time to expiry in years.</param>
/// <param name="Vol">Volatility.</param>
/// <param name="R">Rate.</param>
/// <param name="Q">Dividend yield (ignored by Black-76).</param>
/// <param name="Group">Rows sharing a group form one smile (same model, underlying, expiry): the absolute
/// floor of a comparison is scaled to the largest value of that output within the group.</param>
/// <param name="Expected">The status the row must get.</param>
/// <param name="Label">What the row is, for failure messages.</param>
public sealed record ConformanceCase(
    OptionKind Kind, PricingModel Model, double S, double K, double T, double Vol, double R, double Q,
    int Group, OptionStatus Expected, string Label)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Label} [{Kind} {Model} S={S:R} K={K:R} t={T:R} vol={Vol:R} r={R:R} q={Q:R}]";
}

/// <summary>
/// The fixed, deterministic conformance input set: SPX-like BSM smiles from 1 minute to 2 years (strikes
/// from -8 to +8 standard deviations, so deep wings and the clamp of d), a 10-delta 1-day wing, VIX-like
/// Black-76 rows, degenerate rows (t = 0, vol = 0, ATM at t = 0), extreme parameters, and one bad row per
/// <see cref="OptionStatus"/> (several for some). Rows are interleaved so that any window mixes models,
/// kinds and bad rows (SIMD lanes and GPU warps see heterogeneous rows).
/// </summary>
public static class ConformanceCases
{
    /// <summary>One minute in years (365-day calendar year).</summary>
    public const double Minute = 1.0 / (365.0 * 24 * 60);

    private static readonly Lazy<ConformanceCase[]> Cached = new(Build);

    /// <summary>All rows, interleaved.</summary>
    public static IReadOnlyList<ConformanceCase> All => Cached.Value;

    private static ConformanceCase[] Build()
    {
        var list = new List<ConformanceCase>();
        int group = 0;

        // SPX-like BSM smiles: spot 5900, r 4.5 %, q 1.3 %.
        const double spx = 5900.0, r = 0.045, q = 0.013;
        (double t, double vol, string name)[] expiries =
        [
            (Minute, 0.35, "1 minute"),
            (30 * Minute, 0.25, "30 minutes 0DTE"),
            (390 * Minute, 0.18, "6.5 hours 0DTE"),
            (1.0 / 365, 0.16, "1 day"),
            (7.0 / 365, 0.14, "1 week"),
            (30.0 / 365, 0.13, "1 month"),
            (0.25, 0.15, "3 months"),
            (1.0, 0.18, "1 year"),
            (2.0, 0.22, "2 years"),
        ];
        double[] stdDevs = [-12, -8, -4, -2, -1, -0.25, 0, 0.25, 1, 2, 4, 8, 12];
        foreach (var (t, vol, name) in expiries)
        {
            double f = spx * Math.Exp((r - q) * t);
            double sd = vol * Math.Sqrt(t);
            foreach (double m in stdDevs)
            {
                // Strikes on a 0.05 grid so they are exact decimals, as listed strikes are.
                double k = Math.Round(f * Math.Exp(m * sd) * 20) / 20;
                list.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, spx, k, t, vol, r, q, group, OptionStatus.Ok, $"SPX {name} {m:+0.##;-0.##;0}sd call"));
                list.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, spx, k, t, vol, r, q, group, OptionStatus.Ok, $"SPX {name} {m:+0.##;-0.##;0}sd put"));
            }

            // The spot itself as strike.
            list.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, spx, spx, t, vol, r, q, group, OptionStatus.Ok, $"SPX {name} K=S call"));
            list.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, spx, spx, t, vol, r, q, group, OptionStatus.Ok, $"SPX {name} K=S put"));
            group++;
        }

        // 10-delta wings at 1 day (put K 5820 at 21 % vol: delta -0.105; call K 5945 at 12 %: delta 0.117).
        list.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, spx, 5820, 1.0 / 365, 0.21, r, q, group, OptionStatus.Ok, "SPX 1 day 10-delta put wing"));
        list.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, spx, 5820, 1.0 / 365, 0.21, r, q, group, OptionStatus.Ok, "SPX 1 day 10-delta put wing as call"));
        list.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, spx, 5945, 1.0 / 365, 0.12, r, q, group, OptionStatus.Ok, "SPX 1 day 10-delta call wing"));
        list.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, spx, 5945, 1.0 / 365, 0.12, r, q, group, OptionStatus.Ok, "SPX 1 day 10-delta call wing as put"));
        group++;

        // VIX-like Black-76 rows: futures 15..40, strikes 10..80, vol 60 %..150 %.
        double[] futures = [15.0, 22.5, 40.0];
        double[] vixStrikes = [10, 12.5, 15, 17.5, 20, 25, 30, 40, 50, 80];
        (double t, double vol)[] vixExpiries = [(2.0 / 365, 1.5), (7.0 / 365, 1.2), (35.0 / 365, 0.9), (0.5, 0.6)];
        foreach (double fwd in futures)
        {
            foreach (var (t, vol) in vixExpiries)
            {
                foreach (double k in vixStrikes)
                {
                    list.Add(new(OptionKind.Call, PricingModel.Black76, fwd, k, t, vol, r, 0.0, group, OptionStatus.Ok, $"VIX F={fwd} t={t * 365:0}d call"));
                    list.Add(new(OptionKind.Put, PricingModel.Black76, fwd, k, t, vol, r, 0.0, group, OptionStatus.Ok, $"VIX F={fwd} t={t * 365:0}d put"));
                }

                group++;
            }
        }

        // Black-76 with a non-zero q passed in: the model must ignore it.
        list.Add(new(OptionKind.Call, PricingModel.Black76, 20.0, 22.0, 0.1, 0.8, 0.05, 0.37, group, OptionStatus.Ok, "Black-76 ignores q call"));
        list.Add(new(OptionKind.Put, PricingModel.Black76, 20.0, 22.0, 0.1, 0.8, 0.05, 0.37, group, OptionStatus.Ok, "Black-76 ignores q put"));
        group++;

        // Degenerate rows: t = 0 (payoff), vol = 0 (discounted intrinsic of the forward), ATM at t = 0.
        foreach (PricingModel model in new[] { PricingModel.BlackScholesMerton, PricingModel.Black76 })
        {
            string mn = model == PricingModel.Black76 ? "B76" : "BSM";
            foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
            {
                list.Add(new(kind, model, 100, 90, 0.0, 0.2, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} t=0 S>K"));
                list.Add(new(kind, model, 100, 110, 0.0, 0.2, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} t=0 S<K"));
                list.Add(new(kind, model, 100, 100, 0.0, 0.2, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} t=0 ATM"));
                list.Add(new(kind, model, 100, 100, 0.0, 0.0, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} t=0 vol=0 ATM"));
                list.Add(new(kind, model, 100, 90, 0.5, 0.0, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} vol=0 ITM call"));
                list.Add(new(kind, model, 100, 110, 0.5, 0.0, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} vol=0 OTM call"));
                list.Add(new(kind, model, 100, 100, 0.5, 0.0, 0.0, 0.0, group, OptionStatus.Ok, $"{mn} vol=0 r=q=0 ATM"));
                list.Add(new(kind, model, 100, 100, 0.5, 0.0, 0.05, 0.02, group, OptionStatus.Ok, $"{mn} vol=0 K=S"));
            }
        }

        group++;

        // Extreme but valid parameters.
        (double s, double k, double t, double vol, double rr, double qq, string name)[] extremes =
        [
            (5900, 100, 1.0 / 365, 0.15, 0.045, 0.013, "d beyond the clamp (deep ITM call / far OTM put)"),
            (100, 5900, 1.0 / 365, 0.15, 0.045, 0.013, "d beyond the clamp (far OTM call / deep ITM put)"),
            (100, 100, 30.0, 0.3, 0.05, 0.0, "30 years"),
            (100, 100, 0.5, 5.0, 0.05, 0.0, "vol 500 %"),
            (100, 101, 0.5, 1e-9, 0.05, 0.02, "vol 1e-9"),
            (100, 100, 1e-12, 0.2, 0.05, 0.02, "t 1e-12 ATM"),
            (100, 95, 0.5, 0.25, -0.01, 0.0, "negative rate"),
            (100, 105, 0.5, 0.25, 0.01, 0.08, "q > r"),
            (1e-3, 1e-3, 0.5, 0.3, 0.03, 0.01, "tiny underlying"),
            (1e7, 1.1e7, 0.5, 0.3, 0.03, 0.01, "huge underlying"),
        ];
        foreach (var (s, k, t, vol, rr, qq, name) in extremes)
        {
            list.Add(new(OptionKind.Call, PricingModel.BlackScholesMerton, s, k, t, vol, rr, qq, group, OptionStatus.Ok, name + " call"));
            list.Add(new(OptionKind.Put, PricingModel.BlackScholesMerton, s, k, t, vol, rr, qq, group, OptionStatus.Ok, name + " put"));
            group++;
        }

        // Bad rows: at least one per status.
        double nan = double.NaN, inf = double.PositiveInfinity;
        (OptionKind kind, PricingModel model, double s, double k, double t, double vol, double rr, double qq, OptionStatus st)[] bad =
        [
            ((OptionKind)0, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidKind),
            ((OptionKind)2, PricingModel.Black76, 100, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidKind),
            (OptionKind.Call, (PricingModel)7, 100, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidModel),
            (OptionKind.Put, PricingModel.BlackScholesMerton, 0, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidUnderlying),
            (OptionKind.Call, PricingModel.Black76, -5, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidUnderlying),
            (OptionKind.Call, PricingModel.BlackScholesMerton, nan, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidUnderlying),
            (OptionKind.Put, PricingModel.BlackScholesMerton, inf, 100, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidUnderlying),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, 0, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidStrike),
            (OptionKind.Put, PricingModel.Black76, 100, nan, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidStrike),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, -1, 0.5, 0.2, 0.05, 0, OptionStatus.InvalidStrike),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, -1e-9, 0.2, 0.05, 0, OptionStatus.InvalidTime),
            (OptionKind.Put, PricingModel.BlackScholesMerton, 100, 100, nan, 0.2, 0.05, 0, OptionStatus.InvalidTime),
            (OptionKind.Call, PricingModel.Black76, 100, 100, inf, 0.2, 0.05, 0, OptionStatus.InvalidTime),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, -0.2, 0.05, 0, OptionStatus.InvalidVol),
            (OptionKind.Put, PricingModel.BlackScholesMerton, 100, 100, 0.5, nan, 0.05, 0, OptionStatus.InvalidVol),
            (OptionKind.Put, PricingModel.Black76, 100, 100, 0.5, inf, 0.05, 0, OptionStatus.InvalidVol),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, nan, 0, OptionStatus.InvalidRate),
            (OptionKind.Put, PricingModel.Black76, 100, 100, 0.5, 0.2, -inf, 0, OptionStatus.InvalidRate),
            (OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, 0.05, nan, OptionStatus.InvalidDividend),
            (OptionKind.Put, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, 0.05, inf, OptionStatus.InvalidDividend),
        ];
        foreach (var (kind, model, s, k, t, vol, rr, qq, st) in bad)
        {
            list.Add(new(kind, model, s, k, t, vol, rr, qq, group++, st, "bad row " + st));
        }

        // Interleave deterministically: stride through the list with a step coprime to its length.
        int n = list.Count;
        int step = 97;
        while (Gcd(step, n) != 1) step++;
        var result = new ConformanceCase[n];
        for (int i = 0; i < n; i++) result[i] = list[(int)((long)i * step % n)];
        return result;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
