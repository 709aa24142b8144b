using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using VixShield.Compute.ImpliedVol;

namespace VixShield.Compute.Gpu;

/// <summary>Device buffers of an implied-vol batch, grown on demand and reused across calls.</summary>
internal sealed class ImpliedVolBuffers : IDisposable
{
    private readonly Accelerator _acc;
    private MemoryBuffer1D<sbyte, Stride1D.Dense>? _kind;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _model, _status;
    private MemoryBuffer1D<double, Stride1D.Dense>? _s, _k, _t, _p, _r, _q, _vol;

    public ImpliedVolBuffers(Accelerator accelerator) => _acc = accelerator;

    /// <summary>Rows the buffers hold.</summary>
    public long Rows { get; private set; }

    /// <summary>Makes room for <paramref name="rows"/> rows (reallocating only when they grow).</summary>
    public void Ensure(long rows)
    {
        if (Rows >= rows) return;
        Dispose();
        rows = Math.Max(1, rows);
        _kind = _acc.Allocate1D<sbyte>(rows);
        _model = _acc.Allocate1D<byte>(rows);
        _status = _acc.Allocate1D<byte>(rows);
        _s = _acc.Allocate1D<double>(rows);
        _k = _acc.Allocate1D<double>(rows);
        _t = _acc.Allocate1D<double>(rows);
        _p = _acc.Allocate1D<double>(rows);
        _r = _acc.Allocate1D<double>(rows);
        _q = _acc.Allocate1D<double>(rows);
        _vol = _acc.Allocate1D<double>(rows);
        Rows = rows;
    }

    /// <summary>Copies rows [start, start + length) of the batch into the buffers' first rows.</summary>
    public ImpliedVolViews Upload(AcceleratorStream stream, in ImpliedVolBatch b, int start, int length)
    {
        _kind!.View.SubView(0, length).CopyFromCPU(stream, MemoryMarshal.Cast<OptionKind, sbyte>(b.Kind.Slice(start, length)));
        if (!b.Model.IsEmpty) _model!.View.SubView(0, length).CopyFromCPU(stream, MemoryMarshal.Cast<PricingModel, byte>(b.Model.Slice(start, length)));
        _s!.View.SubView(0, length).CopyFromCPU(stream, b.Underlying.Slice(start, length));
        _k!.View.SubView(0, length).CopyFromCPU(stream, b.Strike.Slice(start, length));
        _t!.View.SubView(0, length).CopyFromCPU(stream, b.Time.Slice(start, length));
        _p!.View.SubView(0, length).CopyFromCPU(stream, b.Price.Slice(start, length));
        _r!.View.SubView(0, length).CopyFromCPU(stream, b.Rate.Slice(start, length));
        if (!b.DividendYield.IsEmpty) _q!.View.SubView(0, length).CopyFromCPU(stream, b.DividendYield.Slice(start, length));
        return new ImpliedVolViews
        {
            Kind = _kind.View, Model = _model!.View, Underlying = _s.View, Strike = _k.View, Time = _t.View, Price = _p.View,
            Rate = _r.View, Dividend = _q!.View, Vol = _vol!.View, Status = _status!.View,
            HasModel = b.Model.IsEmpty ? 0 : 1, HasDividend = b.DividendYield.IsEmpty ? 0 : 1,
        };
    }

    /// <summary>Copies the first <c>vol.Length</c> results back (synchronous).</summary>
    public void Download(AcceleratorStream stream, Span<double> vol, Span<ImpliedVolStatus> status)
    {
        _vol!.View.SubView(0, vol.Length).CopyToCPU(stream, vol);
        _status!.View.SubView(0, status.Length).CopyToCPU(stream, MemoryMarshal.Cast<ImpliedVolStatus, byte>(status));
        stream.Synchronize();
    }

