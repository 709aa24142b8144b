using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// The normalised Black call (x ≤ 0) and its vega as the middle branch of Let's Be Rational evaluates it, per lane:
/// the scalar code (all four regions, <see cref="NormalisedBlack.OtmCallAndVega{TOps}"/>) or the vector lanes
/// (regions II-IV, lanes it cannot serve joined to <c>fallback</c>).
/// </summary>
/// <typeparam name="T">double, or a vector of doubles.</typeparam>
/// <typeparam name="TMask">The matching mask (bool, or the vector).</typeparam>
internal interface IOtmBlack<T, TMask>
    where T : struct
    where TMask : struct
{
    /// <summary>b(x, s, +1) and ∂b/∂s; lanes whose value this evaluator does not vouch for are OR-ed into <paramref name="fallback"/>.</summary>
    static abstract T CallAndVega(T x, T s, out T vega, ref TMask fallback);
}

/// <summary>The scalar evaluator: <see cref="NormalisedBlack.OtmCallAndVega{TOps}"/> (every region; never falls back).</summary>
/// <typeparam name="TOps">The scalar ops (<see cref="ScalarDoubleOps"/> on the CPU, the GPU engine's inside its kernel).</typeparam>
internal readonly struct ScalarOtmBlack<TOps> : IOtmBlack<double, bool>
    where TOps : struct, IMathOps<double, bool>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CallAndVega(double x, double s, out double vega, ref bool fallback) => NormalisedBlack.OtmCallAndVega<TOps>(x, s, out vega);
}

