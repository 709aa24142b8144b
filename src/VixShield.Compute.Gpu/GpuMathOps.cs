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
/// regions from <see cref="CodyErfc"/> with per-thread branches. No Math.Exp/Math.Log, so the kernels
/// need neither LibDevice nor ILGPU's slow software fallback, and never a fast-math mode.
/// </summary>
public readonly struct GpuDoubleOps : IFloatBitsOps<double, bool>, IGpuAtomicOps<double>
{
    /// <inheritdoc/>
    public static void AtomicAdd(ArrayView<double> view, long index, double value) => Atomic.Add(ref view[index], value);

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erfc(double x)
    {
        double y = Math.Abs(x);
        if (y < CodyErfc.Region1Limit) return 1.0 - CodyErfc.ErfSmall<double, bool, GpuDoubleOps>(x);
        double r = 0.0;
        if (y <= CodyErfc.UnderflowLimit)
        {
            double erfcx = y <= CodyErfc.Region2Limit
                ? CodyErfc.ErfcxMiddle<double, bool, GpuDoubleOps>(y)
                : CodyErfc.ErfcxTail<double, bool, GpuDoubleOps>(y);
            r = CodyErfc.ExpMinusSquare<double, bool, GpuDoubleOps>(y) * erfcx;
        }

        return x < 0 ? 2.0 - r : r;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ErfcGivenExp(double x, double e)
    {
        double y = Math.Abs(x);
        if (y < CodyErfc.Region1Limit) return 1.0 - CodyErfc.ErfSmall<double, bool, GpuDoubleOps>(x);
        double r = 0.0;
        if (y <= CodyErfc.UnderflowLimit)
        {
            double erfcx = y <= CodyErfc.Region2Limit
                ? CodyErfc.ErfcxMiddle<double, bool, GpuDoubleOps>(y)
                : CodyErfc.ErfcxTail<double, bool, GpuDoubleOps>(y);
            r = e * erfcx;
        }

        return x < 0 ? 2.0 - r : r;
    }

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

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
    public static double RoundToInteger(double x) => Math.Floor(x + 0.5);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ScaleByPowerOfTwo(double x, double n) => x * Interop.IntAsFloat((ulong)((long)n + 1023) << 52);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponent(double x) => (double)((long)((Interop.FloatAsInt(x) >> 52) & 0x7FF) - 1023);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Significand(double x) => Interop.IntAsFloat((Interop.FloatAsInt(x) & 0x000F_FFFF_FFFF_FFFFUL) | 0x3FF0_0000_0000_0000UL);
}

/// <summary>float32 arithmetic for GPU threads: float polynomial exp/log, Cody's erfc regions evaluated in float.</summary>
public readonly struct GpuSingleOps : IFloatBitsOps<float, bool>, IGpuAtomicOps<float>
{
    /// <inheritdoc/>
    public static void AtomicAdd(ArrayView<float> view, long index, float value) => Atomic.Add(ref view[index], value);

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Erfc(float x)
    {
        float y = MathF.Abs(x);
        if (y < (float)CodyErfc.Region1Limit) return 1f - CodyErfc.ErfSmall<float, bool, GpuSingleOps>(x);
        float r = 0f;
        if (y <= 10.06f) // erfc underflows in float32 beyond about 10.05
        {
            float erfcx = y <= (float)CodyErfc.Region2Limit
                ? CodyErfc.ErfcxMiddle<float, bool, GpuSingleOps>(y)
                : CodyErfc.ErfcxTail<float, bool, GpuSingleOps>(y);
            r = CodyErfc.ExpMinusSquare<float, bool, GpuSingleOps>(y) * erfcx;
        }

        return x < 0 ? 2f - r : r;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ErfcGivenExp(float x, float e)
    {
        float y = MathF.Abs(x);
        if (y < (float)CodyErfc.Region1Limit) return 1f - CodyErfc.ErfSmall<float, bool, GpuSingleOps>(x);
        float r = 0f;
        if (y <= 10.06f) // erfc underflows in float32 beyond about 10.05
        {
            float erfcx = y <= (float)CodyErfc.Region2Limit
                ? CodyErfc.ErfcxMiddle<float, bool, GpuSingleOps>(y)
                : CodyErfc.ErfcxTail<float, bool, GpuSingleOps>(y);
            r = e * erfcx;
        }

        return x < 0 ? 2f - r : r;
    }

    /// <inheritdoc/>
    public static bool Any(bool mask) => mask;

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
    public static float RoundToInteger(float x) => MathF.Floor(x + 0.5f);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaleByPowerOfTwo(float x, float n) => x * Interop.IntAsFloat((uint)((int)n + 127) << 23);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exponent(float x) => (float)((int)((Interop.FloatAsInt(x) >> 23) & 0xFF) - 127);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Significand(float x) => Interop.IntAsFloat((Interop.FloatAsInt(x) & 0x007F_FFFFU) | 0x3F80_0000U);
}
