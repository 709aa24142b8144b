using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VixShield.Compute.Engines;

/// <summary>Which engine a caller wants.</summary>
public enum EnginePreference
{
    /// <summary>A GPU that passes its start-up self-check if one is available, else the SIMD CPU engine.</summary>
    Auto,

    /// <summary>The scalar reference engine.</summary>
    Scalar,

    /// <summary>The SIMD CPU engine on every core.</summary>
    Simd,

    /// <summary>The ILGPU engine on a CUDA or OpenCL accelerator (error when none is usable).</summary>
    Gpu,

    /// <summary>The ILGPU kernels on ILGPU's CPU accelerator: slow, for checking the GPU kernels without a GPU.</summary>
    IlgpuCpu,
}

/// <summary>
/// Creates accelerated engines. Implemented by the GPU assembly (VixShield.Compute.Gpu) so that the core
/// stays free of ILGPU; pass one in <see cref="GreeksEngineOptions.AcceleratorProvider"/>.
/// </summary>
public interface IAcceleratorProvider
{
    /// <summary>Creates the engine for <paramref name="preference"/> (Auto, Gpu or IlgpuCpu), or returns null with
    /// the reason when no usable accelerator exists. The returned engine falls back to <paramref name="cpuFallback"/>
    /// on failure.</summary>
    IGreeksEngine? TryCreate(EnginePreference preference, IGreeksEngine cpuFallback, ILoggerFactory loggerFactory, out string reason);
}

/// <summary>Options for <see cref="GreeksEngines.Create(EnginePreference, GreeksEngineOptions?)"/>.</summary>
public sealed class GreeksEngineOptions
{
    /// <summary>Where engines log (selection, fallback warnings). Defaults to no logging.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The GPU provider; without it Auto means the SIMD CPU engine and Gpu is an error.</summary>
    public IAcceleratorProvider? AcceleratorProvider { get; init; }

    /// <summary>Threads the CPU engine may use; null means every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>Creates engines by preference. Holds no global state: every call builds what it returns.</summary>
public static class GreeksEngines
{
    /// <summary>Creates an engine.</summary>
    /// <exception cref="NotSupportedException">When the preferred engine cannot run here; the message says what to do instead.</exception>
    public static IGreeksEngine Create(EnginePreference preference, GreeksEngineOptions? options = null)
    {
        options ??= new GreeksEngineOptions();
        return preference switch
        {
            EnginePreference.Scalar => new ScalarGreeksEngine(),
            EnginePreference.Simd => CreateCpu(options),
            EnginePreference.Auto or EnginePreference.Gpu or EnginePreference.IlgpuCpu => CreateAccelerated(preference, options),
            _ => throw new ArgumentOutOfRangeException(nameof(preference), preference, "Use Auto, Scalar, Simd, Gpu or IlgpuCpu."),
        };
    }

    private static IGreeksEngine CreateCpu(GreeksEngineOptions options) => new SimdGreeksEngine(options);

    private static IGreeksEngine CreateAccelerated(EnginePreference preference, GreeksEngineOptions options)
    {
        if (preference == EnginePreference.Auto && options.AcceleratorProvider is null) return CreateCpu(options);
        if (options.AcceleratorProvider is null)
        {
            throw new NotSupportedException(
                $"Engine '{preference}' needs the GPU provider: reference VixShield.Compute.Gpu and pass its provider in GreeksEngineOptions.AcceleratorProvider.");
        }

        IGreeksEngine cpu = CreateCpu(options);
        IGreeksEngine? engine = options.AcceleratorProvider.TryCreate(preference, cpu, options.LoggerFactory, out string reason);
        if (engine is not null) return engine;
        if (preference == EnginePreference.Auto) return cpu;
        throw new NotSupportedException($"No usable accelerator for '{preference}': {reason}");
    }
}
