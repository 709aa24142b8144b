using VixShield.Compute.Time;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Signals;
using Xunit;

namespace VixShield.Compute.Tests.Book;

/// <summary>Each rule on both sides of its threshold.</summary>
public class RuleTests
{
    private static readonly DateOnly E = BookFixtures.Dec4;

    private static AlvhBook Book(bool hedgeOn = false, int hedgeContracts = 10) => new("rules",
    [
        new Layer("A", LayerRole.Premium, null, [SpreadTemplates.IronCondor(Instrument.Spxw, E, 5700, 5750, 6200, 6250, 1, [1.0, 6.0, 5.0, 1.0])]),
        new Layer("B", LayerRole.Premium, null, [SpreadTemplates.IronCondor(Instrument.Spxw, BookFixtures.Dec4, 5650, 5700, 6250, 6300, 1, [1.0, 4.0, 3.0, 1.0])]),
        new Layer("H", LayerRole.Hedge, null, [SpreadTemplates.VixCall(BookFixtures.Jan20, 22, hedgeContracts, 1.2)], hedgeOn),
    ]);

    private static (RuleEngine Engine, BookValuation V, BookRisk Risk) Run(AlvhBook book, MarketSnapshot market, RuleSettings? s = null)
    {
        var valuator = BookFixtures.Valuator();
        return (new RuleEngine(valuator, s), valuator.Value(book, market), new BookRiskAnalyzer(valuator).Analyze(book, market));
    }

