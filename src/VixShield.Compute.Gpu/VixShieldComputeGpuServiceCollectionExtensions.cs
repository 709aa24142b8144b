using Microsoft.Extensions.DependencyInjection.Extensions;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers VixShield.Compute with its GPU engine.</summary>
public static class VixShieldComputeGpuServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="VixShieldComputeServiceCollectionExtensions.AddVixShieldCompute"/> plus the ILGPU provider
    /// (<see cref="GpuAcceleratorProvider"/>): with <c>Engine = Auto</c> the registered <c>IGreeksEngine</c> is a GPU
    /// that passes its start-up self-check, falling back to the SIMD CPU engine; <c>Gpu</c> and <c>IlgpuCpu</c> become usable.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Fills in the options; may be null for the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddVixShieldComputeGpu(this IServiceCollection services, Action<GreeksEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAcceleratorProvider>(_ => new GpuAcceleratorProvider());
        return services.AddVixShieldCompute(configure);
    }
}
