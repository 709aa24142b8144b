using VixShield.Compute.Chains;
using VixShield.Compute.Engines;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Chains;

public sealed class ChainAnalyzerTests
{
    // The example quote time: Tuesday 12 July 2022, 11:55 New York (EDT).
    private static readonly DateTimeOffset AsOf = new(2022, 7, 12, 11, 55, 0, TimeSpan.FromHours(-4));

    private static readonly IGreeksEngine Engine = GreeksEngines.Create(EnginePreference.Simd);

    /// <summary>SPXW Wednesday, SPX (AM) and SPXW (PM) on the same Friday, an SPX monthly a month out, and a VIX expiry with its future.</summary>
    internal static SyntheticChain Chain()
    {
        var chain = new SyntheticChain();
        chain.Add(AsOf, OptionRoot.Spxw, new DateOnly(2022, 7, 13), 3857.1, 0.0160, 5);
        chain.Add(AsOf, OptionRoot.Spx, new DateOnly(2022, 7, 15), 3858.4, 0.0165, 5);
        chain.Add(AsOf, OptionRoot.Spxw, new DateOnly(2022, 7, 15), 3858.6, 0.0165, 5);
        chain.Add(AsOf, OptionRoot.Spx, new DateOnly(2022, 8, 19), 3862.9, 0.0210, 5, volLevel: 0.24);
        chain.Add(AsOf, OptionRoot.Vix, new DateOnly(2022, 7, 20), 26.45, 0.0170, 0.5, futuresQuoted: true, volLevel: 0.9);
        return chain;
    }

    [Fact]
    public void Recovers_forward_discount_and_the_generating_vols_despite_stale_crossed_and_one_sided_quotes()
    {
        var chain = Chain();
        // Spoil quotes near the money of the August expiry (inside the parity window) and elsewhere.
        int stale1 = chain.RowOf(3, OptionKind.Call, chain.StrikeNearMoney(3, 1));
        int stale2 = chain.RowOf(3, OptionKind.Put, chain.StrikeNearMoney(3, -2));
        chain.MakeStale(stale1, 0.80);
        chain.MakeStale(stale2, -0.65);
        chain.MakeCrossed(chain.RowOf(3, OptionKind.Put, chain.StrikeNearMoney(3, 3)));
        chain.MakeCrossed(chain.RowOf(0, OptionKind.Call, chain.StrikeNearMoney(0)));
        chain.RemoveBid(chain.RowOf(2, OptionKind.Put, chain.StrikeNearMoney(2, -4)));

        var r = ChainAnalyzer.Analyze(chain.Quotes.ToArray(), AsOf, Engine);

        Assert.Equal(5, r.Expiries.Count);
        foreach (var e in r.Expiries)
        {
            var truth = chain.Expiries.Single(x => x.Root == e.Root && x.Expiry == e.Expiry);
            Assert.Equal(ChainExpiryStatus.Ok, e.Status);
            Assert.Equal(truth.Time, e.Time, 15);
            Assert.True(Math.Abs((e.Forward / truth.Forward) - 1) < 1e-8, $"{e.Label}: forward {e.Forward:R} vs {truth.Forward:R}");
            Assert.True(Math.Abs((e.DiscountFactor / truth.Discount) - 1) < 1e-8, $"{e.Label}: discount {e.DiscountFactor:R} vs {truth.Discount:R}");
            Assert.Equal(truth.FuturesQuoted, e.ForwardFromUnderlying);
        }

        // The stale pair quotes were rejected by the robust fit and flagged with the size of their violation.
        var august = r.Expiries.Single(e => e.Expiry == new DateOnly(2022, 8, 19));
        Assert.Equal(2, august.Parity!.PairsRejected);
        var flagged = august.Parity.Checks.Where(c => !c.UsedInFit).OrderBy(c => c.Strike).ToArray();
        Assert.Equal(chain.Quotes[stale2].Strike, flagged[0].Strike);
        Assert.Equal(0.65, flagged[0].Violation, 9); // a put 0.65 cheap: C - P too high by 0.65, a conversion
        Assert.Equal(ParityArbitrage.Conversion, flagged[0].Arbitrage);
        Assert.Equal(chain.Quotes[stale1].Strike, flagged[1].Strike);
        Assert.Equal(0.80, flagged[1].Violation, 9);

        int checkedVols = 0;
        for (int i = 0; i < r.Count; i++)
        {
            var q = chain.Quotes[i];
            var truth = chain.Expiries[chain.ExpiryOfRow[i]];
            var expected = chain.Crossed.Contains(i) ? ChainQuoteStatus.Crossed : chain.NoBid.Contains(i) ? ChainQuoteStatus.NoBid : ChainQuoteStatus.Ok;
            Assert.Equal(expected, r.Status[i]);
            if (expected != ChainQuoteStatus.Ok)
            {
                Assert.True(double.IsNaN(r.Mid[i]) && double.IsNaN(r.MidVol[i]) && double.IsNaN(r.Greeks[Greek.Delta][i]) && double.IsNaN(r.Greeks[Greek.Vega][i]));
                continue;
            }

            Assert.Equal(0.5 * (q.Bid + q.Ask), r.Mid[i]);
            if (chain.Stale.Contains(i)) continue;
            // Vega (per 1.00 vol) above 0.5: below it a price rounding of 1e-16 relative is no longer 1e-10 of vol.
            if (r.Greeks[Greek.Vega][i] < 0.5) continue;
            double sigma = SyntheticChain.Vol(truth, q.Strike);
            Assert.True(Math.Abs(r.MidVol[i] - sigma) < 1e-10, $"row {i} {truth.Root} {q.Kind} {q.Strike}: iv {r.MidVol[i]:R} vs {sigma:R}");
            Assert.True(r.BidVol[i] < r.MidVol[i] || double.IsNaN(r.BidVol[i]));
            Assert.True(r.AskVol[i] > r.MidVol[i]);
            Assert.Equal(SyntheticChain.Delta(truth, q.Kind, q.Strike), r.Greeks[Greek.Delta][i], 9);
            Assert.True(Math.Abs(r.Greeks[Greek.Price][i] - r.Mid[i]) < 1e-9 * Math.Max(1, r.Mid[i]));
            checkedVols++;
        }

        Assert.True(checkedVols > 300, $"only {checkedVols} rows checked");
        Assert.Equal(r.Count - chain.Crossed.Count - chain.NoBid.Count, r.OkCount);
    }

