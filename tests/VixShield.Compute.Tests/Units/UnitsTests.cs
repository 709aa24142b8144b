using VixShield.Compute.Engines;
using VixShield.Compute.Units;
using Xunit;

namespace VixShield.Compute.Tests.Units;

public class UnitsTests
{
    [Theory]
    [InlineData(Greek.Price, 1.0)]
    [InlineData(Greek.Delta, 1.0)]
    [InlineData(Greek.Gamma, 1.0)]
    [InlineData(Greek.Vega, 0.01)]
    [InlineData(Greek.Theta, 1.0 / 365.0)]
    [InlineData(Greek.Rho, 0.01)]
    [InlineData(Greek.Phi, 0.01)]
    [InlineData(Greek.Vanna, 0.01)]
    [InlineData(Greek.Volga, 0.0001)]
    [InlineData(Greek.Charm, 1.0 / 365.0)]
    [InlineData(Greek.Veta, 0.01 / 365.0)]
    [InlineData(Greek.Speed, 1.0)]
    [InlineData(Greek.Zomma, 0.01)]
    [InlineData(Greek.Color, 1.0 / 365.0)]
    [InlineData(Greek.Ultima, 1e-6)]
    [InlineData(Greek.DualDelta, 1.0)]
    [InlineData(Greek.DualGamma, 1.0)]
    [InlineData(Greek.ItmProbability, 1.0)]
    public void CalendarDeskFactors(Greek greek, double factor) =>
        Assert.Equal(factor, DeskUnits.Factor(greek), 1e-18);

    [Fact]
    public void TradingDayFactorsDivideBy252()
    {
        Assert.Equal(1.0 / 252.0, DeskUnits.Factor(Greek.Theta, ThetaDay.Trading), 1e-18);
        Assert.Equal(0.01 / 252.0, DeskUnits.Factor(Greek.Veta, ThetaDay.Trading), 1e-18);
        Assert.Equal(-0.05, DeskUnits.ThetaPerTradingDay(-12.6), 1e-15);
        Assert.Equal(-0.02, DeskUnits.ThetaPerCalendarDay(-7.3), 1e-15);
    }

    [Fact]
    public void NamedConversionsAndRoundTrip()
    {
        Assert.Equal(0.11351544053522, DeskUnits.VegaPerVolPoint(11.351544053522), 1e-15);
        Assert.Equal(0.05053899858200546, DeskUnits.RhoPerPercent(5.053899858200546), 1e-16);
        Assert.Equal(-0.05587241969429596, DeskUnits.PhiPerPercent(-5.587241969429596), 1e-16);
        foreach (Greek g in GreekInfo.All)
        {
            Assert.Equal(1.2345, DeskUnits.FromDesk(g, DeskUnits.ToDesk(g, 1.2345)), 1e-14);
        }
    }

    [Fact]
    public void InPlaceConversionLeavesNaNAndUnscaledColumns()
    {
        Span<float> vega = [11.0f, float.NaN];
        DeskUnits.ToDeskInPlace(Greek.Vega, vega);
        Assert.Equal(0.11f, vega[0], 1e-7f);
        Assert.True(float.IsNaN(vega[1]));
        Span<double> delta = [0.5];
        DeskUnits.ToDeskInPlace(Greek.Delta, delta);
        Assert.Equal(0.5, delta[0]);
    }

    [Fact]
    public void NotASingleGreekIsAnArgumentException()
    {
        Assert.Throws<ArgumentException>(() => DeskUnits.Factor(Greek.Vega | Greek.Theta));
        Assert.Throws<ArgumentException>(() => DeskUnits.Unit(Greek.None, desk: true));
        Assert.Equal("per vol point", DeskUnits.Unit(Greek.Vega, desk: true));
        Assert.Equal("per trading day", DeskUnits.Unit(Greek.Theta, desk: true, ThetaDay.Trading));
        Assert.Equal("per 1.00 vol per year", DeskUnits.Unit(Greek.Veta, desk: false));
    }

    [Fact]
    public void DeskVegaAndThetaAreOneVolPointAndOneDayOfPriceChange()
    {
        // Haug p.2 call: S=60 K=65 t=0.25 r=0.08 vol=0.30. Central differences (h small) of the engine's own price.
        var engine = new ScalarGreeksEngine();
        double Price(double t, double vol)
        {
            var b = new GreeksBuffer<double>(1, Greek.Price);
            engine.Compute(new OptionBatch<double>([OptionKind.Call], [60.0], [65.0], [t], [vol], [0.08]), b.AsOutput(1));
            return b[Greek.Price][0];
        }

        var all = new GreeksBuffer<double>(1, Greek.All);
        engine.Compute(new OptionBatch<double>([OptionKind.Call], [60.0], [65.0], [0.25], [0.30], [0.08]), all.AsOutput(1));
        const double h = 1e-5;
        double perPoint = (Price(0.25, 0.30 + (h * 0.01)) - Price(0.25, 0.30 - (h * 0.01))) / (2 * h);
        Assert.Equal(perPoint, DeskUnits.ToDesk(Greek.Vega, all[Greek.Vega][0]), 1e-8);
        double perDay = (Price(0.25 - (h / 365.0), 0.30) - Price(0.25 + (h / 365.0), 0.30)) / (2 * h); // calendar time runs, expiry nears
        Assert.Equal(perDay, DeskUnits.ToDesk(Greek.Theta, all[Greek.Theta][0]), 1e-8);
    }

    [Fact]
    public void ContractMultipliers()
    {
        Assert.Equal(100.0, ContractSpec.SpxOption.Multiplier);
        Assert.Equal(100.0, ContractSpec.SpxwOption.Multiplier);
        Assert.Equal(100.0, ContractSpec.VixOption.Multiplier);
        Assert.Equal(1000.0, ContractSpec.VixFuture.Multiplier);
    }

    [Fact]
    public void DollarGreeks()
    {
        // 10 long SPX calls, delta 0.5, gamma 0.002, spot 5900, vega 5.9 per 1.00 vol, theta -365 per year.
        Assert.Equal(500.0, Compute.Units.DollarGreeks.DeltaUnits(0.5, ContractSpec.SpxOption, 10), 1e-12);
        Assert.Equal(2_950_000.0, Compute.Units.DollarGreeks.DollarDelta(0.5, 5900, ContractSpec.SpxOption, 10), 1e-6);
        Assert.Equal(0.002 * 5900 * 5900 * 0.01 * 100 * 10, Compute.Units.DollarGreeks.DollarGammaPerPercent(0.002, 5900, ContractSpec.SpxOption, 10), 1e-9);
        Assert.Equal(59.0, Compute.Units.DollarGreeks.DollarVegaPerVolPoint(5.9, ContractSpec.SpxOption, 10), 1e-12);
        Assert.Equal(-1000.0, Compute.Units.DollarGreeks.DollarThetaPerDay(-365.0, ContractSpec.SpxOption, 10), 1e-9);
        Assert.Equal(20.0, Compute.Units.DollarGreeks.DollarThetaPerDay(-25.2, ContractSpec.VixOption, -2, ThetaDay.Trading), 1e-12); // short 2 VIX options

        // Short 3 VX futures: delta 1 per future -> -3000 VIX-point dollars.
        Assert.Equal(-3000.0, Compute.Units.DollarGreeks.Position(1.0, ContractSpec.VixFuture, -3), 1e-12);
    }
}
