namespace VixShield.Compute.ImpliedVol;

/// <summary>Which side of a parity violation is cheap to trade.</summary>
public enum ParityArbitrage : byte
{
    /// <summary>Within tolerance.</summary>
    None = 0,

    /// <summary>C - P &gt; D(F - K): calls rich against puts; a conversion (sell call, buy put, buy forward) locks the violation.</summary>
    Conversion = 1,

    /// <summary>C - P &lt; D(F - K): puts rich against calls; a reversal (buy call, sell put, sell forward) locks the violation.</summary>
    Reversal = 2,
}

/// <summary>The parity check of one call/put pair at one strike.</summary>
/// <param name="Strike">Strike.</param>
/// <param name="CallPrice">Quoted (discounted) call price.</param>
/// <param name="PutPrice">Quoted (discounted) put price.</param>
/// <param name="Violation">(C - P) - D(F - K), in price units; positive means calls rich (conversion).</param>
/// <param name="Arbitrage">Flag: <see cref="ParityArbitrage.None"/> when |violation| ≤ tolerance.</param>
/// <param name="UsedInFit">Whether the pair was kept by the robust forward fit (false for rejected outliers).</param>
public readonly record struct ParityCheck(double Strike, double CallPrice, double PutPrice, double Violation, ParityArbitrage Arbitrage, bool UsedInFit);

/// <summary>The forward and discount factor one expiry's quotes imply.</summary>
/// <param name="Forward">Implied forward F (the parity-neutral strike).</param>
/// <param name="DiscountFactor">Implied discount factor D to the expiry.</param>
/// <param name="PairsUsed">Pairs kept by the fit.</param>
/// <param name="PairsRejected">Pairs rejected as outliers.</param>
/// <param name="ResidualScale">Robust scale (1.4826 × MAD) of the inliers' residuals, price units.</param>
/// <param name="Checks">Per-pair check against the fitted F and D, in input order.</param>
public sealed record ImpliedForward(double Forward, double DiscountFactor, int PairsUsed, int PairsRejected, double ResidualScale, IReadOnlyList<ParityCheck> Checks)
{
    /// <summary>The continuously compounded rate r = -ln(D)/T.</summary>
    /// <param name="time">Time to expiry in years.</param>
    /// <returns>r.</returns>
    public double ImpliedRate(double time) => -Math.Log(DiscountFactor) / time;

    /// <summary>The continuous dividend yield q = r - ln(F/S)/T given the spot (index desks' "implied dividend").</summary>
    /// <param name="spot">Spot.</param>
    /// <param name="time">Time to expiry in years.</param>
    /// <returns>q.</returns>
    public double ImpliedDividendYield(double spot, double time) => ImpliedRate(time) - (Math.Log(Forward / spot) / time);
}

/// <summary>Settings of the parity fit and check.</summary>
public sealed record ParityOptions
{
    /// <summary>Defaults: outliers beyond 4 robust sigmas (and beyond <see cref="MinimumRejection"/>), tolerance 0.05.</summary>
    public static ParityOptions Default { get; } = new();

    /// <summary>Residuals beyond this many robust standard deviations (1.4826 × MAD) are rejected from the fit.</summary>
    public double RejectionSigmas { get; init; } = 4.0;

    /// <summary>Absolute floor of the rejection threshold (price units), so noise-free chains reject nothing.</summary>
    public double MinimumRejection { get; init; } = 1e-6;

    /// <summary>Conversion/reversal flag threshold on |(C - P) - D(F - K)| in price units (SPX: 5 cents).</summary>
    public double Tolerance { get; init; } = 0.05;
}

/// <summary>
/// Put-call parity on quoted pairs of one expiry: C - P = D(F - K) is linear in K with slope -D and intercept DF.
/// <see cref="ImpliedForward"/> fits it robustly (Theil-Sen median of pairwise slopes, median intercept, MAD-based
/// rejection, then least squares on the inliers, twice) instead of guessing a dividend yield; <see cref="Check"/>
/// flags conversions/reversals beyond a tolerance with the size of the violation.
/// </summary>
public static class PutCallParity
{
    /// <summary>Fits F and D to the pairs (same strike, same expiry) and checks every pair against them.</summary>
    /// <param name="strikes">Strikes (distinct, at least 2).</param>
    /// <param name="calls">Call prices (mid), discounted.</param>
    /// <param name="puts">Put prices (mid), discounted.</param>
    /// <param name="options">Rejection and tolerance; null for defaults.</param>
    /// <returns>F, D and the per-pair checks.</returns>
    /// <exception cref="ArgumentException">Different lengths, fewer than two usable pairs, or quotes that imply no positive D and F.</exception>
    public static ImpliedForward ImpliedForward(ReadOnlySpan<double> strikes, ReadOnlySpan<double> calls, ReadOnlySpan<double> puts, ParityOptions? options = null)
    {
        options ??= ParityOptions.Default;
        int n = strikes.Length;
        if (calls.Length != n || puts.Length != n)
        {
            throw new ArgumentException($"strikes ({n}), calls ({calls.Length}) and puts ({puts.Length}) must have one element per strike.", nameof(calls));
        }

        var k = new List<double>(n);
        var y = new List<double>(n);
        var index = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (double.IsFinite(strikes[i]) && strikes[i] > 0 && double.IsFinite(calls[i]) && double.IsFinite(puts[i]))
            {
                k.Add(strikes[i]);
                y.Add(calls[i] - puts[i]);
                index.Add(i);
            }
        }

