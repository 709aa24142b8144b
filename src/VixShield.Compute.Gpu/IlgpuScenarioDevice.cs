using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Gpu;

/// <summary>
/// The scenario kernel on an ILGPU accelerator (<see cref="ScenarioEngine.Device"/>): Monte Carlo draws are generated,
/// priced and reduced on the device (one thread per draw, <see cref="ScenarioKernels"/>); listed scenarios (stress
/// cells) are uploaded once. Runs in chunks of at most <see cref="MaxChunkRows"/> rows, checking cancellation and
/// reporting progress between chunks. Shares the accelerator and lock of an <see cref="IlgpuGreeksEngine"/> (which
/// must outlive it). A device failure is logged as a warning and the run is finished by the SIMD kernel
/// (<see cref="LastFallback"/> says why). Thread-safe.
/// </summary>
public sealed class IlgpuScenarioDevice : ScenarioDevice
{
    private readonly IlgpuGreeksEngine _engine;
    private readonly ILogger _logger;
    private Action<AcceleratorStream, Index1D, ScenarioViews>? _kernel;

    /// <summary>Creates the device on <paramref name="engine"/>'s accelerator.</summary>
    /// <param name="engine">The ILGPU engine whose accelerator runs the kernel.</param>
    /// <param name="loggerFactory">Where fallback warnings go.</param>
    /// <param name="maxChunkRows">Rows per launch; null picks one from the device (2^22 on a GPU, 2^14 on ILGPU's CPU accelerator).</param>
    public IlgpuScenarioDevice(IlgpuGreeksEngine engine, ILoggerFactory? loggerFactory = null, int? maxChunkRows = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (maxChunkRows is < 1) throw new ArgumentOutOfRangeException(nameof(maxChunkRows), "A chunk needs at least one row.");
        _engine = engine;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IlgpuScenarioDevice>();
        MaxChunkRows = maxChunkRows ?? (engine.Accelerator.AcceleratorType == AcceleratorType.CPU ? 1 << 14 : 1 << 22);
    }

    /// <summary>Rows (draws or scenarios) per launch.</summary>
    public int MaxChunkRows { get; }

    /// <summary>Why the last run fell back to the CPU, or null when it ran on the device.</summary>
    public string? LastFallback { get; private set; }

    /// <summary>Test seam: called before each device step; throwing there simulates a driver failure.</summary>
    internal Action<string>? FaultInjector { get; set; }

    /// <inheritdoc/>
    public override string Describe() => $"ILGPU scenario kernel on {_engine.Info.Description.Split(':')[0]}: {_engine.Accelerator.Name} ({_engine.Accelerator.AcceleratorType}), float64, one thread per draw, chunks of {MaxChunkRows:N0}";

    internal override bool TryRun(ScenarioDeviceJob job, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        try
        {
            RunOnDevice(job, progress, cancellationToken);
            LastFallback = null;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            LastFallback = $"{e.GetType().Name}: {e.Message}";
            _logger.LogWarning(e, "The scenario kernel failed on {Device}; the SIMD kernel finishes the run", _engine.Accelerator.Name);
            return false;
        }
    }

    private void RunOnDevice(ScenarioDeviceJob job, IProgress<double>? progress, CancellationToken ct)
    {
        int n = job.Count;
        int chunk = Math.Min(n, MaxChunkRows);
        bool listed = job.Columns is not null;
        lock (_engine.Gate)
        {
            Accelerator acc = _engine.Accelerator;
            AcceleratorStream stream = acc.DefaultStream;
            Fault("compile");
            _kernel ??= acc.LoadAutoGroupedKernel<Index1D, ScenarioViews>(ScenarioKernels.Run);
            Fault("allocate");
            using var legs = acc.Allocate1D<LegConst>(Math.Max(1, job.Legs.Length));
            using var group = acc.Allocate1D<int>(Math.Max(1, job.Group.Length));
            using var hedge = acc.Allocate1D<int>(Math.Max(1, job.HedgeLeg.Length));
            using var overlays = acc.Allocate1D<OverlayConst>(Math.Max(1, job.Overlays.Length));
            using var shocks = acc.Allocate1D<double>(listed ? 8L * n : 1);
            using var pnl = acc.Allocate1D<double>(Math.Max(1L, (long)job.Groups * chunk));
            using var breaches = acc.Allocate1D<long>(2);
            Fault("upload");
            legs.View.SubView(0, job.Legs.Length).CopyFromCPU(stream, job.Legs);
            group.View.SubView(0, job.Group.Length).CopyFromCPU(stream, job.Group);
            hedge.View.SubView(0, job.HedgeLeg.Length).CopyFromCPU(stream, job.HedgeLeg);
            overlays.View.SubView(0, job.Overlays.Length).CopyFromCPU(stream, job.Overlays);
            if (listed)
            {
                ShockColumns c = job.Columns!;
                double[][] columns = [c.SpotFactor, c.LogSpot, c.VolShift, c.Skew, c.VixFactor, c.LogVix, c.VixVolShift, c.RateShift];
                for (int k = 0; k < columns.Length; k++) shocks.View.SubView((long)k * n, n).CopyFromCPU(stream, columns[k].AsSpan(0, n));
            }

            breaches.MemSetToZero(stream);
            var views = new ScenarioViews
            {
                Legs = legs.View.SubView(0, job.Legs.Length),
                Group = group.View,
                HedgeLeg = hedge.View,
                Overlays = overlays.View.SubView(0, job.Overlays.Length),
                Shocks = shocks.View,
                Pnl = pnl.View,
                Breaches = breaches.View,
                Model = job.Model ?? default,
                Generate = job.Model is null ? 0 : 1,
                CountBand = job.CountBand ? 1 : 0,
                Band = job.Band,
                BandScale = job.BandScale,
                Spot = job.Spot,
                Days = job.Days,
                ShockStride = n,
            };
            progress?.Report(0.0);
            for (int first = 0; first < n; first += chunk)
            {
                ct.ThrowIfCancellationRequested();
                int rows = Math.Min(chunk, n - first);
                Fault("launch");
                pnl.MemSetToZero(stream);
                // Listed shocks are column-major over all n rows; the chunk's P&L is group-major over `rows`.
                views.FirstDraw = job.FirstDraw + first;
                views.FirstRow = first;
                views.Stride = rows;
                _kernel(stream, rows, views);
                Fault("download");
                for (int g = 0; g < job.Groups; g++) pnl.View.SubView((long)g * rows, rows).CopyToCPU(stream, job.Output[g].AsSpan(first, rows));
                stream.Synchronize();
                progress?.Report((double)(first + rows) / n);
            }

            long[] counts = new long[2];
            breaches.View.CopyToCPU(stream, counts);
            stream.Synchronize();
            job.BreachedWithHedge = counts[0];
            job.BreachedWithoutHedge = counts[1];
        }
    }

    private void Fault(string step) => FaultInjector?.Invoke(step);
}
