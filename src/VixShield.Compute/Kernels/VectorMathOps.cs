// The six vector IMathOps implementations differ only in width and element type; keep them in step.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VixShield.Compute.Kernels;

/// <summary>
/// 512-bit double vector arithmetic (8 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 708.0
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector512DoubleOps : IVectorMathOps<Vector512<double>, double>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const double ExpLimit = 708.0;

    /// <inheritdoc/>
    public static int Count => Vector512<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> C(double value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Neg(Vector512<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> x) => Vector512.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> x) => Vector512.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Vector512.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> lim = Vector512.Create(ExpLimit);
        Vector512<double> e = ExpCore(Vector512.MinNative(Vector512.MaxNative(x, -lim), lim));
        Vector512<double> outside = Vector512.GreaterThan(Vector512.Abs(x), lim);
        if (Vector512.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        Vector512<double> normal = Vector512.GreaterThanOrEqual(x, Vector512.Create(2.2250738585072014e-308)) & Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity));
        return Vector512.ExtractMostSignificantBits(normal) == 0xFFUL ? LogCore(x) : Vector512.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Erfc(Vector512<double> x) => VectorErfc.Evaluate<Vector512<double>, double, Vector512DoubleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ErfcGivenExp(Vector512<double> x, Vector512<double> e) => VectorErfc.EvaluateGivenExp<Vector512<double>, double, Vector512DoubleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Equal(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> a, Vector512<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector512<double> mask) => Vector512.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<double> mask) => Vector512.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector512<double> mask) => Vector512.ExtractMostSignificantBits(mask) == 0xFFUL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<double> Load(double* source) => Vector512.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector512<double> value, double* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 708: x = n ln2 + r (Cody-Waite, |r| &lt;= ln2/2), e^r by its Taylor series to r^13
    /// (truncation below 5e-18), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpCore(Vector512<double> x)
    {
        Vector512<double> shift = Vector512.Create(6755399441055744.0); // 1.5 * 2^52: adding it rounds to an integer
        Vector512<double> t = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.4426950408889634), shift);
        Vector512<double> n = t - shift;
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-6.93147180369123816490e-01), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-1.90821492927058770002e-10), r);
        Vector512<double> p = Vector512.Create(1.6059043836821613e-10);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(2.08767569878681e-09));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(2.505210838544172e-08));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(2.755731922398589e-07));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(2.7557319223985893e-06));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(2.48015873015873e-05));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.0001984126984126984));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.001388888888888889));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.008333333333333333));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.041666666666666664));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.16666666666666666));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        Vector512<ulong> scale = (t.AsUInt64() - shift.AsUInt64() + Vector512.Create(1023UL)) << 52;
        return p * scale.AsDouble();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then fdlibm's log1p kernel
    /// (s = f/(2+f), a degree-14 odd series in s; below 1 ulp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogCore(Vector512<double> x)
    {
        Vector512<ulong> u = x.AsUInt64() + Vector512.Create(0x00095f6200000000UL); // 0x3ff0000000000000 - 0x3fe6a09e00000000
        Vector512<double> k = ((u >> 52) | Vector512.Create(0x4330000000000000UL)).AsDouble() - Vector512.Create(4503599627371519.0); // - (2^52 + 1023)
        Vector512<double> f = ((u & Vector512.Create(0x000fffffffffffffUL)) + Vector512.Create(0x3fe6a09e00000000UL)).AsDouble() - Vector512.Create(1.0);
        Vector512<double> hfsq = Vector512.Create(0.5) * f * f;
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> w = z * z;
        Vector512<double> t1 = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(1.531383769920937332e-01), Vector512.Create(2.222219843214978396e-01)), Vector512.Create(3.999999999940941908e-01));
        Vector512<double> t2 = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(1.479819860511658591e-01), Vector512.Create(1.818357216161805012e-01)), Vector512.Create(2.857142874366239149e-01)), Vector512.Create(6.666666666666735130e-01));
        Vector512<double> rr = t2 + t1;
        return (s * (hfsq + rr)) + (k * Vector512.Create(1.90821492927058770002e-10)) - hfsq + f + (k * Vector512.Create(6.93147180369123816490e-01));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> ExpOutside(Vector512<double> x, Vector512<double> outside, Vector512<double> e)
    {
        Vector512<double> lim = Vector512.Create(ExpLimit);
        Vector512<double> h = ExpCore(Vector512.MinNative(Vector512.MaxNative(x * Vector512.Create(0.5), -lim), lim));
        return Vector512.ConditionalSelect(outside, h * h, e);
    }
}

