namespace VixShield.Compute.Book;

/// <summary>
/// Price and Greeks of one leg, or of a sum of legs, in one of three unit systems (see kernels-docs/book.md):
/// raw (per unit of underlying, engine units: vega per 1.00 vol, theta per year, rho per 1.00),
/// desk (raw × signed quantity, with vega per vol point, theta per calendar day, rho per 1 %) and
/// dollar (desk × multiplier).
/// </summary>
/// <param name="Price">Option price (or future price); desk and dollar: signed value.</param>
/// <param name="Delta">dV/d(underlying): SPX for SPX options, the VIX future of the expiry for VIX legs.</param>
/// <param name="Gamma">d²V/d(underlying)².</param>
/// <param name="Vega">Sensitivity to the leg's own implied vol.</param>
/// <param name="Theta">Calendar-time decay.</param>
/// <param name="Rho">Sensitivity to the rate.</param>
public readonly record struct LegGreeks(double Price, double Delta, double Gamma, double Vega, double Theta, double Rho)
{
    /// <summary>Desk units from raw: × quantity; vega /100 (per vol point), theta /365 (per day), rho /100 (per 1 %).</summary>
    public LegGreeks ToDesk(double quantity) =>
        new(Price * quantity, Delta * quantity, Gamma * quantity, Vega * quantity / 100.0, Theta * quantity / 365.0, Rho * quantity / 100.0);

    /// <summary>Dollar units from desk: × multiplier.</summary>
    public LegGreeks ToDollar(double multiplier) =>
        new(Price * multiplier, Delta * multiplier, Gamma * multiplier, Vega * multiplier, Theta * multiplier, Rho * multiplier);
}

