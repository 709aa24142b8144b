using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace VixShield.Compute.Gpu;

/// <summary>
/// Device intrinsics ILGPU 1.5 lacks. ILGPU's PTX backend does not map <see cref="Math.FusedMultiplyAdd(double, double, double)"/>
/// (it is left as an unresolved extern function), yet the shared formula needs a true FMA where it computes exact
/// residuals (the ln(S/K) correction, the exp(-x²) splitting). On CUDA the FMA is written a·b + c: ILGPU emits
/// <c>mul.f64</c> and <c>add.f64</c> without rounding modifiers, which ptxas contracts into one DFMA (PTX ISA: "mul/add
/// sequences with no rounding modifiers may be optimized to use fused-multiply-add"; ptxas --fmad=true is the default).
/// Inline PTX (<c>CudaAsm.Emit("fma.rn.f64 ...", out r, ...)</c>) was tried first: ILGPU routes its out argument through
/// local memory, which cost 8x the kernel's useful DRAM traffic on an H100 (kernels-docs/gpu.md). Elsewhere (ILGPU's CPU accelerator, OpenCL) the same IL must
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
        if (CudaAsm.IsSupported) return (a * b) + c; // mul.f64 + add.f64 without rounding modifiers: ptxas contracts to DFMA

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
        if (CudaAsm.IsSupported) return (a * b) + c;

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
