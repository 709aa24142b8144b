using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// Normal-distribution functions used by the implied-volatility solver, built on the one set of Cody
/// coefficients in <see cref="CodyErfc"/>: the scaled complementary error function erfcx(y) = e^{y²} erfc(y)
/// over the whole real line, the normal CDF, and Wichura's AS241 inverse normal CDF (about 1e-16 relative).
/// </summary>
public static class NormalFunctions
{
    /// <summary>1/√2.</summary>
    public const double InvSqrt2 = 0.70710678118654752440084436210485;

    /// <summary>1/√(2π).</summary>
    public const double InvSqrt2Pi = 0.39894228040143267793994605993438;

    /// <summary>√(2π).</summary>
    public const double Sqrt2Pi = 2.5066282746310005024157652848110;

    /// <summary>
    /// erfcx(y) = exp(y²) erfc(y) for every real y, about 1e-16 relative for y ≥ -0.47 and a few ulp times y²
    /// below (where it is 2e^{y²} - erfcx(-y)); +∞ where that overflows. For y ≥ 0.46875 this is Cody's
    /// rational directly (no exp at all), which is what keeps the tails of the normalised Black function exact.
    /// </summary>
    /// <param name="y">Argument.</param>
    /// <returns>erfcx(y).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erfcx(double y) => Erfcx<ScalarDoubleOps>(y);

    /// <summary>
    /// erfcx(y) over <typeparamref name="TOps"/>' exp and FMA: the one implementation, instantiated with
    /// <see cref="ScalarDoubleOps"/> on the CPU and with the GPU engine's ops inside its implied-vol kernel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Erfcx<TOps>(double y)
        where TOps : struct, IMathOps<double, bool>
        => CodyErfc.Erfcx<double, bool, TOps>(y);

    /// <summary>Standard normal CDF Φ(z) = erfc(-z/√2)/2, full relative accuracy in the lower tail.</summary>
    /// <param name="z">Argument.</param>
    /// <returns>Φ(z).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cdf(double z) => Cdf<ScalarDoubleOps>(z);

    /// <summary>Φ(z) over <typeparamref name="TOps"/>' erfc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Cdf<TOps>(double z)
        where TOps : struct, IMathOps<double, bool>
        => 0.5 * TOps.Erfc(-z * InvSqrt2);

    /// <summary>Standard normal density φ(z).</summary>
    /// <param name="z">Argument.</param>
    /// <returns>φ(z).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pdf(double z) => Pdf<ScalarDoubleOps>(z);

    /// <summary>φ(z) over <typeparamref name="TOps"/>' exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Pdf<TOps>(double z)
        where TOps : struct, IMathOps<double, bool>
        => InvSqrt2Pi * TOps.Exp(-0.5 * z * z);

    /// <summary>
    /// Inverse standard normal CDF Φ⁻¹(p) by Wichura's algorithm AS241 (PPND16, Applied Statistics 37, 1988),
    /// about 1e-16 relative. Returns -∞ for p ≤ 0, +∞ for p ≥ 1, NaN for NaN.
    /// </summary>
    /// <param name="p">Probability.</param>
    /// <returns>z with Φ(z) = p.</returns>
    public static double InverseCdf(double p) => InverseCdf<ScalarDoubleOps>(p);

    /// <summary>Φ⁻¹(p) (AS241) over <typeparamref name="TOps"/>' log and square root.</summary>
    internal static double InverseCdf<TOps>(double p)
        where TOps : struct, IMathOps<double, bool>
    {
        if (double.IsNaN(p)) return double.NaN;
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (TOps.Abs(q) <= 0.425)
        {
            double r = 0.180625 - (q * q);
            double num = (((((((2.5090809287301226727e3 * r) + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
                + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0;
            double den = (((((((5.2264952788528545610e3 * r) + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
                + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0;
            return q * num / den;
        }

        double rr = TOps.Sqrt(-TOps.Log(q < 0 ? p : 1.0 - p));
        double value;
        if (rr <= 5.0)
        {
            rr -= 1.6;
            double num = (((((((7.74545014278341407640e-4 * rr) + 2.27238449892691845833e-2) * rr + 2.41780725177450611770e-1) * rr
                + 1.27045825245236838258e0) * rr + 3.64784832476320460504e0) * rr + 5.76949722146069140550e0) * rr
                + 4.63033784615654529590e0) * rr + 1.42343711074968357734e0;
            double den = (((((((1.05075007164441684324e-9 * rr) + 5.47593808499534494600e-4) * rr + 1.51986665636164571966e-2) * rr
                + 1.48103976427480074590e-1) * rr + 6.89767334985100004550e-1) * rr + 1.67638483018380384940e0) * rr
                + 2.05319162663775882187e0) * rr + 1.0;
            value = num / den;
        }
        else
        {
            rr -= 5.0;
            double num = (((((((2.01033439929228813265e-7 * rr) + 2.71155556874348757815e-5) * rr + 1.24266094738807843860e-3) * rr
                + 2.65321895265761230930e-2) * rr + 2.96560571828504891230e-1) * rr + 1.78482653991729133580e0) * rr
                + 5.46378491116411436990e0) * rr + 6.65790464350110377720e0;
            double den = (((((((2.04426310338993978564e-15 * rr) + 1.42151175831644588870e-7) * rr + 1.84631831751005468180e-5) * rr
                + 7.86869131145613259100e-4) * rr + 1.48753612908506148525e-2) * rr + 1.36929880922735805310e-1) * rr
                + 5.99832206555887937690e-1) * rr + 1.0;
            value = num / den;
        }

        return q < 0 ? -value : value;
    }
}
