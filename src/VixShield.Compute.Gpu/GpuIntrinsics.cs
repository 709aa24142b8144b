using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace VixShield.Compute.Gpu;

/// <summary>
/// Device intrinsics ILGPU 1.5 lacks. ILGPU's PTX backend does not map <see cref="Math.FusedMultiplyAdd(double, double, double)"/>
/// (it is left as an unresolved extern function), yet the shared formula needs a true FMA where it computes exact
/// residuals (the ln(S/K) correction, the exp(-x²) splitting). On CUDA the FMA is emitted as inline PTX
/// (<c>fma.rn.f64</c>, <c>fma.rn.f32</c>: one rounding). Elsewhere (ILGPU's CPU accelerator, OpenCL) the same IL must
/// still compile for PTX, so Math.FusedMultiplyAdd cannot appear: an error-free transformation stands in (Dekker's
/// exact product a·b = p + e, Knuth's two-sum of p and c, then one final rounding), which is exact for the residual
/// uses (c ≈ -a·b) and within one ulp elsewhere. <see cref="CudaAsm.IsSupported"/> is constant per backend, so ptxas
/// removes the other branch.
/// </summary>
internal static class GpuIntrinsics
{
    /// <summary>Applies the project's context settings: IEEE math (never Fast32BitOnly), O2, ILGPU.Algorithms.</summary>
    public static Context.Builder ConfigureVixShield(this Context.Builder builder) =>
        builder.Math(MathMode.Default).Optimize(OptimizationLevel.O2).EnableAlgorithms();

    /// <summary>a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fma(double a, double b, double c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("fma.rn.f64 %0, %1, %2, %3;", out double r, a, b, c);
            return r;
        }

        const double split = 134217729.0; // 2^27 + 1
        double p = a * b;
        double ta = split * a, ah = ta - (ta - a), al = a - ah;
        double tb = split * b, bh = tb - (tb - b), bl = b - bh;
        double e = (((ah * bh) - p) + (ah * bl) + (al * bh)) + (al * bl);
        double s = p + c;
        double bb = s - p;
        double t = (p - (s - bb)) + (c - bb);
        return s + (t + e);
    }

    /// <summary>a·b + c with one rounding (float32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float a, float b, float c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("fma.rn.f32 %0, %1, %2, %3;", out float r, a, b, c);
            return r;
        }

        const float split = 4097f; // 2^12 + 1
        float p = a * b;
        float ta = split * a, ah = ta - (ta - a), al = a - ah;
        float tb = split * b, bh = tb - (tb - b), bl = b - bh;
        float e = (((ah * bh) - p) + (ah * bl) + (al * bh)) + (al * bl);
        float s = p + c;
        float bb = s - p;
        float t = (p - (s - bb)) + (c - bb);
        return s + (t + e);
    }
}
