using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Time;

namespace VixShield.Compute.Chains;

/// <summary>
/// From a quoted chain to forwards, implied vols, Greeks and (optionally) SVI slices. Per expiry (root and expiry date):
/// the settlement instant and time from <see cref="Settlement"/>; the forward and discount factor from
/// <see cref="PutCallParity.ImpliedForward"/> on the mids of the pairs nearest the money (the quotes' underlying
/// replaces the parity forward when given, e.g. a VIX future); per row: mid, the implied vols of bid, mid and ask with
/// <see cref="ImpliedVolatilitySolver"/> (Black-76 on that forward and discount), then the Greeks at the mid vol through
/// an <see cref="IGreeksEngine"/>. Never throws for a bad row or expiry: each gets a status and NaN outputs.
/// Derivation and conventions: kernels-docs/chain.md.
/// </summary>
public static class ChainAnalyzer
{
    /// <summary>Analyses a chain.</summary>
    /// <param name="quotes">The quotes, any order, any mix of roots and expiries.</param>
    /// <param name="valuation">The quote time (valuation instant).</param>
    /// <param name="engine">Engine of the Greeks.</param>
    /// <param name="options">Settings; null for <see cref="ChainOptions.Default"/>.</param>
    /// <param name="cancellationToken">Checked between expiries and inside the bulk solver and engine.</param>
    /// <returns>Per-row and per-expiry results.</returns>
    /// <exception cref="ArgumentException">When the options are out of range.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static ChainResult Analyze(ReadOnlySpan<ChainQuote> quotes, DateTimeOffset valuation, IGreeksEngine engine,
        ChainOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= ChainOptions.Default;
        if (options.MinimumParityPairs < 2 || options.ParityPairs < options.MinimumParityPairs)
        {
            throw new ArgumentException(
                $"ParityPairs ({options.ParityPairs}) must be at least MinimumParityPairs ({options.MinimumParityPairs}), which must be at least 2 (a line needs two points).",
                nameof(options));
        }

        int n = quotes.Length;
        var result = new ChainResult(n);
        IYearFractionClock clock = options.Clock ?? CalendarClock.Act365;

        // 1. Quote-level status and mid.
        for (int i = 0; i < n; i++)
        {
            ref readonly ChainQuote q = ref quotes[i];
            result.Mid[i] = double.NaN;
            result.Status[i] = QuoteStatus(q);
            if (result.Status[i] == ChainQuoteStatus.Ok) result.Mid[i] = 0.5 * (q.Bid + q.Ask);
        }

        // 2. Expiries: settlement, time, parity forward and discount.
        var groups = new Dictionary<(OptionRoot, DateOnly), List<int>>();
        for (int i = 0; i < n; i++)
        {
            var key = (quotes[i].Root, quotes[i].Expiry);
            if (!groups.TryGetValue(key, out var rows)) groups[key] = rows = [];
            rows.Add(i);
        }

        var expiries = new List<ChainExpiry>(groups.Count);
        foreach (var ((root, expiry), rows) in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            expiries.Add(ExpiryOf(quotes, result, root, expiry, rows.ToArray(), valuation, clock, options));
        }

        expiries.Sort((a, b) => a.Settlement != b.Settlement ? a.Settlement.CompareTo(b.Settlement) : a.Root.CompareTo(b.Root));

        // 3. Rows take their expiry's t, F, D (NaN without them; the Black-76 rate is -ln(D)/t).
        var kind = new OptionKind[n];
        var strike = new double[n];
        var rate = new double[n];
        var model = new PricingModel[n];
        var bid = new double[n];
        var ask = new double[n];
        for (int e = 0; e < expiries.Count; e++)
        {
            ChainExpiry x = expiries[e];
            foreach (int i in x.Rows)
            {
                result.ExpiryIndex[i] = e;
                result.Time[i] = x.Time;
                result.Forward[i] = x.Forward;
                result.DiscountFactor[i] = x.DiscountFactor;
                rate[i] = x.Status == ChainExpiryStatus.Ok ? x.Rate : double.NaN;
                if (result.Status[i] is ChainQuoteStatus.InvalidQuote) continue;
                if (x.Status is ChainExpiryStatus.Settled or ChainExpiryStatus.NotTradingDay) result.Status[i] = ChainQuoteStatus.Settled;
                else if (x.Status != ChainExpiryStatus.Ok) result.Status[i] = ChainQuoteStatus.NoForward;
            }
        }

        bool[] priced = new bool[n];
        for (int i = 0; i < n; i++)
        {
            ref readonly ChainQuote q = ref quotes[i];
            kind[i] = q.Kind;
            strike[i] = q.Strike;
            model[i] = PricingModel.Black76;
            priced[i] = result.Status[i] is ChainQuoteStatus.Ok or ChainQuoteStatus.NoBid or ChainQuoteStatus.NoAsk;
            bid[i] = priced[i] && q.Bid > 0 ? q.Bid : double.NaN;
            ask[i] = priced[i] && q.Ask > 0 ? q.Ask : double.NaN;
        }

