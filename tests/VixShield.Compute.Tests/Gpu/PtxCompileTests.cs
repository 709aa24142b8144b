using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using VixShield.Compute.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>Compiles the kernels to PTX without a GPU, so CI catches constructs the CUDA backend rejects.</summary>
public class PtxCompileTests
{
    internal static string CompilePtx(string kernel, Type t, Type ops, bool grouped = false, params Type[] extra)
    {
        using var context = Context.Create(b => b.ConfigureVixShield());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        MethodInfo method = typeof(GreeksKernels).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!
            .MakeGenericMethod([t, ops, .. extra]);
        EntryPointDescription entry = grouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        return compiled.PTXAssembly;
    }

    [Theory]
    [InlineData("Batch", false)]
    [InlineData("Grid", false)]
    [InlineData("Batch", true)]
    public void KernelsCompileToPtxWithoutLibDeviceCalls(string kernel, bool single)
    {
        string ptx = single
            ? CompilePtx(kernel, typeof(float), typeof(GpuSingleOps))
            : CompilePtx(kernel, typeof(double), typeof(GpuDoubleOps));
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"vixshield-{kernel}-{(single ? 32 : 64)}.ptx"), ptx);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("__nv_", ptx, StringComparison.Ordinal);          // no LibDevice dependency
        if (!single) Assert.Contains("div.rn.f64", ptx, StringComparison.Ordinal); // float64 stays float64 (no fast-math demotion)
        Assert.DoesNotContain(".extern", ptx, StringComparison.Ordinal);       // nothing left unresolved (Math.FusedMultiplyAdd would be)
    }

    [Fact]
    public void AggregateKernelCompilesToPtx()
    {
        string ptx = CompilePtx("Aggregate", typeof(double), typeof(GpuDoubleOps), grouped: true, typeof(ILGPU.Algorithms.ScanReduceOperations.AddDouble));
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "vixshield-Aggregate-64.ptx"), ptx);
        Assert.Matches(@"(red|atom)\.add\.global\.f64", ptx);
    }
}
