using VixShield.Compute.Time;
using VixShield.Compute.Book;
using Xunit;

namespace VixShield.Compute.Tests.Book;

public class BookValuationTests
{
    private static readonly double TSpxw = 10.25 / 365.0;                 // 2026-11-24 15:00Z -> 2026-12-04 21:00Z
    private static readonly double TVix = (22.0 - 0.5 / 24.0) / 365.0;    // -> 2026-12-16 14:30Z (21 days 23.5 h)

    private static AlvhBook SmallBook(bool hedgeOn) => new("small",
    [
        new Layer("L1", LayerRole.Premium, new DateOnly(2026, 11, 20),
            [SpreadTemplates.IronCondor(Instrument.Spxw, BookFixtures.Dec4, 5700, 5750, 6200, 6250, units: 2, openPrices: [3.10, 4.60, 2.40, 1.20])]),
        new Layer("hedge", LayerRole.Hedge, null, [SpreadTemplates.VixCall(BookFixtures.Dec16, 22, units: 10, openPrice: 1.05), SpreadTemplates.VixFuture(BookFixtures.Jan20, 1, 19.0)], hedgeOn),
        new Layer("notes", LayerRole.Overlay, null, [new Position("note", [], null, new OverlayGreeks(Value: 1000, Delta: 50, Vega: -20, ThetaPerDay: 3, PnL: 7))]),
    ]);

    [Fact]
    public void YearFractionsUseTheSettlementInstant()
    {
        var m = BookFixtures.Market();
        Assert.Equal(TSpxw, m.YearsTo(new Expiry(BookFixtures.Dec4, SettlementStyle.PmClose)), 1e-15);
        Assert.Equal(TSpxw - (6.5 / 24 / 365), m.YearsTo(new Expiry(BookFixtures.Dec4, SettlementStyle.AmOpen)), 1e-15);
        Assert.Equal(TVix, m.YearsTo(new Expiry(BookFixtures.Dec16, SettlementStyle.AmOpen)), 1e-15);
        // Summer: EDT (UTC-4): 2026-07-17 AM settles 13:30Z.
        Assert.Equal(new DateTimeOffset(2026, 7, 17, 13, 30, 0, TimeSpan.Zero), SettlementTime.SettlementInstant(new Expiry(new DateOnly(2026, 7, 17), SettlementStyle.AmOpen)));
    }

