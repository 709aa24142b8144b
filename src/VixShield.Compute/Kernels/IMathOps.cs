using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// The arithmetic a kernel formula is written against, so that one formula serves every path:
/// <c>T</c> is a scalar (<see cref="double"/>, <see cref="float"/>: reference engine and GPU threads)
/// or a vector (<c>Vector256&lt;double&gt;</c>, ...: SIMD engine), and <c>TMask</c> is the matching
/// comparison result (bool, or an all-bits vector mask). Implementations are structs with static
/// methods only, so the JIT (and ILGPU) specialise and inline every call.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TMask">The comparison mask type.</typeparam>
public interface IMathOps<T, TMask>
    where T : struct
    where TMask : struct
{
    /// <summary>A constant broadcast to <typeparamref name="T"/> (rounded for float).</summary>
    static abstract T C(double value);

    /// <summary>a + b.</summary>
    static abstract T Add(T a, T b);

    /// <summary>a - b.</summary>
    static abstract T Sub(T a, T b);

    /// <summary>a * b.</summary>
    static abstract T Mul(T a, T b);

    /// <summary>a / b.</summary>
    static abstract T Div(T a, T b);

    /// <summary>-a.</summary>
    static abstract T Neg(T a);

    /// <summary>a * b + c, fused where the hardware has FMA (one rounding).</summary>
    static abstract T Fma(T a, T b, T c);

    /// <summary>Square root.</summary>
    static abstract T Sqrt(T x);

    /// <summary>Absolute value.</summary>
    static abstract T Abs(T x);

    /// <summary>Minimum (no NaN semantics needed: inputs are validated).</summary>
    static abstract T Min(T a, T b);

    /// <summary>Maximum.</summary>
    static abstract T Max(T a, T b);

    /// <summary>e^x, accurate to a few ulp; must return 0 (not NaN) for very negative x.</summary>
    static abstract T Exp(T x);

    /// <summary>Natural logarithm of a positive finite x, accurate to a few ulp.</summary>
    static abstract T Log(T x);

    /// <summary>
    /// ln(a/b) for positive normal a and b, to about an ulp of the result: the rounding of the quotient a/b must not
    /// reach it (a rounded quotient costs 1.1e-16 absolute, which is 1e-16/(σ√t) in d1 at the money and a lost decimal
    /// for the implied-vol solver at 0DTE). The scalar reference puts the quotient's rounding back
    /// (<see cref="BlackGreeks.CorrectedLogRatio{T, TMask, TOps}"/>); the vector and GPU paths split both significands
    /// and take one division (<see cref="PolyExpLog.LogRatio64{T, TMask, TOps}"/>).
    /// </summary>
    static abstract T LogRatio(T a, T b);

    /// <summary>Complementary error function, double-precision quality (Cody 1969) for double types.</summary>
    static abstract T Erfc(T x);

    /// <summary>
    /// erfc(x) given <paramref name="e"/> = exp(-x²) (already computed, rounding of x² compensated): the same
    /// Cody regions as <see cref="Erfc"/> without its exponential, so one Gaussian exponential can serve
    /// N(d1), N(d2), n(d1) and n(d2). <paramref name="e"/> is unused where |x| &lt; 0.46875.
    /// </summary>
    static abstract T ErfcGivenExp(T x, T e);

    /// <summary>a &lt; b.</summary>
    static abstract TMask LessThan(T a, T b);

    /// <summary>a == b.</summary>
    static abstract TMask Equal(T a, T b);

    /// <summary>mask ? a : b, per lane.</summary>
    static abstract T Select(TMask mask, T a, T b);

    /// <summary>True when some lane of the mask is true (the mask itself for scalars), so a formula can skip
    /// work no lane needs.</summary>
    static abstract bool Any(TMask mask);

    /// <summary>True when every lane of the mask is true (the mask itself for scalars).</summary>
    static abstract bool All(TMask mask);

    /// <summary>Whether <typeparamref name="T"/> computes in float32 (constants such as erfc's underflow limit
    /// depend on it).</summary>
    static abstract bool IsSinglePrecision { get; }

    /// <summary>Lane-wise a AND b of two masks.</summary>
    static abstract TMask And(TMask a, TMask b);

    /// <summary>Lane-wise a OR b of two masks.</summary>
    static abstract TMask Or(TMask a, TMask b);
}