/// <summary>
/// Dollar totals of a leg, position, layer or book. SPX and VIX sensitivities are kept apart (they move
/// different underlyings); <see cref="BetaWeightedDelta"/> puts both on SPX.
/// </summary>
/// <param name="MarketValue">Mark-to-market value in dollars (options: price × quantity × multiplier; futures: (price - open) × quantity × multiplier).</param>
/// <param name="PnL">Profit since opened, in dollars.</param>
/// <param name="SpxDelta">Dollars per 1 SPX point, SPX legs and overlays.</param>
/// <param name="SpxGamma">Change of <see cref="SpxDelta"/> per 1 SPX point.</param>
/// <param name="SpxVega">Dollars per 1 vol point (0.01) of SPX implied vol.</param>
/// <param name="VixDelta">Dollars per 1 point of the VIX future of each leg's expiry.</param>
/// <param name="VixGamma">Change of <see cref="VixDelta"/> per VIX point.</param>
/// <param name="VixVega">Dollars per 1 vol point of VIX-option implied vol.</param>
/// <param name="ThetaPerDay">Dollars per calendar day.</param>
/// <param name="Rho">Dollars per 1 % (100 bp) of rates.</param>
/// <param name="BetaWeightedDelta">SPX-equivalent dollar delta: dollars per 1 SPX point, VIX legs through the beta
/// (VIX-leg dollar delta × beta × F_VIX / S_SPX).</param>
public sealed record GreekTotals(
    double MarketValue, double PnL, double SpxDelta, double SpxGamma, double SpxVega, double VixDelta, double VixGamma, double VixVega,
    double ThetaPerDay, double Rho, double BetaWeightedDelta)
{
    /// <summary>All zero.</summary>
    public static GreekTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Vol-point vega: <see cref="SpxVega"/> plus <see cref="VixDelta"/> (a VIX point is a vol point of 30-day SPX
    /// implied vol). Negative for a short-premium book, positive once a large enough VIX hedge is on.</summary>
    public double NetVega => SpxVega + VixDelta;

    /// <summary>Sum.</summary>
    public static GreekTotals operator +(GreekTotals a, GreekTotals b) => new(
        a.MarketValue + b.MarketValue, a.PnL + b.PnL, a.SpxDelta + b.SpxDelta, a.SpxGamma + b.SpxGamma, a.SpxVega + b.SpxVega,
        a.VixDelta + b.VixDelta, a.VixGamma + b.VixGamma, a.VixVega + b.VixVega, a.ThetaPerDay + b.ThetaPerDay, a.Rho + b.Rho,
        a.BetaWeightedDelta + b.BetaWeightedDelta);

    /// <summary>Sum (named alternative to +).</summary>
    public static GreekTotals Add(GreekTotals a, GreekTotals b) => a + b;

    /// <summary>Sum of many.</summary>
    public static GreekTotals Sum(IEnumerable<GreekTotals> items) => items.Aggregate(Zero, (a, b) => a + b);
}

/// <summary>One leg valued: inputs used, raw, desk and dollar Greeks.</summary>
/// <param name="Leg">The leg.</param>
/// <param name="Path">Where the leg sits, e.g. <c>layers[0].positions[1].legs[2]</c>.</param>
/// <param name="Status">Engine status (futures: Ok).</param>
/// <param name="Time">Years to settlement (ACT/365).</param>
/// <param name="Underlying">SPX spot, or the VIX future of the expiry.</param>
/// <param name="Vol">Implied vol used (0 for futures).</param>
/// <param name="Rate">Rate used.</param>
/// <param name="DividendYield">Dividend yield used (SPX legs).</param>
/// <param name="Raw">Per unit of underlying.</param>
/// <param name="Desk">Raw × quantity in desk units.</param>
/// <param name="Dollar">Desk × multiplier.</param>
/// <param name="Totals">The leg's dollar totals.</param>
public sealed record LegValuation(
    Leg Leg, string Path, OptionStatus Status, double Time, double Underlying, double Vol, double Rate, double DividendYield,
    LegGreeks Raw, LegGreeks Desk, LegGreeks Dollar, GreekTotals Totals);

/// <summary>One position valued.</summary>
/// <param name="Position">The position.</param>
/// <param name="Path">E.g. <c>layers[0].positions[1]</c>.</param>
/// <param name="Legs">Its legs (empty for an overlay).</param>
/// <param name="Totals">Dollar totals (user-supplied for an overlay).</param>
public sealed record PositionValuation(Position Position, string Path, IReadOnlyList<LegValuation> Legs, GreekTotals Totals);

/// <summary>One layer valued.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Path">E.g. <c>layers[2]</c>.</param>
/// <param name="Positions">Its positions.</param>
/// <param name="Totals">Dollar totals (always computed, even when the layer is excluded).</param>
/// <param name="Included">False for a hedge layer that is off.</param>
public sealed record LayerValuation(Layer Layer, string Path, IReadOnlyList<PositionValuation> Positions, GreekTotals Totals, bool Included);

/// <summary>Dollar vega of one (underlying, expiry) bucket of the included legs.</summary>
/// <param name="Underlying">"SPX" or "VIX".</param>
/// <param name="Expiry">The expiry.</param>
/// <param name="DaysToExpiry">Calendar days to settlement.</param>
/// <param name="Vega">Dollars per vol point of that underlying's implied vol.</param>
public sealed record VegaBucket(string Underlying, Expiry Expiry, double DaysToExpiry, double Vega);

/// <summary>The book valued at the market snapshot.</summary>
/// <param name="Book">The book.</param>
/// <param name="Market">The market.</param>
/// <param name="Layers">Every layer, included or not.</param>
/// <param name="Totals">Totals of the included layers.</param>
/// <param name="VegaBuckets">Vega by expiry of the included legs.</param>
/// <param name="PremiumUnits">Spread units of the premium layers (the normalisation of the delta band).</param>
/// <param name="Engine">What the engine call reported.</param>
/// <param name="Problems">Legs the engine could not value (their NaN outputs propagate into the totals).</param>
public sealed record BookValuation(
    AlvhBook Book, MarketSnapshot Market, IReadOnlyList<LayerValuation> Layers, GreekTotals Totals,
    IReadOnlyList<VegaBucket> VegaBuckets, double PremiumUnits, ComputeResult Engine, IReadOnlyList<string> Problems)
{
    /// <summary>SPX contract multiplier used to turn dollar delta into contract deltas.</summary>
    public const double SpxMultiplier = 100.0;

    /// <summary>
    /// The book's net delta per spread unit: beta-weighted dollar delta of the included layers / 100
    /// (SPX contract deltas) / <see cref="PremiumUnits"/>. One short iron condor with 15-delta short
    /// strikes sits near 0; the delta band is ±0.15 on this number. NaN when there are no premium units.
    /// </summary>
    public double NormalisedDelta => PremiumUnits > 0 ? Totals.BetaWeightedDelta / SpxMultiplier / PremiumUnits : double.NaN;

    /// <summary>Change of <see cref="NormalisedDelta"/> for a 1 % SPX move: SPX dollar gamma × 0.01 × S / 100 / units.
    /// Negative for a short-premium book.</summary>
    public double NormalisedGammaPerPercent => PremiumUnits > 0
        ? Totals.SpxGamma * 0.01 * Market.SpxSpot / SpxMultiplier / PremiumUnits
        : double.NaN;

    /// <summary>Every leg, in book order.</summary>
    public IEnumerable<LegValuation> AllLegs => Layers.SelectMany(l => l.Positions).SelectMany(p => p.Legs);
}