    [Fact]
    public void Bid_and_ask_vols_invert_the_bid_and_ask_prices()
    {
        var chain = Chain();
        var r = ChainAnalyzer.Analyze(chain.Quotes.ToArray(), AsOf, Engine);
        int i = chain.RowOf(1, OptionKind.Put, chain.StrikeNearMoney(1, -3));
        var x = r.Expiries[r.ExpiryIndex[i]];
        var q = chain.Quotes[i];
        // Revalue with the test's own Black-76 at the recovered forward, discount and bid/ask vols.
        double bidBack = SyntheticChain.Black(x.Forward, q.Strike, r.BidVol[i], x.Time, x.DiscountFactor, q.Kind);
        double askBack = SyntheticChain.Black(x.Forward, q.Strike, r.AskVol[i], x.Time, x.DiscountFactor, q.Kind);
        Assert.Equal(q.Bid, bidBack, 10);
        Assert.Equal(q.Ask, askBack, 10);
    }

    [Fact]
    public void Am_and_pm_settlement_on_the_same_day_differ_by_the_session_six_and_a_half_hours()
    {
        var r = ChainAnalyzer.Analyze(Chain().Quotes.ToArray(), AsOf, Engine);
        var am = r.Expiries.Single(e => e.Root == OptionRoot.Spx && e.Expiry == new DateOnly(2022, 7, 15));
        var pm = r.Expiries.Single(e => e.Root == OptionRoot.Spxw && e.Expiry == new DateOnly(2022, 7, 15));
        // Tuesday 11:55 to Friday 09:30 is 2 days 21 h 35 min; to Friday 16:00 it is 6.5 h more (ACT/365 calendar clock).
        Assert.Equal(((2 * 24) + 21 + (35 / 60.0)) / 8760.0, am.Time, 14);
        Assert.Equal(6.5 / 8760.0, pm.Time - am.Time, 14);
        Assert.Equal(new DateTimeOffset(2022, 7, 15, 9, 30, 0, TimeSpan.FromHours(-4)), am.Settlement);
        Assert.Equal(new DateTimeOffset(2022, 7, 15, 16, 0, 0, TimeSpan.FromHours(-4)), pm.Settlement);
        var vix = r.Expiries.Single(e => e.Root == OptionRoot.Vix);
        Assert.Equal(new DateTimeOffset(2022, 7, 20, 9, 30, 0, TimeSpan.FromHours(-4)), vix.Settlement);
    }

