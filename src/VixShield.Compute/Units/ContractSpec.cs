namespace VixShield.Compute.Units;

/// <summary>A listed contract's multiplier: how many units of the underlying one contract controls.</summary>
/// <param name="Name">Short name (SPX, SPXW, VIX, VX).</param>
/// <param name="Multiplier">Currency per point of the underlying for one contract.</param>
public readonly record struct ContractSpec(string Name, double Multiplier)
{
    /// <summary>SPX monthly index options (AM-settled): $100 per index point.</summary>
    public static ContractSpec SpxOption { get; } = new("SPX", 100.0);

    /// <summary>SPXW weekly/daily index options (PM-settled): $100 per index point.</summary>
    public static ContractSpec SpxwOption { get; } = new("SPXW", 100.0);

    /// <summary>VIX index options: $100 per VIX point.</summary>
    public static ContractSpec VixOption { get; } = new("VIX", 100.0);

    /// <summary>VIX futures (VX): $1,000 per VIX point.</summary>
    public static ContractSpec VixFuture { get; } = new("VX", 1000.0);
}

/// <summary>
/// Position ("dollar") Greeks: per-unit Greeks times contract multiplier and quantity. Explicit, never implicit:
/// an engine's outputs are per unit of underlying; multiply here when a position is meant.
/// </summary>
public static class DollarGreeks
{
    /// <summary>A position Greek: <paramref name="perUnit"/> x multiplier x <paramref name="quantity"/>
    /// (contracts, negative for short). Works for any Greek in any units (raw or desk): the units stay, now per position.</summary>
    public static double Position(double perUnit, ContractSpec contract, double quantity) => perUnit * contract.Multiplier * quantity;

    /// <summary>Delta in underlying-equivalent units: delta x multiplier x quantity (e.g. SPX "shares" of index).</summary>
    public static double DeltaUnits(double delta, ContractSpec contract, double quantity) => delta * contract.Multiplier * quantity;

    /// <summary>Dollar delta (delta notional): delta x underlying x multiplier x quantity, the currency exposure per 100 % move.
    /// A 1 % move changes the position's value by about 1 % of this.</summary>
    public static double DollarDelta(double delta, double underlying, ContractSpec contract, double quantity) =>
        delta * underlying * contract.Multiplier * quantity;

    /// <summary>Dollar gamma per 1 % move: gamma x underlying² x 0.01 x multiplier x quantity, the change of
    /// <see cref="DollarDelta"/> when the underlying moves up 1 %.</summary>
    public static double DollarGammaPerPercent(double gamma, double underlying, ContractSpec contract, double quantity) =>
        gamma * underlying * underlying * DeskUnits.Percent * contract.Multiplier * quantity;

    /// <summary>Dollar vega per vol point: raw vega x 0.01 x multiplier x quantity.</summary>
    public static double DollarVegaPerVolPoint(double vega, ContractSpec contract, double quantity) =>
        DeskUnits.VegaPerVolPoint(vega) * contract.Multiplier * quantity;

    /// <summary>Dollar theta per calendar day (or trading day): raw theta ÷ 365 (or 252) x multiplier x quantity.</summary>
    public static double DollarThetaPerDay(double theta, ContractSpec contract, double quantity, ThetaDay day = ThetaDay.Calendar) =>
        DeskUnits.ToDesk(Greek.Theta, theta, day) * contract.Multiplier * quantity;
}
