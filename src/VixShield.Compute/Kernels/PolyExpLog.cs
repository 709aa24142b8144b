using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// The bit-level operations that the project's own exp and log need on top of <see cref="IMathOps{T, TMask}"/>
/// (range reduction by powers of two). A separate interface, so that the shared <see cref="IMathOps{T, TMask}"/>
/// keeps its members: GPU ops implement it with ILGPU's bit casts, a vector path may implement it with
/// vector shifts and reuse <see cref="PolyExpLog"/> unchanged.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TMask">The comparison mask type.</typeparam>
public interface IFloatBitsOps<T, TMask> : IMathOps<T, TMask>
    where T : struct
    where TMask : struct
{
    /// <summary>The nearest integer to x (ties either way), as a <typeparamref name="T"/>.</summary>
    static abstract T RoundToInteger(T x);

    /// <summary>x · 2^n for an integral n whose 2^n is a normal number (|n| below the exponent bias).</summary>
    static abstract T ScaleByPowerOfTwo(T x, T n);

    /// <summary>The unbiased binary exponent e of a positive normal x (x = m · 2^e, 1 ≤ m &lt; 2), as a <typeparamref name="T"/>.</summary>
    static abstract T Exponent(T x);

    /// <summary>The significand m of a positive normal x (x = m · 2^e, 1 ≤ m &lt; 2).</summary>
    static abstract T Significand(T x);
}

