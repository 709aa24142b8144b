using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// A surface under a <see cref="ScenarioShock"/>'s SPX vol fields, with the one sign convention and floor of every
/// scenario API (the rule the scenario kernel applies per leg, kernels-docs/scenarios.md): for a caller's (moved)
/// forward F', σ'(t, K) = σ(t, K) + <see cref="ScenarioShock.VolShift"/> - <see cref="ScenarioShock.Skew"/>·ln(K/F'),
/// floored at <see cref="ScenarioShock.VolFloor"/>, where σ(t, K) follows <see cref="Dynamics"/>: sticky strike reads
/// the base surface at its own forward <see cref="SviSurface.ReferenceForward"/> (each strike keeps its vol when the
/// forward moves), sticky moneyness at F' (the smile moves with the forward). Spot, rate and days fields do not apply
/// to a surface read. Immutable, thread-safe.
/// </summary>
/// <param name="Base">The unshocked surface.</param>
/// <param name="Shock">The shock (its VolShift and Skew are used).</param>
/// <param name="Dynamics">StickyStrikePerExpiry (default) or StickyMoneyness; RollDown does not apply to a read at a given t.</param>
public sealed record ShockedSurface(SviSurface Base, ScenarioShock Shock, SmileDynamics Dynamics = SmileDynamics.StickyStrikePerExpiry) : IVolatilitySurface
{
    /// <inheritdoc/>
    public double Vol(double time, double strike, double forward)
    {
        if (Dynamics == SmileDynamics.RollDown) throw new ArgumentException("A surface read at a given time has no roll-down: use StickyStrikePerExpiry or StickyMoneyness.");
        if (!(time > 0 && strike > 0 && forward > 0)) return double.NaN;
        double read = Dynamics == SmileDynamics.StickyStrikePerExpiry ? Base.ReferenceForward(time) : forward;
        double vol = Base.Vol(time, strike, read) + Shock.VolShift - (Shock.Skew * Math.Log(strike / forward));
        return Math.Max(vol, ScenarioShock.VolFloor);
    }
}
