using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// The normalised Black function of Jaeckel's "Let's Be Rational" (Wilmott 2015):
/// b(x, s, θ) = θ [e^{x/2} Φ(θ(x/s + s/2)) - e^{-x/2} Φ(θ(x/s - s/2))], with x = ln(F/K), s = σ√T and θ = ±1,
/// so that an undiscounted Black price is √(FK)·b. Evaluated in four regions (asymptotic expansion for
/// h = x/s &lt; -10, small-t Taylor expansion for t = s/2 &lt; 0.21, Φ differences where the result is not small,
/// erfcx differences elsewhere) so that it keeps full relative accuracy in the far wings and at tiny s.
/// See kernels-docs/implied-vol.md.
/// </summary>
public static class NormalisedBlack
{
    /// <summary>Below this h = x/s the asymptotic expansion (region I) is used.</summary>
    public const double AsymptoticExpansionThreshold = -10.0;

    /// <summary>2·ε^{1/16}: below this t = s/2 the small-t expansion (region II) is used.</summary>
    public const double SmallTExpansionThreshold = 0.21026104296443414;

    /// <summary>The smallest positive normal double (DBL_MIN).</summary>
    internal const double DblMin = 2.2250738585072014e-308;

    /// <summary>
    /// Normalised intrinsic value max(θ(e^{x/2} - e^{-x/2}), 0) = max(2θ sinh(x/2), 0).
    /// </summary>
    /// <param name="x">ln(F/K).</param>
    /// <param name="theta">+1 call, -1 put.</param>
    /// <returns>The normalised intrinsic value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Intrinsic(double x, double theta)
    {
        if (theta * x <= 0) return 0.0;
        return Math.Abs(2.0 * Math.Sinh(0.5 * x));
    }

    /// <summary>The normalised Black price b(x, s, θ) for a call (θ = +1) or put (θ = -1).</summary>
    /// <param name="x">ln(F/K).</param>
    /// <param name="s">Total volatility σ√T ≥ 0.</param>
    /// <param name="theta">+1 call, -1 put.</param>
    /// <returns>b(x, s, θ).</returns>
    public static double Price(double x, double s, double theta)
    {
        // Put-call symmetry: b(x, s, -1) = b(-x, s, +1).
        return Call(theta < 0 ? -x : x, s);
    }

    /// <summary>The normalised Black call b(x, s, +1); in-the-money calls are intrinsic plus the out-of-the-money value.</summary>
    /// <param name="x">ln(F/K).</param>
    /// <param name="s">Total volatility σ√T ≥ 0.</param>
    /// <returns>b(x, s, +1).</returns>
    public static double Call(double x, double s)
    {
        if (x > 0) return Intrinsic(x, 1.0) + OtmCall(-x, s);
        return OtmCall(x, s);
    }

    /// <summary>The out-of-the-money (or at-the-money) call, x ≤ 0: the four regions.</summary>
    /// <param name="x">ln(F/K) ≤ 0.</param>
    /// <param name="s">Total volatility ≥ 0.</param>
    /// <returns>b(x, s, +1).</returns>
    internal static double OtmCall(double x, double s) => OtmCallAndVega(x, s, out _);

    /// <summary>
    /// The out-of-the-money call and its vega from one exponential: regions I, II and IV share the factor
    /// e^{-(h²+t²)/2} with the vega (what the Householder steps need at every iterate).
    /// </summary>
    /// <param name="x">ln(F/K) ≤ 0.</param>
    /// <param name="s">Total volatility ≥ 0.</param>
    /// <param name="vega">∂b/∂s.</param>
    /// <returns>b(x, s, +1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double OtmCallAndVega(double x, double s, out double vega) => OtmCallAndVega<ScalarDoubleOps>(x, s, out vega);