/// <summary>
/// The two middle branches of Let's Be Rational (issue 13, step 4), written once over <see cref="IMathOps{T, TMask}"/>:
/// the central point s_c = √(2|x|), the other end of the lane's middle interval (s_l below b_c, s_h above), the rational
/// cubic initial guess with zero second derivative at b_c, and the Householder steps on b(s) - β with the bracket,
/// reversal count, bisection and early stop of the paper. <see cref="LetsBeRational"/> instantiates it for one option
/// (<c>T</c> = double, <c>TMask</c> = bool, every mask test a plain branch: the arithmetic, operation for operation, of
/// the scalar code it replaces), <see cref="VectorLetsBeRational"/> for 2, 4 or 8 lanes, and the GPU kernel through
/// <see cref="LetsBeRational.SolveOtmCall{TOps}"/>. <c>Any</c>/<c>All</c> guards skip the work no lane needs, so the
/// scalar instance does what the branchy code did. The rational cubic and its control are also the lowest and highest
/// branches' (there with the second derivative and shape preservation of their maps).
/// </summary>
internal static class LetsBeRationalMiddle
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>The central point: s_c = √(2|x|) (returned in <paramref name="sc"/>), b_c = b(x, s_c) (returned) and v_c = b'(s_c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CentralPoint<T, TMask, TOps, TBlack>(T x, out T sc, out T vc, ref TMask fallback)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask> where TBlack : struct, IOtmBlack<T, TMask>
    {
        sc = TOps.Sqrt(TOps.Abs(TOps.Mul(TOps.C(2.0), x)));
        return TBlack.CallAndVega(x, sc, out vc, ref fallback);
    }

    /// <summary>
    /// The far end of each lane's middle interval, from the tangent at the central point: s_l = s_c - b_c/v_c where
    /// β &lt; b_c (<paramref name="below"/>), else s_h = s_c + (b_max - b_c)/v_c (s_c if v_c is not a normal number).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T OtherEnd<T, TMask, TOps>(TMask below, T sc, T bc, T vc, T bMax)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T sl = TOps.Sub(sc, TOps.Div(bc, vc));
        if (TOps.All(below)) return sl;
        T sh = TOps.Select(TOps.LessThan(TOps.C(NormalisedBlack.DblMin), vc), TOps.Add(sc, TOps.Div(TOps.Sub(bMax, bc), vc)), sc);
        return TOps.Select(below, sl, sh);
    }

    /// <summary>
    /// The middle-branch initial guess: s(β) by the rational cubic on [b_l, b_c] (<paramref name="below"/>) or [b_c, b_h]
    /// through (b_o, s_o) and (b_c, s_c) with slopes 1/vega, zero second derivative at b_c, shape-preserving control;
    /// the interval in s is the bracket the Householder steps keep to.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Guess<T, TMask, TOps>(T beta, TMask below, T sc, T bc, T vc, T so, T bo, T vo, out T sLeft, out T sRight)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T one = TOps.C(1.0);
        T invVc = TOps.Div(one, vc), invVo = TOps.Div(one, vo);
        T xl = TOps.Select(below, bo, bc), xr = TOps.Select(below, bc, bo);
        sLeft = TOps.Select(below, so, sc);
        sRight = TOps.Select(below, sc, so);
        T dl = TOps.Select(below, invVo, invVc), dr = TOps.Select(below, invVc, invVo);
        // Below b_c the second derivative is fitted at the right end (b_c), above it at the left end (b_c again).
        T r = ConvexRationalCubicControl<T, TMask, TOps>(xl, xr, sLeft, sRight, dl, dr, TOps.C(0.0), below, false);
        return RationalCubic<T, TMask, TOps>(beta, xl, xr, sLeft, sRight, dl, dr, r);
    }

    /// <summary>
    /// Householder (third order) steps on g(s) = b(s) - β from <paramref name="s"/> inside [sLeft, sRight]: at most
    /// <paramref name="iterations"/>, stopping per lane once a step is below ε s; an iterate that leaves the bracket, or
    /// three direction reversals, is replaced by the bisection of the bracket (the lane stops when the bracket is below
    /// ε s); where the vega is not a normal number the step is the bisection. Steps are limited to ds ≥ -s/2.
    /// </summary>
    /// <returns>s; <paramref name="lastStep"/> is the last step taken (-double.MaxValue if none).</returns>
    public static T Householder<T, TMask, TOps, TBlack>(T beta, T x, T s, T sLeft, T sRight, int iterations, out T lastStep, ref TMask fallback)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask> where TBlack : struct, IOtmBlack<T, TMask>
    {
        T zero = TOps.C(0.0), one = TOps.C(1.0), half = TOps.C(0.5), eps = TOps.C(Eps);
        T ds = TOps.C(-double.MaxValue);
        T dsPrevious = zero;
        T reversals = zero;
        TMask active = TOps.Equal(zero, zero);
        for (int it = 0; it < iterations; ++it)
        {
            active = TOps.And(active, TOps.LessThan(TOps.Mul(eps, s), TOps.Abs(ds)));
            if (!TOps.Any(active)) break;
            reversals = TOps.Select(TOps.LessThan(TOps.Mul(ds, dsPrevious), zero), TOps.Add(reversals, one), reversals);
            if (it > 0)
            {
                TMask inside = TOps.And(TOps.LessThan(sLeft, s), TOps.LessThan(s, sRight));
                TMask bisect = TOps.And(active, TOps.Or(TOps.Equal(reversals, TOps.C(3.0)), Not<T, TMask, TOps>(inside)));
                if (TOps.Any(bisect))
                {
                    s = TOps.Select(bisect, TOps.Mul(half, TOps.Add(sLeft, sRight)), s);
                    // sRight - sLeft ≤ ε s: nothing left to bisect, the lane stops (its last step stays the one before).
                    TMask narrow = TOps.And(bisect, Ge<T, TMask, TOps>(TOps.Mul(eps, s), TOps.Sub(sRight, sLeft)));
                    active = TOps.And(active, Not<T, TMask, TOps>(narrow));
                    if (!TOps.Any(active)) break;
                    TMask restart = TOps.And(bisect, active);
                    reversals = TOps.Select(restart, zero, reversals);
                    ds = TOps.Select(restart, zero, ds);
                }
            }

            dsPrevious = ds;
            TMask laneFallback = TOps.LessThan(zero, zero);
            T b = TBlack.CallAndVega(x, s, out T bp, ref laneFallback);
            fallback = TOps.Or(fallback, TOps.And(active, laneFallback));
            sRight = TOps.Select(TOps.And(TOps.LessThan(beta, b), TOps.LessThan(s, sRight)), s, sRight);
            sLeft = TOps.Select(TOps.And(TOps.LessThan(b, beta), TOps.LessThan(sLeft, s)), s, sLeft);
            T invS = TOps.Div(one, s);
            T xs = TOps.Mul(x, invS);
            T xss = TOps.Mul(xs, invS);
            T newton = TOps.Div(TOps.Sub(beta, b), bp);
            // b''/b' = x²/s³ - s/4 and b'''/b' = (b''/b')² - 3x²/s⁴ - 1/4.
            T halley = TOps.Sub(TOps.Mul(xs, xss), TOps.Mul(TOps.C(0.25), s));
            T hh3 = TOps.Sub(TOps.Sub(TOps.Mul(halley, halley), TOps.Mul(TOps.Mul(TOps.C(3.0), xss), xss)), TOps.C(0.25));
            T step = TOps.Max(TOps.Mul(TOps.C(-0.5), s), TOps.Mul(newton, HouseholderFactor<T, TMask, TOps>(newton, halley, hh3)));
            T bisection = TOps.Sub(TOps.Mul(half, TOps.Add(sLeft, sRight)), s);
            ds = TOps.Select(active, TOps.Select(TOps.LessThan(TOps.C(NormalisedBlack.DblMin), bp), step, bisection), ds);
            s = TOps.Select(active, TOps.Add(s, ds), s);
        }

        lastStep = ds;
        return s;
    }

    /// <summary>Householder's third-order correction factor: step = ν (1 + ν h₂/2) / (1 + ν (h₂ + ν h₃/6)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HouseholderFactor<T, TMask, TOps>(T newton, T halley, T hh3)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T one = TOps.C(1.0);
        T numerator = TOps.Add(one, TOps.Mul(TOps.Mul(TOps.C(0.5), halley), newton));
        T denominator = TOps.Add(one, TOps.Mul(newton, TOps.Add(halley, TOps.Div(TOps.Mul(hh3, newton), TOps.C(6.0)))));
        return TOps.Div(numerator, denominator);
    }

    /// <summary>
    /// Delbourgo-Gregory rational cubic interpolation on [xl, xr] with values yl, yr, slopes dl, dr and control r
    /// (r = 3 is the cubic Hermite; r at <see cref="LetsBeRational.MaximumRationalCubicControl"/> or above is linear).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T RationalCubic<T, TMask, TOps>(T x, T xl, T xr, T yl, T yr, T dl, T dr, T r)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T one = TOps.C(1.0);
        T h = TOps.Sub(xr, xl);
        TMask empty = TOps.Equal(TOps.Abs(h), TOps.C(0.0));
        T mean = TOps.Mul(TOps.C(0.5), TOps.Add(yl, yr));
        if (TOps.All(empty)) return mean;
        T t = TOps.Div(TOps.Sub(x, xl), h);
        // !(r ≥ r_max), NaN included (the cubic then returns NaN, which the lowest branch tests for).
        TMask cubic = TOps.Or(TOps.LessThan(r, TOps.C(LetsBeRational.MaximumRationalCubicControl)), Not<T, TMask, TOps>(TOps.Equal(r, r)));
        T omt = TOps.Sub(one, t);
        T value;
        if (TOps.Any(cubic))
        {
            T t2 = TOps.Mul(t, t);
            T omt2 = TOps.Mul(omt, omt);
            T n1 = TOps.Mul(TOps.Mul(yr, t2), t);
            T n2 = TOps.Mul(TOps.Mul(TOps.Sub(TOps.Mul(r, yr), TOps.Mul(h, dr)), t2), omt);
            T n3 = TOps.Mul(TOps.Mul(TOps.Add(TOps.Mul(r, yl), TOps.Mul(h, dl)), t), omt2);
            T n4 = TOps.Mul(TOps.Mul(yl, omt2), omt);
            T den = TOps.Add(one, TOps.Mul(TOps.Mul(TOps.Sub(r, TOps.C(3.0)), t), omt));
            value = TOps.Div(TOps.Add(TOps.Add(TOps.Add(n1, n2), n3), n4), den);
            if (!TOps.All(cubic)) value = TOps.Select(cubic, value, TOps.Add(TOps.Mul(yr, t), TOps.Mul(yl, omt)));
        }
        else
        {
            value = TOps.Add(TOps.Mul(yr, t), TOps.Mul(yl, omt));
        }

        return TOps.Select(empty, mean, value);
    }

    /// <summary>
    /// The control parameter of the rational cubic on [xl, xr]: the one that fits the second derivative
    /// <paramref name="second"/> at the right end (where <paramref name="fitRight"/>) or at the left end, raised to the
    /// smallest that keeps the interpolant monotone and convex/concave as the data.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ConvexRationalCubicControl<T, TMask, TOps>(T xl, T xr, T yl, T yr, T dl, T dr, T second, TMask fitRight, bool preferShapePreservation)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T h = TOps.Sub(xr, xl);
        T slope = TOps.Div(TOps.Sub(yr, yl), h);
        T numerator = TOps.Add(TOps.Mul(TOps.Mul(TOps.C(0.5), h), second), TOps.Sub(dr, dl));
        T denominator = TOps.Select(fitRight, TOps.Sub(dr, slope), TOps.Sub(slope, dl));
        T r = TOps.Div(numerator, denominator);
        r = TOps.Select(IsZero<T, TMask, TOps>(denominator),
            TOps.Select(TOps.LessThan(zero, numerator), TOps.C(LetsBeRational.MaximumRationalCubicControl), TOps.C(LetsBeRational.MinimumRationalCubicControl)), r);
        r = TOps.Select(IsZero<T, TMask, TOps>(numerator), zero, r);
        return TOps.Max(r, MinimumControl<T, TMask, TOps>(dl, dr, slope, preferShapePreservation));
    }

    /// <summary>The smallest control parameter that keeps the interpolant monotone and convex/concave as the data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MinimumControl<T, TMask, TOps>(T dl, T dr, T slope, bool preferShapePreservation)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T minR = TOps.C(LetsBeRational.MinimumRationalCubicControl), maxR = TOps.C(LetsBeRational.MaximumRationalCubicControl);
        TMask monotonic = TOps.And(Ge<T, TMask, TOps>(TOps.Mul(dl, slope), zero), Ge<T, TMask, TOps>(TOps.Mul(dr, slope), zero));
        TMask convex = TOps.And(Ge<T, TMask, TOps>(slope, dl), Ge<T, TMask, TOps>(dr, slope));
        TMask concave = TOps.And(Ge<T, TMask, TOps>(dl, slope), Ge<T, TMask, TOps>(slope, dr));
        TMask shaped = TOps.Or(convex, concave);
        TMask any = TOps.Or(monotonic, shaped);
        if (!TOps.Any(any)) return minR;
        T r1 = TOps.C(-double.MaxValue), r2 = r1;
        if (TOps.Any(monotonic))
        {
            TMask slopeZero = IsZero<T, TMask, TOps>(slope);
            T fit = TOps.Div(TOps.Add(dr, dl), slope);
            r1 = TOps.Select(monotonic, TOps.Select(slopeZero, preferShapePreservation ? maxR : r1, fit), r1);
        }

        if (TOps.Any(shaped))
        {
            T drMinusDl = TOps.Sub(dr, dl), drMinusS = TOps.Sub(dr, slope), sMinusDl = TOps.Sub(slope, dl);
            TMask degenerate = TOps.Or(IsZero<T, TMask, TOps>(sMinusDl), IsZero<T, TMask, TOps>(drMinusS));
            T fit = TOps.Max(TOps.Abs(TOps.Div(drMinusDl, drMinusS)), TOps.Abs(TOps.Div(drMinusDl, sMinusDl)));
            r2 = TOps.Select(shaped, TOps.Select(degenerate, preferShapePreservation ? maxR : r2, fit), r2);
        }

        if (preferShapePreservation)
        {
            r2 = TOps.Select(TOps.And(monotonic, Not<T, TMask, TOps>(shaped)), maxR, r2);
        }

        return TOps.Select(any, TOps.Max(minR, TOps.Max(r1, r2)), minR);
    }

    /// <summary>|v| below the smallest normal double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TMask IsZero<T, TMask, TOps>(T v)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.LessThan(TOps.Abs(v), TOps.C(NormalisedBlack.DblMin));

    /// <summary>a ≥ b (false where either is NaN, as the operator).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TMask Ge<T, TMask, TOps>(T a, T b)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Or(TOps.LessThan(b, a), TOps.Equal(a, b));

    /// <summary>Lane-wise NOT of a mask (IMathOps has And and Or only): (mask ? 1 : 0) == 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TMask Not<T, TMask, TOps>(TMask mask)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Equal(TOps.Select(mask, TOps.C(1.0), TOps.C(0.0)), TOps.C(0.0));
}