/// <summary>
/// 256-bit double vector arithmetic (4 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 708.0
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector256DoubleOps : IVectorMathOps<Vector256<double>, double>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const double ExpLimit = 708.0;

    /// <inheritdoc/>
    public static int Count => Vector256<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> C(double value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Neg(Vector256<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> x) => Vector256.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> x) => Vector256.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> lim = Vector256.Create(ExpLimit);
        Vector256<double> e = ExpCore(Vector256.MinNative(Vector256.MaxNative(x, -lim), lim));
        Vector256<double> outside = Vector256.GreaterThan(Vector256.Abs(x), lim);
        if (Vector256.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        Vector256<double> normal = Vector256.GreaterThanOrEqual(x, Vector256.Create(2.2250738585072014e-308)) & Vector256.LessThan(x, Vector256.Create(double.PositiveInfinity));
        return Vector256.ExtractMostSignificantBits(normal) == 0xFUL ? LogCore(x) : Vector256.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Erfc(Vector256<double> x) => VectorErfc.Evaluate<Vector256<double>, double, Vector256DoubleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ErfcGivenExp(Vector256<double> x, Vector256<double> e) => VectorErfc.EvaluateGivenExp<Vector256<double>, double, Vector256DoubleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Equal(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> a, Vector256<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector256<double> mask) => Vector256.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> mask) => Vector256.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector256<double> mask) => Vector256.ExtractMostSignificantBits(mask) == 0xFUL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Load(double* source) => Vector256.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector256<double> value, double* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 708: x = n ln2 + r (Cody-Waite, |r| &lt;= ln2/2), e^r by its Taylor series to r^13
    /// (truncation below 5e-18), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpCore(Vector256<double> x)
    {
        Vector256<double> shift = Vector256.Create(6755399441055744.0); // 1.5 * 2^52: adding it rounds to an integer
        Vector256<double> t = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.4426950408889634), shift);
        Vector256<double> n = t - shift;
        Vector256<double> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-6.93147180369123816490e-01), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-1.90821492927058770002e-10), r);
        Vector256<double> p = Vector256.Create(1.6059043836821613e-10);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.08767569878681e-09));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.505210838544172e-08));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.755731922398589e-07));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.7557319223985893e-06));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.48015873015873e-05));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.0001984126984126984));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.001388888888888889));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.008333333333333333));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.041666666666666664));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.16666666666666666));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        Vector256<ulong> scale = (t.AsUInt64() - shift.AsUInt64() + Vector256.Create(1023UL)) << 52;
        return p * scale.AsDouble();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then fdlibm's log1p kernel
    /// (s = f/(2+f), a degree-14 odd series in s; below 1 ulp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogCore(Vector256<double> x)
    {
        Vector256<ulong> u = x.AsUInt64() + Vector256.Create(0x00095f6200000000UL); // 0x3ff0000000000000 - 0x3fe6a09e00000000
        Vector256<double> k = ((u >> 52) | Vector256.Create(0x4330000000000000UL)).AsDouble() - Vector256.Create(4503599627371519.0); // - (2^52 + 1023)
        Vector256<double> f = ((u & Vector256.Create(0x000fffffffffffffUL)) + Vector256.Create(0x3fe6a09e00000000UL)).AsDouble() - Vector256.Create(1.0);
        Vector256<double> hfsq = Vector256.Create(0.5) * f * f;
        Vector256<double> s = f / (Vector256.Create(2.0) + f);
        Vector256<double> z = s * s;
        Vector256<double> w = z * z;
        Vector256<double> t1 = w * Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(1.531383769920937332e-01), Vector256.Create(2.222219843214978396e-01)), Vector256.Create(3.999999999940941908e-01));
        Vector256<double> t2 = z * Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(1.479819860511658591e-01), Vector256.Create(1.818357216161805012e-01)), Vector256.Create(2.857142874366239149e-01)), Vector256.Create(6.666666666666735130e-01));
        Vector256<double> rr = t2 + t1;
        return (s * (hfsq + rr)) + (k * Vector256.Create(1.90821492927058770002e-10)) - hfsq + f + (k * Vector256.Create(6.93147180369123816490e-01));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> ExpOutside(Vector256<double> x, Vector256<double> outside, Vector256<double> e)
    {
        Vector256<double> lim = Vector256.Create(ExpLimit);
        Vector256<double> h = ExpCore(Vector256.MinNative(Vector256.MaxNative(x * Vector256.Create(0.5), -lim), lim));
        return Vector256.ConditionalSelect(outside, h * h, e);
    }
}

