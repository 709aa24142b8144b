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

/// <summary>Options for <see cref="GreeksEngines.Create(EnginePreference, GreeksEngineOptions?)"/> and, as
/// <c>IOptions&lt;GreeksEngineOptions&gt;</c>, for <c>services.AddVixShieldCompute(options =&gt; ...)</c>.</summary>
/// <remarks>Settable (not init-only) so that <c>IOptions</c> configuration actions can fill it in.</remarks>
public sealed class GreeksEngineOptions
{
    /// <summary>Where engines log (selection, fallback warnings). Defaults to no logging; under
    /// <c>AddVixShieldCompute</c> the host's <see cref="ILoggerFactory"/> is used unless this is set.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The GPU provider; without it Auto means the SIMD CPU engine and Gpu is an error.</summary>
    public IAcceleratorProvider? AcceleratorProvider { get; set; }

    /// <summary>Threads the CPU engine may use; null means every core.</summary>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>The engine <c>AddVixShieldCompute</c> registers (default Auto: a GPU that passes its self-check, else
    /// SIMD). <see cref="GreeksEngines.Create(EnginePreference, GreeksEngineOptions?)"/> takes the preference as its
    /// argument and ignores this.</summary>
    public EnginePreference Engine { get; set; } = EnginePreference.Auto;

    /// <summary>What is wrong with these options, or null when they are usable.</summary>
    /// <param name="providerRegistered">True when a GPU provider is available besides <see cref="AcceleratorProvider"/>.</param>
    internal string? Problem(bool providerRegistered)
    {
        if (MaxDegreeOfParallelism is int n && n < 1) return $"MaxDegreeOfParallelism must be at least 1 (or null for every core), not {n}.";
        if (!Enum.IsDefined(Engine)) return $"Engine {(int)Engine} is not an EnginePreference; use Auto, Scalar, Simd, Gpu or IlgpuCpu.";
        if (Engine is EnginePreference.Gpu or EnginePreference.IlgpuCpu && AcceleratorProvider is null && !providerRegistered)
        {
            return $"Engine {Engine} needs the GPU provider: call services.AddVixShieldComputeGpu() (VixShield.Compute.Gpu) or set AcceleratorProvider.";
        }

        return null;
    }
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
