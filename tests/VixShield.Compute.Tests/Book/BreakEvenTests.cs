using VixShield.Compute.Book;
using Xunit;

namespace VixShield.Compute.Tests.Book;

public class BreakEvenTests
{
    private static readonly DateOnly E = BookFixtures.Dec4;

    private static void AssertRoots(ExpiryPayoff p, params double[] expected)
    {
        Assert.Equal(expected.Length, p.BreakEvens.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], p.BreakEvens[i], 1e-9);
            Assert.Equal(0.0, p.Evaluate(p.BreakEvens[i]), 1e-7);
        }
    }

    [Fact]
    public void IronCondor()
    {
        var p = new ExpiryPayoff(SpreadTemplates.IronCondor(Instrument.Spxw, E, 5700, 5750, 6200, 6250, 2, [3.10, 4.60, 2.40, 1.20]).Legs);
        // credit 2.70 per unit
        AssertRoots(p, 5750 - 2.70, 6200 + 2.70);
        Assert.Equal(2.70 * 100 * 2, p.MaxProfit, 1e-9);
        Assert.Equal((50 - 2.70) * 100 * 2, p.MaxLoss, 1e-9);
        Assert.True(p.DefinedRisk);
        Assert.Equal(p.MaxLoss, p.Margin);
    }

    [Fact]
    public void BrokenWingPutButterfly()
    {
        // +1 5600P -2 5700P +1 5750P, opened for a 1.00 credit: 1.50 - 2 x 4.00 + 7.50 = 1.00 debit?  use prices giving a credit.
        var p = new ExpiryPayoff(SpreadTemplates.BrokenWingButterfly(Instrument.Spxw, E, OptionKind.Put, 5600, 5700, 5750, 1, [1.00, 5.00, 8.00]).Legs);
        // cost = 1 - 10 + 8 = -1.00 (credit 1.00). Payoff: x>=5750: +1.00; 5700..5750: (5750-x) + 1 -> zero at 5751? no: 5750-x >= 0, value 1+(5750-x) >0.
        // 5600..5700: (5750-x) - 2(5700-x) + 1 = x - 5649 -> zero at 5649; below 5600: -49.
        AssertRoots(p, 5649);
        Assert.Equal(49 * 100, p.MaxLoss, 1e-9);
        Assert.Equal(51 * 100, p.MaxProfit, 1e-9); // at 5700: 50 + 1
        Assert.True(p.DefinedRisk);
    }

    [Fact]
    public void Verticals()
    {
        var put = new ExpiryPayoff(SpreadTemplates.PutVertical(Instrument.Spx, E, 5800, 5750, 3, [6.00, 4.25]).Legs);
        AssertRoots(put, 5800 - 1.75);
        Assert.Equal((50 - 1.75) * 300, put.MaxLoss, 1e-9);
        var call = new ExpiryPayoff(SpreadTemplates.CallVertical(Instrument.Spxw, E, 6150, 6175, 1, [3.00, 2.00]).Legs);
        AssertRoots(call, 6151);
        Assert.Equal(24 * 100, call.MaxLoss, 1e-9);
        Assert.Equal(100, call.MaxProfit, 1e-9);
    }

    [Fact]
    public void VixCallAndSpreadAndFuture()
    {
        var call = new ExpiryPayoff(SpreadTemplates.VixCall(BookFixtures.Dec16, 22, 10, 1.05).Legs);
        AssertRoots(call, 23.05);
        Assert.Equal(1050, call.MaxLoss, 1e-9);
        Assert.True(double.IsPositiveInfinity(call.MaxProfit));
        Assert.True(call.DefinedRisk);
        var spread = new ExpiryPayoff(SpreadTemplates.VixCallSpread(BookFixtures.Dec16, 20, 30, 5, [1.60, 0.60]).Legs);
        AssertRoots(spread, 21);
        Assert.Equal(9 * 500, spread.MaxProfit, 1e-9);
        var fut = new ExpiryPayoff(SpreadTemplates.VixFuture(BookFixtures.Jan20, -2, 19.5).Legs);
        AssertRoots(fut, 19.5);
        Assert.False(fut.DefinedRisk);
        Assert.True(double.IsNaN(fut.Margin));
        Assert.True(double.IsPositiveInfinity(fut.MaxLoss));
    }

    [Fact]
    public void NakedShortPutIsUndefinedRisk()
    {
        var p = new ExpiryPayoff([Leg.Option(Instrument.Spxw, OptionKind.Put, 5700, E, -1, 5.0)]);
        AssertRoots(p, 5695);
        Assert.False(p.DefinedRisk);
        Assert.True(double.IsNaN(p.Margin));
    }

    [Fact]
    public void CalendarUsesTheEngineCurveAtTheFrontExpiry()
    {
        var cal = SpreadTemplates.Calendar(Instrument.Spx, OptionKind.Put, 5900, E, new DateOnly(2026, 12, 18), 1, [20.0, 45.0]);
        var book = new AlvhBook("cal", [new Layer("cal", LayerRole.Premium, null, [cal])]);
        var risk = new BookRiskAnalyzer(BookFixtures.Valuator()).Analyze(book, BookFixtures.Market());
        ExpiryRisk r = risk.Layers[0].Positions[0].AtExpiry!;
        Assert.False(r.Exact);
        Assert.True(r.DefinedRisk);
        Assert.Equal(2500, r.Margin, 1e-9); // the debit
        Assert.Equal(2, r.BreakEvens.Count);
        Assert.True(r.BreakEvens[0] < 5900 && r.BreakEvens[1] > 5900);
    }

    [Fact]
    public void CurveAtExpiryReproducesTheExactBreakEvens()
    {
        var ic = SpreadTemplates.IronCondor(Instrument.Spxw, E, 5700, 5750, 6200, 6250, 1, [1.00, 6.00, 5.00, 1.00]);
        var book = new AlvhBook("ic", [new Layer("L", LayerRole.Premium, null, [ic])]);
        var analyzer = new BookRiskAnalyzer(BookFixtures.Valuator());
        BookRisk atExpiry = analyzer.Analyze(book, BookFixtures.Market(), new PnlCurveSettings { DaysForward = 10.25 });
        Assert.Equal(2, atExpiry.Curve.BreakEvens.Count);
        Assert.Equal(5741.00, atExpiry.Curve.BreakEvens[0], 1e-6);
        Assert.Equal(6209.00, atExpiry.Curve.BreakEvens[1], 1e-6);

        // T+0: the short strikes' time value still has to decay, so today's break-evens lie inside the expiry ones; P&L there is zero by full revaluation.
        BookRisk today = analyzer.Analyze(book, BookFixtures.Market());
        Assert.Equal(2, today.Curve.BreakEvens.Count);
        Assert.InRange(today.Curve.BreakEvens[0], 5741.00, 6000);
        Assert.InRange(today.Curve.BreakEvens[1], 6000, 6209.00);
        var check = new VixShield.Compute.Scenarios.ScenarioRevaluation(VixShield.Compute.Scenarios.PricedBook.Resolve(book, BookFixtures.Market()), [new VixShield.Compute.Scenarios.ScenarioShock(SpotMove: (today.Curve.BreakEvens[0] / 6000) - 1)]);
        Assert.Equal(0.0, check.PnlFromOpen(0), 1e-6);
        Assert.Equal(Math.Abs(6000 - 6209.00) / 6000, today.Layers[0].DistanceToBreakEven, 1e-12); // to the nearest at-expiry break-even
        Assert.Equal(6209.00, today.Layers[0].NearestBreakEven, 1e-9);
        Assert.Equal(4100, today.Layers[0].Margin, 1e-9);
    }
}