    /// <summary>
    /// The out-of-the-money call and its vega over <typeparamref name="TOps"/>' exp/erfc: the one implementation,
    /// instantiated with <see cref="ScalarDoubleOps"/> on the CPU and with the GPU engine's ops in its kernel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double OtmCallAndVega<TOps>(double x, double s, out double vega)
        where TOps : struct, IMathOps<double, bool>
    {
        if (!(s > 0))
        {
            vega = x == 0 ? NormalFunctions.InvSqrt2Pi : 0.0;
            return 0.0;
        }

        double h = x / s;
        double t = 0.5 * s;
        double e = TOps.Exp(-0.5 * ((h * h) + (t * t)));
        vega = NormalFunctions.InvSqrt2Pi * e;
        if (x < s * AsymptoticExpansionThreshold
            && (0.5 * s * s) + x < s * (SmallTExpansionThreshold + AsymptoticExpansionThreshold))
        {
            return AsymptoticExpansion(h, t, e);
        }

        if (t < SmallTExpansionThreshold) return SmallTExpansion<TOps>(h, t, e);
        if (x + (0.5 * s * s) > s * 0.85) return UsingCdf<TOps>(x, s);
        return UsingErfcx<TOps>(h, t, e);
    }

    /// <summary>
    /// Normalised vega ∂b/∂s = φ(x/s + s/2)·e^{x/2} = exp(-(x²/s² + s²/4)/2)/√(2π) (the same for calls and puts).
    /// </summary>
    /// <param name="x">ln(F/K).</param>
    /// <param name="s">Total volatility.</param>
    /// <returns>∂b/∂s.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Vega(double x, double s)
    {
        if (x == 0) return NormalFunctions.InvSqrt2Pi * Math.Exp(-0.125 * s * s);
        if (!(s > 0)) return 0.0;
        double h = x / s;
        double t = 0.5 * s;
        return NormalFunctions.InvSqrt2Pi * Math.Exp(-0.5 * ((h * h) + (t * t)));
    }

    /// <summary>Region III: b = Φ(h+t) e^{x/2} - Φ(h-t) e^{-x/2}, used where b is not small relative to its terms.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static double UsingCdf<TOps>(double x, double s)
        where TOps : struct, IMathOps<double, bool>
    {
        double h = x / s;
        double t = 0.5 * s;
        double bMax = TOps.Exp(0.5 * x);
        double b = (NormalFunctions.Cdf<TOps>(h + t) * bMax) - (NormalFunctions.Cdf<TOps>(h - t) / bMax);
        return Math.Abs(Math.Max(b, 0.0));
    }

    /// <summary>
    /// Region IV: b = ½ e^{-(h²+t²)/2} [erfcx(-(h+t)/√2) - erfcx(-(h-t)/√2)], exact in the tails because erfcx
    /// has no exponential underflow and the common factor is applied once.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static double UsingErfcx<TOps>(double h, double t, double e)
        where TOps : struct, IMathOps<double, bool>
    {
        double b = 0.5 * e
            * (NormalFunctions.Erfcx<TOps>(-NormalFunctions.InvSqrt2 * (h + t)) - NormalFunctions.Erfcx<TOps>(-NormalFunctions.InvSqrt2 * (h - t)));
        return Math.Abs(Math.Max(b, 0.0));
    }

