namespace VixShield.Compute.ImpliedVol;

/// <summary>What a bulk implied-vol call through an engine did.</summary>
/// <param name="Engine">Which engine ran: an accelerated engine's name, "cpu-lbr" when the CPU solver did everything
/// (always so for an engine without <see cref="IImpliedVolEngine"/>), or "gpu+cpu-lbr" when a device failed part-way
/// and the CPU solver finished.</param>
/// <param name="Count">Rows processed.</param>
/// <param name="OkCount">Rows with <see cref="ImpliedVolStatus.Ok"/>.</param>
/// <param name="FellBack">True when (part of) the call ran on the CPU solver after a device failure.</param>
/// <param name="Threads">CPU threads the CPU solver used (0 when it did not run).</param>
public readonly record struct EngineImpliedVolResult(string Engine, int Count, int OkCount, bool FellBack, int Threads = 0);

/// <summary>
/// Capability of an engine that inverts prices to implied vols itself (the GPU engine runs the CPU solver's code in a
/// kernel). Call <see cref="ImpliedVolEngineExtensions.ImpliedVolatility"/> on any engine: it uses this capability
/// when present and the CPU solver otherwise, so callers never test for an engine type.
/// </summary>
public interface IImpliedVolEngine
{
    /// <summary>Inverts every row with the semantics of <see cref="ImpliedVolatilitySolver.Compute"/>.</summary>
    /// <param name="batch">Quoted options.</param>
    /// <param name="vol">Receives the implied vol per row (NaN unless Ok).</param>
    /// <param name="status">Receives the status per row.</param>
    /// <param name="cpuOptions">Options of the CPU solver if it has to finish the call; null means all cores.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>Which engine ran and the counts.</returns>
    EngineImpliedVolResult ImpliedVolatility(in ImpliedVolBatch batch, Span<double> vol, Span<ImpliedVolStatus> status,
        ImpliedVolOptions? cpuOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>Implied vols through any engine, with the CPU solver as the default.</summary>
public static class ImpliedVolEngineExtensions
{
    /// <summary>The CPU solver's engine name in <see cref="EngineImpliedVolResult.Engine"/>.</summary>
    public const string CpuEngineName = "cpu-lbr";

    /// <summary>Inverts every row on <paramref name="engine"/> if it has <see cref="IImpliedVolEngine"/>, otherwise on
    /// the CPU solver (<see cref="ImpliedVolatilitySolver.Compute"/> with <paramref name="cpuOptions"/>).</summary>
    /// <param name="engine">Any engine.</param>
    /// <param name="batch">Quoted options.</param>
    /// <param name="vol">Receives the implied vol per row (NaN unless Ok).</param>
    /// <param name="status">Receives the status per row.</param>
    /// <param name="cpuOptions">Options of the CPU solver; null means all cores.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>Which engine ran and the counts.</returns>
    /// <exception cref="ArgumentException">When an output span's length differs from the batch.</exception>
    public static EngineImpliedVolResult ImpliedVolatility(this IGreeksEngine engine, in ImpliedVolBatch batch, Span<double> vol,
        Span<ImpliedVolStatus> status, ImpliedVolOptions? cpuOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine is IImpliedVolEngine accelerated) return accelerated.ImpliedVolatility(batch, vol, status, cpuOptions, cancellationToken);
        ImpliedVolResult r = ImpliedVolatilitySolver.Compute(batch, vol, status, cpuOptions, cancellationToken);
        return new EngineImpliedVolResult(CpuEngineName, r.Count, r.OkCount, false, r.Threads);
    }
}
