using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// Let's Be Rational for several options at once in vector lanes, for the lanes whose initial guess falls in the two
/// middle branches (the common case): <see cref="LetsBeRationalMiddle"/> (central point, middle rational cubic, the
/// Householder steps on b(s) - β: the code the scalar <see cref="LetsBeRational.UncheckedNormalisedCall"/> runs with
/// bool masks) over vector masks, with the normalised Black function evaluated in regions II-IV per lane (a region is
/// computed only when some lane needs it) from the one set of Cody coefficients. Lanes in the lowest/highest branches,
/// in the asymptotic region I, with a vega that is not a normal number, or whose last step is not small are reported
/// back to the caller, which solves them with the scalar code.
/// </summary>
internal static class VectorLetsBeRational
{
    /// <summary>Solves the lanes of (β, x ≤ 0); returns the bit mask of lanes solved (s valid there).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong TrySolve<TVec, TOps>(TVec beta, TVec x, out TVec s)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        TVec zero = TOps.C(0.0);
        TVec allTrue = TOps.Equal(zero, zero);
        TVec scalar = TOps.LessThan(zero, zero); // all false: lanes left to the scalar code
        TVec bMax = TOps.Exp(TOps.Mul(TOps.C(0.5), x));
        TVec bc = LetsBeRationalMiddle.CentralPoint<TVec, TVec, TOps, VectorOtmBlack<TVec, TOps>>(x, out TVec sc, out TVec vc, ref scalar);
        TVec below = TOps.LessThan(beta, bc);

        // Lower-middle: [b_l, b_c] with s_l = s_c - b_c/v_c; upper-middle: [b_c, b_h] with s_h = s_c + (b_max - b_c)/v_c.
        TVec sOther = LetsBeRationalMiddle.OtherEnd<TVec, TVec, TOps>(below, sc, bc, vc, bMax);
        TVec positive = TOps.LessThan(zero, sOther);
        scalar = TOps.Or(scalar, TOps.Select(positive, scalar, allTrue));
        sOther = TOps.Select(positive, sOther, sc);
        TVec bo = VectorOtmBlack<TVec, TOps>.CallAndVega(x, sOther, out TVec vo, ref scalar);
        // Outside the middle branches: β < b_l (lowest) or β > b_h (highest) → scalar.
        TVec lowest = TOps.And(below, TOps.LessThan(beta, bo));
        TVec highest = TOps.And(TOps.Select(below, TOps.LessThan(zero, zero), allTrue), TOps.LessThan(bo, beta));
        scalar = TOps.Or(scalar, TOps.Or(lowest, highest));

        s = LetsBeRationalMiddle.Guess<TVec, TVec, TOps>(beta, below, sc, bc, vc, sOther, bo, vo, out TVec sLeft, out TVec sRight);
        s = LetsBeRationalMiddle.Householder<TVec, TVec, TOps, VectorOtmBlack<TVec, TOps>>(
            beta, x, s, sLeft, sRight, LetsBeRational.DefaultIterations, out TVec ds, ref scalar);

