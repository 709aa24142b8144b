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

        return RegionsTwoToFour<double, bool, TOps>(x, s, h, t, e);
    }

    /// <summary>
    /// Regions II-IV of the out-of-the-money call (x ≤ 0, s &gt; 0, outside region I) per lane, given h = x/s, t = s/2
    /// and e = exp(-(h² + t²)/2): the one implementation, for one option (bool masks: exactly one region is evaluated,
    /// as the branches it replaces) and for the vector lanes of <see cref="VectorLetsBeRational"/> (a region is evaluated
    /// when some lane needs it, then selected). Returns max(b, 0) with NaN kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T RegionsTwoToFour<T, TMask, TOps>(T x, T s, T h, T t, T e)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        TMask regionII = TOps.LessThan(t, TOps.C(SmallTExpansionThreshold));
        T b = TOps.C(0.0);
        if (TOps.Any(regionII)) b = SmallTExpansion<T, TMask, TOps>(h, t, e);
        if (!TOps.All(regionII))
        {
            // Region III where x + s²/2 > 0.85 s, region IV elsewhere.
            TMask regionIII = TOps.LessThan(TOps.Mul(s, TOps.C(0.85)), TOps.Add(x, TOps.Mul(TOps.Mul(TOps.C(0.5), s), s)));
            TMask useIII = TOps.And(regionIII, LetsBeRationalMiddle.Not<T, TMask, TOps>(regionII));
            TMask useIV = LetsBeRationalMiddle.Not<T, TMask, TOps>(TOps.Or(regionII, regionIII));
            T bOther = b;
            if (TOps.Any(useIII)) bOther = UsingCdf<T, TMask, TOps>(x, h, t);
            if (TOps.Any(useIV)) bOther = TOps.Select(useIV, UsingErfcx<T, TMask, TOps>(h, t, e), bOther);
            b = TOps.Select(regionII, b, bOther);
        }

        // |max(b, 0)| as Math.Abs(Math.Max(b, 0)): NaN stays NaN, -0 becomes +0.
        return TOps.Abs(TOps.Select(TOps.LessThan(b, TOps.C(0.0)), TOps.C(0.0), b));
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
    private static T UsingCdf<T, TMask, TOps>(T x, T h, T t)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T bMax = TOps.Exp(TOps.Mul(TOps.C(0.5), x));
        T upper = TOps.Mul(TOps.C(0.5), TOps.Erfc(TOps.Mul(TOps.Add(h, t), TOps.C(-NormalFunctions.InvSqrt2))));
        T lower = TOps.Mul(TOps.C(0.5), TOps.Erfc(TOps.Mul(TOps.Sub(h, t), TOps.C(-NormalFunctions.InvSqrt2))));
        return TOps.Sub(TOps.Mul(upper, bMax), TOps.Div(lower, bMax));
    }

    /// <summary>
    /// Region IV: b = ½ e^{-(h²+t²)/2} [erfcx(-(h+t)/√2) - erfcx(-(h-t)/√2)], exact in the tails because erfcx
    /// has no exponential underflow and the common factor is applied once.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static T UsingErfcx<T, TMask, TOps>(T h, T t, T e)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T difference = TOps.Sub(CodyErfc.Erfcx<T, TMask, TOps>(TOps.Mul(TOps.C(-NormalFunctions.InvSqrt2), TOps.Add(h, t))),
            CodyErfc.Erfcx<T, TMask, TOps>(TOps.Mul(TOps.C(-NormalFunctions.InvSqrt2), TOps.Sub(h, t))));
        return TOps.Mul(TOps.Mul(TOps.C(0.5), e), difference);
    }

    /// <summary>
    /// Region II: with Y(h) = Φ(h)/φ(h), b = φ(h) e^{-t²/2} [Y(h+t) - Y(h-t)] and the bracket is its odd Taylor
    /// series 2 Σ Y^{(k)}(h) t^k / k! up to t^13, each derivative written through a = Y'(h) = 1 + hY(h)
    /// (polynomials generated from Y' = 1 + hY). Used for t &lt; 0.21 where the Φ difference would cancel.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // one copy per kernel: ILGPU would otherwise inline it at every call site
    private static T SmallTExpansion<T, TMask, TOps>(T h, T t, T e)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T a = TOps.Add(TOps.C(1.0), TOps.Mul(TOps.Mul(h, TOps.C(0.5 * NormalFunctions.Sqrt2Pi)),
            CodyErfc.Erfcx<T, TMask, TOps>(TOps.Mul(TOps.C(-NormalFunctions.InvSqrt2), h))));
        T w = TOps.Mul(t, t);
        T h2 = TOps.Mul(h, h);
        T ah2 = TOps.Mul(a, h2);
        // The coefficients of t^3 .. t^13 are independent polynomials in h² (evaluated side by side, multiplied by
        // the reciprocal factorials), each Σ_j h2^j (c_j + d_j a) from the innermost (-1 + n a + a h2) out; then one
        // Horner pass in w = t².
        T c3 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-1.0, 3.0, a), ah2), TOps.C(1.0 / 6.0));
        T p = TOps.Add(L<T, TMask, TOps>(-1.0, 10.0, a), ah2);
        T c5 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-7.0, 15.0, a), TOps.Mul(h2, p)), TOps.C(1.0 / 120.0));
        p = TOps.Add(L<T, TMask, TOps>(-1.0, 21.0, a), ah2);
        p = TOps.Add(L<T, TMask, TOps>(-18.0, 105.0, a), TOps.Mul(h2, p));
        T c7 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-57.0, 105.0, a), TOps.Mul(h2, p)), TOps.C(1.0 / 5040.0));
        p = TOps.Add(L<T, TMask, TOps>(-1.0, 36.0, a), ah2);
        p = TOps.Add(L<T, TMask, TOps>(-33.0, 378.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-285.0, 1260.0, a), TOps.Mul(h2, p));
        T c9 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-561.0, 945.0, a), TOps.Mul(h2, p)), TOps.C(1.0 / 362880.0));
        p = TOps.Add(L<T, TMask, TOps>(-1.0, 55.0, a), ah2);
        p = TOps.Add(L<T, TMask, TOps>(-52.0, 990.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-840.0, 6930.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-4680.0, 17325.0, a), TOps.Mul(h2, p));
        T c11 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-6555.0, 10395.0, a), TOps.Mul(h2, p)), TOps.C(1.0 / 39916800.0));
        p = TOps.Add(L<T, TMask, TOps>(-1.0, 78.0, a), ah2);
        p = TOps.Add(L<T, TMask, TOps>(-75.0, 2145.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-1926.0, 25740.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-20370.0, 135135.0, a), TOps.Mul(h2, p));
        p = TOps.Add(L<T, TMask, TOps>(-82845.0, 270270.0, a), TOps.Mul(h2, p));
        T c13 = TOps.Mul(TOps.Add(L<T, TMask, TOps>(-89055.0, 135135.0, a), TOps.Mul(h2, p)), TOps.C(1.0 / 6227020800.0));
        T poly = TOps.Add(c11, TOps.Mul(w, c13));
        poly = TOps.Add(c9, TOps.Mul(w, poly));
        poly = TOps.Add(c7, TOps.Mul(w, poly));
        poly = TOps.Add(c5, TOps.Mul(w, poly));
        poly = TOps.Add(c3, TOps.Mul(w, poly));
        poly = TOps.Add(a, TOps.Mul(w, poly));
        T expansion = TOps.Mul(TOps.Mul(TOps.C(2.0), t), poly);
        return TOps.Mul(TOps.Mul(TOps.C(NormalFunctions.InvSqrt2Pi), e), expansion);
    }

    /// <summary>c + d a, as the scalar source wrote it (no FMA: the scalar results stay bit for bit what they were).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T L<T, TMask, TOps>(double c, double d, T a)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Add(TOps.C(c), TOps.Mul(TOps.C(d), a));

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