/// <summary>Scalar float64 arithmetic: the reference path (Math.Exp/Math.Log, Cody erfc with branches).</summary>
public readonly struct ScalarDoubleOps : IMathOps<double, bool>
{
    /// <inheritdoc/>
    public static bool IsSinglePrecision => false;

    /// <inheritdoc/>
    public static double C(double value) => value;

    /// <inheritdoc/>
    public static double Add(double a, double b) => a + b;

    /// <inheritdoc/>
    public static double Sub(double a, double b) => a - b;

    /// <inheritdoc/>
    public static double Mul(double a, double b) => a * b;

    /// <inheritdoc/>
    public static double Div(double a, double b) => a / b;

    /// <inheritdoc/>
    public static double Neg(double a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <inheritdoc/>
    public static double Abs(double x) => Math.Abs(x);

    /// <inheritdoc/>
    public static double Min(double a, double b) => a < b ? a : b;

    /// <inheritdoc/>
    public static double Max(double a, double b) => a > b ? a : b;

    /// <inheritdoc/>
    public static double Exp(double x) => Math.Exp(x);

    /// <inheritdoc/>
    public static double Log(double x) => Math.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogRatio(double a, double b) => BlackGreeks.CorrectedLogRatio<double, bool, ScalarDoubleOps>(a, b);

    /// <inheritdoc/>
    public static double Erfc(double x) => CodyErfc.Erfc<double, bool, ScalarDoubleOps>(x);

    /// <inheritdoc/>
    public static double ErfcGivenExp(double x, double e) => CodyErfc.ErfcGivenExp<double, bool, ScalarDoubleOps>(x, e);

    /// <inheritdoc/>
    public static bool LessThan(double a, double b) => a < b;

    /// <inheritdoc/>
    public static bool Equal(double a, double b) => a == b;

    /// <inheritdoc/>
    public static double Select(bool mask, double a, double b) => mask ? a : b;

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

    /// <inheritdoc/>
    public static bool All(bool mask) => mask;

    /// <inheritdoc/>
    public static bool And(bool a, bool b) => a & b;

    /// <inheritdoc/>
    public static bool Or(bool a, bool b) => a | b;
}

/// <summary>Scalar float32 arithmetic (single-precision reference; the double erfc rounded to float).</summary>
public readonly struct ScalarSingleOps : IMathOps<float, bool>
{
    /// <inheritdoc/>
    public static bool IsSinglePrecision => true;

    /// <inheritdoc/>
    public static float C(double value) => (float)value;

    /// <inheritdoc/>
    public static float Add(float a, float b) => a + b;

    /// <inheritdoc/>
    public static float Sub(float a, float b) => a - b;

    /// <inheritdoc/>
    public static float Mul(float a, float b) => a * b;

    /// <inheritdoc/>
    public static float Div(float a, float b) => a / b;

    /// <inheritdoc/>
    public static float Neg(float a) => -a;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <inheritdoc/>
    public static float Abs(float x) => MathF.Abs(x);

    /// <inheritdoc/>
    public static float Min(float a, float b) => a < b ? a : b;

    /// <inheritdoc/>
    public static float Max(float a, float b) => a > b ? a : b;

    /// <inheritdoc/>
    public static float Exp(float x) => MathF.Exp(x);

    /// <inheritdoc/>
    public static float Log(float x) => MathF.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogRatio(float a, float b) => BlackGreeks.CorrectedLogRatio<float, bool, ScalarSingleOps>(a, b);

    /// <inheritdoc/>
    public static float Erfc(float x) => (float)CodyErfc.Erfc<double, bool, ScalarDoubleOps>(x);

    /// <inheritdoc/>
    public static float ErfcGivenExp(float x, float e) => (float)CodyErfc.ErfcGivenExp<double, bool, ScalarDoubleOps>(x, e);

    /// <inheritdoc/>
    public static bool LessThan(float a, float b) => a < b;

    /// <inheritdoc/>
    public static bool Equal(float a, float b) => a == b;

    /// <inheritdoc/>
    public static float Select(bool mask, float a, float b) => mask ? a : b;

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

    /// <inheritdoc/>
    public static bool All(bool mask) => mask;

    /// <inheritdoc/>
    public static bool And(bool a, bool b) => a & b;

    /// <inheritdoc/>
    public static bool Or(bool a, bool b) => a | b;
}
