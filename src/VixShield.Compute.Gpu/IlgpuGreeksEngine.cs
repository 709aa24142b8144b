using System.Numerics;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Algorithms.ScanReduceOperations;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Gpu;

/// <summary>
/// The ILGPU engine: the shared <see cref="BlackGreeks"/> formula in ILGPU kernels (float64 and float32) on a CUDA or
/// OpenCL accelerator, or on ILGPU's CPU accelerator for checks. Only requested outputs are computed and copied back.
/// Device buffers are kept and reused across calls; batches larger than a chunk are split and pipelined over two
/// streams (upload and launch of chunk i+1 are issued before the results of chunk i are read back). A failure during a
/// call (driver error, out of device memory, kernel fault) never loses the request: the rest is retried in smaller
/// chunks, then finished on the CPU engine, with a warning logged and <see cref="ComputeResult.FellBack"/> set.
/// Thread-safe: calls are serialised on the device by a lock.
/// </summary>
public sealed partial class IlgpuGreeksEngine : IGreeksEngine, IDisposable
{
    private const int Streams = 2;
    private readonly Context? _ownedContext;
    private readonly Accelerator _accelerator;
    private readonly IGreeksEngine _cpu;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Workspace<double> _ws64;
    private readonly Workspace<float> _ws32;
    private readonly AcceleratorStream[] _streams;
    private bool _disposed;

    /// <summary>Creates an engine on <paramref name="accelerator"/> (owned by the caller, which must outlive the engine).</summary>
    /// <param name="accelerator">The ILGPU accelerator (created from a context with algorithms enabled).</param>
    /// <param name="cpuFallback">Finishes calls when the device fails.</param>
    /// <param name="loggerFactory">Where fallback warnings go.</param>
    /// <param name="maxChunkRows">Rows per device chunk; null picks one from the device memory.</param>
    public IlgpuGreeksEngine(Accelerator accelerator, IGreeksEngine cpuFallback, ILoggerFactory? loggerFactory = null, int? maxChunkRows = null)
        : this(null, accelerator, cpuFallback, loggerFactory, maxChunkRows)
    {
    }