    [Fact]
    public void DeltaBandBothSides()
    {
        var (_, v, _) = Run(Book(), BookFixtures.Market(spot: 5800)); // near the puts: long delta
        double nd = v.NormalisedDelta;
        Assert.InRange(nd, 0.05, 1.0);
        var inside = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { DeltaBand = nd + 0.001 }).DeltaBand(v);
        Assert.False(inside.Triggered);
        Assert.Null(inside.Action);
        var outside = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { DeltaBand = nd - 0.001 }).DeltaBand(v);
        Assert.True(outside.Triggered);
        Assert.Equal(ActionKind.ActivateHedge, outside.Action!.Kind);
        double hedgeNd = v.Layers[2].Totals.BetaWeightedDelta / 100 / 2;
        Assert.True(hedgeNd < 0);
        Assert.Equal(nd + hedgeNd, outside.Numbers["afterActivation"], 1e-12);

        // Short delta (spot near the calls): VIX calls would add to it -> rebalance, not hedge.
        var (_, v2, _) = Run(Book(), BookFixtures.Market(spot: 6230));
        Assert.True(v2.NormalisedDelta < -0.05);
        var f = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { DeltaBand = 0.05 }).DeltaBand(v2);
        Assert.Equal(ActionKind.RebalancePremium, f.Action!.Kind);
    }

    [Fact]
    public void HedgeSizingByScenarioRevaluation()
    {
        var market = BookFixtures.Market();
        var (engine, v, _) = Run(Book(hedgeOn: true, hedgeContracts: 1), market);
        RuleFinding f = engine.HedgeSizing(v);
        Assert.True(f.Triggered);
        double premium = f.Numbers["premiumLoss"], hedge = f.Numbers["hedgePnlAtCurrentSize"], scale = f.Numbers["scale"];
        Assert.True(premium < 0 && hedge > 0);
        Assert.Equal(0.5 * -premium, scale * hedge, 1e-9);

        // Independent revaluation of the same shock: F' = F(1 + beta*m), ATM vol + dF_front/100, skew 0.10.
        double m = -0.05, dvol = 18.0 * (-4.0 * m) / 100;
        var scen = new VixShield.Compute.Scenarios.ScenarioShock(SpotMove: m, VolShift: dvol, Skew: 0.10);
        var r = new VixShield.Compute.Scenarios.ScenarioRevaluation(VixShield.Compute.Scenarios.PricedBook.Resolve(Book(true, 1), market), [scen]);
        Assert.Equal(r.Change(0, l => l.Role == LayerRole.Premium), premium, 1e-9);
        Assert.Equal(r.Change(0, l => l.Role == LayerRole.Hedge), hedge, 1e-9);

        // A hedge already large enough: coverage above the target, nothing to propose.
        int big = (int)Math.Ceiling(scale) + 1;
        var (engine2, v2, _) = Run(Book(hedgeOn: true, hedgeContracts: big), market);
        RuleFinding f2 = engine2.HedgeSizing(v2);
        Assert.False(f2.Triggered);
        Assert.True(f2.Numbers["coverageNow"] >= 0.5);
        Assert.True(f.Numbers["netVegaBefore"] < f.Numbers["netVegaAfter"]);
    }

    [Fact]
    public void GammaBoundBothSides()
    {
        var (_, v, _) = Run(Book(), BookFixtures.Market());
        double g = v.NormalisedGammaPerPercent;
        Assert.True(g < 0);
        Assert.False(new RuleEngine(BookFixtures.Valuator(), new RuleSettings { GammaBound = -g * 1.01 }).Gamma(v).Triggered);
        RuleFinding f = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { GammaBound = -g * 0.99 }).Gamma(v);
        Assert.True(f.Triggered);
        Assert.Equal(ActionKind.ReduceSize, f.Action!.Kind);
        Assert.Equal(1 - (0.99 * -g / -g), f.Action.Numbers["reduceFraction"], 1e-12);
    }

    [Fact]
    public void BreakEvenProximityBothSides()
    {
        // Spot 5745: layer A's break-even 5741 is 0.07 % away, layer B's (5700 - 5.00 = 5695... credit 5) 5695 is 0.87 % away.
        var (_, v, risk) = Run(Book(), BookFixtures.Market(spot: 5745));
        double a = risk.Layers[0].DistanceToBreakEven, b = risk.Layers[1].DistanceToBreakEven;
        Assert.Equal(4.0 / 5745, a, 1e-12);
        Assert.Equal(50.0 / 5745, b, 1e-12);
        var one = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { BreakEvenDistance = (a + b) / 2 }).BreakEvenProximity(v, risk);
        Assert.False(one.Triggered);
        Assert.Equal(1, one.Numbers["nearLayers"]);
        var two = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { BreakEvenDistance = b * 1.001 }).BreakEvenProximity(v, risk);
        Assert.True(two.Triggered);
        Assert.Equal(ActionKind.ReduceSize, two.Action!.Kind);
        Assert.Equal(1.0 / 3, two.Action.Numbers["reduceFraction"], 1e-15);
        Assert.Equal("A, B", two.Action.Target);
    }

    [Fact]
    public void SignalsBothSides()
    {
        DailyCloses c = SampleCloses.Create();
        var engine = new RuleEngine(BookFixtures.Valuator());
        SignalReading on = LayerSignals.Read(c, (12, 26, 9), 3, 14, 35, 60);
        Assert.True(on.Compressing);
        Assert.True(engine.Signal(on).Triggered);
        Assert.Equal(ActionKind.AddLayer, engine.Signal(on).Action!.Kind);
        Assert.Equal(NewLayerType.IronCondor, on.Favoured); // VIX-future RSI above 35

        // Same series with the VIX-future RSI threshold above its reading: put-skewed spread favoured.
        SignalReading skew = LayerSignals.Read(c, (12, 26, 9), 3, 14, on.VixFutureRsi + 1, on.SpxRsi - 1);
        Assert.Equal(NewLayerType.PutSkewedSpread, skew.Favoured);
        SignalReading skewOff = LayerSignals.Read(c, (12, 26, 9), 3, 14, on.VixFutureRsi + 1, on.SpxRsi + 1);
        Assert.Equal(NewLayerType.IronCondor, skewOff.Favoured);

        // A longer compression window than the histogram has been shrinking for: not compressing.
        int days = 3;
        while (LayerSignals.Read(c, (12, 26, 9), days + 1, 14, 35, 60).Compressing) days++;
        Assert.False(engine.Signal(LayerSignals.Read(c, (12, 26, 9), days + 1, 14, 35, 60)).Triggered);
    }

    [Fact]
    public void RateShockBothSides()
    {
        var (engine, v, risk) = Run(Book(), BookFixtures.Market());
        RuleFinding f = Assert.Single(engine.RateShock(v, risk));
        double up = f.Numbers["pnlUp"], down = f.Numbers["pnlDown"], worst = -Math.Min(up, down);
        Assert.True(worst > 0);
        // Rho check: the +25 bp P&L is close to rho per 1 % x 0.25.
        Assert.Equal(v.Totals.Rho * 0.25, up, Math.Abs(v.Totals.Rho) * 0.25 * 0.02);
        var below = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { RateShockLossLimit = worst / risk.Margin * 1.01 });
        Assert.False(below.RateShock(v, risk)[0].Triggered);
        var above = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { RateShockLossLimit = worst / risk.Margin * 0.99 });
        Assert.True(above.RateShock(v, risk)[0].Triggered);
    }

    [Fact]
    public void ThetaYieldBothSides()
    {
        var (engine, v, risk) = Run(Book(), BookFixtures.Market());
        var findings = engine.ThetaYield(v, risk);
        Assert.Equal(2, findings.Count);
        double y = findings[0].Numbers["annualYield"];
        Assert.Equal(v.Layers[0].Totals.ThetaPerDay / risk.Layers[0].Margin * 365, y, 1e-12);
        Assert.False(new RuleEngine(BookFixtures.Valuator(), new RuleSettings { HurdleRate = y * 0.99 }).ThetaYield(v, risk)[0].Triggered);
        Assert.True(new RuleEngine(BookFixtures.Valuator(), new RuleSettings { HurdleRate = y * 1.01 }).ThetaYield(v, risk)[0].Triggered);
    }

    [Fact]
    public void ParityBothSides()
    {
        var expiry = new Expiry(E, SettlementStyle.PmClose);
        var market0 = BookFixtures.Market();
        double t = market0.YearsTo(expiry), df = Math.Exp(-0.04 * t), f = market0.SpxForward(expiry);
        double put = 30.0, fair = put + (df * (f - 5950));
        var good = BookFixtures.Market(quotes: [new ParityQuote(expiry, 5950, fair + 0.40, put)]);
        var bad = BookFixtures.Market(quotes: [new ParityQuote(expiry, 5950, fair + 0.60, put)]);
        var engine = new RuleEngine(BookFixtures.Valuator());
        RuleFinding ok = Assert.Single(engine.Parity(good));
        Assert.False(ok.Triggered);
        Assert.Equal(0.40, ok.Numbers["worstResidual"], 1e-9);
        RuleFinding stale = Assert.Single(engine.Parity(bad));
        Assert.True(stale.Triggered);
        Assert.Equal(0.60, stale.Numbers["residual"], 1e-9);
        Assert.Equal(ActionKind.ReviewQuotes, stale.Action!.Kind);
    }

    [Fact]
    public void RulesNeverChangeTheBook()
    {
        AlvhBook book = SampleBook.Create();
        string before = VixShield.Compute.Book.Json.BookJson.WriteBook(book);
        _ = new RuleEngine(BookFixtures.Valuator()).Run(book, SampleMarket.Create(), SampleCloses.Create());
        Assert.Equal(before, VixShield.Compute.Book.Json.BookJson.WriteBook(book));
    }
}

