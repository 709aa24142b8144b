using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VixShield.Compute;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Engines;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers VixShield.Compute in a host's service collection.</summary>
public static class VixShieldComputeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOptions{GreeksEngineOptions}"/> (validated when the host starts), one shared
    /// <see cref="IGreeksEngine"/> chosen by <see cref="GreeksEngineOptions.Engine"/> (Auto: a GPU that passes its
    /// self-check when an <see cref="IAcceleratorProvider"/> is registered, e.g. by <c>AddVixShieldComputeGpu()</c>,
    /// else the SIMD CPU engine; the GPU engine falls back to SIMD on failure), and the book services on it:
    /// <see cref="BookValuator"/>, <see cref="BookRiskAnalyzer"/> and <see cref="RuleEngine"/>. Everything logs through
    /// the host's <see cref="ILoggerFactory"/> (no logging when none is registered). The stress grid and Monte Carlo
    /// are static entry points (<c>StressGrid.Run</c>, <c>VolShockMonteCarlo.Run</c>) that take the registered
    /// <see cref="BookValuator"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Fills in the options (engine, threads); may be null for the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddVixShieldCompute(this IServiceCollection services, Action<GreeksEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<GreeksEngineOptions> options = services.AddOptions<GreeksEngineOptions>();
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GreeksEngineOptions>, GreeksEngineOptionsValidator>());
        services.TryAddSingleton(CreateEngine);
        services.TryAddSingleton(sp => new BookValuator(sp.GetRequiredService<IGreeksEngine>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new BookRiskAnalyzer(sp.GetRequiredService<BookValuator>()));
        services.TryAddSingleton(sp => new RuleEngine(sp.GetRequiredService<BookValuator>(), null, sp.GetService<ILoggerFactory>()));
        return services;
    }

    private static IGreeksEngine CreateEngine(IServiceProvider sp)
    {
        GreeksEngineOptions o = sp.GetRequiredService<IOptions<GreeksEngineOptions>>().Value;
        var effective = new GreeksEngineOptions
        {
            LoggerFactory = ReferenceEquals(o.LoggerFactory, NullLoggerFactory.Instance) ? sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance : o.LoggerFactory,
            AcceleratorProvider = o.AcceleratorProvider ?? sp.GetService<IAcceleratorProvider>(),
            MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
            Engine = o.Engine,
        };
        IGreeksEngine engine = GreeksEngines.Create(effective.Engine, effective);
        effective.LoggerFactory.CreateLogger(typeof(GreeksEngines).FullName!).LogInformation("Greeks engine selected: {Engine}", engine.Info.Description);
        return engine;
    }

    /// <summary>Rejects options no engine can be built from, when the host starts (ValidateOnStart) or on first use.</summary>
    private sealed class GreeksEngineOptionsValidator(IEnumerable<IAcceleratorProvider> providers) : IValidateOptions<GreeksEngineOptions>
    {
        public ValidateOptionsResult Validate(string? name, GreeksEngineOptions options) =>
            options.Problem(providers.Any()) is string problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