/// <summary>
/// 128-bit double vector arithmetic (2 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 708.0
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector128DoubleOps : IVectorMathOps<Vector128<double>, double>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const double ExpLimit = 708.0;

    /// <inheritdoc/>
    public static int Count => Vector128<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> C(double value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Div(Vector128<double> a, Vector128<double> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Neg(Vector128<double> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Fma(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> x) => Vector128.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Abs(Vector128<double> x) => Vector128.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Min(Vector128<double> a, Vector128<double> b) => Vector128.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> a, Vector128<double> b) => Vector128.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x)
    {
        Vector128<double> lim = Vector128.Create(ExpLimit);
        Vector128<double> e = ExpCore(Vector128.MinNative(Vector128.MaxNative(x, -lim), lim));
        Vector128<double> outside = Vector128.GreaterThan(Vector128.Abs(x), lim);
        if (Vector128.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> x)
    {
        Vector128<double> normal = Vector128.GreaterThanOrEqual(x, Vector128.Create(2.2250738585072014e-308)) & Vector128.LessThan(x, Vector128.Create(double.PositiveInfinity));
        return Vector128.ExtractMostSignificantBits(normal) == 0x3UL ? LogCore(x) : Vector128.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Erfc(Vector128<double> x) => VectorErfc.Evaluate<Vector128<double>, double, Vector128DoubleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ErfcGivenExp(Vector128<double> x, Vector128<double> e) => VectorErfc.EvaluateGivenExp<Vector128<double>, double, Vector128DoubleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Equal(Vector128<double> a, Vector128<double> b) => Vector128.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> a, Vector128<double> b) => Vector128.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> a, Vector128<double> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Or(Vector128<double> a, Vector128<double> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector128<double> mask) => Vector128.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector128<double> mask) => Vector128.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector128<double> mask) => Vector128.ExtractMostSignificantBits(mask) == 0x3UL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector128<double> Load(double* source) => Vector128.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector128<double> value, double* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 708: x = n ln2 + r (Cody-Waite, |r| &lt;= ln2/2), e^r by its Taylor series to r^13
    /// (truncation below 5e-18), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ExpCore(Vector128<double> x)
    {
        Vector128<double> shift = Vector128.Create(6755399441055744.0); // 1.5 * 2^52: adding it rounds to an integer
        Vector128<double> t = Vector128.FusedMultiplyAdd(x, Vector128.Create(1.4426950408889634), shift);
        Vector128<double> n = t - shift;
        Vector128<double> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-6.93147180369123816490e-01), x);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-1.90821492927058770002e-10), r);
        Vector128<double> p = Vector128.Create(1.6059043836821613e-10);
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(2.08767569878681e-09));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(2.505210838544172e-08));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(2.755731922398589e-07));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(2.7557319223985893e-06));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(2.48015873015873e-05));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.0001984126984126984));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.001388888888888889));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.008333333333333333));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.041666666666666664));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.16666666666666666));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.5));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0));
        Vector128<ulong> scale = (t.AsUInt64() - shift.AsUInt64() + Vector128.Create(1023UL)) << 52;
        return p * scale.AsDouble();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then fdlibm's log1p kernel
    /// (s = f/(2+f), a degree-14 odd series in s; below 1 ulp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LogCore(Vector128<double> x)
    {
        Vector128<ulong> u = x.AsUInt64() + Vector128.Create(0x00095f6200000000UL); // 0x3ff0000000000000 - 0x3fe6a09e00000000
        Vector128<double> k = ((u >> 52) | Vector128.Create(0x4330000000000000UL)).AsDouble() - Vector128.Create(4503599627371519.0); // - (2^52 + 1023)
        Vector128<double> f = ((u & Vector128.Create(0x000fffffffffffffUL)) + Vector128.Create(0x3fe6a09e00000000UL)).AsDouble() - Vector128.Create(1.0);
        Vector128<double> hfsq = Vector128.Create(0.5) * f * f;
        Vector128<double> s = f / (Vector128.Create(2.0) + f);
        Vector128<double> z = s * s;
        Vector128<double> w = z * z;
        Vector128<double> t1 = w * Vector128.FusedMultiplyAdd(w, Vector128.FusedMultiplyAdd(w, Vector128.Create(1.531383769920937332e-01), Vector128.Create(2.222219843214978396e-01)), Vector128.Create(3.999999999940941908e-01));
        Vector128<double> t2 = z * Vector128.FusedMultiplyAdd(w, Vector128.FusedMultiplyAdd(w, Vector128.FusedMultiplyAdd(w, Vector128.Create(1.479819860511658591e-01), Vector128.Create(1.818357216161805012e-01)), Vector128.Create(2.857142874366239149e-01)), Vector128.Create(6.666666666666735130e-01));
        Vector128<double> rr = t2 + t1;
        return (s * (hfsq + rr)) + (k * Vector128.Create(1.90821492927058770002e-10)) - hfsq + f + (k * Vector128.Create(6.93147180369123816490e-01));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<double> ExpOutside(Vector128<double> x, Vector128<double> outside, Vector128<double> e)
    {
        Vector128<double> lim = Vector128.Create(ExpLimit);
        Vector128<double> h = ExpCore(Vector128.MinNative(Vector128.MaxNative(x * Vector128.Create(0.5), -lim), lim));
        return Vector128.ConditionalSelect(outside, h * h, e);
    }
}