        if (k.Count < 2 || k.Min() == k.Max())
        {
            throw new ArgumentException("Put-call parity needs call and put quotes at two or more distinct strikes of the expiry: add pairs.", nameof(strikes));
        }

        // 1. Theil-Sen: slope = median pairwise slope, intercept = median of y - slope K.
        var slopes = new List<double>(k.Count * (k.Count - 1) / 2);
        for (int i = 0; i < k.Count; i++)
        {
            for (int j = i + 1; j < k.Count; j++)
            {
                if (k[j] != k[i]) slopes.Add((y[j] - y[i]) / (k[j] - k[i]));
            }
        }

        double slope = Median(slopes);
        double intercept = Median(Enumerable.Range(0, k.Count).Select(i => y[i] - (slope * k[i])).ToList());
        bool[] inlier = new bool[k.Count];
        double scale = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            // 2. Robust scale of the residuals and rejection; 3. least squares on the inliers.
            var residuals = Enumerable.Range(0, k.Count).Select(i => y[i] - intercept - (slope * k[i])).ToList();
            double med = Median(residuals);
            scale = 1.4826 * Median(residuals.Select(r => Math.Abs(r - med)).ToList());
            double threshold = Math.Max(options.RejectionSigmas * scale, options.MinimumRejection);
            int used = 0;
            for (int i = 0; i < k.Count; i++)
            {
                inlier[i] = Math.Abs(residuals[i]) <= threshold;
                if (inlier[i]) used++;
            }

            if (used < 2) break;
            double sk = 0, sy = 0;
            for (int i = 0; i < k.Count; i++) if (inlier[i]) { sk += k[i]; sy += y[i]; }
            double mk = sk / used, my = sy / used;
            double skk = 0, sky = 0;
            for (int i = 0; i < k.Count; i++) if (inlier[i]) { skk += (k[i] - mk) * (k[i] - mk); sky += (k[i] - mk) * (y[i] - my); }
            if (skk <= 0) break;
            slope = sky / skk;
            intercept = my - (slope * mk);
        }

        double d = -slope;
        double f = intercept / d;
        if (!(d > 0 && double.IsFinite(f) && f > 0))
        {
            throw new ArgumentException($"The quotes imply a discount factor {d:G6} and forward {f:G6}, not both positive: check that calls and puts are not swapped.", nameof(calls));
        }

        var checks = new ParityCheck[n];
        int rejected = 0;
        var fitIndex = new Dictionary<int, bool>();
        for (int i = 0; i < index.Count; i++) fitIndex[index[i]] = inlier[i];
        for (int i = 0; i < n; i++)
        {
            bool used = fitIndex.TryGetValue(i, out bool inl) && inl;
            if (!used) rejected++;
            checks[i] = CheckOne(strikes[i], calls[i], puts[i], f, d, options.Tolerance, used);
        }

        return new ImpliedForward(f, d, n - rejected, rejected, scale, checks);
    }

    /// <summary>Conversion/reversal check of pairs against a given forward and discount factor.</summary>
    /// <param name="strikes">Strikes.</param>
    /// <param name="calls">Call prices.</param>
    /// <param name="puts">Put prices.</param>
    /// <param name="forward">Forward F.</param>
    /// <param name="discountFactor">Discount factor D.</param>
    /// <param name="tolerance">Flag threshold on |violation| (price units).</param>
    /// <returns>One check per pair.</returns>
    /// <exception cref="ArgumentException">When the spans differ in length.</exception>
    public static ParityCheck[] Check(ReadOnlySpan<double> strikes, ReadOnlySpan<double> calls, ReadOnlySpan<double> puts, double forward, double discountFactor, double tolerance)
    {
        if (calls.Length != strikes.Length || puts.Length != strikes.Length)
        {
            throw new ArgumentException("strikes, calls and puts must have one element per strike.", nameof(calls));
        }

        var result = new ParityCheck[strikes.Length];
        for (int i = 0; i < result.Length; i++) result[i] = CheckOne(strikes[i], calls[i], puts[i], forward, discountFactor, tolerance, false);
        return result;
    }

    /// <summary>The parity check of one call/put pair against a known forward and discount factor.</summary>
    /// <param name="strike">Strike.</param>
    /// <param name="call">Call price.</param>
    /// <param name="put">Put price.</param>
    /// <param name="forward">Forward F.</param>
    /// <param name="discountFactor">Discount factor D.</param>
    /// <param name="tolerance">Flag threshold on |violation| (price units).</param>
    /// <returns>The violation (C - P) - D(F - K) and its conversion/reversal flag.</returns>
    public static ParityCheck CheckPair(double strike, double call, double put, double forward, double discountFactor, double tolerance) =>
        CheckOne(strike, call, put, forward, discountFactor, tolerance, false);

    private static ParityCheck CheckOne(double k, double c, double p, double f, double d, double tolerance, bool used)
    {
        double v = (c - p) - (d * (f - k));
        var flag = !double.IsFinite(v) ? ParityArbitrage.None : v > tolerance ? ParityArbitrage.Conversion : v < -tolerance ? ParityArbitrage.Reversal : ParityArbitrage.None;
        return new ParityCheck(k, c, p, v, flag, used);
    }

    private static double Median(List<double> input)
    {
        var values = new List<double>(input);
        values.Sort();
        int m = values.Count / 2;
        return values.Count == 0 ? double.NaN : (values.Count & 1) == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }
}
