namespace VixShield.Compute.Scenarios;

/// <summary>
/// How each leg's implied vol moves as days pass and the forward moves (kernels-docs/scenarios.md, "Smile dynamics").
/// Every scenario API (stress grid, T+n curves and break-evens, Monte Carlo, hedge sizing) uses the one rule of its
/// <see cref="PricedBook"/>.
/// </summary>
public enum SmileDynamics
{
    /// <summary>Default. Each leg keeps its own expiry's smile at its strike: σ = σ_surface(T, K, F) with T and F the
    /// leg's expiry and forward today, whatever the days forward and the spot move (shocks are added on top).</summary>
    StickyStrikePerExpiry = 0,

    /// <summary>The leg rolls down the surface: σ = σ_surface(T - days/365, K, F_h), the vol of a shorter expiry at the
    /// remaining time (F_h the forward to the expiry from the horizon), strike fixed.</summary>
    RollDown = 1,

    /// <summary>The leg's own expiry smile moves with the forward: σ = σ_surface(T, K·F_h/F', F), i.e. the vol at
    /// the same log-moneyness ln(K/F'); expanded to second order in x = ln(F'/F_h) (central differences, h = 0.01).</summary>
    StickyMoneyness = 2,
}

/// <summary>
/// One joint market move, the one shock vocabulary of every scenario API. Applied to a <see cref="PricedBook"/>:
/// S' = S·(1 + <see cref="SpotMove"/>); each VIX future F' = F·max(1 + m, 0.01) with m = <see cref="VixFutureMove"/>
/// (null: the market's beta × spot move); time moves forward <see cref="Days"/> calendar days (a leg past its expiry is
/// worth its intrinsic value); SPX vol σ' = σ + <see cref="VolShift"/> - <see cref="Skew"/>·ln(K/F') (σ by the smile
/// rule, F' the moved forward), VIX-option vol σ' = σ + <see cref="VixVolShift"/>, both floored at
/// <see cref="VolFloor"/>; every rate + <see cref="RateShift"/> (dividend yields held).
/// </summary>
/// <param name="SpotMove">Relative SPX move (-0.05 is a 5 % fall); above -1.</param>
/// <param name="VolShift">Parallel SPX vol change per 1.00 (0.02 is +2 vol points).</param>
/// <param name="Skew">Skew steepening: added vol per unit of -ln(K/F'); 0.10 adds 0.5 vol point to a 5 % OTM put.</param>
/// <param name="VixFutureMove">Relative VIX-future move, or null for beta × spot move.</param>
/// <param name="VixVolShift">VIX-option vol change per 1.00.</param>
/// <param name="RateShift">Parallel rate change per 1.00 (0.0025 is +25 bp).</param>
/// <param name="Days">Calendar days forward (T+n), non-negative.</param>
public readonly record struct ScenarioShock(
    double SpotMove = 0, double VolShift = 0, double Skew = 0, double? VixFutureMove = null, double VixVolShift = 0, double RateShift = 0, double Days = 0)
{
    /// <summary>The one floor of shocked vols (SPX and VIX options), per 1.00.</summary>
    public const double VolFloor = 0.001;

    /// <summary>A short label, e.g. "S-5.0% σ+2 skew+0.1 T+1 r+25bp".</summary>
    public string Describe() => FormattableString.Invariant(
        $"S{SpotMove:+0.0%;-0.0%;0%} σ{VolShift * 100:+0.#;-0.#;0} skew{Skew:+0.##;-0.##;0} T+{Days:0.##} r{RateShift * 1e4:+0;-0;0}bp{(VixFutureMove is double m ? $" VX{m:+0.0%;-0.0%;0%}" : "")}");
}