/// <summary>
/// 512-bit float vector arithmetic (16 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 87.0f
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector512SingleOps : IVectorMathOps<Vector512<float>, float>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const float ExpLimit = 87.0f;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> C(double value) => Vector512.Create((float)value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Neg(Vector512<float> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> lim = Vector512.Create(ExpLimit);
        Vector512<float> e = ExpCore(Vector512.MinNative(Vector512.MaxNative(x, -lim), lim));
        Vector512<float> outside = Vector512.GreaterThan(Vector512.Abs(x), lim);
        if (Vector512.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<float> normal = Vector512.GreaterThanOrEqual(x, Vector512.Create(1.17549435e-38f)) & Vector512.LessThan(x, Vector512.Create(float.PositiveInfinity));
        return Vector512.ExtractMostSignificantBits(normal) == 0xFFFFUL ? LogCore(x) : Vector512.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Erfc(Vector512<float> x) => VectorErfc.Evaluate<Vector512<float>, float, Vector512SingleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ErfcGivenExp(Vector512<float> x, Vector512<float> e) => VectorErfc.EvaluateGivenExp<Vector512<float>, float, Vector512SingleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Equal(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Select(Vector512<float> mask, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector512<float> mask) => Vector512.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<float> mask) => Vector512.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector512<float> mask) => Vector512.ExtractMostSignificantBits(mask) == 0xFFFFUL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<float> Load(float* source) => Vector512.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector512<float> value, float* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 87: x = n ln2 + r (|r| &lt;= ln2/2), e^r by its Taylor series to r^8
    /// (truncation below 3e-10), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpCore(Vector512<float> x)
    {
        Vector512<float> shift = Vector512.Create(12582912f); // 1.5 * 2^23
        Vector512<float> t = Vector512.FusedMultiplyAdd(x, Vector512.Create(1.44269504f), shift);
        Vector512<float> n = t - shift;
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693145752f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-1.42860677e-6f), r);
        Vector512<float> p = Vector512.Create(2.48015873015873e-05f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.0001984126984126984f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.001388888888888889f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.008333333333333333f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.041666666666666664f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.16666666666666666f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0f));
        Vector512<uint> scale = (t.AsUInt32() - shift.AsUInt32() + Vector512.Create(127U)) << 23;
        return p * scale.AsSingle();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then musl's logf kernel
    /// (s = f/(2+f), a degree-8 odd series in s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogCore(Vector512<float> x)
    {
        Vector512<uint> u = x.AsUInt32() + Vector512.Create(0x004afb0dU); // 0x3f800000 - 0x3f3504f3
        Vector512<float> k = Vector512.ConvertToSingle((u >> 23).AsInt32() - Vector512.Create(127));
        Vector512<float> f = ((u & Vector512.Create(0x007fffffU)) + Vector512.Create(0x3f3504f3U)).AsSingle() - Vector512.Create(1f);
        Vector512<float> s = f / (Vector512.Create(2f) + f);
        Vector512<float> z = s * s;
        Vector512<float> w = z * z;
        Vector512<float> t1 = w * Vector512.FusedMultiplyAdd(w, Vector512.Create(0.24279078841f), Vector512.Create(0.40000972152f));
        Vector512<float> t2 = z * Vector512.FusedMultiplyAdd(w, Vector512.Create(0.28498786688f), Vector512.Create(0.66666662693f));
        Vector512<float> rr = t2 + t1;
        Vector512<float> hfsq = Vector512.Create(0.5f) * f * f;
        return (s * (hfsq + rr)) + (k * Vector512.Create(9.0580006145e-06f)) - hfsq + f + (k * Vector512.Create(6.9313812256e-01f));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> ExpOutside(Vector512<float> x, Vector512<float> outside, Vector512<float> e)
    {
        Vector512<float> lim = Vector512.Create(ExpLimit);
        Vector512<float> h = ExpCore(Vector512.MinNative(Vector512.MaxNative(x * Vector512.Create(0.5f), -lim), lim));
        return Vector512.ConditionalSelect(outside, h * h, e);
    }
}

