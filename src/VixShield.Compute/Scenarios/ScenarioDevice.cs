using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// An accelerator that runs the fused scenario kernel (<see cref="ScenarioEngine.Device"/>). The implementation lives
/// with its backend (VixShield.Compute.Gpu's <c>IlgpuScenarioDevice</c>, which runs the same
/// <c>ScenarioKernel.Evaluate</c> formula in an ILGPU kernel); the core library has no device dependency. A device
/// that fails during a run says so and the SIMD kernel finishes the run: a request is never lost.
/// </summary>
public abstract class ScenarioDevice : IDisposable
{
    /// <summary>What runs, in words (device, backend, precision).</summary>
    public abstract string Describe();

    /// <summary>Runs the job; false when the device failed (it has logged why) and the caller must run it on the CPU.</summary>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    internal abstract bool TryRun(ScenarioDeviceJob job, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the device's buffers.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>An overlay position in the kernel: it moves by its Greeks (see <see cref="PricedBook"/>).</summary>
internal struct OverlayConst
{
    public int Group, Layer, Hedge;
    public double Delta, Gamma, Vega, ThetaPerDay, Rho;
}

/// <summary>
/// One scenario run as a device sees it: legs and overlays at the horizon, the group (output column) of each, and the
/// shocks, either a Monte Carlo model (draws generated on the device: draw <see cref="FirstDraw"/> + j for row j)
/// or precomputed shock columns. Output: <see cref="Output"/>[group][row] = dollar value change from the base; with
/// <see cref="CountBand"/>, the number of rows whose normalised delta is outside ±<see cref="Band"/> with and without
/// the hedge layers.
/// </summary>
internal sealed class ScenarioDeviceJob
{
    public required LegConst[] Legs { get; init; }

    public required int[] Group { get; init; }

    /// <summary>Per leg: its layer is a hedge layer (1) or not (0); used by the band count.</summary>
    public required int[] HedgeLeg { get; init; }

    public required OverlayConst[] Overlays { get; init; }

    public required int Groups { get; init; }

    public required double Spot { get; init; }

    public required double Days { get; init; }

    public required int Count { get; init; }

    public MonteCarloModel? Model { get; init; }

    public long FirstDraw { get; init; }

    public ShockColumns? Columns { get; init; }

    public bool CountBand { get; init; }

    public double Band { get; init; }

    /// <summary>1 / (SPX multiplier × premium spread units): dollar delta to normalised delta.</summary>
    public double BandScale { get; init; }

    public required double[][] Output { get; init; }

    public long BreachedWithHedge { get; set; }

    public long BreachedWithoutHedge { get; set; }
}