/// <summary>
/// The project's own exp and log: range reduction by powers of two and a polynomial, written once
/// against <see cref="IFloatBitsOps{T, TMask}"/> so that GPU threads (where ILGPU would otherwise route
/// double exp/log to a slow software fallback unless LibDevice is present) and any vector path share one
/// algorithm. Branch-free (min/max/select only). Accuracy measured in kernels-docs/gpu.md.
/// </summary>
public static class PolyExpLog
{
    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm split of ln 2: Ln2Hi has 32 significant bits
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>
    /// float64 e^x: n = round(x/ln2), r = x - n ln2 (two-part ln2, FMA), |r| ≤ ln2/2, e^r by its degree-13
    /// Taylor polynomial (truncation below 4e-18 relative), then · 2^n applied in two halves so that
    /// subnormal results round correctly. x is clamped to [-746, 710]: very negative x gives 0, large x +∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp64<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        x = TOps.Max(TOps.C(-746.0), TOps.Min(x, TOps.C(710.0)));
        T n = TOps.RoundToInteger(TOps.Mul(x, TOps.C(Log2E)));
        T r = TOps.Fma(TOps.Neg(n), TOps.C(Ln2Hi), x);
        r = TOps.Fma(TOps.Neg(n), TOps.C(Ln2Lo), r);
        T p = TOps.C(1.0 / 6227020800.0);                 // 1/13!
        p = TOps.Fma(p, r, TOps.C(1.0 / 479001600.0));     // 1/12!
        p = TOps.Fma(p, r, TOps.C(1.0 / 39916800.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 3628800.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 362880.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 40320.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 5040.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 720.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 120.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 24.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 6.0));
        p = TOps.Fma(p, r, TOps.C(0.5));
        p = TOps.Fma(p, r, TOps.C(1.0));
        p = TOps.Fma(p, r, TOps.C(1.0));
        T half = TOps.RoundToInteger(TOps.Mul(n, TOps.C(0.5)));
        return TOps.ScaleByPowerOfTwo(TOps.ScaleByPowerOfTwo(p, half), TOps.Sub(n, half));
    }

    /// <summary>
    /// float64 ln x for positive finite x (fdlibm's e_log.c algorithm): x = m 2^e with m in [√2/2, √2),
    /// f = m - 1, s = f/(2+f), ln(1+f) = f - f²/2 + s(f²/2 + R(s²)) with R a degree-7 minimax polynomial
    /// (error below 1 ulp). Subnormal x is scaled by 2^54 first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log64<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        TMask tiny = TOps.LessThan(x, TOps.C(2.2250738585072014e-308));
        x = TOps.Select(tiny, TOps.Mul(x, TOps.C(18014398509481984.0)), x); // 2^54
        T e = TOps.Sub(TOps.Exponent(x), TOps.Select(tiny, TOps.C(54.0), TOps.C(0.0)));
        T m = TOps.Significand(x);
        TMask big = TOps.LessThan(TOps.C(Sqrt2), m);
        m = TOps.Select(big, TOps.Mul(m, TOps.C(0.5)), m);
        e = TOps.Select(big, TOps.Add(e, TOps.C(1.0)), e);
        T f = TOps.Sub(m, TOps.C(1.0));
        T s = TOps.Div(f, TOps.Add(TOps.C(2.0), f));
        T z = TOps.Mul(s, s);
        T w = TOps.Mul(z, z);
        T t1 = TOps.Mul(w, TOps.Fma(w, TOps.Fma(w, TOps.C(1.531383769920937332e-01), TOps.C(2.222219843214978396e-01)), TOps.C(3.999999999940941908e-01)));
        T t2 = TOps.Mul(z, TOps.Fma(w, TOps.Fma(w, TOps.Fma(w, TOps.C(1.479819860511658591e-01), TOps.C(1.818357216161805012e-01)), TOps.C(2.857142874366239149e-01)), TOps.C(6.666666666666735130e-01)));
        T rr = TOps.Add(t2, t1);
        T hfsq = TOps.Mul(TOps.C(0.5), TOps.Mul(f, f));
        // e ln2hi - ((hfsq - (s (hfsq + R) + e ln2lo)) - f)
        T inner = TOps.Fma(s, TOps.Add(hfsq, rr), TOps.Mul(e, TOps.C(Ln2Lo)));
        return TOps.Fma(e, TOps.C(Ln2Hi), TOps.Neg(TOps.Sub(TOps.Sub(hfsq, inner), f)));
    }

    /// <summary>
    /// float32 e^x: the same reduction with float constants, degree-7 Taylor polynomial (truncation 5e-9
    /// relative), x clamped to [-104, 89].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp32<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        x = TOps.Max(TOps.C(-104.0), TOps.Min(x, TOps.C(89.0)));
        T n = TOps.RoundToInteger(TOps.Mul(x, TOps.C(Log2E)));
        T r = TOps.Fma(TOps.Neg(n), TOps.C(6.93359375e-1), x);     // ln2 hi (9 bits)
        r = TOps.Fma(TOps.Neg(n), TOps.C(-2.12194440e-4), r);       // ln2 lo
        T p = TOps.C(1.0 / 5040.0);
        p = TOps.Fma(p, r, TOps.C(1.0 / 720.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 120.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 24.0));
        p = TOps.Fma(p, r, TOps.C(1.0 / 6.0));
        p = TOps.Fma(p, r, TOps.C(0.5));
        p = TOps.Fma(p, r, TOps.C(1.0));
        p = TOps.Fma(p, r, TOps.C(1.0));
        T half = TOps.RoundToInteger(TOps.Mul(n, TOps.C(0.5)));
        return TOps.ScaleByPowerOfTwo(TOps.ScaleByPowerOfTwo(p, half), TOps.Sub(n, half));
    }

    /// <summary>float32 ln x for positive finite x (FreeBSD e_logf.c polynomial, error below 1 ulp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log32<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IFloatBitsOps<T, TMask>
    {
        TMask tiny = TOps.LessThan(x, TOps.C(1.17549435e-38));
        x = TOps.Select(tiny, TOps.Mul(x, TOps.C(33554432.0)), x); // 2^25
        T e = TOps.Sub(TOps.Exponent(x), TOps.Select(tiny, TOps.C(25.0), TOps.C(0.0)));
        T m = TOps.Significand(x);
        TMask big = TOps.LessThan(TOps.C(Sqrt2), m);
        m = TOps.Select(big, TOps.Mul(m, TOps.C(0.5)), m);
        e = TOps.Select(big, TOps.Add(e, TOps.C(1.0)), e);
        T f = TOps.Sub(m, TOps.C(1.0));
        T s = TOps.Div(f, TOps.Add(TOps.C(2.0), f));
        T z = TOps.Mul(s, s);
        T w = TOps.Mul(z, z);
        T t1 = TOps.Mul(w, TOps.Fma(w, TOps.C(0.24279078841), TOps.C(0.40000972152)));
        T t2 = TOps.Mul(z, TOps.Fma(w, TOps.C(0.28498786688), TOps.C(0.66666662693)));
        T rr = TOps.Add(t2, t1);
        T hfsq = TOps.Mul(TOps.C(0.5), TOps.Mul(f, f));
        T inner = TOps.Fma(s, TOps.Add(hfsq, rr), TOps.Mul(e, TOps.C(9.0580006145e-06)));
        return TOps.Fma(e, TOps.C(6.9313812256e-01), TOps.Neg(TOps.Sub(TOps.Sub(hfsq, inner), f)));
    }
}