/// <summary>
/// 256-bit float vector arithmetic (8 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 87.0f
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector256SingleOps : IVectorMathOps<Vector256<float>, float>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const float ExpLimit = 87.0f;

    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> C(double value) => Vector256.Create((float)value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Neg(Vector256<float> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> lim = Vector256.Create(ExpLimit);
        Vector256<float> e = ExpCore(Vector256.MinNative(Vector256.MaxNative(x, -lim), lim));
        Vector256<float> outside = Vector256.GreaterThan(Vector256.Abs(x), lim);
        if (Vector256.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        Vector256<float> normal = Vector256.GreaterThanOrEqual(x, Vector256.Create(1.17549435e-38f)) & Vector256.LessThan(x, Vector256.Create(float.PositiveInfinity));
        return Vector256.ExtractMostSignificantBits(normal) == 0xFFUL ? LogCore(x) : Vector256.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Erfc(Vector256<float> x) => VectorErfc.Evaluate<Vector256<float>, float, Vector256SingleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ErfcGivenExp(Vector256<float> x, Vector256<float> e) => VectorErfc.EvaluateGivenExp<Vector256<float>, float, Vector256SingleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<float> mask, Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector256<float> mask) => Vector256.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<float> mask) => Vector256.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector256<float> mask) => Vector256.ExtractMostSignificantBits(mask) == 0xFFUL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<float> Load(float* source) => Vector256.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector256<float> value, float* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 87: x = n ln2 + r (|r| &lt;= ln2/2), e^r by its Taylor series to r^8
    /// (truncation below 3e-10), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpCore(Vector256<float> x)
    {
        Vector256<float> shift = Vector256.Create(12582912f); // 1.5 * 2^23
        Vector256<float> t = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.44269504f), shift);
        Vector256<float> n = t - shift;
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693145752f), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-1.42860677e-6f), r);
        Vector256<float> p = Vector256.Create(2.48015873015873e-05f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.0001984126984126984f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.001388888888888889f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.008333333333333333f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.041666666666666664f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.16666666666666666f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0f));
        Vector256<uint> scale = (t.AsUInt32() - shift.AsUInt32() + Vector256.Create(127U)) << 23;
        return p * scale.AsSingle();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then musl's logf kernel
    /// (s = f/(2+f), a degree-8 odd series in s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LogCore(Vector256<float> x)
    {
        Vector256<uint> u = x.AsUInt32() + Vector256.Create(0x004afb0dU); // 0x3f800000 - 0x3f3504f3
        Vector256<float> k = Vector256.ConvertToSingle((u >> 23).AsInt32() - Vector256.Create(127));
        Vector256<float> f = ((u & Vector256.Create(0x007fffffU)) + Vector256.Create(0x3f3504f3U)).AsSingle() - Vector256.Create(1f);
        Vector256<float> s = f / (Vector256.Create(2f) + f);
        Vector256<float> z = s * s;
        Vector256<float> w = z * z;
        Vector256<float> t1 = w * Vector256.FusedMultiplyAdd(w, Vector256.Create(0.24279078841f), Vector256.Create(0.40000972152f));
        Vector256<float> t2 = z * Vector256.FusedMultiplyAdd(w, Vector256.Create(0.28498786688f), Vector256.Create(0.66666662693f));
        Vector256<float> rr = t2 + t1;
        Vector256<float> hfsq = Vector256.Create(0.5f) * f * f;
        return (s * (hfsq + rr)) + (k * Vector256.Create(9.0580006145e-06f)) - hfsq + f + (k * Vector256.Create(6.9313812256e-01f));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> ExpOutside(Vector256<float> x, Vector256<float> outside, Vector256<float> e)
    {
        Vector256<float> lim = Vector256.Create(ExpLimit);
        Vector256<float> h = ExpCore(Vector256.MinNative(Vector256.MaxNative(x * Vector256.Create(0.5f), -lim), lim));
        return Vector256.ConditionalSelect(outside, h * h, e);
    }
}