    /// <summary>
    /// Region II: with Y(h) = Φ(h)/φ(h), b = φ(h) e^{-t²/2} [Y(h+t) - Y(h-t)] and the bracket is its odd Taylor
    /// series 2 Σ Y^{(k)}(h) t^k / k! up to t^13, each derivative written through a = Y'(h) = 1 + hY(h)
    /// (polynomials generated from Y' = 1 + hY). Used for t &lt; 0.21 where the Φ difference would cancel.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static double SmallTExpansion<TOps>(double h, double t, double e)
        where TOps : struct, IMathOps<double, bool>
    {
        double a = 1.0 + (h * (0.5 * NormalFunctions.Sqrt2Pi) * NormalFunctions.Erfcx<TOps>(-NormalFunctions.InvSqrt2 * h));
        double w = t * t;
        double h2 = h * h;
        // The coefficients of t^3 .. t^13 are independent polynomials in h² (evaluated side by side, multiplied by
        // the reciprocal factorials), then one Horner pass in w = t².
        double c3 = (-1.0 + (3.0 * a) + (a * h2)) * (1.0 / 6.0);
        double c5 = (-7.0 + (15.0 * a) + (h2 * (-1.0 + (10.0 * a) + (a * h2)))) * (1.0 / 120.0);
        double c7 = (-57.0 + (105.0 * a) + (h2 * (-18.0 + (105.0 * a) + (h2 * (-1.0 + (21.0 * a) + (a * h2)))))) * (1.0 / 5040.0);
        double c9 = (-561.0 + (945.0 * a) + (h2 * (-285.0 + (1260.0 * a) + (h2 * (-33.0 + (378.0 * a) + (h2 * (-1.0 + (36.0 * a) + (a * h2)))))))) * (1.0 / 362880.0);
        double c11 = (-6555.0 + (10395.0 * a) + (h2 * (-4680.0 + (17325.0 * a) + (h2 * (-840.0 + (6930.0 * a) + (h2 * (-52.0 + (990.0 * a) + (h2 * (-1.0 + (55.0 * a) + (a * h2)))))))))) * (1.0 / 39916800.0);
        double c13 = (-89055.0 + (135135.0 * a) + (h2 * (-82845.0 + (270270.0 * a) + (h2 * (-20370.0 + (135135.0 * a) + (h2 * (-1926.0 + (25740.0 * a) + (h2 * (-75.0 + (2145.0 * a) + (h2 * (-1.0 + (78.0 * a) + (a * h2)))))))))))) * (1.0 / 6227020800.0);
        double expansion = 2.0 * t * (a + (w * (c3 + (w * (c5 + (w * (c7 + (w * (c9 + (w * (c11 + (w * c13))))))))))));
        double b = NormalFunctions.InvSqrt2Pi * e * expansion;
        return Math.Abs(Math.Max(b, 0.0));
    }

    /// <summary>
    /// Region I (h &lt; -10, h + t &lt; -9.79): the Mills-ratio asymptotic series Y(z) ~ -Σ (-1)^n (2n-1)!! z^{-(2n+1)},
    /// so Y(h+t) - Y(h-t) = Σ (-1)^n (2n-1)!! [(h+t)^m - (h-t)^m]/r^m with m = 2n+1, r = h² - t². The differences
    /// D_m = (h+t)^m - (h-t)^m are built by the cancellation-free recursion D_{m+1} = hD_m + tS_m,
    /// S_{m+1} = hS_m + tD_m (all terms of each have one sign), normalised by h, 18 terms.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static double AsymptoticExpansion(double h, double t, double e)
    {
        double tau = t / h;                    // in (-1, 0]
        double hOverR = h / ((h + t) * (h - t)); // h/r
        double q = hOverR * hOverR;
        double d = 2.0 * tau;                  // D̃_1 = (1+τ) - (1-τ)
        double sm = 2.0;                       // S̃_1
        double coefficient = 1.0;              // (-1)^n (2n-1)!!
        double power = hOverR;                 // (h/r)^{2n+1}
        double sum = 0.0;
        for (int n = 0; n < 18; n++)
        {
            sum += coefficient * d * power;
            // advance m by 2: D̃_{m+1} = D̃ + τ S̃, S̃_{m+1} = S̃ + τ D̃, twice
            double d1 = d + (tau * sm);
            double s1 = sm + (tau * d);
            d = d1 + (tau * s1);
            sm = s1 + (tau * d1);
            coefficient *= -((2 * n) + 1);
            power *= q;
        }

        // Y(h+t) - Y(h-t) = -Σ (-1)^n (2n-1)!! (h±t)^{-m} differences: the n-th term is coefficient·D_m/r^m with
        // D_m = h^m D̃_m, and h^m / r^m = (h/r)^m.
        double b = NormalFunctions.InvSqrt2Pi * e * sum;
        return Math.Abs(Math.Max(b, 0.0));
    }
}