    public void Dispose()
    {
        _kind?.Dispose(); _model?.Dispose(); _status?.Dispose(); _s?.Dispose(); _k?.Dispose(); _t?.Dispose();
        _p?.Dispose(); _r?.Dispose(); _q?.Dispose(); _vol?.Dispose();
        _kind = null; _model = _status = null; _s = _k = _t = _p = _r = _q = _vol = null;
        Rows = 0;
    }
}

/// <summary>
/// An implied-vol batch whose inputs and outputs stay on the device: <see cref="Run"/> launches the kernel and waits, with
/// no host transfer; <see cref="CopyTo"/> fetches vols and statuses. For measuring the kernel with the data resident.
/// </summary>
public sealed class ImpliedVolResidentRun : IDisposable
{
    private readonly IlgpuGreeksEngine _engine;
    private readonly ImpliedVolBuffers _buffers;
    private readonly ImpliedVolViews _views;

    internal ImpliedVolResidentRun(IlgpuGreeksEngine engine, ImpliedVolBuffers buffers, ImpliedVolViews views, int count)
    {
        _engine = engine;
        _buffers = buffers;
        _views = views;
        Count = count;
    }

    /// <summary>Rows inverted per run.</summary>
    public int Count { get; }

    /// <summary>Bytes one run reads and writes in device memory (kind, model, six float64 inputs, vol, status).</summary>
    public long BytesPerRun => Count * (long)(1 + 1 + (6 * 8) + 8 + 1);

    /// <summary>Launches the kernel over every row and waits for it.</summary>
    public void Run()
    {
        lock (_engine.Gate)
        {
            _engine.ImpliedVolKernel(_engine.Accelerator.DefaultStream, Count, _views);
            _engine.Accelerator.DefaultStream.Synchronize();
        }
    }

    /// <summary>Copies the results to the host.</summary>
    /// <param name="vol">One element per row.</param>
    /// <param name="status">One element per row.</param>
    /// <exception cref="ArgumentException">When a span's length is not <see cref="Count"/>.</exception>
    public void CopyTo(Span<double> vol, Span<ImpliedVolStatus> status)
    {
        if (vol.Length != Count || status.Length != Count)
        {
            throw new ArgumentException($"This run has {Count} rows; pass spans of exactly that length.", nameof(vol));
        }

        lock (_engine.Gate) _buffers.Download(_engine.Accelerator.DefaultStream, vol, status);
    }

    /// <inheritdoc/>
    public void Dispose() => _buffers.Dispose();
}

/// <summary>Bulk implied volatility on the device.</summary>
public sealed partial class IlgpuGreeksEngine : IImpliedVolEngine
{
    /// <summary>The name a result carries when the CPU implied-vol solver (<see cref="ImpliedVolatilitySolver"/>) ran.</summary>
    public const string CpuImpliedVolEngine = ImpliedVolEngineExtensions.CpuEngineName;

    private ImpliedVolBuffers? _ivBuffers;
    private Action<AcceleratorStream, Index1D, ImpliedVolViews>? _ivKernel;

    /// <summary>The loaded implied-vol kernel (compiled on first use).</summary>
    internal Action<AcceleratorStream, Index1D, ImpliedVolViews> ImpliedVolKernel =>
        _ivKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ImpliedVolViews>(ImpliedVolKernels.Batch<GpuDoubleOps>);