/// <summary>
/// 128-bit float vector arithmetic (4 lanes) for the SIMD engine: table-free exp and log (<see cref="ExpCore"/>,
/// <see cref="LogCore"/>; accuracy in kernels-docs/vector-math.md) with exp's argument clamped to |x| &lt;= 87.0f
/// (lanes beyond it, rare, are recomputed as exp(x/2)², which underflows to 0 or overflows to infinity
/// correctly; log falls back to .NET's vector Log when a lane is not a positive normal number), Cody's erfc with
/// only the regions some lane needs (<see cref="VectorErfc"/>), FMA, platform min/max. Masks are all-bits vectors.
/// </summary>
public readonly struct Vector128SingleOps : IVectorMathOps<Vector128<float>, float>
{
    /// <summary>|x| above which .NET's vector exp leaves the vector fast path.</summary>
    public const float ExpLimit = 87.0f;

    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> C(double value) => Vector128.Create((float)value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Neg(Vector128<float> a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> lim = Vector128.Create(ExpLimit);
        Vector128<float> e = ExpCore(Vector128.MinNative(Vector128.MaxNative(x, -lim), lim));
        Vector128<float> outside = Vector128.GreaterThan(Vector128.Abs(x), lim);
        if (Vector128.ExtractMostSignificantBits(outside) != 0) e = ExpOutside(x, outside, e);
        return e;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log(Vector128<float> x)
    {
        Vector128<float> normal = Vector128.GreaterThanOrEqual(x, Vector128.Create(1.17549435e-38f)) & Vector128.LessThan(x, Vector128.Create(float.PositiveInfinity));
        return Vector128.ExtractMostSignificantBits(normal) == 0xFUL ? LogCore(x) : Vector128.Log(x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Erfc(Vector128<float> x) => VectorErfc.Evaluate<Vector128<float>, float, Vector128SingleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ErfcGivenExp(Vector128<float> x, Vector128<float> e) => VectorErfc.EvaluateGivenExp<Vector128<float>, float, Vector128SingleOps>(x, e);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Equal(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<float> mask, Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(Vector128<float> mask) => Vector128.ExtractMostSignificantBits(mask);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector128<float> mask) => Vector128.ExtractMostSignificantBits(mask) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector128<float> mask) => Vector128.ExtractMostSignificantBits(mask) == 0xFUL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector128<float> Load(float* source) => Vector128.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(Vector128<float> value, float* destination) => value.Store(destination);

    /// <summary>e^x for |x| &lt;= 87: x = n ln2 + r (|r| &lt;= ln2/2), e^r by its Taylor series to r^8
    /// (truncation below 3e-10), times 2^n built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpCore(Vector128<float> x)
    {
        Vector128<float> shift = Vector128.Create(12582912f); // 1.5 * 2^23
        Vector128<float> t = Vector128.FusedMultiplyAdd(x, Vector128.Create(1.44269504f), shift);
        Vector128<float> n = t - shift;
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-0.693145752f), x);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-1.42860677e-6f), r);
        Vector128<float> p = Vector128.Create(2.48015873015873e-05f);
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.0001984126984126984f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.001388888888888889f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.008333333333333333f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.041666666666666664f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.16666666666666666f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(0.5f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.0f));
        Vector128<uint> scale = (t.AsUInt32() - shift.AsUInt32() + Vector128.Create(127U)) << 23;
        return p * scale.AsSingle();
    }

    /// <summary>ln x for a positive normal x: x = 2^k m with m in [√½, √2), then musl's logf kernel
    /// (s = f/(2+f), a degree-8 odd series in s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LogCore(Vector128<float> x)
    {
        Vector128<uint> u = x.AsUInt32() + Vector128.Create(0x004afb0dU); // 0x3f800000 - 0x3f3504f3
        Vector128<float> k = Vector128.ConvertToSingle((u >> 23).AsInt32() - Vector128.Create(127));
        Vector128<float> f = ((u & Vector128.Create(0x007fffffU)) + Vector128.Create(0x3f3504f3U)).AsSingle() - Vector128.Create(1f);
        Vector128<float> s = f / (Vector128.Create(2f) + f);
        Vector128<float> z = s * s;
        Vector128<float> w = z * z;
        Vector128<float> t1 = w * Vector128.FusedMultiplyAdd(w, Vector128.Create(0.24279078841f), Vector128.Create(0.40000972152f));
        Vector128<float> t2 = z * Vector128.FusedMultiplyAdd(w, Vector128.Create(0.28498786688f), Vector128.Create(0.66666662693f));
        Vector128<float> rr = t2 + t1;
        Vector128<float> hfsq = Vector128.Create(0.5f) * f * f;
        return (s * (hfsq + rr)) + (k * Vector128.Create(9.0580006145e-06f)) - hfsq + f + (k * Vector128.Create(6.9313812256e-01f));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> ExpOutside(Vector128<float> x, Vector128<float> outside, Vector128<float> e)
    {
        Vector128<float> lim = Vector128.Create(ExpLimit);
        Vector128<float> h = ExpCore(Vector128.MinNative(Vector128.MaxNative(x * Vector128.Create(0.5f), -lim), lim));
        return Vector128.ConditionalSelect(outside, h * h, e);
    }
}
