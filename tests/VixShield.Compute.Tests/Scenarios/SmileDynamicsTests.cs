using VixShield.Compute.Book;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Tests.Book;
using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

/// <summary>The three smile rules on books whose answer is known by hand (kernels-docs/scenarios.md, "Smile dynamics").</summary>
public sealed class SmileDynamicsTests
{
    private static readonly DateOnly Dec11 = new(2026, 12, 11);

    /// <summary>A two-expiry surface, flat in strike: 20 % on the Dec-4 slice, 15 % on the Dec-11 slice, and a book
    /// long one Dec-11 6000 call (and one Dec-4 6000 call in a second layer).</summary>
    private static (AlvhBook Book, MarketSnapshot Market, double T1, double T2) TwoExpiries()
    {
        MarketSnapshot m0 = BookFixtures.Market();
        double t1 = m0.YearsTo(new Expiry(BookFixtures.Dec4, SettlementStyle.PmClose)), t2 = m0.YearsTo(new Expiry(Dec11, SettlementStyle.PmClose));
        var surface = new StrikeVolatilitySurface([(t1, [6000.0], [0.20]), (t2, [6000.0], [0.15])]);
        var book = new AlvhBook("two expiries",
        [
            new Layer("Dec11", LayerRole.Premium, null, [new Position("c", [Leg.Option(Instrument.Spxw, OptionKind.Call, 6000, Dec11, 1, 50)])]),
            new Layer("Dec4", LayerRole.Premium, null, [new Position("c", [Leg.Option(Instrument.Spxw, OptionKind.Call, 6000, BookFixtures.Dec4, 1, 50)])]),
        ]);
        return (book, m0 with { SpxVolatility = surface }, t1, t2);
    }

    [Fact]
    public void StickyStrikePerExpiryKeepsTheLegsOwnSliceAndRollDownReadsTheShorterOne()
    {
        var (book, m, t1, t2) = TwoExpiries();
        const double r = BookFixtures.Rate, q = BookFixtures.Div;
        double before = BookFixtures.Bsm(OptionKind.Call, 6000, 6000, t2, 0.15, r, q).Price;
        foreach (double days in new[] { 5.0, 10.0 })
        {
            double t = t2 - (days / 365.0);
            // Roll-down at t between the slices: total variance linear in time; before the first slice, its vol (20 %).
            double rolled = t >= t1 ? Math.Sqrt(((0.04 * t1 * (t2 - t)) + (0.0225 * t2 * (t - t1))) / (t2 - t1) / t) : 0.20;
            double sticky = (BookFixtures.Bsm(OptionKind.Call, 6000, 6000, t, 0.15, r, q).Price - before) * 100;
            double roll = (BookFixtures.Bsm(OptionKind.Call, 6000, 6000, t, rolled, r, q).Price - before) * 100;
            double[][] a = PricedBook.Resolve(book, m).Revalue([new ScenarioShock(Days: days)]);
            double[][] b = PricedBook.Resolve(book, m, SmileDynamics.RollDown).Revalue([new ScenarioShock(Days: days)]);
            Assert.Equal(sticky, a[0][0], 1e-9 * Math.Abs(sticky));
            Assert.Equal(roll, b[0][0], 1e-9 * Math.Abs(roll));
            Assert.True(roll - sticky > 20, $"days {days}: the rolled vol ({rolled:P2}) must price the call higher than 15 %");
        }

        // At days 0 the rules agree (the leg's own expiry is the time read).
        double[][] z1 = PricedBook.Resolve(book, m).Revalue([new ScenarioShock(SpotMove: 0.01)]);
        double[][] z2 = PricedBook.Resolve(book, m, SmileDynamics.RollDown).Revalue([new ScenarioShock(SpotMove: 0.01)]);
        Assert.Equal(z1[0][0], z2[0][0]);
        Assert.Equal(z1[1][0], z2[1][0]);
    }

    [Fact]
    public void StickyMoneynessMovesTheLegsOwnSmileWithTheForward()
    {
        // σ(K) = 0.16 - 0.4 L + 0.8 L², L = ln(K/6000): quadratic in ln K, so the kernel's second-order expansion is exact.
        MarketSnapshot m = BookFixtures.Market() with { SpxVolatility = new QuadraticSmile() };
        var book = new AlvhBook("put", [new Layer("L", LayerRole.Premium, null, [new Position("p", [Leg.Option(Instrument.Spxw, OptionKind.Put, 5700, BookFixtures.Dec4, -2, 10)])])]);
        double t = m.YearsTo(new Expiry(BookFixtures.Dec4, SettlementStyle.PmClose));
        const double move = -0.03, r = BookFixtures.Rate, q = BookFixtures.Div;
        double l = Math.Log(5700 / 6000.0), x = Math.Log(1 + move);
        double before = BookFixtures.Bsm(OptionKind.Put, 6000, 5700, t, QuadraticSmile.At(l), r, q).Price;
        double strike = (BookFixtures.Bsm(OptionKind.Put, 6000 * (1 + move), 5700, t, QuadraticSmile.At(l), r, q).Price - before) * -200;
        double moneyness = (BookFixtures.Bsm(OptionKind.Put, 6000 * (1 + move), 5700, t, QuadraticSmile.At(l - x), r, q).Price - before) * -200;
        Assert.Equal(strike, PricedBook.Resolve(book, m).Revalue([new ScenarioShock(SpotMove: move)])[0][0], 1e-9 * Math.Abs(strike));
        Assert.Equal(moneyness, PricedBook.Resolve(book, m, SmileDynamics.StickyMoneyness).Revalue([new ScenarioShock(SpotMove: move)])[0][0], 1e-7 * Math.Abs(moneyness));
        Assert.True(Math.Abs(moneyness - strike) > 100); // the short put loses less when its vol falls with the smile's move
    }

    private sealed class QuadraticSmile : IVolatilitySurface
    {
        public static double At(double l) => 0.16 - (0.4 * l) + (0.8 * l * l);

        public double Vol(double time, double strike, double forward) => At(Math.Log(strike / 6000.0));
    }
}
