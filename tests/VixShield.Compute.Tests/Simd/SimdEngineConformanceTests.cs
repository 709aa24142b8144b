using VixShield.Compute.Engines;
using VixShield.Compute.Tests.Conformance;

namespace VixShield.Compute.Tests.Simd;

/// <summary>The shared conformance suite on the SIMD engine at the widest width this process has (run the suite
/// with DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0 to cover the others:
/// tests/test-vector-paths.sh). Default tolerances: 1e-13 relative in float64.</summary>
public sealed class SimdEngineConformanceTests : GreeksEngineConformanceTests
{
    protected override IGreeksEngine CreateEngine() => new SimdGreeksEngine();
}

/// <summary>The conformance suite on the SIMD engine at one thread (no thread-pool fan-out).</summary>
public sealed class SimdEngineSingleThreadConformanceTests : GreeksEngineConformanceTests
{
    protected override IGreeksEngine CreateEngine() => new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = 1 });
}
