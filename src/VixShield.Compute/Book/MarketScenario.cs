namespace VixShield.Compute.Book;

/// <summary>
/// A move of the market for full revaluation. Applied to the snapshot as follows (kernels-docs/book.md):
/// S' = S·(1 + <see cref="SpotMove"/>); each VIX future F' = F·(1 + m) with m = <see cref="VixFutureMove"/>
/// or, when null, beta × <see cref="SpotMove"/>; time moves forward <see cref="DaysForward"/> calendar days
/// (expired legs are worth their intrinsic value); SPX vol σ'(K) = σ_surface(t', K, F') + <see cref="SpxVolShift"/>
/// - <see cref="SkewSteepening"/>·ln(K/F'), floored at 0.001; VIX option vol + <see cref="VixVolShift"/>;
/// every rate + <see cref="RateShift"/> (dividend yields held).
/// </summary>
/// <param name="Name">Label.</param>
/// <param name="SpotMove">Relative SPX move (-0.05 is a 5 % fall).</param>
/// <param name="DaysForward">Calendar days forward (T+n).</param>
/// <param name="SpxVolShift">Parallel SPX vol change per 1.00 (0.02 is +2 vol points).</param>
/// <param name="SkewSteepening">Added vol per unit of -ln(K/F): 0.10 adds 0.5 vol point to a 5 % OTM put.</param>
/// <param name="VixFutureMove">Relative VIX-future move, or null for beta × spot move.</param>
/// <param name="VixVolShift">VIX-option vol change per 1.00.</param>
/// <param name="RateShift">Parallel rate change per 1.00 (0.0025 is +25 bp).</param>
public sealed record MarketScenario(
    string Name = "", double SpotMove = 0, double DaysForward = 0, double SpxVolShift = 0, double SkewSteepening = 0,
    double? VixFutureMove = null, double VixVolShift = 0, double RateShift = 0)
{
    /// <summary>No move.</summary>
    public static MarketScenario None { get; } = new("base");
}
