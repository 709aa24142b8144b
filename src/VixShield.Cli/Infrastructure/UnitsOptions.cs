using System.CommandLine;
using VixShield.Compute.Units;

namespace VixShield.Cli.Infrastructure;

/// <summary>The <c>--units raw|desk</c> and <c>--theta-day calendar|trading</c> options of the commands that print Greeks
/// (one definition, so every command spells and documents them alike).</summary>
internal sealed class UnitsOptions
{
    /// <summary>Creates fresh option instances (each command gets its own).</summary>
    public UnitsOptions()
    {
        Units = new Option<string>("--units")
        {
            Description = "raw (vega per 1.00 vol, theta per year, rho/phi per 1.00) or desk (vega/vanna/zomma per vol point, volga per point², ultima per point³, theta/charm/color per calendar day, veta per point per day, rho/phi per 1 %).",
            DefaultValueFactory = _ => "raw",
            HelpName = "raw|desk",
        };
        Units.AcceptOnlyFromAmong("raw", "desk");
        ThetaDay = new Option<string>("--theta-day")
        {
            Description = "With --units desk: theta, charm, color and veta per calendar day (÷ 365, default) or per trading day (÷ 252).",
            DefaultValueFactory = _ => "calendar",
            HelpName = "calendar|trading",
        };
        ThetaDay.AcceptOnlyFromAmong("calendar", "trading");
    }

    /// <summary><c>--units</c>.</summary>
    public Option<string> Units { get; }

    /// <summary><c>--theta-day</c>.</summary>
    public Option<string> ThetaDay { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public UnitsOptions AddTo(Command command)
    {
        command.Add(Units);
        command.Add(ThetaDay);
        return this;
    }

    /// <summary>True for desk units.</summary>
    public bool Desk(ParseResult parse) => parse.GetValue(Units) == "desk";

    /// <summary>The day that theta and its kin are per.</summary>
    public ThetaDay Day(ParseResult parse) => parse.GetValue(ThetaDay) == "trading" ? Compute.Units.ThetaDay.Trading : Compute.Units.ThetaDay.Calendar;
}
