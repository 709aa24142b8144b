using System.Numerics;

namespace VixShield.Compute.Units;

/// <summary>Which day a desk-unit time derivative (theta, charm, veta, color) is quoted per.</summary>
public enum ThetaDay
{
    /// <summary>Per calendar day: raw (per year, ACT/365) divided by 365.</summary>
    Calendar,

    /// <summary>Per trading day: raw (per year) divided by 252, for a trading-day clock.</summary>
    Trading,
}

/// <summary>
/// Explicit conversions between the engines' raw units and the units trading desks quote. Nothing in the engines
/// converts implicitly: raw in, raw out; call these to show a desk.
/// <list type="table">
/// <listheader><term>Greek</term><description>raw unit -> desk unit (factor)</description></listheader>
/// <item><term>vega, vanna, zomma</term><description>per 1.00 vol -> per vol point (x 0.01)</description></item>
/// <item><term>volga</term><description>per 1.00 vol² -> per vol point² (x 0.0001)</description></item>
/// <item><term>ultima</term><description>per 1.00 vol³ -> per vol point³ (x 1e-6)</description></item>
/// <item><term>theta, charm, color</term><description>per year -> per calendar day (÷ 365) or per trading day (÷ 252)</description></item>
/// <item><term>veta</term><description>per 1.00 vol per year -> per vol point per day (x 0.01 ÷ 365 or ÷ 252)</description></item>
/// <item><term>rho, phi</term><description>per 1.00 of rate/yield -> per 1 % (x 0.01)</description></item>
/// <item><term>price, delta, gamma, speed, dual delta, dual gamma, ITM probability</term><description>unchanged</description></item>
/// </list>
/// </summary>
public static class DeskUnits
{
    /// <summary>Calendar days per year of the ACT/365 calendar clock.</summary>
    public const double CalendarDaysPerYear = 365.0;

    /// <summary>Trading days per year of the trading-day clock.</summary>
    public const double TradingDaysPerYear = 252.0;

    /// <summary>One vol point (1 % of vol) in raw vol units.</summary>
    public const double VolPoint = 0.01;

    /// <summary>One percent of rate or yield in raw units.</summary>
    public const double Percent = 0.01;

    /// <summary>The factor that turns a raw value of <paramref name="greek"/> into desk units (desk = raw x factor).</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public static double Factor(Greek greek, ThetaDay day = ThetaDay.Calendar)
    {
        double perDay = 1.0 / (day == ThetaDay.Trading ? TradingDaysPerYear : CalendarDaysPerYear);
        ref readonly GreekDescriptor d = ref GreekInfo.Describe(greek); // throws for a non-single flag
        double f = 1.0;
        for (int i = 0; i < d.VolPower; i++) f *= VolPoint;   // left to right, as 0.01 * 0.01 * ... was written
        for (int i = 0; i < d.TimePower; i++) f *= perDay;
        for (int i = 0; i < d.RatePower; i++) f *= Percent;
        return f;
    }

    /// <summary>Converts one raw value of <paramref name="greek"/> to desk units.</summary>
    public static double ToDesk(Greek greek, double raw, ThetaDay day = ThetaDay.Calendar) => raw * Factor(greek, day);

    /// <summary>Converts one desk-unit value of <paramref name="greek"/> back to raw units.</summary>
    public static double FromDesk(Greek greek, double desk, ThetaDay day = ThetaDay.Calendar) => desk / Factor(greek, day);

    /// <summary>Converts raw values of <paramref name="greek"/> to desk units in place (NaN stays NaN).</summary>
    public static void ToDeskInPlace<T>(Greek greek, Span<T> values, ThetaDay day = ThetaDay.Calendar)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double f = Factor(greek, day);
        if (f == 1.0) return;
        T factor = T.CreateChecked(f);
        for (int i = 0; i < values.Length; i++) values[i] *= factor;
    }

    /// <summary>Vega per vol point: raw vega (per 1.00 of vol) x 0.01.</summary>
    public static double VegaPerVolPoint(double vega) => vega * VolPoint;

    /// <summary>Theta per calendar day: raw theta (per year) ÷ 365.</summary>
    public static double ThetaPerCalendarDay(double theta) => theta / CalendarDaysPerYear;

    /// <summary>Theta per trading day: raw theta (per year) ÷ 252.</summary>
    public static double ThetaPerTradingDay(double theta) => theta / TradingDaysPerYear;

    /// <summary>Rho per 1 % of rate: raw rho (per 1.00) x 0.01.</summary>
    public static double RhoPerPercent(double rho) => rho * Percent;

    /// <summary>Phi (dividend rho) per 1 % of yield: raw phi (per 1.00) x 0.01.</summary>
    public static double PhiPerPercent(double phi) => phi * Percent;

    /// <summary>The unit of <paramref name="greek"/> in words, raw or desk, for tables and docs.</summary>
    public static string Unit(Greek greek, bool desk, ThetaDay day = ThetaDay.Calendar)
    {
        string perTime = desk ? (day == ThetaDay.Trading ? "per trading day" : "per calendar day") : "per year";
        string perVol = desk ? "per vol point" : "per 1.00 vol";
        return greek switch
        {
            Greek.Price => "currency per unit of underlying",
            Greek.Delta or Greek.DualDelta or Greek.ItmProbability => "dimensionless",
            Greek.Gamma or Greek.DualGamma => "per unit of underlying",
            Greek.Speed => "per unit of underlying squared",
            Greek.Vega => perVol,
            Greek.Vanna or Greek.Zomma => perVol,
            Greek.Volga => desk ? "per vol point squared" : "per 1.00 vol squared",
            Greek.Ultima => desk ? "per vol point cubed" : "per 1.00 vol cubed",
            Greek.Theta or Greek.Charm or Greek.Color => perTime,
            Greek.Veta => $"{perVol} {perTime}",
            Greek.Rho or Greek.Phi => desk ? "per 1 %" : "per 1.00",
            _ => throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Vega.", nameof(greek)),
        };
    }
}
