using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// Let's Be Rational for several options at once in vector lanes, for the lanes whose initial guess falls in the two
/// middle branches (the common case): the same maths as <see cref="LetsBeRational.UncheckedNormalisedCall"/> (central
/// point, middle rational cubic, two Householder steps on b(s) - β), with the normalised Black function evaluated in
/// regions II-IV per lane (a region is computed only when some lane needs it) from the one set of Cody coefficients.
/// Lanes in the lowest/highest branches, in the asymptotic region I, or whose last step is not small are reported
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
        TVec scalar = TOps.LessThan(zero, zero); // all false: lanes left to the scalar code
        TVec bMax = TOps.Exp(TOps.Mul(TOps.C(0.5), x));
        TVec sc = TOps.Sqrt(TOps.Mul(TOps.C(-2.0), x));
        TVec bc = BlackAndVega<TVec, TOps>(x, sc, out TVec vc, ref scalar);
        TVec below = TOps.LessThan(beta, bc);

        // Lower-middle: [b_l, b_c] with s_l = s_c - b_c/v_c; upper-middle: [b_c, b_h] with s_h = s_c + (b_max - b_c)/v_c.
        TVec sl = TOps.Sub(sc, TOps.Div(bc, vc));
        TVec sh = TOps.Add(sc, TOps.Div(TOps.Sub(bMax, bc), vc));
        scalar = TOps.Or(scalar, TOps.Select(TOps.LessThan(TOps.C(NormalisedBlack.DblMin), vc), scalar, TOps.Equal(zero, zero)));
        TVec sOther = TOps.Select(below, sl, sh);
        TVec positive = TOps.LessThan(zero, sOther);
        scalar = TOps.Or(scalar, TOps.Select(positive, scalar, TOps.Equal(zero, zero)));
        sOther = TOps.Select(positive, sOther, sc);
        TVec bo = BlackAndVega<TVec, TOps>(x, sOther, out TVec vo, ref scalar);
        // Outside the middle branches: β < b_l (lowest) or β > b_h (highest) → scalar.
        TVec lowest = TOps.And(below, TOps.LessThan(beta, bo));
        TVec highest = TOps.And(TOps.Select(below, TOps.LessThan(zero, zero), TOps.Equal(zero, zero)), TOps.LessThan(bo, beta));
        scalar = TOps.Or(scalar, TOps.Or(lowest, highest));

        // The interval data of each lane's branch, then one rational cubic.
        TVec xl = TOps.Select(below, bo, bc), xr = TOps.Select(below, bc, bo);
        TVec yl = TOps.Select(below, sOther, sc), yr = TOps.Select(below, sc, sOther);
        TVec invVc = TOps.Div(TOps.C(1.0), vc), invVo = TOps.Div(TOps.C(1.0), vo);
        TVec dl = TOps.Select(below, invVo, invVc), dr = TOps.Select(below, invVc, invVo);
        TVec hh = TOps.Sub(xr, xl);
        TVec slope = TOps.Div(TOps.Sub(yr, yl), hh);
        // Zero second derivative at b_c: numerator dr - dl; denominator slope - dl (left side) or dr - slope (right side).
        TVec numerator = TOps.Sub(dr, dl);
        TVec denominator = TOps.Select(below, TOps.Sub(dr, slope), TOps.Sub(slope, dl));
        TVec tiny = TOps.C(NormalisedBlack.DblMin);
        TVec maxR = TOps.C(LetsBeRational.MaximumRationalCubicControl), minR = TOps.C(LetsBeRational.MinimumRationalCubicControl);
        TVec r = TOps.Div(numerator, denominator);
        r = TOps.Select(TOps.LessThan(TOps.Abs(denominator), tiny), TOps.Select(TOps.LessThan(zero, numerator), maxR, minR), r);
        r = TOps.Select(TOps.LessThan(TOps.Abs(numerator), tiny), zero, r);
        r = TOps.Max(r, MinimumControl<TVec, TOps>(dl, dr, slope));
        s = RationalCubic<TVec, TOps>(beta, xl, hh, yl, yr, dl, dr, r);
        TVec sLeft = yl, sRight = yr;

        TVec ds = zero;
        for (int it = 0; it < LetsBeRational.DefaultIterations; it++)
        {
            if (it > 0)
            {
                TVec inside = TOps.And(TOps.LessThan(sLeft, s), TOps.LessThan(s, sRight));
                s = TOps.Select(inside, s, TOps.Mul(TOps.C(0.5), TOps.Add(sLeft, sRight)));
            }

            TVec b = BlackAndVega<TVec, TOps>(x, s, out TVec bp, ref scalar);
            sRight = TOps.Select(TOps.And(TOps.LessThan(beta, b), TOps.LessThan(s, sRight)), s, sRight);
            sLeft = TOps.Select(TOps.And(TOps.LessThan(b, beta), TOps.LessThan(sLeft, s)), s, sLeft);
            TVec invS = TOps.Div(TOps.C(1.0), s);
            TVec xs = TOps.Mul(x, invS);
            TVec xss = TOps.Mul(xs, invS);
            TVec newton = TOps.Div(TOps.Sub(beta, b), bp);
            TVec halley = TOps.Fma(xs, xss, TOps.Mul(TOps.C(-0.25), s));
            TVec hh3 = TOps.Sub(TOps.Fma(halley, halley, TOps.Mul(TOps.C(-3.0), TOps.Mul(xss, xss))), TOps.C(0.25));
            TVec factor = TOps.Div(TOps.Fma(TOps.Mul(TOps.C(0.5), halley), newton, TOps.C(1.0)),
                TOps.Fma(newton, TOps.Fma(TOps.Mul(hh3, TOps.C(1.0 / 6.0)), newton, halley), TOps.C(1.0)));
            ds = TOps.Max(TOps.Mul(TOps.C(-0.5), s), TOps.Mul(newton, factor));
            scalar = TOps.Or(scalar, TOps.Select(TOps.LessThan(tiny, bp), scalar, TOps.Equal(zero, zero)));
            s = TOps.Add(s, ds);
        }

        // Converged lanes: last step below 1e-6 s (as the scalar status check) and a finite positive s.
        TVec settled = TOps.And(TOps.LessThan(TOps.Abs(ds), TOps.Mul(TOps.C(1e-6), s)), TOps.LessThan(zero, s));
        scalar = TOps.Or(scalar, TOps.Select(settled, scalar, TOps.Equal(zero, zero)));
        ulong all = (1UL << TOps.Count) - 1;
        return ~TOps.Bits(scalar) & all;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec MinimumControl<TVec, TOps>(TVec dl, TVec dr, TVec slope)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        // preferShapePreservation = false (the middle branches).
        TVec zero = TOps.C(0.0);
        TVec allTrue = TOps.Equal(zero, zero), allFalse = TOps.LessThan(zero, zero);
        TVec tiny = TOps.C(NormalisedBlack.DblMin);
        TVec minR = TOps.C(LetsBeRational.MinimumRationalCubicControl);
        TVec monotonic = TOps.And(Ge<TVec, TOps>(TOps.Mul(dl, slope), zero), Ge<TVec, TOps>(TOps.Mul(dr, slope), zero));
        TVec convex = TOps.And(Ge<TVec, TOps>(slope, dl), Ge<TVec, TOps>(dr, slope));
        TVec concave = TOps.And(Ge<TVec, TOps>(dl, slope), Ge<TVec, TOps>(slope, dr));
        TVec r1 = TOps.C(-double.MaxValue), r2 = r1;
        TVec slopeNonZero = Ge<TVec, TOps>(TOps.Abs(slope), tiny);
        r1 = TOps.Select(TOps.And(monotonic, slopeNonZero), TOps.Div(TOps.Add(dr, dl), slope), r1);
        TVec drMinusDl = TOps.Sub(dr, dl), drMinusS = TOps.Sub(dr, slope), sMinusDl = TOps.Sub(slope, dl);
        TVec bothNonZero = TOps.And(Ge<TVec, TOps>(TOps.Abs(sMinusDl), tiny), Ge<TVec, TOps>(TOps.Abs(drMinusS), tiny));
        TVec r2v = TOps.Max(TOps.Abs(TOps.Div(drMinusDl, drMinusS)), TOps.Abs(TOps.Div(drMinusDl, sMinusDl)));
        r2 = TOps.Select(TOps.And(TOps.Or(convex, concave), bothNonZero), r2v, r2);
        TVec any = TOps.Or(monotonic, TOps.Or(convex, concave));
        return TOps.Select(any, TOps.Max(minR, TOps.Max(r1, r2)), TOps.Select(allFalse, allTrue, minR));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Ge<TVec, TOps>(TVec a, TVec b)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
        => TOps.Select(TOps.LessThan(a, b), TOps.LessThan(a, a), TOps.Equal(a, a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec RationalCubic<TVec, TOps>(TVec x, TVec xl, TVec h, TVec yl, TVec yr, TVec dl, TVec dr, TVec r)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        TVec one = TOps.C(1.0);
        TVec t = TOps.Div(TOps.Sub(x, xl), h);
        TVec omt = TOps.Sub(one, t);
        TVec t2 = TOps.Mul(t, t), omt2 = TOps.Mul(omt, omt);
        TVec num = TOps.Add(
            TOps.Add(TOps.Mul(TOps.Mul(yr, t2), t), TOps.Mul(TOps.Mul(TOps.Fma(r, yr, TOps.Neg(TOps.Mul(h, dr))), t2), omt)),
            TOps.Add(TOps.Mul(TOps.Mul(TOps.Fma(r, yl, TOps.Mul(h, dl)), t), omt2), TOps.Mul(TOps.Mul(yl, omt2), omt)));
        TVec den = TOps.Fma(TOps.Mul(TOps.Sub(r, TOps.C(3.0)), t), omt, one);
        TVec cubic = TOps.Div(num, den);
        TVec linear = TOps.Fma(yr, t, TOps.Mul(yl, omt));
        return TOps.Select(TOps.LessThan(r, TOps.C(LetsBeRational.MaximumRationalCubicControl)), cubic, linear);
    }
}