    [Fact]
    public void Zero_dte_an_hour_before_the_close_prices_the_pm_expiry_and_marks_the_am_one_settled()
    {
        var asOf = new DateTimeOffset(2022, 7, 15, 15, 0, 0, TimeSpan.FromHours(-4));
        var chain = new SyntheticChain();
        chain.Add(asOf, OptionRoot.Spxw, new DateOnly(2022, 7, 15), 3861.2, 0.0165, 5, volLevel: 0.18);
        chain.Add(asOf, OptionRoot.Spxw, new DateOnly(2022, 7, 18), 3861.9, 0.0165, 5);
        // The AM expiry of the same morning, still in a vendor file: settled 5.5 hours ago.
        var am = chain.Quotes.Where(q => q.Expiry == new DateOnly(2022, 7, 15)).Select(q => q with { Root = OptionRoot.Spx }).ToList();
        chain.Quotes.AddRange(am);

        var r = ChainAnalyzer.Analyze(chain.Quotes.ToArray(), asOf, Engine);
        var odte = r.Expiries.Single(e => e.Root == OptionRoot.Spxw && e.Expiry == new DateOnly(2022, 7, 15));
        Assert.Equal(1.0 / 8760.0, odte.Time, 15);
        Assert.True(Math.Abs((odte.Forward / 3861.2) - 1) < 1e-8);
        Assert.True(odte.Smile.Count >= 5);
        int generated = chain.ExpiryOfRow.Count;
        for (int i = 0; i < generated; i++)
        {
            Assert.Equal(ChainQuoteStatus.Ok, r.Status[i]);
            if (r.Greeks[Greek.Vega][i] < 0.5) continue;
            var truth = chain.Expiries[chain.ExpiryOfRow[i]];
            Assert.True(Math.Abs(r.MidVol[i] - SyntheticChain.Vol(truth, chain.Quotes[i].Strike)) < 1e-10, $"row {i}");
        }

        var settled = r.Expiries.Single(e => e.Root == OptionRoot.Spx);
        Assert.Equal(ChainExpiryStatus.Settled, settled.Status);
        Assert.Equal(-5.5 / 8760.0, settled.Time, 15);
        for (int i = generated; i < r.Count; i++)
        {
            Assert.Equal(ChainQuoteStatus.Settled, r.Status[i]);
            Assert.True(double.IsNaN(r.MidVol[i]) && double.IsNaN(r.Greeks[Greek.Delta][i]));
        }
    }

    [Fact]
    public void An_expiry_with_too_few_pairs_gets_a_status_and_leaves_the_others_untouched()
    {
        var chain = Chain();
        var full = ChainAnalyzer.Analyze(chain.Quotes.ToArray(), AsOf, Engine);
        // The Wednesday weekly keeps its calls and only two puts: two pairs, below the default minimum of three.
        var weekly = new DateOnly(2022, 7, 13);
        var puts = chain.Quotes.Where(q => q.Expiry == weekly && q.Kind == OptionKind.Put).Select(q => q.Strike).Order().Take(2).ToHashSet();
        var thin = chain.Quotes.Where(q => q.Expiry != weekly || q.Kind == OptionKind.Call || puts.Contains(q.Strike)).ToArray();

        var r = ChainAnalyzer.Analyze(thin, AsOf, Engine);
        var x = r.Expiries.Single(e => e.Expiry == weekly);
        Assert.Equal(ChainExpiryStatus.TooFewPairs, x.Status);
        Assert.Contains("2 strike(s)", x.Message, StringComparison.Ordinal);
        Assert.True(double.IsNaN(x.Forward));
        Assert.All(x.Rows, i => Assert.Equal(ChainQuoteStatus.NoForward, r.Status[i]));
        Assert.All(x.Rows, i => Assert.True(double.IsNaN(r.MidVol[i]) && double.IsNaN(r.Greeks[Greek.Gamma][i])));
        // Every other expiry is exactly as without the thin one.
        foreach (var e in r.Expiries.Where(e => e.Expiry != weekly))
        {
            var same = full.Expiries.Single(f => f.Root == e.Root && f.Expiry == e.Expiry);
            Assert.Equal(same.Forward, e.Forward);
            Assert.Equal(same.DiscountFactor, e.DiscountFactor);
        }
    }

