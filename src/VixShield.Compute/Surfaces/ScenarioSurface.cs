namespace VixShield.Compute.Surfaces;

/// <summary>How the smile moves when the forward moves in a scenario.</summary>
public enum StickyDynamics
{
    /// <summary>
    /// The smile is a function of log-moneyness k = ln(K/F) with the scenario's forward: when F moves, the smile
    /// moves with it (the ATM vol stays the ATM vol). Skew tilts are measured in that k.
    /// </summary>
    StickyMoneyness = 0,

    /// <summary>
    /// The vol of each strike is unchanged when the forward moves: the surface is read at the reference forward
    /// it was built with (<see cref="SviSurface.ReferenceForward"/>), k = ln(K/F_ref). Skew tilts are measured in that k.
    /// </summary>
    StickyStrike = 1,
}

/// <summary>
/// A vol shock for scenarios, in absolute vol (0.01 = one vol point):
/// σ'(t, K) = σ(t, K) + Parallel + SkewTilt·k + TermShift·√(TermReference/t), floored at <see cref="MinimumVol"/>.
/// A negative SkewTilt steepens a put skew (lower strikes gain vol); the term-scaled shift moves short expiries
/// more (at t = TermReference by exactly TermShift, at 4·TermReference by half of it).
/// </summary>
public sealed record VolShock
{
    /// <summary>No shock.</summary>
    public static VolShock None { get; } = new();

    /// <summary>Parallel shift of every vol.</summary>
    public double Parallel { get; init; }

    /// <summary>Vol change per unit of log-moneyness k (added as SkewTilt·k).</summary>
    public double SkewTilt { get; init; }

    /// <summary>Term-scaled shift: TermShift·√(TermReference/t).</summary>
    public double TermShift { get; init; }

    /// <summary>The reference time T0 of the term-scaled shift, years (default 30 days).</summary>
    public double TermReference { get; init; } = 30.0 / 365.0;

    /// <summary>Shortest time used in √(T0/t), so that 0DTE shocks stay finite (default 1 day).</summary>
    public double TermFloor { get; init; } = 1.0 / 365.0;

    /// <summary>How the smile moves with the forward.</summary>
    public StickyDynamics Dynamics { get; init; } = StickyDynamics.StickyMoneyness;

    /// <summary>Floor of shocked vols (per 1.00).</summary>
    public double MinimumVol { get; init; } = 1e-4;
}

/// <summary>An <see cref="SviSurface"/> under a <see cref="VolShock"/> and sticky dynamics. Immutable, thread-safe.</summary>
/// <param name="Base">The unshocked surface.</param>
/// <param name="Shock">The shock and dynamics.</param>
public sealed record ScenarioSurface(SviSurface Base, VolShock Shock) : IVolatilitySurface
{
    /// <inheritdoc/>
    public double Vol(double time, double strike, double forward)
    {
        if (!(time > 0 && strike > 0 && forward > 0)) return double.NaN;
        double f = Shock.Dynamics == StickyDynamics.StickyStrike ? Base.ReferenceForward(time) : forward;
        double k = Math.Log(strike / f);
        double vol = Base.Vol(time, strike, f);
        vol += Shock.Parallel + (Shock.SkewTilt * k);
        if (Shock.TermShift != 0) vol += Shock.TermShift * Math.Sqrt(Shock.TermReference / Math.Max(time, Shock.TermFloor));
        return Math.Max(vol, Shock.MinimumVol);
    }
}
