using ILGPU.Runtime;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>Device selection: explicit by type, never ILGPU's CPU device unless asked, CPU engine when no GPU passes.</summary>
public class SelectionTests
{
    [Fact]
    public void OrderTakesCudaByMemoryThenOpenClGpusAndNeverCpuDevices()
    {
        var devices = new (string Device, AcceleratorType Type, bool IsGpu, long Memory)[]
        {
            ("cpu", AcceleratorType.CPU, false, 1L << 40),
            ("opencl-cpu", AcceleratorType.OpenCL, false, 1L << 35),
            ("opencl-gpu", AcceleratorType.OpenCL, true, 1L << 34),
            ("cuda-small", AcceleratorType.Cuda, true, 1L << 33),
            ("cuda-big", AcceleratorType.Cuda, true, 1L << 36),
        };
        Assert.Equal(["cuda-big", "cuda-small", "opencl-gpu"], GpuAcceleratorProvider.Order(devices).ToArray());
    }

    [Fact]
    public void AutoWithoutGpuIsTheCpuEngineAndSaysWhy()
    {
        // CI has no GPU: the provider finds no candidate, Auto falls back to the CPU engine (SIMD when built).
        var provider = new GpuAcceleratorProvider();
        IGreeksEngine? gpu = provider.TryCreate(EnginePreference.Auto, new ScalarGreeksEngine(), new ListLoggerFactory(), out string reason);
        if (gpu is not null)
        {
            // A machine with a working GPU: then it must be a real accelerator, never ILGPU's CPU device.
            Assert.Equal(EngineKind.Gpu, gpu.Info.Kind);
            Assert.Equal("gpu", gpu.Info.Name);
            ((IDisposable)gpu).Dispose();
            return;
        }

        Assert.False(string.IsNullOrEmpty(reason));
        Assert.DoesNotContain(provider.LastReport, r => r.Chosen);
        IGreeksEngine auto = GreeksEngines.Create(EnginePreference.Auto, new GreeksEngineOptions { AcceleratorProvider = provider });
        Assert.NotEqual(EngineKind.Gpu, auto.Info.Kind);
    }

    [Fact]
    public void GpuPreferenceWithoutGpuIsAnErrorThatSaysWhatToDo()
    {
        var provider = new GpuAcceleratorProvider();
        using var probe = provider.TryCreate(EnginePreference.Gpu, new ScalarGreeksEngine(), new ListLoggerFactory(), out _) as IlgpuGreeksEngine;
        if (probe is not null) return; // this machine has a usable GPU
        var ex = Assert.Throws<NotSupportedException>(() => GreeksEngines.Create(EnginePreference.Gpu, new GreeksEngineOptions { AcceleratorProvider = provider }));
        Assert.Contains("accelerator", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void IlgpuCpuPreferencePassesTheSelfCheckAndReportsTheDevice()
    {
        var provider = new GpuAcceleratorProvider();
        using var engine = (IlgpuGreeksEngine)GreeksEngines.Create(EnginePreference.IlgpuCpu, new GreeksEngineOptions { AcceleratorProvider = provider });
        Assert.Equal("ilgpu-cpu", engine.Info.Name);
        Assert.Contains("CPU accelerator", engine.Info.Device, StringComparison.Ordinal);
        AcceleratorReport chosen = Assert.Single(provider.LastReport, r => r.Chosen);
        Assert.Equal("cpu", chosen.Backend);
        Assert.Equal("passed", chosen.SelfCheck);
        Assert.True(chosen.MaxRelativeError <= GpuAcceleratorProvider.SelfCheckTolerance);
    }

    [Fact]
    public void SelfCheckRejectsAnEngineThatIsWrong()
    {
        SelfCheckOutcome outcome = GpuAcceleratorProvider.SelfCheck(new OffByOneUlpEngine());
        Assert.False(outcome.Passed);
        Assert.Contains("price", outcome.Detail, StringComparison.Ordinal);
    }

    /// <summary>An engine whose prices are off by 1e-9 relative: the self-check must catch it.</summary>
    private sealed class OffByOneUlpEngine : IGreeksEngine
    {
        public void Dispose()
        {
        }

        private readonly ScalarGreeksEngine _inner = new();

        public EngineInfo Info => _inner.Info;

        public ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
        {
            ComputeResult r = _inner.Compute(batch, output, cancellationToken);
            for (int i = 0; i < output.Price.Length; i++) output.Price[i] *= 1 + 1e-9;
            return r;
        }

        public ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default) =>
            _inner.Compute(batch, output, cancellationToken);
    }
}