    [Fact]
    public void Rows_without_a_sensible_market_get_statuses_not_exceptions()
    {
        var x = new DateOnly(2022, 8, 19);
        ChainQuote[] quotes =
        [
            new(OptionRoot.Spx, x, OptionKind.Call, 3800, 130, 131),
            new(OptionRoot.Spx, x, OptionKind.Put, 3800, 60, 61),
            new(OptionRoot.Spx, x, OptionKind.Call, 3900, 70, 71),
            new(OptionRoot.Spx, x, OptionKind.Put, 3900, 99.5, 100.5),
            new(OptionRoot.Spx, x, OptionKind.Call, 4000, 30, 31),
            new(OptionRoot.Spx, x, OptionKind.Put, 4000, 159.4, 160.4),
            new(OptionRoot.Spx, x, OptionKind.Call, 3000, 1, 2), // far below intrinsic (~860)
            new(OptionRoot.Spx, x, OptionKind.Put, -5, 1, 2), // bad strike
            new(OptionRoot.Spx, x, OptionKind.Put, 3500, double.NaN, 3), // no bid
            new(OptionRoot.Spx, x, OptionKind.Put, 3550, 2, 0), // no ask
            new(OptionRoot.Spx, new DateOnly(2022, 8, 20), OptionKind.Put, 3550, 2, 3), // a Saturday
        ];

        var r = ChainAnalyzer.Analyze(quotes, AsOf, Engine);
        Assert.Equal(ChainQuoteStatus.Ok, r.Status[0]);
        Assert.Equal(ChainQuoteStatus.BelowIntrinsic, r.Status[6]);
        Assert.Equal(ChainQuoteStatus.InvalidQuote, r.Status[7]);
        Assert.Equal(ChainQuoteStatus.NoBid, r.Status[8]);
        Assert.True(double.IsFinite(r.AskVol[8]) && double.IsNaN(r.BidVol[8]));
        Assert.Equal(ChainQuoteStatus.NoAsk, r.Status[9]);
        Assert.Equal(ChainQuoteStatus.Settled, r.Status[10]);
        Assert.Equal(ChainExpiryStatus.NotTradingDay, r.Expiries.Single(e => e.Expiry.Day == 20).Status);
        for (int i = 6; i < quotes.Length; i++) Assert.True(double.IsNaN(r.Greeks[Greek.Delta][i]));
    }

    [Fact]
    public void Fits_one_svi_slice_per_expiry_that_reproduces_the_generating_smile()
    {
        var chain = Chain();
        var r = ChainAnalyzer.Analyze(chain.Quotes.ToArray(), AsOf, Engine, new ChainOptions { FitSurface = true });
        foreach (var e in r.Expiries)
        {
            var truth = chain.Expiries.Single(x => x.Root == e.Root && x.Expiry == e.Expiry);
            Assert.NotNull(e.Fit);
            // Exact quotes: the fitted slice is the generating one to within the calibrator's convergence.
            foreach (double k in new[] { -0.1, -0.03, 0, 0.02 })
            {
                double strike = e.Forward * Math.Exp(k * Math.Sqrt(e.Time / 0.05));
                Assert.True(Math.Abs(e.Fit!.Slice.ImpliedVol(Math.Log(strike / e.Forward)) - SyntheticChain.Vol(truth, strike)) < 1e-5, $"{e.Label} k={k}");
            }

            Assert.True(e.Fit!.RmseVol < 1e-5, $"{e.Label}: rmse {e.Fit.RmseVol}");
            // The smile is the out-of-the-money side: puts below the forward, calls above.
            for (int j = 0; j < e.Smile.Count; j++) Assert.Equal(e.Smile.Strikes[j] < e.Forward ? OptionKind.Put : OptionKind.Call, e.Smile.Kinds[j]);
        }

        var spx = ChainAnalyzer.FittedSurface(r, vix: false);
        var vix = ChainAnalyzer.FittedSurface(r, vix: true);
        Assert.Equal(4, spx!.Value.Surface.Slices.Count);
        Assert.Single(vix!.Value.Surface.Slices);
    }
}