        // 4. Bulk implied vols of bid, mid and ask (rows without a price come back InvalidInput and NaN).
        var ivStatus = new ImpliedVolStatus[n];
        var midStatus = new ImpliedVolStatus[n];
        var batchBid = new ImpliedVolBatch(kind, result.Forward, strike, result.Time, bid, rate, default, model);
        ImpliedVolatilitySolver.Compute(batchBid, result.BidVol, ivStatus, options.ImpliedVol, cancellationToken);
        var batchAsk = new ImpliedVolBatch(kind, result.Forward, strike, result.Time, ask, rate, default, model);
        ImpliedVolatilitySolver.Compute(batchAsk, result.AskVol, ivStatus, options.ImpliedVol, cancellationToken);
        var batchMid = new ImpliedVolBatch(kind, result.Forward, strike, result.Time, result.Mid, rate, default, model);
        ImpliedVolatilitySolver.Compute(batchMid, result.MidVol, midStatus, options.ImpliedVol, cancellationToken);
        for (int i = 0; i < n; i++)
        {
            if (result.Status[i] == ChainQuoteStatus.Ok)
            {
                result.Status[i] = midStatus[i] switch
                {
                    ImpliedVolStatus.Ok => ChainQuoteStatus.Ok,
                    ImpliedVolStatus.BelowIntrinsic => ChainQuoteStatus.BelowIntrinsic,
                    ImpliedVolStatus.AboveMaximum => ChainQuoteStatus.AboveMaximum,
                    ImpliedVolStatus.NotConverged => ChainQuoteStatus.NotConverged,
                    _ => ChainQuoteStatus.InvalidQuote,
                };
            }
            else
            {
                result.MidVol[i] = double.NaN;
            }
        }

        // 5. Greeks at the mid vol; every row that is not Ok is NaN throughout.
        var greeks = result.Greeks;
        if (n > 0)
        {
            var batch = new OptionBatch<double>(kind, result.Forward, strike, result.Time, result.MidVol, rate, default, model);
            engine.Compute(batch, greeks.AsOutput(n), cancellationToken);
            result.Engine = engine.Info;
        }

        int ok = 0;
        for (int i = 0; i < n; i++)
        {
            if (result.Status[i] == ChainQuoteStatus.Ok)
            {
                ok++;
                continue;
            }

            foreach (Greek g in GreekInfo.All) greeks[g][i] = double.NaN;
        }

        result.OkCount = ok;

        // 6. Smiles (out-of-the-money side) and optional SVI slices.
        for (int e = 0; e < expiries.Count; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            expiries[e] = WithSmile(expiries[e], strike, kind, result, options);
        }

