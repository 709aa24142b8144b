using VixShield.Compute.Tests.Conformance;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>The GPU kernels (GpuDoubleOps/GpuSingleOps, own polynomial exp/log) on ILGPU's CPU accelerator through the shared conformance suite.</summary>
public sealed class IlgpuCpuConformanceTests : GreeksEngineConformanceTests
{
    protected override IGreeksEngine CreateEngine() => GpuTestEngines.IlgpuCpu;
}