    /// <summary>
    /// Inverts every row of <paramref name="batch"/> on the device with the same semantics as
    /// <see cref="ImpliedVolatilitySolver.Compute"/> (Let's Be Rational, per-row status, NaN unless Ok, out-of-the-money
    /// inversion through put-call parity): the kernel runs the CPU solver's own per-row code over GPU math ops.
    /// Device buffers are reused across calls; a device failure finishes the remaining rows on the CPU solver, with a
    /// warning logged and <see cref="EngineImpliedVolResult.FellBack"/> set.
    /// </summary>
    /// <param name="batch">Quoted options.</param>
    /// <param name="vol">Receives the implied vol per row (NaN unless Ok).</param>
    /// <param name="status">Receives the status per row.</param>
    /// <param name="cpuOptions">Options of the CPU solver if it has to finish the call; null means all cores.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>Which engine ran and the counts.</returns>
    /// <exception cref="ArgumentException">When an output span's length differs from the batch.</exception>
    public EngineImpliedVolResult ImpliedVolatility(in ImpliedVolBatch batch, Span<double> vol, Span<ImpliedVolStatus> status,
        ImpliedVolOptions? cpuOptions = null, CancellationToken cancellationToken = default)
    {
        int n = batch.Count;
        if (vol.Length != n)
        {
            throw new ArgumentException($"Output span 'vol' has {vol.Length} rows but the batch has {n}: pass one element per option.", nameof(vol));
        }

        if (status.Length != n)
        {
            throw new ArgumentException($"Output span 'status' has {status.Length} rows but the batch has {n}: pass one element per option.", nameof(status));
        }

        if (n == 0) return new EngineImpliedVolResult(Info.Name, 0, 0, false);
        int done = 0, ok = 0;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                int chunk = Math.Min(n, MaxChunkRows);
                _ivBuffers ??= new ImpliedVolBuffers(_accelerator);
                _ivBuffers.Ensure(chunk);
                AcceleratorStream stream = _streams[0];
                for (int start = 0, index = 0; start < n; start += chunk, index++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int length = Math.Min(chunk, n - start);
                    FaultInjector?.Invoke("upload", index);
                    ImpliedVolViews views = _ivBuffers.Upload(stream, batch, start, length);
                    FaultInjector?.Invoke("launch", index);
                    ImpliedVolKernel(stream, length, views);
                    FaultInjector?.Invoke("download", index);
                    Span<ImpliedVolStatus> st = status.Slice(start, length);
                    _ivBuffers.Download(stream, vol.Slice(start, length), st);
                    foreach (ImpliedVolStatus s in st) ok += s == ImpliedVolStatus.Ok ? 1 : 0;
                    done = start + length;
                }

                return new EngineImpliedVolResult(Info.Name, n, ok, false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SafeSynchronize();
                LogImpliedVolFallback(_logger, Info.Name, n - done, n, ex);
            }
        }

        // Finish on the CPU solver outside the device lock (it is thread-safe).
        ImpliedVolResult rest = ImpliedVolatilitySolver.Compute(
            batch.Slice(done, n - done), vol.Slice(done), status.Slice(done), cpuOptions, cancellationToken);
        string engine = done == 0 ? CpuImpliedVolEngine : $"{Info.Name}+{CpuImpliedVolEngine}";
        return new EngineImpliedVolResult(engine, n, ok + rest.OkCount, true, rest.Threads);
    }

    /// <summary>Uploads an implied-vol batch once and keeps inputs and outputs on the device (own buffers).</summary>
    /// <param name="batch">Quoted options.</param>
    /// <returns>The resident run; dispose it to free its device memory.</returns>
    public ImpliedVolResidentRun CreateResidentImpliedVol(in ImpliedVolBatch batch)
    {
        int n = batch.Count;
        if (n == 0) throw new ArgumentException("The batch is empty: pass at least one option.", nameof(batch));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var buffers = new ImpliedVolBuffers(_accelerator);
            buffers.Ensure(n);
            AcceleratorStream stream = _accelerator.DefaultStream;
            ImpliedVolViews views = buffers.Upload(stream, batch, 0, n);
            stream.Synchronize();
            return new ImpliedVolResidentRun(this, buffers, views, n);
        }
    }

    /// <summary>Frees the implied-vol buffers (called from the engine's disposal).</summary>
    private void DisposeImpliedVol()
    {
        _ivBuffers?.Dispose();
        _ivBuffers = null;
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "{Engine}: device failure during implied vol; finishing the remaining {Remaining} of {Count} rows on the CPU solver")]
    private static partial void LogImpliedVolFallback(ILogger logger, string engine, int remaining, int count, Exception exception);
}
