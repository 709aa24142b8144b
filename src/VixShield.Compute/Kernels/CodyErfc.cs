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

    /// <summary>Above this erfc(x) underflows to 0 in float64.</summary>
    public const double UnderflowLimit = 26.55;

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

    /// <summary>erfcx(y) = exp(y²) erfc(y) for 0.46875 &lt;= y &lt;= 4 (rational in y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfcxMiddle<T, TMask, TOps>(T y)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T num = TOps.Fma(TOps.C(2.15311535474403846e-8), y, TOps.C(5.64188496988670089e-1));
        num = TOps.Fma(num, y, TOps.C(8.88314979438837594e0));
        num = TOps.Fma(num, y, TOps.C(6.61191906371416295e1));
        num = TOps.Fma(num, y, TOps.C(2.98635138197400131e2));
        num = TOps.Fma(num, y, TOps.C(8.81952221241769090e2));
        num = TOps.Fma(num, y, TOps.C(1.71204761263407058e3));
        num = TOps.Fma(num, y, TOps.C(2.05107837782607147e3));
        num = TOps.Fma(num, y, TOps.C(1.23033935479799725e3));
        T den = TOps.Add(y, TOps.C(1.57449261107098347e1));
        den = TOps.Fma(den, y, TOps.C(1.17693950891312499e2));
        den = TOps.Fma(den, y, TOps.C(5.37181101862009858e2));
        den = TOps.Fma(den, y, TOps.C(1.62138957456669019e3));
        den = TOps.Fma(den, y, TOps.C(3.29079923573345963e3));
        den = TOps.Fma(den, y, TOps.C(4.36261909014324716e3));
        den = TOps.Fma(den, y, TOps.C(3.43936767414372164e3));
        den = TOps.Fma(den, y, TOps.C(1.23033935480374942e3));
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

    /// <summary>
    /// Branchless erfc over the whole real line for vector or GPU paths: every region is evaluated and
    /// the right one selected per lane. Vector engines may instead skip regions no lane needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Select<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T y = TOps.Abs(x);
        T one = TOps.C(1.0);
        T small = TOps.Sub(one, ErfSmall<T, TMask, TOps>(x));
        T yc = TOps.Min(y, TOps.C(UnderflowLimit));
        T erfcx = TOps.Select(TOps.LessThan(TOps.C(Region2Limit), yc), ErfcxTail<T, TMask, TOps>(yc), ErfcxMiddle<T, TMask, TOps>(yc));
        T big = TOps.Mul(ExpMinusSquare<T, TMask, TOps>(yc), erfcx);
        big = TOps.Select(TOps.LessThan(TOps.C(UnderflowLimit), y), TOps.C(0.0), big);
        big = TOps.Select(TOps.LessThan(x, TOps.C(0.0)), TOps.Sub(TOps.C(2.0), big), big);
        return TOps.Select(TOps.LessThan(y, TOps.C(Region1Limit)), small, big);
    }

    /// <summary>Scalar float64 erfc with branches (the reference path).</summary>
    public static double Scalar(double x)
    {
        double y = Math.Abs(x);
        if (y < Region1Limit) return 1.0 - ErfSmall<double, bool, ScalarDoubleOps>(x);
        if (double.IsNaN(x)) return double.NaN;
        double r;
        if (y > UnderflowLimit) r = 0.0;
        else
        {
            double erfcx = y <= Region2Limit
                ? ErfcxMiddle<double, bool, ScalarDoubleOps>(y)
                : ErfcxTail<double, bool, ScalarDoubleOps>(y);
            r = ExpMinusSquare<double, bool, ScalarDoubleOps>(y) * erfcx;
        }

        return x < 0 ? 2.0 - r : r;
    }

    /// <summary>
    /// Scalar float64 erfc(x) given e = exp(-x²) (compensated): <see cref="Scalar"/> without its exponential,
    /// erfc(|x|) = e erfcx(|x|) for |x| &gt;= 0.46875. <paramref name="e"/> is unused in region 1.
    /// </summary>
    public static double ScalarGivenExp(double x, double e)
    {
        double y = Math.Abs(x);
        if (y < Region1Limit) return 1.0 - ErfSmall<double, bool, ScalarDoubleOps>(x);
        if (double.IsNaN(x)) return double.NaN;
        double r;
        if (y > UnderflowLimit) r = 0.0;
        else
        {
            double erfcx = y <= Region2Limit
                ? ErfcxMiddle<double, bool, ScalarDoubleOps>(y)
                : ErfcxTail<double, bool, ScalarDoubleOps>(y);
            r = e * erfcx;
        }

        return x < 0 ? 2.0 - r : r;
    }
}
