using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// W. J. Cody's rational Chebyshev approximations for erf/erfc (Math. Comp. 23, 1969, 631-638;
/// the coefficient sets of SPECFUN CALERF), about 1e-16 relative over the whole range, including the
/// far tail where the normal CDF of a short-dated wing lives. The three regions are separate generic
/// methods so the scalar path can branch and a vector path can evaluate only the regions its lanes need
/// and select: the coefficients exist once. See kernels-docs/vector-math.md.
/// </summary>
public static class CodyErfc
{
    /// <summary>Region 1 upper bound: |x| &lt;= 0.46875 uses the erf rational in x².</summary>
    public const double Region1Limit = 0.46875;

    /// <summary>Region 2 upper bound: 0.46875 &lt; x &lt;= 4 uses exp(-x²) times a rational in x.</summary>
    public const double Region2Limit = 4.0;

    /// <summary>
    /// Above this erfc(x) is flushed to 0 in float64: erfc(26.5433) = 2^-1022, the smallest normal number (Cody's
    /// XBIG; derivation in kernels-docs/vector-math.md). One rule for both precisions: results that would be
    /// subnormal are 0.
    /// </summary>
    public const double UnderflowLimit64 = 26.5433;

    /// <summary>float32 <see cref="UnderflowLimit64"/>: erfc(9.19455) = 2^-126. Also keeps e^{-x²} (x² ≤ 84.6)
    /// inside float exp's one-piece range.</summary>
    public const double UnderflowLimit32 = 9.19455;

    /// <summary>The underflow limit of the precision <typeparamref name="TOps"/> computes in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UnderflowLimit<T, TMask, TOps>()
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.IsSinglePrecision ? UnderflowLimit32 : UnderflowLimit64;

    /// <summary>
    /// erfc(x) for every x (Cody's three regions): only the regions some lane needs are evaluated (<c>All</c>/<c>Any</c>
    /// on the region masks), then selected; for scalars (bool masks) that is the ordinary branch. The one erfc of
    /// the project: scalar reference, every vector width, GPU threads. NaN gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Erfc<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Evaluate<T, TMask, TOps>(x, x, false);

    /// <summary>
    /// erfc(x) given <paramref name="e"/> = exp(-x²) (compensated, already computed): <see cref="Erfc"/> without its
    /// exponential, erfc(|x|) = e·erfcx(|x|) for |x| ≥ 0.46875; <paramref name="e"/> is unused in region 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfcGivenExp<T, TMask, TOps>(T x, T e)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Evaluate<T, TMask, TOps>(x, e, true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Evaluate<T, TMask, TOps>(T x, T e, bool givenExp)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T y = TOps.Abs(x);
        T one = TOps.C(1.0);
        TMask small = TOps.LessThan(y, TOps.C(Region1Limit));
        if (TOps.All(small)) return TOps.Sub(one, ErfSmall<T, TMask, TOps>(x));