    [Fact]
    public void SmallBookTotalsMatchHandComputedLegs()
    {
        var market = BookFixtures.Market();
        BookValuation v = BookFixtures.Valuator().Value(SmallBook(hedgeOn: false), market);
        Assert.Empty(v.Problems);
        Assert.Equal(5, v.Engine.Count); // one batch: 4 SPXW legs + 1 VIX option; the future needs no engine row
        double spxDelta = 0, spxGamma = 0, spxVega = 0, theta = 0, value = 0, pnl = 0;
        (double k, OptionKind kind, int q, double open)[] legs = [(5700, OptionKind.Put, 2, 3.10), (5750, OptionKind.Put, -2, 4.60), (6200, OptionKind.Call, -2, 2.40), (6250, OptionKind.Call, 2, 1.20)];
        foreach (var (k, kind, q, open) in legs)
        {
            var r = BookFixtures.Bsm(kind, 6000, k, TSpxw, 0.16, 0.04, 0.013);
            spxDelta += r.Delta * q * 100;
            spxGamma += r.Gamma * q * 100;
            spxVega += r.Vega * q; // per vol point x 100 multiplier = raw/100*100
            theta += r.Theta / 365 * q * 100;
            value += r.Price * q * 100;
            pnl += (r.Price - open) * q * 100;
        }

        // Premium layer alone, then the book = premium + overlay (hedge off).
        GreekTotals l1 = v.Layers[0].Totals;
        Assert.Equal(spxDelta, l1.SpxDelta, 1e-9);
        Assert.Equal(spxGamma, l1.SpxGamma, 1e-11);
        Assert.Equal(spxVega, l1.SpxVega, 1e-8);
        Assert.Equal(theta, l1.ThetaPerDay, 1e-8);
        Assert.Equal(value, l1.MarketValue, 1e-8);
        Assert.Equal(pnl, l1.PnL, 1e-8);
        Assert.Equal(spxDelta + 50, v.Totals.BetaWeightedDelta, 1e-9);
        Assert.Equal(spxVega - 20, v.Totals.SpxVega, 1e-8);
        Assert.Equal(theta + 3, v.Totals.ThetaPerDay, 1e-8);
        Assert.Equal(pnl + 7, v.Totals.PnL, 1e-8);
        Assert.False(v.Layers[1].Included);
        Assert.Equal(2.0, v.PremiumUnits);
        Assert.Equal((spxDelta + 50) / 100 / 2, v.NormalisedDelta, 1e-12);

        // Hedge layer is valued even while off: VIX call off the Dec future with Black-76, future delta 1.
        var vix = BookFixtures.Black76(OptionKind.Call, 18.0, 22, TVix, 0.90, 0.04);
        LegValuation call = v.Layers[1].Positions[0].Legs[0];
        Assert.Equal(vix.Price, call.Raw.Price, 1e-12);
        Assert.Equal(vix.Delta * 10 * 100, call.Dollar.Delta, 1e-9);
        Assert.Equal(vix.Delta * 10 * 100 * -4.0 * 18.0 / 6000.0, call.Totals.BetaWeightedDelta, 1e-9);
        LegValuation fut = v.Layers[1].Positions[1].Legs[0];
        Assert.Equal(1.0, fut.Raw.Delta);
        Assert.Equal(1000.0, fut.Totals.VixDelta);
        Assert.Equal(500.0, fut.Totals.PnL, 1e-9); // (19.5 - 19.0) x 1 x 1000
        Assert.Equal(1000.0 * -4.0 * 19.5 / 6000.0, fut.Totals.BetaWeightedDelta, 1e-12);

        // Switching the hedge on adds exactly its totals.
        BookValuation on = BookFixtures.Valuator().Value(SmallBook(hedgeOn: true), market);
        Assert.Equal(v.Totals.BetaWeightedDelta + v.Layers[1].Totals.BetaWeightedDelta, on.Totals.BetaWeightedDelta, 1e-9);
        Assert.Equal(v.Totals.NetVega + v.Layers[1].Totals.VixDelta, on.Totals.NetVega, 1e-9);

        // Vega buckets of included legs by expiry: one SPX bucket holding the whole layer's vega.
        var bucket = Assert.Single(v.VegaBuckets);
        Assert.Equal("SPX", bucket.Underlying);
        Assert.Equal(spxVega, bucket.Vega, 1e-8);
        Assert.Equal(10.25, bucket.DaysToExpiry, 1e-12);
    }
}

/// <summary>Counts engine calls, delegating to the scalar engine.</summary>
internal sealed class CountingEngine : IGreeksEngine
{
    public void Dispose()
    {
    }

    private readonly IGreeksEngine _inner = new VixShield.Compute.Engines.ScalarGreeksEngine();

    public int Calls { get; private set; }

    public int Rows { get; private set; }

    public EngineInfo Info => _inner.Info;

    public ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
    {
        Calls++;
        Rows += batch.Count;
        return _inner.Compute(batch, output, cancellationToken);
    }

    public ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default)
    {
        Calls++;
        Rows += batch.Count;
        return _inner.Compute(batch, output, cancellationToken);
    }
}

public class EngineCallTests
{
    [Fact]
    public void OneEngineCallForTheWholeBookAndNoneForTheCurves()
    {
        var book = VixShield.Compute.Book.Samples.SampleBook.Create();
        var market = VixShield.Compute.Book.Samples.SampleMarket.Create();
        var engine = new CountingEngine();
        var valuator = new BookValuator(engine);
        valuator.Value(book, market);
        Assert.Equal(1, engine.Calls);
        Assert.Equal(19, engine.Rows); // every option leg, hedge included, in one batch

        engine = new CountingEngine();
        var settings = new PnlCurveSettings { Points = 101, BisectionSteps = 30 };
        new BookRiskAnalyzer(new BookValuator(engine)).Analyze(book, market, settings);
        Assert.Equal(0, engine.Calls); // the curves and their bisection run in the scenario kernel on one PricedBook, not the Greeks engine
    }
}