public class DeltaBandHedgeOnTests
{
    [Fact]
    public void HedgeAlreadyOnProposesResizing()
    {
        var book = new AlvhBook("on",
        [
            new Layer("A", LayerRole.Premium, null, [SpreadTemplates.IronCondor(Instrument.Spxw, BookFixtures.Dec4, 5700, 5750, 6200, 6250, 1, [1.0, 6.0, 5.0, 1.0])]),
            new Layer("H", LayerRole.Hedge, null, [SpreadTemplates.VixCall(BookFixtures.Jan20, 22, 1, 1.2)], Active: true),
        ]);
        var v = BookFixtures.Valuator().Value(book, BookFixtures.Market(spot: 5800));
        Assert.True(v.NormalisedDelta > 0.05);
        var f = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { DeltaBand = 0.05 }).DeltaBand(v);
        Assert.True(f.Triggered);
        Assert.Equal(ActionKind.SizeHedge, f.Action!.Kind);
    }
}

public class HedgeCandidateTests
{
    [Fact]
    public void WithoutAHedgeLayerTheCandidateIsAVixCallTenPercentOutOfTheMoney()
    {
        var book = new AlvhBook("no hedge",
            [new Layer("A", LayerRole.Premium, null, [SpreadTemplates.IronCondor(Instrument.Spxw, BookFixtures.Dec4, 5700, 5750, 6200, 6250, 1, [1.0, 6.0, 5.0, 1.0])])]);
        var v = BookFixtures.Valuator().Value(book, BookFixtures.Market(spot: 5800));
        // Delta outside a tight band -> the hedge is wanted; none exists -> the candidate is sized and proposed.
        RuleFinding f = new RuleEngine(BookFixtures.Valuator(), new RuleSettings { DeltaBand = 0.01 }).HedgeSizing(v);
        Assert.True(f.Triggered);
        Assert.Equal(ActionKind.SizeHedge, f.Action!.Kind);
        Assert.Contains("VIX 2027-01-20 22C", f.Message, StringComparison.Ordinal); // first future >= 30 days: Jan (19.5 x 1.10 -> 22)
        Assert.Equal(Math.Ceiling(f.Numbers["scale"]), f.Numbers["quantity[0]"]);
        Assert.Single(book.Layers); // the book itself is untouched
    }
}