        T underflow = TOps.C(UnderflowLimit<T, TMask, TOps>());
        T yc = TOps.Min(TOps.Max(y, TOps.C(Region1Limit)), underflow);
        T erfcx = ErfcxPositive<T, TMask, TOps>(yc);
        if (!givenExp) e = ExpMinusSquare<T, TMask, TOps>(yc);
        T zero = TOps.C(0.0);
        T big = TOps.Mul(e, erfcx);
        big = TOps.Select(TOps.LessThan(underflow, y), zero, big);
        big = TOps.Select(TOps.LessThan(x, zero), TOps.Sub(TOps.C(2.0), big), big);
        if (TOps.Any(small)) big = TOps.Select(small, TOps.Sub(one, ErfSmall<T, TMask, TOps>(x)), big);
        TMask number = TOps.Equal(x, x);
        if (!TOps.All(number)) big = TOps.Select(number, big, x);
        return big;
    }

    /// <summary>
    /// erfcx(y) = e^{y²} erfc(y) for every real y (the implied-vol solver's normalised Black function): Cody's
    /// rational for y ≥ 0.46875 (no exp at all), e^{y²}(1 − erf y) for |y| &lt; 0.46875, 2e^{y²} − erfcx(−y) below
    /// (+∞ where that overflows, y &lt; −26.6). Regions skipped by <c>All</c>/<c>Any</c> like <see cref="Erfc"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Erfcx<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T ay = TOps.Abs(y);
        TMask small = TOps.LessThan(ay, TOps.C(Region1Limit));
        if (TOps.All(small)) return ErfcxSmall<T, TMask, TOps>(y);
        T result = ErfcxPositive<T, TMask, TOps>(TOps.Max(ay, TOps.C(Region1Limit)));
        TMask negative = TOps.LessThan(y, TOps.C(0.0)); // small lanes are overwritten below
        if (TOps.Any(negative)) result = TOps.Select(negative, TOps.Sub(TOps.Mul(TOps.C(2.0), ExpSquare<T, TMask, TOps>(y)), result), result);
        if (TOps.Any(small)) result = TOps.Select(small, ErfcxSmall<T, TMask, TOps>(y), result);
        TMask number = TOps.Equal(y, y);
        if (!TOps.All(number)) result = TOps.Select(number, result, y);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ErfcxSmall<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Mul(ExpSquare<T, TMask, TOps>(y), TOps.Sub(TOps.C(1.0), ErfSmall<T, TMask, TOps>(y)));

    /// <summary>erfcx(y) for y ≥ 0.46875: the middle rational up to 4, the tail rational beyond, each only when
    /// some lane needs it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ErfcxPositive<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        TMask tail = TOps.LessThan(TOps.C(Region2Limit), y);
        if (!TOps.Any(tail)) return ErfcxMiddle<T, TMask, TOps>(y);
        if (TOps.All(tail)) return ErfcxTail<T, TMask, TOps>(y);
        return TOps.Select(tail, ErfcxTail<T, TMask, TOps>(y), ErfcxMiddle<T, TMask, TOps>(y));
    }

    /// <summary>erf(x) for |x| &lt;= 0.46875: x P(x²)/Q(x²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfSmall<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T z = TOps.Mul(x, x);
        T num = TOps.Fma(TOps.C(1.85777706184603153e-1), z, TOps.C(3.16112374387056560e0));
        num = TOps.Fma(num, z, TOps.C(1.13864154151050156e2));
        num = TOps.Fma(num, z, TOps.C(3.77485237685302021e2));
        num = TOps.Fma(num, z, TOps.C(3.20937758913846947e3));
        T den = TOps.Add(z, TOps.C(2.36012909523441209e1));
        den = TOps.Fma(den, z, TOps.C(2.44024637934444173e2));
        den = TOps.Fma(den, z, TOps.C(1.28261652607737228e3));
        den = TOps.Fma(den, z, TOps.C(2.84423683343917062e3));
        return TOps.Div(TOps.Mul(x, num), den);
    }

    /// <summary>
    /// erfcx(y) = exp(y²) erfc(y) for 0.46875 &lt;= y &lt;= 4 (rational in y, degree 8 over 8). Numerator and
    /// denominator by Estrin's scheme (powers y², y⁴, y⁸): a dependent chain of 4 operations instead of Horner's
    /// 8, because N(d) sits on the longest chain of the latency-bound Greeks kernel. Every coefficient is positive
    /// and y &gt; 0, so the order of the sums does not cancel (kernels-docs/vector-math.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfcxMiddle<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T y2 = TOps.Mul(y, y);
        T y4 = TOps.Mul(y2, y2);
        T y8 = TOps.Mul(y4, y4);
        T numLo = TOps.Fma(TOps.Fma(TOps.C(8.81952221241769090e2), y, TOps.C(1.71204761263407058e3)), y2, TOps.Fma(TOps.C(2.05107837782607147e3), y, TOps.C(1.23033935479799725e3)));
        T numHi = TOps.Fma(TOps.Fma(TOps.C(5.64188496988670089e-1), y, TOps.C(8.88314979438837594e0)), y2, TOps.Fma(TOps.C(6.61191906371416295e1), y, TOps.C(2.98635138197400131e2)));
        T num = TOps.Fma(TOps.C(2.15311535474403846e-8), y8, TOps.Fma(numHi, y4, numLo));
        T denLo = TOps.Fma(TOps.Fma(TOps.C(3.29079923573345963e3), y, TOps.C(4.36261909014324716e3)), y2, TOps.Fma(TOps.C(3.43936767414372164e3), y, TOps.C(1.23033935480374942e3)));
        T denHi = TOps.Fma(TOps.Fma(TOps.C(1.57449261107098347e1), y, TOps.C(1.17693950891312499e2)), y2, TOps.Fma(TOps.C(5.37181101862009858e2), y, TOps.C(1.62138957456669019e3)));
        T den = TOps.Add(y8, TOps.Fma(denHi, y4, denLo));
        return TOps.Div(num, den);
    }

    /// <summary>erfcx(y) = exp(y²) erfc(y) for y &gt; 4 (asymptotic rational in 1/y²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfcxTail<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T z = TOps.Div(TOps.C(1.0), TOps.Mul(y, y));
        T num = TOps.Fma(TOps.C(1.63153871373020978e-2), z, TOps.C(3.05326634961232344e-1));
        num = TOps.Fma(num, z, TOps.C(3.60344899949804439e-1));
        num = TOps.Fma(num, z, TOps.C(1.25781726111229246e-1));
        num = TOps.Fma(num, z, TOps.C(1.60837851487422766e-2));
        num = TOps.Fma(num, z, TOps.C(6.58749161529837803e-4));
        T den = TOps.Add(z, TOps.C(2.56852019228982242e0));
        den = TOps.Fma(den, z, TOps.C(1.87295284992346047e0));
        den = TOps.Fma(den, z, TOps.C(5.27905102951428412e-1));
        den = TOps.Fma(den, z, TOps.C(6.05183413124413191e-2));
        den = TOps.Fma(den, z, TOps.C(2.33520497626869185e-3));
        T r = TOps.Div(TOps.Mul(z, num), den);
        return TOps.Div(TOps.Sub(TOps.C(5.6418958354775628695e-1), r), y);
    }

    /// <summary>
    /// exp(-y²) computed with the rounding error of y² compensated (FMA split), so that the tail of
    /// erfc keeps full relative accuracy (a plain exp(-y*y) loses about y² ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpMinusSquare<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T hi = TOps.Mul(y, y);
        T lo = TOps.Fma(y, y, TOps.Neg(hi)); // exact: y*y = hi + lo
        T e = TOps.Exp(TOps.Neg(hi));
        return TOps.Fma(TOps.Neg(e), lo, e); // e * (1 - lo), lo/hi <= 2^-53
    }

    /// <summary>exp(+y²) with the rounding of y² compensated (FMA split), for <see cref="Erfcx"/> below 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpSquare<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T hi = TOps.Mul(y, y);
        T lo = TOps.Fma(y, y, TOps.Neg(hi));
        T e = TOps.Exp(hi);
        return TOps.Fma(e, lo, e);
    }

    /// <summary>Scalar float64 erfc (the reference path): <see cref="Erfc"/> with <see cref="ScalarDoubleOps"/>.</summary>
    public static double Scalar(double x) => Erfc<double, bool, ScalarDoubleOps>(x);
}
