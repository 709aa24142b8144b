using System.Runtime.CompilerServices;
using ILGPU;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Gpu;

/// <summary>Device atomics the aggregation kernel needs, per element type.</summary>
/// <typeparam name="T">double or float.</typeparam>
public interface IGpuAtomicOps<T>
    where T : unmanaged
{
    /// <summary>view[index] += value, atomically.</summary>
    static abstract void AtomicAdd(ArrayView<T> view, long index, T value);
}

/// <summary>
/// float64 arithmetic for GPU threads (and ILGPU's CPU accelerator): the project's own polynomial
/// exp/log (<see cref="PolyExpLog"/>, bit casts through ILGPU's <see cref="Interop"/>) and Cody's erfc
/// erfc from <see cref="CodyErfc"/> (the bool-mask case: per-thread branches). No Math.Exp/Math.Log, so the kernels
/// need neither LibDevice nor ILGPU's slow software fallback, and never a fast-math mode.
/// </summary>
public readonly struct GpuDoubleOps : IFloatBitsOps<double, bool>, IGpuAtomicOps<double>
{
    /// <inheritdoc/>
    public static void AtomicAdd(ArrayView<double> view, long index, double value) => Atomic.Add(ref view[index], value);

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
    public static double Fma(double a, double b, double c) => GpuIntrinsics.Fma(a, b, c);

    /// <inheritdoc/>
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <inheritdoc/>
    public static double Abs(double x) => Math.Abs(x);

    /// <inheritdoc/>
    public static double Min(double a, double b) => a < b ? a : b;

    /// <inheritdoc/>
    public static double Max(double a, double b) => a > b ? a : b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => PolyExpLog.Exp64<double, bool, GpuDoubleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => PolyExpLog.Log64<double, bool, GpuDoubleOps>(x);

    /// <inheritdoc/>
    public static double LogRatio(double a, double b) => PolyExpLog.LogRatio64<double, bool, GpuDoubleOps>(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erfc(double x) => CodyErfc.Erfc<double, bool, GpuDoubleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ErfcGivenExp(double x, double e) => CodyErfc.ErfcGivenExp<double, bool, GpuDoubleOps>(x, e);

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

    /// <inheritdoc/>
    public static bool All(bool mask) => mask;

    /// <inheritdoc/>
    public static bool And(bool a, bool b) => a & b;

    /// <inheritdoc/>
    public static bool Or(bool a, bool b) => a | b;

    /// <inheritdoc/>
    public static bool LessThan(double a, double b) => a < b;

    /// <inheritdoc/>
    public static bool Equal(double a, double b) => a == b;

    /// <inheritdoc/>
    public static double Select(bool mask, double a, double b) => mask ? a : b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ScaleByPowerOfTwo(double x, double n) => x * Interop.IntAsFloat((ulong)((long)n + 1023) << 52);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReducedExponent(double x) => (double)((long)((Interop.FloatAsInt(x) + 0x0009_5f62_0000_0000UL) >> 52) - 1023);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReducedSignificand(double x) => Interop.IntAsFloat(((Interop.FloatAsInt(x) + 0x0009_5f62_0000_0000UL) & 0x000F_FFFF_FFFF_FFFFUL) + 0x3fe6_a09e_0000_0000UL);
}

/// <summary>float32 arithmetic for GPU threads: the shared float exp/log and Cody's erfc, evaluated in float.</summary>
public readonly struct GpuSingleOps : IFloatBitsOps<float, bool>, IGpuAtomicOps<float>
{
    /// <inheritdoc/>
    public static void AtomicAdd(ArrayView<float> view, long index, float value) => Atomic.Add(ref view[index], value);

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
    public static float Fma(float a, float b, float c) => GpuIntrinsics.Fma(a, b, c);

    /// <inheritdoc/>
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <inheritdoc/>
    public static float Abs(float x) => MathF.Abs(x);

    /// <inheritdoc/>
    public static float Min(float a, float b) => a < b ? a : b;

    /// <inheritdoc/>
    public static float Max(float a, float b) => a > b ? a : b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => PolyExpLog.Exp32<float, bool, GpuSingleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => PolyExpLog.Log32<float, bool, GpuSingleOps>(x);

    /// <inheritdoc/>
    public static float LogRatio(float a, float b) => PolyExpLog.LogRatio32<float, bool, GpuSingleOps>(a, b);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Erfc(float x) => CodyErfc.Erfc<float, bool, GpuSingleOps>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ErfcGivenExp(float x, float e) => CodyErfc.ErfcGivenExp<float, bool, GpuSingleOps>(x, e);

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

    /// <inheritdoc/>
    public static bool All(bool mask) => mask;

    /// <inheritdoc/>
    public static bool And(bool a, bool b) => a & b;

    /// <inheritdoc/>
    public static bool Or(bool a, bool b) => a | b;

    /// <inheritdoc/>
    public static bool LessThan(float a, float b) => a < b;

    /// <inheritdoc/>
    public static bool Equal(float a, float b) => a == b;

    /// <inheritdoc/>
    public static float Select(bool mask, float a, float b) => mask ? a : b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaleByPowerOfTwo(float x, float n) => x * Interop.IntAsFloat((uint)((int)n + 127) << 23);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReducedExponent(float x) => (float)((int)((Interop.FloatAsInt(x) + 0x004a_fb0dU) >> 23) - 127);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReducedSignificand(float x) => Interop.IntAsFloat(((Interop.FloatAsInt(x) + 0x004a_fb0dU) & 0x007F_FFFFU) + 0x3f35_04f3U);
}
