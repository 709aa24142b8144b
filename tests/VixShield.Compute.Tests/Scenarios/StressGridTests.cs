using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Tests.Book;
using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class StressGridTests
{
    private static readonly Expiry Dec4Pm = new(BookFixtures.Dec4, SettlementStyle.PmClose);
    private static readonly Expiry Jan20Am = new(BookFixtures.Jan20, SettlementStyle.AmOpen);

    internal static AlvhBook CallAndVixBook(int callQty = 2, int vixQty = 10) => new("one leg each",
    [
        new Layer("L1", LayerRole.Premium, null, [new Position("call", [Leg.Option(Instrument.Spxw, OptionKind.Call, 6100, BookFixtures.Dec4, callQty, 20.0)])]),
        new Layer("hedge", LayerRole.Hedge, null, [new Position("vix call", [Leg.Option(Instrument.VixOption, OptionKind.Call, 22, BookFixtures.Jan20, vixQty, 1.2)])], Active: false),
    ]);

    [Fact]
    public void ZeroScenarioOfTheGridGivesZeroPnlForEveryLayer()
    {
        var result = StressGrid.Run(PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create()));
        StressGridSettings s = result.Settings;
        int zero = result.IndexOf(s.SpotMoves.ToList().IndexOf(0.0), s.VolShifts.ToList().IndexOf(0.0), 0, 0, s.RateShifts.ToList().IndexOf(0.0));
        Assert.Equal(0.0, result.Shock(zero).SpotMove);
        Assert.Null(result.Shock(zero).VixFutureMove);
        for (int li = 0; li < result.Pnl.Book.Layers.Count; li++) Assert.Equal(0.0, result.Pnl.LayerPnl[li][zero]);
        Assert.Equal(0.0, result.Pnl.WithHedge[zero]);
        Assert.Equal(0.0, result.Pnl.WithoutHedge[zero]);
        Assert.Equal(9 * 7 * 2 * 3 * 3, result.Count);
    }

    [Fact]
    public void ZeroScenarioRevaluesToTheBooksValue()
    {
        // The base rows of the revaluation are the valuation's inputs: the value at the zero scenario is the book's value.
        AlvhBook book = CallAndVixBook();
        MarketSnapshot m = BookFixtures.Market();
        BookValuation v = BookFixtures.Valuator().Value(book.WithHedge(true), m);
        PricedBook priced = PricedBook.Resolve(book, m);
        double[][] pnl = priced.Revalue([new ScenarioShock()]);
        Assert.Equal(0.0, pnl[0][0]);
        Assert.Equal(0.0, pnl[1][0]);
        double t = m.YearsTo(Dec4Pm);
        double hand = BookFixtures.Bsm(OptionKind.Call, 6000, 6100, t, 0.16, 0.04, 0.013).Price * 2 * 100;
        Assert.Equal(hand, v.Layers[0].Totals.MarketValue, 1e-9 * hand);
        Assert.Equal(hand / 200, priced.BaseUnitPrices[0], 1e-9 * hand / 200); // the kernel's base price is the valuation's
    }

    [Fact]
    public void SingleLegStressPnlEqualsHandRevaluation()
    {
        AlvhBook book = CallAndVixBook();
        MarketSnapshot m = BookFixtures.Market();
        var settings = new StressGridSettings { SpotMoves = [-0.05], VolShifts = [0.02], SkewSteepenings = [0.10], DaysForward = [1.0], RateShifts = [0.0025] };
        StressGridResult r = StressGrid.Run(PricedBook.Resolve(book, m), settings);
        Assert.Equal(1, r.Count);

        // SPX call: S' = 5700, t' = t - 1/365, r' = 4.25 %, vol 0.16 + 0.02 - 0.10 ln(K/F').
        double t = m.YearsTo(Dec4Pm), t1 = t - (1.0 / 365.0), r1 = 0.0425;
        double f1 = 5700 * Math.Exp((r1 - 0.013) * t1);
        double vol1 = 0.18 - (0.10 * Math.Log(6100 / f1));
        double before = BookFixtures.Bsm(OptionKind.Call, 6000, 6100, t, 0.16, 0.04, 0.013).Price;
        double after = BookFixtures.Bsm(OptionKind.Call, 5700, 6100, t1, vol1, r1, 0.013).Price;
        double expectedSpx = (after - before) * 2 * 100;
        Assert.Equal(expectedSpx, r.Pnl.LayerPnl[0][0], 1e-9 * Math.Abs(expectedSpx));

        // VIX call on the Jan future: m = beta × (-5 %) + 1 × 2 vol points / front future (18.0).
        double tv = m.YearsTo(Jan20Am), tv1 = tv - (1.0 / 365.0);
        double move = (-4.0 * -0.05) + (2.0 / 18.0);
        double vBefore = BookFixtures.Black76(OptionKind.Call, 19.5, 22, tv, 0.90, 0.04).Price;
        double vAfter = BookFixtures.Black76(OptionKind.Call, 19.5 * (1 + move), 22, tv1, 0.90, r1).Price;
        double expectedVix = (vAfter - vBefore) * 10 * 100;
        Assert.Equal(expectedVix, r.Pnl.LayerPnl[1][0], 1e-9 * Math.Abs(expectedVix));

        Assert.Equal(expectedSpx, r.Pnl.WithoutHedge[0], 1e-9 * Math.Abs(expectedSpx));
        Assert.Equal(expectedSpx + expectedVix, r.Pnl.WithHedge[0], 1e-9 * Math.Abs(expectedSpx + expectedVix));
        Assert.Equal(expectedSpx, r.Pnl.AsBooked[0], 1e-9 * Math.Abs(expectedSpx)); // the hedge is off in the book
    }

    [Fact]
    public void LongCallPnlIncreasesWithSpotAndVol()
    {
        AlvhBook book = CallAndVixBook();
        var settings = new StressGridSettings { VixPointsPerVolPoint = 0, SkewSteepenings = [0.0], DaysForward = [0.0], RateShifts = [0.0] };
        StressGridResult r = StressGrid.Run(PricedBook.Resolve(book, BookFixtures.Market()), settings);
        double[] call = r.Pnl.LayerPnl[0];
        for (int v = 0; v < settings.VolShifts.Count; v++)
        {
            for (int s = 1; s < settings.SpotMoves.Count; s++) Assert.True(call[r.IndexOf(s, v, 0, 0, 0)] > call[r.IndexOf(s - 1, v, 0, 0, 0)]);
        }

        for (int s = 0; s < settings.SpotMoves.Count; s++)
        {
            for (int v = 1; v < settings.VolShifts.Count; v++) Assert.True(call[r.IndexOf(s, v, 0, 0, 0)] > call[r.IndexOf(s, v - 1, 0, 0, 0)]);
        }

        // The long VIX call (beta < 0) gains as SPX falls.
        double[] vix = r.Pnl.LayerPnl[1];
        for (int s = 1; s < settings.SpotMoves.Count; s++) Assert.True(vix[r.IndexOf(s, 0, 0, 0, 0)] < vix[r.IndexOf(s - 1, 0, 0, 0, 0)]);
    }

    [Fact]
    public void ChunkingAndThreadsDoNotChangeTheResultAndProgressEndsAtOne()
    {
        PricedBook book = PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());
        var small = new StressGridSettings { DaysForward = [0, 5], RateShifts = [0, 0.0025] };
        var reports = new List<double>();
        StressGridResult a = StressGrid.Run(book, small, new ScenarioRunOptions { ChunkSize = 7, Threads = 2 }, new InlineProgress(reports.Add));
        StressGridResult b = StressGrid.Run(book, small, new ScenarioRunOptions { ChunkSize = 4096, Threads = 1 });
        Assert.Equal(b.Pnl.WithHedge, a.Pnl.WithHedge);
        Assert.Equal(1.0, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second >= p.First));
    }

    [Fact]
    public void EveryCellEqualsTheSameShockRevaluedAlone()
    {
        // The grid's index arithmetic (days between skew and rate, spot fastest) against a list revaluation of each cell's shock.
        PricedBook book = PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());
        var settings = new StressGridSettings { SpotMoves = [-0.05, 0, 0.03], VolShifts = [0, 0.05], SkewSteepenings = [0, 0.1], DaysForward = [0, 1, 5], RateShifts = [-0.0025, 0.0025] };
        StressGridResult grid = StressGrid.Run(book, settings);
        var shocks = Enumerable.Range(0, grid.Count).Select(grid.Shock).ToList();
        double[][] direct = book.Revalue(shocks);
        for (int li = 0; li < direct.Length; li++) Assert.Equal(direct[li], grid.Pnl.LayerPnl[li]);
        StressCell c = grid.Cell(grid.IndexOf(2, 1, 0, 2, 1));
        Assert.Equal(new StressCell(2, 1, 0, 2, 1), c);
        Assert.Equal(5.0, grid.Shock(grid.IndexOf(2, 1, 0, 2, 1)).Days);
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => StressGrid.Run(PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create()), null, null, null, cts.Token));
    }

    [Fact]
    public void EmptyAxisIsAnErrorNamingTheAxis()
    {
        var e = Assert.Throws<ArgumentException>(() => StressGrid.Run(PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create()), new StressGridSettings { VolShifts = [] }));
        Assert.Contains("VolShifts", e.Message, StringComparison.Ordinal);
    }
}

internal sealed class InlineProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