        result.Expiries = expiries;
        return result;
    }

    /// <summary>The SVI surface of the fitted slices of one underlying: the SPX family (SPX and SPXW) or VIX; null when none was fitted.</summary>
    /// <param name="result">An analysed chain (with <see cref="ChainOptions.FitSurface"/>).</param>
    /// <param name="vix">True for the VIX options' surface, false for SPX and SPXW.</param>
    /// <returns>The surface and, per slice in time order, its expiry.</returns>
    public static (SviSurface Surface, ChainExpiry[] Expiries)? FittedSurface(ChainResult result, bool vix)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fitted = result.Expiries.Where(x => x.Fit is not null && (x.Root == OptionRoot.Vix) == vix).OrderBy(x => x.Time).ToArray();
        return fitted.Length == 0 ? null : (new SviSurface(fitted.Select(x => x.Fit!.Slice)), fitted);
    }

    private static ChainQuoteStatus QuoteStatus(in ChainQuote q)
    {
        if (!(double.IsFinite(q.Strike) && q.Strike > 0)) return ChainQuoteStatus.InvalidQuote;
        if (q.Bid < 0 || q.Ask < 0 || double.IsInfinity(q.Bid) || double.IsInfinity(q.Ask)) return ChainQuoteStatus.InvalidQuote;
        if (q.Kind is not (OptionKind.Call or OptionKind.Put)) return ChainQuoteStatus.InvalidQuote;
        bool hasBid = q.Bid > 0, hasAsk = q.Ask > 0;
        if (hasBid && hasAsk && q.Bid > q.Ask) return ChainQuoteStatus.Crossed;
        if (!hasBid) return ChainQuoteStatus.NoBid;
        if (!hasAsk) return ChainQuoteStatus.NoAsk;
        return ChainQuoteStatus.Ok;
    }

    private static ChainExpiry ExpiryOf(ReadOnlySpan<ChainQuote> quotes, ChainResult result, OptionRoot root, DateOnly expiry, int[] rows,
        DateTimeOffset valuation, IYearFractionClock clock, ChainOptions options)
    {
        ChainSmile empty = new([], [], [], [], [], []);
        DateTimeOffset settlement;
        try
        {
            settlement = Settlement.Instant(root, expiry);
        }
        catch (ArgumentException e)
        {
            return new(root, expiry, default, double.NaN, ChainExpiryStatus.NotTradingDay, e.Message, double.NaN, double.NaN, false, null, rows, empty, null);
        }

        double t = clock.YearFraction(valuation, settlement);
        if (!(t > 0))
        {
            return new(root, expiry, settlement, t, ChainExpiryStatus.Settled,
                $"settled at {settlement:yyyy-MM-dd HH:mm zzz}, at or before the valuation instant {valuation:yyyy-MM-dd HH:mm zzz}.",
                double.NaN, double.NaN, false, null, rows, empty, null);
        }

        // Pairs: strikes with a usable (two-sided, uncrossed) call and put mid; the first quote wins on duplicates.
        var calls = new Dictionary<double, double>();
        var puts = new Dictionary<double, double>();
        var underlyings = new List<double>();
        foreach (int i in rows)
        {
            if (double.IsFinite(quotes[i].Underlying) && quotes[i].Underlying > 0) underlyings.Add(quotes[i].Underlying);
            if (result.Status[i] != ChainQuoteStatus.Ok) continue;
            (quotes[i].Kind == OptionKind.Call ? calls : puts).TryAdd(quotes[i].Strike, result.Mid[i]);
        }

        double[] pairStrikes = calls.Keys.Where(puts.ContainsKey).Order().ToArray();
        if (pairStrikes.Length < options.MinimumParityPairs)
        {
            return new(root, expiry, settlement, t, ChainExpiryStatus.TooFewPairs,
                $"{pairStrikes.Length} strike(s) with a two-sided call and put; put-call parity needs {options.MinimumParityPairs}: no forward or discount factor.",
                double.NaN, double.NaN, false, null, rows, empty, null);
        }

        // Near the money: the strikes nearest the one where |C - P| is smallest (where the forward is).
        double atm = pairStrikes.MinBy(k => Math.Abs(calls[k] - puts[k]));
        double[] near = pairStrikes.OrderBy(k => Math.Abs(k - atm)).ThenBy(k => k).Take(options.ParityPairs).Order().ToArray();
        ImpliedForward parity;
        try
        {
            parity = PutCallParity.ImpliedForward(near, near.Select(k => calls[k]).ToArray(), near.Select(k => puts[k]).ToArray(), options.Parity);
        }
        catch (ArgumentException e)
        {
            return new(root, expiry, settlement, t, ChainExpiryStatus.ParityFailed, e.Message, double.NaN, double.NaN, false, null, rows, empty, null);
        }

        bool fromUnderlying = underlyings.Count > 0;
        double forward = fromUnderlying ? Median(underlyings) : parity.Forward;
        return new(root, expiry, settlement, t, ChainExpiryStatus.Ok, null, forward, parity.DiscountFactor, fromUnderlying, parity, rows, empty, null);
    }

    private static ChainExpiry WithSmile(ChainExpiry x, double[] strike, OptionKind[] kind, ChainResult result, ChainOptions options)
    {
        if (x.Status != ChainExpiryStatus.Ok) return x;
        var points = new List<int>();
        foreach (int i in x.Rows)
        {
            if (result.Status[i] != ChainQuoteStatus.Ok) continue;
            OptionKind otm = strike[i] < x.Forward ? OptionKind.Put : OptionKind.Call;
            if (kind[i] == otm) points.Add(i);
        }

        // One point per strike (the first quote on duplicates), ascending.
        var rows = points.GroupBy(i => strike[i]).Select(g => g.First()).OrderBy(i => strike[i]).ToArray();
        var smile = new ChainSmile(
            rows.Select(i => strike[i]).ToArray(), rows.Select(i => kind[i]).ToArray(), rows,
            rows.Select(i => result.BidVol[i]).ToArray(), rows.Select(i => result.MidVol[i]).ToArray(), rows.Select(i => result.AskVol[i]).ToArray());
        if (!options.FitSurface) return x with { Smile = smile };

        // Thin a dense smile evenly across strikes to MaxFitQuotes points (both ends kept).
        int m = Math.Min(smile.Count, Math.Max(options.MaxFitQuotes, 5));
        var fitStrikes = new double[m];
        var fitVols = new double[m];
        var weights = new double[m];
        for (int i = 0; i < m; i++)
        {
            int j = m == smile.Count ? i : (int)Math.Round(i * (smile.Count - 1) / (double)(m - 1));
            fitStrikes[i] = smile.Strikes[j];
            fitVols[i] = smile.MidVols[j];
            // Weights 1/spread² in vol: tight markets pull the slice, wide ones barely (a one-sided point counts as wide as its vol).
            double spread = smile.AskVols[j] - smile.BidVols[j];
            spread = double.IsFinite(spread) ? Math.Max(spread, options.MinimumVolSpread) : Math.Max(smile.MidVols[j], options.MinimumVolSpread);
            weights[i] = 1.0 / (spread * spread);
        }

        try
        {
            return x with { Smile = smile, Fit = SviCalibrator.Fit(x.Time, x.Forward, fitStrikes, fitVols, weights, options.Svi) };
        }
        catch (ArgumentException e)
        {
            return x with { Smile = smile, Message = $"no SVI slice: {e.Message}" };
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int m = values.Count / 2;
        return (values.Count & 1) == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }
}
