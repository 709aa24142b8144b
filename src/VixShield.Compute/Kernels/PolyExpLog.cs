using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// The bit-level operations that the project's own exp and log need on top of <see cref="IMathOps{T, TMask}"/>
/// (range reduction by powers of two): one line each per arithmetic (vector widths with integer vector views,
/// GPU threads with ILGPU's bit casts), so that <see cref="PolyExpLog"/> is written once.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TMask">The comparison mask type.</typeparam>
public interface IFloatBitsOps<T, TMask> : IMathOps<T, TMask>
    where T : struct
    where TMask : struct
{
    /// <summary>x · 2^n for an integral n (|n| ≤ 1022; float: ≤ 126), i.e. 2^n is a normal number.</summary>
    static abstract T ScaleByPowerOfTwo(T x, T n);

    /// <summary>k of a positive normal x = m · 2^k with m in [√½, √2) (fdlibm's split), as a <typeparamref name="T"/>.</summary>
    static abstract T ReducedExponent(T x);

    /// <summary>m of a positive normal x = m · 2^k with m in [√½, √2).</summary>
    static abstract T ReducedSignificand(T x);
}

/// <summary>
/// The project's one exp and one log per precision, written once against <see cref="IFloatBitsOps{T, TMask}"/> and
/// instantiated by every vector width of the SIMD engine and by the GPU threads (where ILGPU would otherwise route
/// exp/log to LibDevice or a slow software fallback). Branch-free except where some lane is outside the fast range
/// (<see cref="IMathOps{T, TMask}.Any"/>; for scalar GPU threads that is an ordinary branch). Algorithms and
/// measured accuracy: kernels-docs/vector-math.md.
/// </summary>
public static class PolyExpLog
{
    /// <summary>|x| above which e^x is not computed in one piece (2^n would leave the normal range).</summary>
    public const double ExpLimit64 = 708.0;

    /// <summary>float32 <see cref="ExpLimit64"/>.</summary>
    public const double ExpLimit32 = 87.0;

    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm split of ln 2: Ln2Hi has 32 significant bits
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Ln2Hi32 = 6.9313812256e-01;           // musl's float split: Ln2Hi32 has 16 significant bits
    private const double Ln2Lo32 = 9.0580006145e-06;
    private const double Shift64 = 6755399441055744.0;         // 1.5 · 2^52: x + Shift64 - Shift64 rounds x to an integer
    private const double Shift32 = 12582912.0;                 // 1.5 · 2^23
    private const double MinNormal64 = 2.2250738585072014e-308;
    private const double MinNormal32 = 1.17549435e-38;

