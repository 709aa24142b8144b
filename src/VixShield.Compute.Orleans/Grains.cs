using Orleans.Runtime;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Orleans;

/// <summary>What one silo runs: host, process, engine, devices, its scenario kernel and the shards it is running and has run.</summary>
[GenerateSerializer, Alias("vixshield.silo-info.v1"), Immutable]
public sealed record SiloInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Host,
    [property: Id(2)] int ProcessId,
    [property: Id(3)] int Cores,
    [property: Id(4)] string Engine,
    [property: Id(5)] string EngineDescription,
    [property: Id(6)] string[] Devices,
    [property: Id(7)] string Version,
    [property: Id(8)] string ScenarioKernel = "",
    [property: Id(9)] int RunningShards = 0,
    [property: Id(10)] long CompletedShards = 0);

/// <summary>A grain on one named silo (<see cref="OnNamedSiloPlacement"/>) that says what the silo runs.</summary>
[Alias("vixshield.ISiloInfoGrain")]
public interface ISiloInfoGrain : IGrainWithStringKey
{
    /// <summary>The silo's description.</summary>
    [Alias("Describe")]
    Task<SiloInfo> Describe();
}

/// <summary>Implementation of <see cref="ISiloInfoGrain"/>: reads the silo's engine from its services.</summary>
/// <param name="engine">The silo's engine (its best local engine: GPU where present, else SIMD).</param>
/// <param name="devices">The silo's device survey.</param>
/// <param name="local">The silo's own details.</param>
/// <param name="scenarios">The silo's scenario kernel.</param>
[OnNamedSilo]
public sealed class SiloInfoGrain(IGreeksEngine engine, SiloDevices devices, ILocalSiloDetails local, SiloScenarioEngine scenarios) : Grain, ISiloInfoGrain
{
    /// <inheritdoc/>
    public Task<SiloInfo> Describe() => Task.FromResult(new SiloInfo(
        local.SiloAddress.ToString(), Environment.MachineName, Environment.ProcessId, Environment.ProcessorCount,
        engine.Info.Name, engine.Info.Description, [.. devices.Lines],
        typeof(SiloInfoGrain).Assembly.GetName().Version?.ToString() ?? "?",
        scenarios.Options.Describe(), scenarios.Running, scenarios.Completed));
}

/// <summary>The device survey of a silo, taken once at start.</summary>
/// <param name="Lines">One line per device: name, backend, self-check, whether Auto uses it.</param>
public sealed record SiloDevices(IReadOnlyList<string> Lines);
