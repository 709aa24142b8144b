using System.Runtime.CompilerServices;

namespace VixShield.Compute.Surfaces;

/// <summary>
/// Raw SVI parameters (Gatheral 2004): total implied variance w(k) = a + b (ρ (k - m) + √((k - m)² + σ²)) in
/// log-moneyness k = ln(K/F). Admissible when b ≥ 0, |ρ| &lt; 1, σ &gt; 0 and a + b σ √(1 - ρ²) ≥ 0 (so w ≥ 0).
/// </summary>
/// <param name="A">Level a (vertical shift of total variance).</param>
/// <param name="B">Slope b ≥ 0 (angle between the wings).</param>
/// <param name="Rho">Rotation ρ ∈ (-1, 1) (skew).</param>
/// <param name="M">Horizontal shift m.</param>
/// <param name="Sigma">Smoothness σ &gt; 0 (ATM curvature).</param>
public readonly record struct SviParameters(double A, double B, double Rho, double M, double Sigma)
{
    /// <summary>The minimum of w over k: a + b σ √(1 - ρ²).</summary>
    public double MinimumVariance => A + (B * Sigma * Math.Sqrt(1 - (Rho * Rho)));

    /// <summary>Whether the parameters satisfy the raw-SVI bounds (b ≥ 0, |ρ| &lt; 1, σ &gt; 0, min w ≥ 0), all finite.</summary>
    public bool IsAdmissible =>
        double.IsFinite(A) && double.IsFinite(B) && double.IsFinite(Rho) && double.IsFinite(M) && double.IsFinite(Sigma)
        && B >= 0 && Math.Abs(Rho) < 1 && Sigma > 0 && MinimumVariance >= -1e-14;

    /// <summary>Total variance w(k).</summary>
    /// <param name="k">Log-moneyness ln(K/F).</param>
    /// <returns>w(k).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double TotalVariance(double k)
    {
        double d = k - M;
        return A + (B * ((Rho * d) + Math.Sqrt((d * d) + (Sigma * Sigma))));
    }

    /// <summary>w'(k) = b (ρ + (k - m)/√((k-m)² + σ²)).</summary>
    /// <param name="k">Log-moneyness.</param>
    /// <returns>dw/dk.</returns>
    public double FirstDerivative(double k)
    {
        double d = k - M;
        return B * (Rho + (d / Math.Sqrt((d * d) + (Sigma * Sigma))));
    }

    /// <summary>w''(k) = b σ² / ((k-m)² + σ²)^{3/2}.</summary>
    /// <param name="k">Log-moneyness.</param>
    /// <returns>d²w/dk².</returns>
    public double SecondDerivative(double k)
    {
        double d = k - M;
        double r2 = (d * d) + (Sigma * Sigma);
        return B * Sigma * Sigma / (r2 * Math.Sqrt(r2));
    }

    /// <summary>
    /// Gatheral's butterfly density function g(k) = (1 - k w'/(2w))² - (w'²/4)(1/w + 1/4) + w''/2; the risk-neutral
    /// density of the slice is non-negative (no butterfly arbitrage) where g ≥ 0 (and w &gt; 0).
    /// </summary>
    /// <param name="k">Log-moneyness.</param>
    /// <returns>g(k).</returns>
    public double ButterflyDensity(double k)
    {
        double w = TotalVariance(k);
        double w1 = FirstDerivative(k);
        double w2 = SecondDerivative(k);
        double first = 1 - (k * w1 / (2 * w));
        return (first * first) - (w1 * w1 / 4 * ((1 / w) + 0.25)) + (w2 / 2);
    }
}

/// <summary>One expiry of an SVI surface: its time, its forward, its raw-SVI parameters.</summary>
/// <param name="Time">Time to expiry in years, &gt; 0.</param>
/// <param name="Forward">The forward of the expiry the slice was calibrated against (reference for sticky-strike).</param>
/// <param name="Parameters">Raw SVI parameters of total variance in k = ln(K/F).</param>
public sealed record SviSlice(double Time, double Forward, SviParameters Parameters)
{
    /// <summary>Total variance at log-moneyness k.</summary>
    /// <param name="k">ln(K/F).</param>
    /// <returns>w(k).</returns>
    public double TotalVariance(double k) => Parameters.TotalVariance(k);

    /// <summary>Black implied vol √(w(k)/T) at log-moneyness k.</summary>
    /// <param name="k">ln(K/F).</param>
    /// <returns>The vol.</returns>
    public double ImpliedVol(double k) => Math.Sqrt(Math.Max(Parameters.TotalVariance(k), 0) / Time);
}
