using VixShield.Compute.Book;
using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Book;

/// <summary>Issue 14: a leg whose expiry settled before the valuation time is valued at its payoff on the current
/// underlying (no time value, no Greeks: a settled leg no longer moves with the market) and reported as a problem, not valued with live Greeks under ok.</summary>
public sealed class ExpiredLegTests
{
    [Fact]
    public void ExpiredLegs_AreValuedAtTheirPayoff_AndReported()
    {
        // Valued on 10 December: the 4 December SPXW legs have settled; the 16 December VIX leg is live.
        MarketSnapshot market = BookFixtures.Market() with { ValuationTime = new DateTimeOffset(2026, 12, 10, 15, 0, 0, TimeSpan.Zero) };
        var itmPut = Leg.Option(Instrument.Spxw, OptionKind.Put, 6100, BookFixtures.Dec4, 1, openPrice: 50);
        var otmCall = Leg.Option(Instrument.Spxw, OptionKind.Call, 6200, BookFixtures.Dec4, -1, openPrice: 10);
        var book = new AlvhBook("expired", [new Layer("L1", LayerRole.Premium, null, [new Position("spread", [itmPut, otmCall])])]);
        BookValuation v = BookFixtures.Valuator().Value(book, market);
        LegValuation put = v.Layers[0].Positions[0].Legs[0], call = v.Layers[0].Positions[0].Legs[1];
        Assert.True(put.Time < 0 && call.Time < 0);
        Assert.Equal(6100 - market.SpxSpot, put.Raw.Price, 12);    // intrinsic on today's spot, nothing more
        Assert.Equal(0.0, call.Raw.Price);
        Assert.Equal(0.0, put.Raw.Delta);
        Assert.Equal(0.0, put.Raw.Vega);
        Assert.Equal(0.0, put.Raw.Rho);
        Assert.Equal(0.0, put.Raw.Theta);
        Assert.Equal(0.0, put.Raw.Gamma);
        Assert.Equal(2, v.Problems.Count(p => p.Contains("has expired", StringComparison.Ordinal)));
        Assert.Contains(v.Problems, p => p.StartsWith("layers[0].positions[0].legs[0]", StringComparison.Ordinal));
        Assert.Equal(SettlementStyle.PmClose, itmPut.Expiry.Settlement);
    }
}