    internal IlgpuGreeksEngine(Context? ownedContext, Accelerator accelerator, IGreeksEngine cpuFallback, ILoggerFactory? loggerFactory, int? maxChunkRows)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(cpuFallback);
        _ownedContext = ownedContext;
        _accelerator = accelerator;
        _cpu = cpuFallback;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IlgpuGreeksEngine>();
        bool isCpu = accelerator.AcceleratorType == AcceleratorType.CPU;
        // Two streams' worth of float64 buffers (inputs 50 B, outputs up to 145 B per row) in at most 40 % of device memory.
        long byMemory = Math.Max(1024, accelerator.MemorySize / 5 * 2 / (Streams * 195));
        MaxChunkRows = maxChunkRows ?? (int)Math.Min(isCpu ? 1 << 16 : 1 << 24, byMemory);
        if (MaxChunkRows < 1) throw new ArgumentOutOfRangeException(nameof(maxChunkRows), "A chunk needs at least one row.");
        _streams = new AcceleratorStream[Streams];
        for (int s = 0; s < Streams; s++) _streams[s] = accelerator.CreateStream();
        _ws64 = new Workspace<double>(accelerator, GreeksKernels.Batch<double, GpuDoubleOps>, GreeksKernels.Grid<double, GpuDoubleOps>, GreeksKernels.Aggregate<double, GpuDoubleOps, AddDouble>);
        _ws32 = new Workspace<float>(accelerator, GreeksKernels.Batch<float, GpuSingleOps>, GreeksKernels.Grid<float, GpuSingleOps>, GreeksKernels.Aggregate<float, GpuSingleOps, AddFloat>);
        string backend = accelerator.AcceleratorType switch
        {
            AcceleratorType.Cuda => "ILGPU CUDA (PTX)",
            AcceleratorType.OpenCL => "ILGPU OpenCL",
            _ => "ILGPU CPU accelerator",
        };
        string name = isCpu ? "ilgpu-cpu" : "gpu";
        Info = new EngineInfo(
            name, EngineKind.Gpu, $"{accelerator.Name} ({backend})", 64, accelerator.NumMultiprocessors * accelerator.MaxNumThreadsPerMultiprocessor,
            $"{name}: ILGPU kernels on {accelerator.Name} via {backend}, {accelerator.MemorySize / (1024 * 1024)} MiB, " +
            $"chunks of {MaxChunkRows} rows over {Streams} streams, own polynomial exp/log + Cody erfc, fallback {cpuFallback.Info.Name}");
    }

    /// <inheritdoc/>
    public EngineInfo Info { get; }

    /// <summary>Rows per device chunk.</summary>
    public int MaxChunkRows { get; }

    /// <summary>The accelerator this engine runs on.</summary>
    public Accelerator Accelerator => _accelerator;

    /// <summary>The engine that finishes calls when the device fails.</summary>
    public IGreeksEngine CpuFallback => _cpu;

    /// <summary>Test seam: called before every device operation; throwing there simulates a driver failure.</summary>
    internal Action<string, int>? FaultInjector { get; set; }

    /// <summary>
    /// Pays the first-launch JIT cost now: compiles (ILGPU IR, then PTX and the driver's JIT) and launches the batch
    /// and grid kernels, float64 and float32, for <paramref name="greeks"/> on a tiny input.
    /// </summary>
    /// <param name="greeks">The output set later calls will request (each distinct set is its own specialised kernel).</param>
    public void WarmUp(Greek greeks = Greek.All)
    {
        greeks &= Greek.All;
        OptionKind[] kind = [OptionKind.Call, OptionKind.Put];
        double[] s = [100, 100], k = [95, 105], t = [0.5, 0.5], v = [0.2, 0.2], r = [0.03, 0.03];
        var b64 = new GreeksBuffer<double>(2, greeks);
        Compute(new OptionBatch<double>(kind, s, k, t, v, r, r), b64.AsOutput(2));
        var b32 = new GreeksBuffer<float>(2, greeks);
        float[] s32 = [100, 100], k32 = [95, 105], t32 = [0.5f, 0.5f], v32 = [0.2f, 0.2f], r32 = [0.03f, 0.03f];
        Compute(new OptionBatch<float>(kind, s32, k32, t32, v32, r32, r32), b32.AsOutput(2));
        ComputeGrid(new GpuGrid<double>(kind, k, PricingModel.BlackScholesMerton, [100.0], [0.5], [0.03], [0.0], v), b64.AsOutput(2));
        ComputeGrid(new GpuGrid<float>(kind, k32, PricingModel.BlackScholesMerton, [100f], [0.5f], [0.03f], [0f], v32), b32.AsOutput(2));
    }

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
    {
        var job = new BatchJob<double>(batch, output, _ws64);
        return Run(ref job, batch.Count, output, Precision.Double, cancellationToken);
    }

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default)
    {
        var job = new BatchJob<float>(batch, output, _ws32);
        return Run(ref job, batch.Count, output, Precision.Single, cancellationToken);
    }

    /// <summary>Computes a strike x expiry grid (expiry-major output: row e·strikes + j).</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="output">One row per grid point.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <exception cref="ArgumentException">When an output span's length is not the number of grid points.</exception>
    public ComputeResult ComputeGrid(in GpuGrid<double> grid, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
    {
        var job = new GridJob<double>(grid, output, _ws64);
        return Run(ref job, grid.Count, output, Precision.Double, cancellationToken);
    }

    /// <summary>Computes a float32 strike x expiry grid (expiry-major output).</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="output">One row per grid point.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <exception cref="ArgumentException">When an output span's length is not the number of grid points.</exception>
    public ComputeResult ComputeGrid(in GpuGrid<float> grid, in GreeksOutput<float> output, CancellationToken cancellationToken = default)
    {
        var job = new GridJob<float>(grid, output, _ws32);
        return Run(ref job, grid.Count, output, Precision.Single, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _ws64.Dispose();
            _ws32.Dispose();
            DisposeImpliedVol();
            foreach (AcceleratorStream s in _streams) s.Dispose();
            if (_ownedContext is not null)
            {
                _accelerator.Dispose();
                _ownedContext.Dispose();
            }
        }
    }

    /// <summary>Releases the engine's buffers and streams but not the accelerator or context (provider candidates that failed).</summary>
    internal void DisposeKeepingContext()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _ws64.Dispose();
            _ws32.Dispose();
            DisposeImpliedVol();
            foreach (AcceleratorStream s in _streams) s.Dispose();
        }
    }

    /// <summary>The chunked, pipelined device loop with retry and CPU fallback shared by every call.</summary>
    private ComputeResult Run<TJob, T>(ref TJob job, int n, in GreeksOutput<T> output, Precision precision, CancellationToken ct)
        where TJob : IChunkJob, allows ref struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        output.Validate(n);
        if (n == 0) return new ComputeResult(Info.Name, precision, 0, 0);
        Greek wanted = output.Requested;
        int done = 0, invalid = 0;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int chunk = Math.Min(n, MaxChunkRows);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    RunOnDevice(ref job, n, wanted, chunk, ref done, ref invalid, ct);
                    return new ComputeResult(Info.Name, precision, n, invalid);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SafeSynchronize();
                    int smaller = Math.Max(1, chunk / 4);
                    if (attempt < 2 && chunk > 1024 && IsResourceFailure(ex))
                    {
                        LogRetry(_logger, Info.Name, done, n, smaller, ex);
                        chunk = smaller;
                        job.ReleaseDeviceMemory();
                        continue;
                    }

                    LogFallback(_logger, Info.Name, n - done, n, _cpu.Info.Name, ex);
                    break;
                }
            }
        }

        // Finish on the CPU outside the device lock (the CPU engine is thread-safe).
        ComputeResult rest = job.ComputeOnCpu(_cpu, done, n - done, ct);
        invalid += rest.InvalidCount;
        string engine = done == 0 ? rest.Engine : $"{Info.Name}+{rest.Engine}";
        return new ComputeResult(engine, precision, n, invalid, FellBack: true);
    }

    private void RunOnDevice<TJob>(ref TJob job, int n, Greek wanted, int chunk, ref int done, ref int invalid, CancellationToken ct)
        where TJob : IChunkJob, allows ref struct
    {
        int slots = BitOperations.PopCount((uint)wanted);
        job.Prepare(Math.Min(chunk, n - done), slots, FaultInjector);
        int pendingStart = -1, pendingLength = 0, pendingSlot = 0, index = 0;
        for (int start = done; start < n; start += chunk, index++)
        {
            ct.ThrowIfCancellationRequested();
            int length = Math.Min(chunk, n - start);
            int slot = index % Streams;
            FaultInjector?.Invoke("upload", index);
            job.Upload(slot, _streams[slot], start, length);
            FaultInjector?.Invoke("launch", index);
            job.Launch(slot, _streams[slot], start, length, (int)(uint)wanted);
            if (pendingStart >= 0)
            {
                FaultInjector?.Invoke("download", index - 1);
                invalid += job.Download(pendingSlot, _streams[pendingSlot], pendingStart, pendingLength, wanted);
                done = pendingStart + pendingLength;
            }

            pendingStart = start;
            pendingLength = length;
            pendingSlot = slot;
        }

        if (pendingStart >= 0)
        {
            FaultInjector?.Invoke("download", index - 1);
            invalid += job.Download(pendingSlot, _streams[pendingSlot], pendingStart, pendingLength, wanted);
            done = pendingStart + pendingLength;
        }
    }

    private void SafeSynchronize()
    {
        try
        {
            _accelerator.Synchronize();
        }
        catch (Exception)
        {
            // The device is already failing; the fallback below does not need it.
        }
    }

    private static bool IsResourceFailure(Exception ex) =>
        ex is OutOfMemoryException or InsufficientMemoryException
        || ex.Message.Contains("memory", StringComparison.OrdinalIgnoreCase)
        || ex is AcceleratorException { Message: not null } && ex.Message.Contains("OUT_OF_MEMORY", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "{Engine}: device failure after {Done} of {Count} rows; retrying the rest in chunks of {Chunk} rows")]
    private static partial void LogRetry(ILogger logger, string engine, int done, int count, int chunk, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "{Engine}: device failure; finishing the remaining {Remaining} of {Count} rows on the CPU engine '{Cpu}'")]
    private static partial void LogFallback(ILogger logger, string engine, int remaining, int count, string cpu, Exception exception);
}
