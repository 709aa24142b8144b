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

    /// <summary>
    /// Normalised Black call (x ≤ 0) and vega per lane: <see cref="NormalisedBlack.RegionsTwoToFour{T, TMask, TOps}"/> (the
    /// scalar code's regions II-IV) after the same h, t and exponential; lanes needing region I, or whose exponent is
    /// below -700 (b and vega underflow; clamping keeps the vector exp on its fast path), join <paramref name="scalar"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec BlackAndVega<TVec, TOps>(TVec x, TVec s, out TVec vega, ref TVec scalar)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        TVec zero = TOps.C(0.0);
        TVec h = TOps.Div(x, s);
        TVec t = TOps.Mul(TOps.C(0.5), s);
        TVec arg = TOps.Mul(TOps.C(-0.5), TOps.Add(TOps.Mul(h, h), TOps.Mul(t, t)));
        TVec floor = TOps.C(-700.0);
        scalar = TOps.Or(scalar, TOps.Select(TOps.LessThan(floor, arg), scalar, TOps.Equal(zero, zero)));
        TVec e = TOps.Exp(TOps.Max(arg, floor));
        vega = TOps.Mul(TOps.C(NormalFunctions.InvSqrt2Pi), e);
        TVec regionI = TOps.And(TOps.LessThan(x, TOps.Mul(s, TOps.C(NormalisedBlack.AsymptoticExpansionThreshold))),
            TOps.LessThan(TOps.Add(TOps.Mul(TOps.Mul(TOps.C(0.5), s), s), x),
                TOps.Mul(s, TOps.C(NormalisedBlack.SmallTExpansionThreshold + NormalisedBlack.AsymptoticExpansionThreshold))));
        scalar = TOps.Or(scalar, regionI);
        return NormalisedBlack.RegionsTwoToFour<TVec, TVec, TOps>(x, s, h, t, e);
    }
}