        // Converged lanes: last step below 1e-6 s (as the scalar status check) and a finite positive s.
        TVec settled = TOps.And(TOps.LessThan(TOps.Abs(ds), TOps.Mul(TOps.C(1e-6), s)), TOps.LessThan(zero, s));
        scalar = TOps.Or(scalar, TOps.Select(settled, scalar, allTrue));
        ulong all = (1UL << TOps.Count) - 1;
        return ~TOps.Bits(scalar) & all;
    }

    /// <summary>The vector lanes' evaluator for <see cref="LetsBeRationalMiddle"/>: regions II-IV; region I, exponent underflow and a vega below DBL_MIN fall back.</summary>
    private readonly struct VectorOtmBlack<TVec, TOps> : IOtmBlack<TVec, TVec>
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec CallAndVega(TVec x, TVec s, out TVec vega, ref TVec fallback)
        {
            TVec b = BlackAndVega<TVec, TOps>(x, s, out vega, ref fallback);
            fallback = TOps.Or(fallback, TOps.Select(TOps.LessThan(TOps.C(NormalisedBlack.DblMin), vega), fallback, TOps.Equal(TOps.C(0.0), TOps.C(0.0))));
            return b;
        }
    }

    /// <summary>Normalised Black call (x ≤ 0) and vega per lane, regions II-IV; lanes needing region I join <paramref name="scalar"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec BlackAndVega<TVec, TOps>(TVec x, TVec s, out TVec vega, ref TVec scalar)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        TVec zero = TOps.C(0.0);
        TVec h = TOps.Div(x, s);
        TVec t = TOps.Mul(TOps.C(0.5), s);
        // Exponents below -700 (b and vega underflow) go to the scalar code; clamping keeps the vector exp on its fast path.
        TVec arg = TOps.Mul(TOps.C(-0.5), TOps.Fma(h, h, TOps.Mul(t, t)));
        TVec floor = TOps.C(-700.0);
        scalar = TOps.Or(scalar, TOps.Select(TOps.LessThan(floor, arg), scalar, TOps.Equal(zero, zero)));
        TVec e = TOps.Exp(TOps.Max(arg, floor));
        vega = TOps.Mul(TOps.C(NormalFunctions.InvSqrt2Pi), e);
        TVec halfS2 = TOps.Mul(TOps.Mul(TOps.C(0.5), s), s);
        TVec regionI = TOps.And(TOps.LessThan(x, TOps.Mul(s, TOps.C(NormalisedBlack.AsymptoticExpansionThreshold))),
            TOps.LessThan(TOps.Add(halfS2, x), TOps.Mul(s, TOps.C(NormalisedBlack.SmallTExpansionThreshold + NormalisedBlack.AsymptoticExpansionThreshold))));
        scalar = TOps.Or(scalar, regionI);
        TVec regionII = TOps.LessThan(t, TOps.C(NormalisedBlack.SmallTExpansionThreshold));
        TVec regionIII = TOps.LessThan(TOps.Mul(s, TOps.C(0.85)), TOps.Add(x, halfS2));
        TVec b = zero;
        if (TOps.Any(regionII))
        {
            TVec a = TOps.Fma(TOps.Mul(h, TOps.C(0.5 * NormalFunctions.Sqrt2Pi)), CodyErfc.Erfcx<TVec, TVec, TOps>(TOps.Mul(h, TOps.C(-NormalFunctions.InvSqrt2))), TOps.C(1.0));
            b = TOps.Mul(TOps.Mul(TOps.C(NormalFunctions.InvSqrt2Pi), e), SmallTExpansion<TVec, TOps>(a, h, t));
        }

        if (!TOps.All(regionII))
        {
            TVec bOther;
            TVec notII = TOps.Select(regionII, TOps.LessThan(zero, zero), TOps.Equal(zero, zero));
            TVec useIII = TOps.And(notII, regionIII);
            TVec useIV = TOps.And(notII, TOps.Select(regionIII, TOps.LessThan(zero, zero), TOps.Equal(zero, zero)));
            TVec bIII = zero, bIV = zero;
            if (TOps.Any(useIII))
            {
                TVec ex = TOps.Exp(TOps.Mul(TOps.C(0.5), x));
                TVec c1 = TOps.Mul(TOps.C(0.5), TOps.Erfc(TOps.Mul(TOps.Add(h, t), TOps.C(-NormalFunctions.InvSqrt2))));
                TVec c2 = TOps.Mul(TOps.C(0.5), TOps.Erfc(TOps.Mul(TOps.Sub(h, t), TOps.C(-NormalFunctions.InvSqrt2))));
                bIII = TOps.Sub(TOps.Mul(c1, ex), TOps.Div(c2, ex));
            }

            if (TOps.Any(useIV))
            {
                TVec d = TOps.Sub(CodyErfc.Erfcx<TVec, TVec, TOps>(TOps.Mul(TOps.Add(h, t), TOps.C(-NormalFunctions.InvSqrt2))),
                    CodyErfc.Erfcx<TVec, TVec, TOps>(TOps.Mul(TOps.Sub(h, t), TOps.C(-NormalFunctions.InvSqrt2))));
                bIV = TOps.Mul(TOps.Mul(TOps.C(0.5), e), d);
            }

            bOther = TOps.Select(useIII, bIII, bIV);
            b = TOps.Select(regionII, b, bOther);
        }

        return TOps.Max(b, zero);
    }

    /// <summary>The region-II bracket 2t Σ Y^{(k)}(h) t^{k-1}/k! (same coefficients as the scalar code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SmallTExpansion<TVec, TOps>(TVec a, TVec h, TVec t)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        TVec w = TOps.Mul(t, t);
        TVec h2 = TOps.Mul(h, h);
        TVec ah2 = TOps.Mul(a, h2);
        // Each coefficient: Σ_j h2^j (c_j + d_j a), innermost (-1 + n a + a h2) first.
        TVec c3 = TOps.Mul(TOps.Add(TOps.Fma(TOps.C(3.0), a, TOps.C(-1.0)), ah2), TOps.C(1.0 / 6.0));
        TVec c5 = TOps.Mul(TOps.Fma(h2, TOps.Add(L<TVec, TOps>(-1.0, 10.0, a), ah2), L<TVec, TOps>(-7.0, 15.0, a)), TOps.C(1.0 / 120.0));
        TVec p7 = TOps.Add(L<TVec, TOps>(-1.0, 21.0, a), ah2);
        p7 = TOps.Fma(h2, p7, L<TVec, TOps>(-18.0, 105.0, a));
        TVec c7 = TOps.Mul(TOps.Fma(h2, p7, L<TVec, TOps>(-57.0, 105.0, a)), TOps.C(1.0 / 5040.0));
        TVec p9 = TOps.Add(L<TVec, TOps>(-1.0, 36.0, a), ah2);
        p9 = TOps.Fma(h2, p9, L<TVec, TOps>(-33.0, 378.0, a));
        p9 = TOps.Fma(h2, p9, L<TVec, TOps>(-285.0, 1260.0, a));
        TVec c9 = TOps.Mul(TOps.Fma(h2, p9, L<TVec, TOps>(-561.0, 945.0, a)), TOps.C(1.0 / 362880.0));
        TVec p11 = TOps.Add(L<TVec, TOps>(-1.0, 55.0, a), ah2);
        p11 = TOps.Fma(h2, p11, L<TVec, TOps>(-52.0, 990.0, a));
        p11 = TOps.Fma(h2, p11, L<TVec, TOps>(-840.0, 6930.0, a));
        p11 = TOps.Fma(h2, p11, L<TVec, TOps>(-4680.0, 17325.0, a));
        TVec c11 = TOps.Mul(TOps.Fma(h2, p11, L<TVec, TOps>(-6555.0, 10395.0, a)), TOps.C(1.0 / 39916800.0));
        TVec p13 = TOps.Add(L<TVec, TOps>(-1.0, 78.0, a), ah2);
        p13 = TOps.Fma(h2, p13, L<TVec, TOps>(-75.0, 2145.0, a));
        p13 = TOps.Fma(h2, p13, L<TVec, TOps>(-1926.0, 25740.0, a));
        p13 = TOps.Fma(h2, p13, L<TVec, TOps>(-20370.0, 135135.0, a));
        p13 = TOps.Fma(h2, p13, L<TVec, TOps>(-82845.0, 270270.0, a));
        TVec c13 = TOps.Mul(TOps.Fma(h2, p13, L<TVec, TOps>(-89055.0, 135135.0, a)), TOps.C(1.0 / 6227020800.0));
        TVec poly = TOps.Fma(w, c13, c11);
        poly = TOps.Fma(w, poly, c9);
        poly = TOps.Fma(w, poly, c7);
        poly = TOps.Fma(w, poly, c5);
        poly = TOps.Fma(w, poly, c3);
        poly = TOps.Fma(w, poly, a);
        return TOps.Mul(TOps.Mul(TOps.C(2.0), t), poly);
    }

    /// <summary>c + d a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec L<TVec, TOps>(double c, double d, TVec a)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
        => TOps.Fma(TOps.C(d), a, TOps.C(c));
}
