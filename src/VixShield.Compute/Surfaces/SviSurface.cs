namespace VixShield.Compute.Surfaces;

/// <summary>
/// An implied-volatility surface of raw SVI slices, one per expiry, in total variance w(k, t), k = ln(K/F).
/// <para>
/// Between two expiries T_i &lt; t &lt; T_{i+1}, w is linear in t at fixed k:
/// w(k,t) = w_i(k) + (t - T_i)/(T_{i+1} - T_i) (w_{i+1}(k) - w_i(k)); when the slices are calendar-arbitrage free
/// (w_{i+1}(k) ≥ w_i(k)) so is every interpolated point, so the interpolation introduces none.
/// "Flat" beyond the ends means constant implied vol in time at fixed log-moneyness: for t &lt; T_1,
/// w(k,t) = w_1(k) t/T_1 (the linear interpolation to w = 0 at t = 0); for t &gt; T_n, w(k,t) = w_n(k) t/T_n. Both
/// are non-decreasing in t, so no calendar arbitrage either.
/// </para>
/// <para>
/// <see cref="Vol"/> evaluates at the caller's forward (k = ln(K/F)): the smile moves with the forward
/// (sticky moneyness). <see cref="ReferenceForward"/> interpolates the slices' own forwards (ln F linear in t),
/// which <see cref="Scenarios.ShockedSurface"/> uses for sticky-strike dynamics. Immutable, thread-safe.
/// </para>
/// </summary>
public sealed class SviSurface : IVolatilitySurface
{
    private readonly SviSlice[] _slices;

    /// <summary>Creates a surface from slices (any order; sorted by time).</summary>
    /// <param name="slices">At least one slice, distinct positive times, admissible parameters, positive forwards.</param>
    /// <exception cref="ArgumentException">When a slice is invalid or two share a time.</exception>
    public SviSurface(IEnumerable<SviSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        _slices = slices.OrderBy(s => s.Time).ToArray();
        if (_slices.Length == 0) throw new ArgumentException("An SVI surface needs at least one slice: calibrate one expiry first.", nameof(slices));
        for (int i = 0; i < _slices.Length; i++)
        {
            var s = _slices[i];
            if (!(double.IsFinite(s.Time) && s.Time > 0))
            {
                throw new ArgumentException($"Slice {i} has time {s.Time}: times to expiry must be finite and > 0 years.", nameof(slices));
            }

            if (!(double.IsFinite(s.Forward) && s.Forward > 0))
            {
                throw new ArgumentException($"Slice at t={s.Time} has forward {s.Forward}: forwards must be finite and > 0.", nameof(slices));
            }

            if (!s.Parameters.IsAdmissible)
            {
                throw new ArgumentException($"Slice at t={s.Time} has inadmissible SVI parameters {s.Parameters}: need b ≥ 0, |ρ| < 1, σ > 0, a + bσ√(1-ρ²) ≥ 0.", nameof(slices));
            }

            if (i > 0 && _slices[i - 1].Time == s.Time)
            {
                throw new ArgumentException($"Two slices share time {s.Time}: keep one slice per expiry.", nameof(slices));
            }
        }
    }

    /// <summary>The slices sorted by time.</summary>
    public IReadOnlyList<SviSlice> Slices => _slices;

    /// <summary>Total variance w(k, t) with linear-in-time interpolation and constant-vol extrapolation.</summary>
    /// <param name="time">Time in years (&gt; 0).</param>
    /// <param name="k">Log-moneyness ln(K/F).</param>
    /// <returns>w.</returns>
    public double TotalVariance(double time, double k)
    {
        var s = _slices;
        if (time <= s[0].Time) return s[0].TotalVariance(k) * (time / s[0].Time);
        int last = s.Length - 1;
        if (time >= s[last].Time) return s[last].TotalVariance(k) * (time / s[last].Time);
        int hi = 1;
        while (s[hi].Time < time) hi++;
        var a = s[hi - 1];
        var b = s[hi];
        double wa = a.TotalVariance(k);
        double wb = b.TotalVariance(k);
        return wa + ((time - a.Time) / (b.Time - a.Time) * (wb - wa));
    }

    /// <summary>
    /// Black vol √(w(k,t)/t) at k = ln(K/F). At t ≤ 0 (an expiring or expired option, a scenario that rolls past
    /// an expiry) it is the t → 0⁺ limit, the first slice's vol √(w₁(k)/t₁), which the linear-in-time total
    /// variance before the first slice implies: a finite vol, so that the pricer values such a leg at its payoff
    /// rather than flagging it. NaN for a non-finite time or a non-positive strike or forward.
    /// </summary>
    /// <param name="time">Time to expiry in years.</param>
    /// <param name="strike">Strike.</param>
    /// <param name="forward">Forward of that expiry.</param>
    /// <returns>The vol.</returns>
    public double Vol(double time, double strike, double forward)
    {
        if (!(double.IsFinite(time) && strike > 0 && forward > 0 && double.IsFinite(strike) && double.IsFinite(forward))) return double.NaN;
        double k = Math.Log(strike / forward);
        if (time <= 0) return Math.Sqrt(Math.Max(_slices[0].TotalVariance(k), 0) / _slices[0].Time);
        double w = TotalVariance(time, k);
        return Math.Sqrt(Math.Max(w, 0) / time);
    }

    /// <summary>The slices' forward interpolated in time (ln F linear in t, extrapolated with the end segments' carry).</summary>
    /// <param name="time">Time in years.</param>
    /// <returns>The reference forward.</returns>
    public double ReferenceForward(double time)
    {
        var s = _slices;
        if (s.Length == 1) return s[0].Forward;
        int hi = 1;
        while (hi < s.Length - 1 && s[hi].Time < time) hi++;
        var a = s[hi - 1];
        var b = s[hi];
        double la = Math.Log(a.Forward), lb = Math.Log(b.Forward);
        return Math.Exp(la + ((time - a.Time) / (b.Time - a.Time) * (lb - la)));
    }
}