    /// <summary>
    /// float64 e^x, every x: the core below for |x| ≤ 708; lanes beyond (rare: n(d) tails with |d| &gt; 37.6) are
    /// recomputed with 2^n applied in two halves: correctly rounded subnormals, 0 below −745, +∞ above 709.78, like Math.Exp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp64<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T lim = TOps.C(ExpLimit64);
        T e = Exp64Core<T, TMask, TOps>(TOps.Min(TOps.Max(x, TOps.Neg(lim)), lim));
        TMask outside = TOps.LessThan(lim, TOps.Abs(x));
        if (TOps.Any(outside)) e = TOps.Select(outside, Exp64Outside<T, TMask, TOps>(x), e);
        return e;
    }

    /// <summary>
    /// float64 e^x for |x| ≤ 708: n = round(x/ln2) by the 1.5·2^52 shift, r = x − n·ln2 (two-part ln2, FMA,
    /// |r| ≤ ln2/2), e^r by its Taylor series to r^13 (truncation below 5e-18; see <see cref="Exp64Polynomial"/>), times 2^n.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp64Core<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T shift = TOps.C(Shift64);
        T n = TOps.Sub(TOps.Fma(x, TOps.C(Log2E), shift), shift);
        return TOps.ScaleByPowerOfTwo(Exp64Polynomial<T, TMask, TOps>(x, n), n);
    }

    /// <summary>
    /// e^{x − n ln2} for the integer n nearest x/ln2: 1 + r(1 + r G(r)) with G(r) = Σ r^k/(k+2)!, k = 0..11, the
    /// Taylor series to r^13. The two outer steps are Horner's (they carry the result's rounding); G is evaluated
    /// by Estrin's scheme (powers r², r⁴, r⁸), which cuts the dependent chain from 14 FMAs to 6 operations: the
    /// Greeks kernel is latency bound and this exponential sits on its longest chain (kernels-docs/vector-math.md).
    /// G's own rounding is scaled by r² ≤ 0.12 in the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Exp64Polynomial<T, TMask, TOps>(T x, T n)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T r = TOps.Fma(n, TOps.C(-Ln2Hi), x);
        r = TOps.Fma(n, TOps.C(-Ln2Lo), r);
        T r2 = TOps.Mul(r, r);
        T r4 = TOps.Mul(r2, r2);
        T r8 = TOps.Mul(r4, r4);
        T g01 = TOps.Fma(TOps.C(1.0 / 6.0), r, TOps.C(0.5));                       // 1/2! + r/3!
        T g23 = TOps.Fma(TOps.C(1.0 / 120.0), r, TOps.C(1.0 / 24.0));
        T g45 = TOps.Fma(TOps.C(1.0 / 5040.0), r, TOps.C(1.0 / 720.0));
        T g67 = TOps.Fma(TOps.C(1.0 / 362880.0), r, TOps.C(1.0 / 40320.0));
        T g89 = TOps.Fma(TOps.C(1.0 / 39916800.0), r, TOps.C(1.0 / 3628800.0));
        T g1011 = TOps.Fma(TOps.C(1.0 / 6227020800.0), r, TOps.C(1.0 / 479001600.0)); // 1/12! + r/13!
        T g03 = TOps.Fma(g23, r2, g01);
        T g47 = TOps.Fma(g67, r2, g45);
        T g811 = TOps.Fma(g1011, r2, g89);
        T g = TOps.Fma(g811, r8, TOps.Fma(g47, r4, g03));
        return TOps.Fma(TOps.Fma(g, r, TOps.C(1.0)), r, TOps.C(1.0));
    }

    /// <summary>|x| beyond the one-piece range: clamped to [-746.0, 710.0] (0 and +∞ beyond), the same polynomial, and
    /// 2^n applied in two halves so that a subnormal result is rounded once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Exp64Outside<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        x = TOps.Min(TOps.Max(x, TOps.C(-746.0)), TOps.C(710.0));
        T shift = TOps.C(Shift64);
        T n = TOps.Sub(TOps.Fma(x, TOps.C(Log2E), shift), shift);
        T half = TOps.Sub(TOps.Fma(n, TOps.C(0.5), shift), shift);
        return TOps.ScaleByPowerOfTwo(TOps.ScaleByPowerOfTwo(Exp64Polynomial<T, TMask, TOps>(x, n), half), TOps.Sub(n, half));
    }

    /// <summary>
    /// float64 ln x (fdlibm's e_log.c without tables or branches): x = 2^k·m with m in [√½, √2), f = m − 1,
    /// s = f/(2+f), ln(1+f) = f − f²/2 + s(f²/2 + R(s²)), R of degree 7 (below 1 ulp). Subnormal x is scaled
    /// by 2^54 first; 0 gives −∞, +∞ gives +∞, negative x and NaN give NaN (the same as Math.Log).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log64<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        // x == MinNormal exactly takes the special path, which computes it correctly too.
        TMask normal = TOps.And(TOps.LessThan(TOps.C(MinNormal64), x), TOps.LessThan(x, TOps.C(double.PositiveInfinity)));
        return TOps.All(normal) ? Log64Core<T, TMask, TOps>(x, TOps.C(0.0)) : Log64Special<T, TMask, TOps>(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Log64Core<T, TMask, TOps>(T x, T kOffset)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T k = TOps.Sub(TOps.ReducedExponent(x), kOffset);
        T f = TOps.Sub(TOps.ReducedSignificand(x), TOps.C(1.0));
        T s = TOps.Div(f, TOps.Add(TOps.C(2.0), f));
        T hfsq = TOps.Mul(TOps.C(0.5), TOps.Mul(f, f));
        // k ln2hi - ((hfsq - (s (hfsq + R) + k ln2lo)) - f)
        T inner = TOps.Fma(s, TOps.Add(hfsq, LogSeries64<T, TMask, TOps>(s)), TOps.Mul(k, TOps.C(Ln2Lo)));
        return TOps.Fma(k, TOps.C(Ln2Hi), TOps.Neg(TOps.Sub(TOps.Sub(hfsq, inner), f)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Log64Special<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        TMask tiny = TOps.LessThan(x, TOps.C(MinNormal64));
        T r = Log64Core<T, TMask, TOps>(TOps.Select(tiny, TOps.Mul(x, TOps.C(18014398509481984.0)), x), TOps.Select(tiny, TOps.C(54.0), TOps.C(0.0))); // 2^54
        return Special<T, TMask, TOps>(x, r);
    }

    /// <summary>
    /// float32 e^x, every x: Cody-Waite reduction with a 9-bit ln2 head, e^r by its Taylor series to r^8
    /// (truncation below 3e-10); |x| &gt; 87 in two halves, like <see cref="Exp64"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp32<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T lim = TOps.C(ExpLimit32);
        T e = Exp32Core<T, TMask, TOps>(TOps.Min(TOps.Max(x, TOps.Neg(lim)), lim));
        TMask outside = TOps.LessThan(lim, TOps.Abs(x));
        if (TOps.Any(outside)) e = TOps.Select(outside, Exp32Outside<T, TMask, TOps>(x), e);
        return e;
    }

    /// <summary>float32 e^x for |x| ≤ 87 (see <see cref="Exp32"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp32Core<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T shift = TOps.C(Shift32);
        T n = TOps.Sub(TOps.Fma(x, TOps.C(Log2E), shift), shift);
        return TOps.ScaleByPowerOfTwo(Exp32Polynomial<T, TMask, TOps>(x, n), n);
    }

    /// <summary>float32 e^{x − n ln2}: 1 + r(1 + r G(r)), G = Σ r^k/(k+2)!, k = 0..6, by Estrin's scheme like
    /// <see cref="Exp64Polynomial"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Exp32Polynomial<T, TMask, TOps>(T x, T n)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T r = TOps.Fma(n, TOps.C(-0.693145752), x);
        r = TOps.Fma(n, TOps.C(-1.42860677e-6), r);
        T r2 = TOps.Mul(r, r);
        T g01 = TOps.Fma(TOps.C(0.16666666666666666), r, TOps.C(0.5));
        T g23 = TOps.Fma(TOps.C(0.008333333333333333), r, TOps.C(0.041666666666666664));
        T g45 = TOps.Fma(TOps.C(0.0001984126984126984), r, TOps.C(0.001388888888888889));
        T g46 = TOps.Fma(TOps.C(2.48015873015873e-05), r2, g45);
        T g = TOps.Fma(g46, TOps.Mul(r2, r2), TOps.Fma(g23, r2, g01));
        return TOps.Fma(TOps.Fma(g, r, TOps.C(1.0)), r, TOps.C(1.0));
    }

    /// <summary>|x| beyond the one-piece range: clamped to [-104.0, 89.0] (0 and +∞ beyond), the same polynomial, and
    /// 2^n applied in two halves so that a subnormal result is rounded once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Exp32Outside<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        x = TOps.Min(TOps.Max(x, TOps.C(-104.0)), TOps.C(89.0));
        T shift = TOps.C(Shift32);
        T n = TOps.Sub(TOps.Fma(x, TOps.C(Log2E), shift), shift);
        T half = TOps.Sub(TOps.Fma(n, TOps.C(0.5), shift), shift);
        return TOps.ScaleByPowerOfTwo(TOps.ScaleByPowerOfTwo(Exp32Polynomial<T, TMask, TOps>(x, n), half), TOps.Sub(n, half));
    }

    /// <summary>float32 ln x (musl's logf kernel: the split of <see cref="Log64"/>, a degree-8 odd series in s);
    /// the same special values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log32<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        TMask normal = TOps.And(TOps.LessThan(TOps.C(MinNormal32), x), TOps.LessThan(x, TOps.C(double.PositiveInfinity)));
        return TOps.All(normal) ? Log32Core<T, TMask, TOps>(x, TOps.C(0.0)) : Log32Special<T, TMask, TOps>(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Log32Core<T, TMask, TOps>(T x, T kOffset)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T k = TOps.Sub(TOps.ReducedExponent(x), kOffset);
        T f = TOps.Sub(TOps.ReducedSignificand(x), TOps.C(1.0));
        T s = TOps.Div(f, TOps.Add(TOps.C(2.0), f));
        T hfsq = TOps.Mul(TOps.C(0.5), TOps.Mul(f, f));
        T inner = TOps.Fma(s, TOps.Add(hfsq, LogSeries32<T, TMask, TOps>(s)), TOps.Mul(k, TOps.C(Ln2Lo32)));
        return TOps.Fma(k, TOps.C(Ln2Hi32), TOps.Neg(TOps.Sub(TOps.Sub(hfsq, inner), f)));
    }

    /// <summary>
    /// float64 ln(a/b) for positive normal a and b with one division and no rounded quotient: a = 2^i m_a, b = 2^j m_b
    /// (m in [√½, √2), <see cref="Log64"/>'s split), m_a halved or doubled once so that m_a/m_b is in [√½, √2) too
    /// (k = i - j ± 1), then s = (m_a - m_b)/(m_a + m_b), where m_a - m_b is exact (Sterbenz), and
    /// ln(a/b) = k ln2 + 2s + s R(s²) with <see cref="Log64"/>'s series R (2s + s R(s²) = ln((1+s)/(1-s)), |s| ≤ 0.1716,
    /// the interval fdlibm's R is fitted on). The roundings of m_a + m_b (Fast2Sum) and of the quotient (FMA residual)
    /// are put back as a correction to 2s, so the result is within about an ulp of ln(a/b) itself, at the money too
    /// (measured in kernels-docs/vector-math.md). Replaces a/b rounded, a log of it and the residual that put the
    /// quotient's rounding back: one division fewer on the pricer's longest chain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogRatio64<T, TMask, TOps>(T a, T b)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
        => LogRatio<T, TMask, TOps>(a, b, single: false);

    /// <summary>float32 <see cref="LogRatio64"/> (the same split, <see cref="Log32"/>'s series and ln 2 split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogRatio32<T, TMask, TOps>(T a, T b)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
        => LogRatio<T, TMask, TOps>(a, b, single: true);

    /// <summary>Both precisions (<paramref name="single"/> is a constant at each call, so the JIT keeps one branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LogRatio<T, TMask, TOps>(T a, T b, bool single)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T minNormal = TOps.C(single ? MinNormal32 : MinNormal64);
        if (TOps.Any(TOps.Or(TOps.LessThan(a, minNormal), TOps.LessThan(b, minNormal)))) return LogRatioSubnormal<T, TMask, TOps>(a, b, minNormal, single);
        return LogRatioCore<T, TMask, TOps>(a, b, TOps.C(0.0), single);
    }

    /// <summary>Lanes with a subnormal a or b (never the pricer's validated domain; the bulk implied-vol solver accepts any
    /// positive input): such an operand is scaled by 2^54 (float: 2^25) first and k corrected, as <see cref="Log64"/> does.
    /// Zero, negative, infinite or NaN operands are the caller's to exclude (their lanes give meaningless finite values).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T LogRatioSubnormal<T, TMask, TOps>(T a, T b, T minNormal, bool single)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T scale = TOps.C(single ? 33554432.0 : 18014398509481984.0), scaleExponent = TOps.C(single ? 25.0 : 54.0); // 2^25, 2^54
        TMask tinyA = TOps.LessThan(a, minNormal), tinyB = TOps.LessThan(b, minNormal);
        T offset = TOps.Sub(TOps.Select(tinyA, scaleExponent, zero), TOps.Select(tinyB, scaleExponent, zero));
        a = TOps.Select(tinyA, TOps.Mul(a, scale), a);
        b = TOps.Select(tinyB, TOps.Mul(b, scale), b);
        return LogRatioCore<T, TMask, TOps>(a, b, offset, single);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LogRatioCore<T, TMask, TOps>(T a, T b, T kOffset, bool single)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        RatioSplit<T, TMask, TOps>(a, b, kOffset, out T k, out T s, out T twiceCorrection);
        T series = single ? LogSeries32<T, TMask, TOps>(s) : LogSeries64<T, TMask, TOps>(s);
        T lo = TOps.Fma(s, series, TOps.Fma(k, TOps.C(single ? Ln2Lo32 : Ln2Lo), twiceCorrection));
        return TOps.Fma(k, TOps.C(single ? Ln2Hi32 : Ln2Hi), TOps.Add(TOps.Add(s, s), lo));
    }

    /// <summary>a/b = 2^k (1+s)/(1-s) with |s| ≤ 0.1716 and 2δ, twice what the rounded s lacks (see <see cref="LogRatio64"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RatioSplit<T, TMask, TOps>(T a, T b, T kOffset, out T k, out T s, out T twiceCorrection)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T ma = TOps.ReducedSignificand(a), mb = TOps.ReducedSignificand(b);
        T sqrt2 = TOps.C(1.41421356237309504880);
        T one = TOps.C(1.0);
        TMask high = TOps.LessThan(TOps.Mul(sqrt2, mb), ma);      // m_a/m_b > √2: halve m_a
        TMask low = TOps.LessThan(TOps.Mul(sqrt2, ma), mb);       // m_a/m_b < √½: double m_a
        T step = TOps.Select(high, one, TOps.Select(low, TOps.Neg(one), TOps.C(0.0)));
        ma = TOps.Select(high, TOps.Mul(ma, TOps.C(0.5)), TOps.Select(low, TOps.Add(ma, ma), ma));
        k = TOps.Add(TOps.Sub(TOps.Sub(TOps.ReducedExponent(a), TOps.ReducedExponent(b)), kOffset), step);
        T d = TOps.Sub(ma, mb);                                   // exact: m_a/m_b in [½, 2]
        T big = TOps.Max(ma, mb), small = TOps.Min(ma, mb);
        T sum = TOps.Add(big, small);
        T sumError = TOps.Sub(small, TOps.Sub(sum, big));         // Fast2Sum: m_a + m_b = sum + sumError exactly
        T inv = TOps.Div(one, sum);
        s = TOps.Mul(d, inv);
        // d/(sum + e) - s = (d - s·sum - s·e)/sum to first order; d - s·sum is exact by FMA.
        T residual = TOps.Fma(TOps.Neg(s), sumError, TOps.Fma(TOps.Neg(s), sum, d));
        twiceCorrection = TOps.Mul(TOps.Add(inv, inv), residual);
    }

    /// <summary>fdlibm's R(s²) of ln(1+f) = f − f²/2 + s(f²/2 + R), s = f/(2+f): degree 7 in s², below 1 ulp for |s| ≤ 0.1716.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LogSeries64<T, TMask, TOps>(T s)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T z = TOps.Mul(s, s);
        T w = TOps.Mul(z, z);
        T t1 = TOps.Mul(w, TOps.Fma(w, TOps.Fma(w, TOps.C(1.531383769920937332e-01), TOps.C(2.222219843214978396e-01)), TOps.C(3.999999999940941908e-01)));
        T t2 = TOps.Mul(z, TOps.Fma(w, TOps.Fma(w, TOps.Fma(w, TOps.C(1.479819860511658591e-01), TOps.C(1.818357216161805012e-01)), TOps.C(2.857142874366239149e-01)), TOps.C(6.666666666666735130e-01)));
        return TOps.Add(t2, t1);
    }

    /// <summary>musl's logf R(s²): degree 4 in s².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T LogSeries32<T, TMask, TOps>(T s)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T z = TOps.Mul(s, s);
        T w = TOps.Mul(z, z);
        T t1 = TOps.Mul(w, TOps.Fma(w, TOps.C(0.24279078841), TOps.C(0.40000972152)));
        T t2 = TOps.Mul(z, TOps.Fma(w, TOps.C(0.28498786688), TOps.C(0.66666662693)));
        return TOps.Add(t2, t1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Log32Special<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        TMask tiny = TOps.LessThan(x, TOps.C(MinNormal32));
        T r = Log32Core<T, TMask, TOps>(TOps.Select(tiny, TOps.Mul(x, TOps.C(33554432.0)), x), TOps.Select(tiny, TOps.C(25.0), TOps.C(0.0))); // 2^25
        return Special<T, TMask, TOps>(x, r);
    }

    /// <summary>Math.Log's special values over a core result: 0 → −∞, +∞ → +∞, negative or NaN → NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Special<T, TMask, TOps>(T x, T r)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        r = TOps.Select(TOps.Equal(x, zero), TOps.C(double.NegativeInfinity), r);
        r = TOps.Select(TOps.Equal(x, TOps.C(double.PositiveInfinity)), x, r);
        r = TOps.Select(TOps.LessThan(x, zero), TOps.C(double.NaN), r);
        return TOps.Select(TOps.Equal(x, x), r, TOps.C(double.NaN));
    }
}
