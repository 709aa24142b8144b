using System.Numerics;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace VixShield.Compute.Gpu;

/// <summary>
/// A batch or grid whose inputs and outputs stay on the device: <see cref="Run"/> launches the kernel and waits, with
/// no host transfer; <see cref="CopyTo"/> fetches the results when wanted. For repeated evaluation of data that
/// lives on the device (a risk grid re-priced every tick) and for measuring the kernels against the memory roofline.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
public sealed class ResidentRun<T> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IlgpuGreeksEngine _engine;
    private readonly Slot<T> _slot;
    private readonly List<IDisposable> _extra;
    private readonly Action<AcceleratorStream> _launch;

    internal ResidentRun(IlgpuGreeksEngine engine, Slot<T> slot, List<IDisposable> extra, Action<AcceleratorStream> launch, int count, Greek greeks, long bytesPerRun)
    {
        _engine = engine;
        _slot = slot;
        _extra = extra;
        _launch = launch;
        Count = count;
        Greeks = greeks;
        BytesPerRun = bytesPerRun;
    }

    /// <summary>Options evaluated per run.</summary>
    public int Count { get; }

    /// <summary>Outputs computed.</summary>
    public Greek Greeks { get; }

    /// <summary>Bytes one run reads from and writes to device memory (inputs once, outputs once): the roofline numerator.</summary>
    public long BytesPerRun { get; }

    /// <summary>Launches the kernel over every option and waits for it.</summary>
    public void Run()
    {
        lock (_engine.Gate)
        {
            _launch(_engine.Accelerator.DefaultStream);
            _engine.Accelerator.DefaultStream.Synchronize();
        }
    }

    /// <summary>Copies the results to the host.</summary>
    /// <param name="output">One row per option; its requested outputs must be among <see cref="Greeks"/>.</param>
    /// <exception cref="ArgumentException">When the output does not fit.</exception>
    public void CopyTo(in GreeksOutput<T> output)
    {
        output.Validate(Count);
        if ((output.Requested & ~Greeks) != 0) throw new ArgumentException($"This run computed {Greeks}; ask only for those outputs.", nameof(output));
        lock (_engine.Gate)
        {
            AcceleratorStream stream = _engine.Accelerator.DefaultStream;
            int k = 0;
            foreach (Greek g in GreekInfo.All)
            {
                if ((Greeks & g) == 0) continue;
                if ((output.Requested & g) != 0) _slot.Values!.View.SubView(k * _slot.Rows, Count).CopyToCPU(stream, output.Get(g));
                k++;
            }

            _slot.Status!.View.SubView(0, Count).CopyToCPU(stream, MemoryMarshal.Cast<OptionStatus, byte>(output.Status));
            stream.Synchronize();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _slot.Dispose();
        foreach (IDisposable d in _extra) d.Dispose();
    }
}

/// <summary>Device-resident runs.</summary>
public sealed partial class IlgpuGreeksEngine
{
    internal object Gate => _gate;

    private Workspace<T> WorkspaceOf<T>()
        where T : unmanaged => typeof(T) == typeof(double) ? (Workspace<T>)(object)_ws64 : (Workspace<T>)(object)_ws32;

    /// <summary>Uploads a batch once and keeps inputs and the outputs of <paramref name="greeks"/> on the device.</summary>
    /// <typeparam name="T">double or float.</typeparam>
    /// <param name="batch">The options.</param>
    /// <param name="greeks">The outputs each run computes.</param>
    public ResidentRun<T> CreateResident<T>(in OptionBatch<T> batch, Greek greeks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        greeks &= Greek.All;
        int n = batch.Count;
        int k = BitOperations.PopCount((uint)greeks);
        Workspace<T> ws = WorkspaceOf<T>();
        var slot = new Slot<T> { Rows = n };
        lock (_gate)
        {
            ws.Grow(ref slot.Kind, n); ws.Grow(ref slot.Model, n); ws.Grow(ref slot.Underlying, n); ws.Grow(ref slot.Strike, n);
            ws.Grow(ref slot.Time, n); ws.Grow(ref slot.Vol, n); ws.Grow(ref slot.Rate, n); ws.Grow(ref slot.Dividend, n);
            ws.Grow(ref slot.Values, (long)n * Math.Max(1, k)); ws.Grow(ref slot.Status, n);
            var upload = new BatchJob<T>(batch, default, new Workspace<T>(_accelerator, null!, null!, null!, [slot]));
            upload.Upload(0, _accelerator.DefaultStream, 0, n);
            _accelerator.DefaultStream.Synchronize();
        }

        bool noModel = batch.Model.IsEmpty, noQ = batch.DividendYield.IsEmpty;
        int size = Marshal.SizeOf<T>();
        long bytes = (long)n * (1 + (5 * size) + (noQ ? 0 : size) + (noModel ? 0 : 1) + (k * size) + 1);
        BatchViews<T> input = BatchJob<T>.BatchInput(slot, noModel, noQ, n);
        OutViews<T> outputs = OutputCopy.Views(slot, n);
        var wanted = new SpecializedValue<int>((int)(uint)greeks);
        return new ResidentRun<T>(this, slot, [], s => ws.BatchKernel(s, n, input, outputs, wanted), n, greeks, bytes);
    }

    /// <summary>Uploads a strike x expiry grid once and keeps it and the outputs of <paramref name="greeks"/> on the device.</summary>
    /// <typeparam name="T">double or float.</typeparam>
    /// <param name="grid">The grid.</param>
    /// <param name="greeks">The outputs each run computes.</param>
    public ResidentRun<T> CreateResident<T>(in GpuGrid<T> grid, Greek greeks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        greeks &= Greek.All;
        int n = grid.Count;
        int k = BitOperations.PopCount((uint)greeks);
        Workspace<T> ws = WorkspaceOf<T>();
        var slot = new Slot<T> { Rows = n };
        MemoryBuffer1D<sbyte, Stride1D.Dense>? kind = null;
        MemoryBuffer1D<T, Stride1D.Dense>? strike = null, under = null, time = null, rate = null, div = null;
        lock (_gate)
        {
            ws.Grow(ref slot.Vol, n); ws.Grow(ref slot.Values, (long)n * Math.Max(1, k)); ws.Grow(ref slot.Status, n);
            ws.Grow(ref kind, grid.StrikeCount); ws.Grow(ref strike, grid.StrikeCount);
            ws.Grow(ref under, grid.ExpiryCount); ws.Grow(ref time, grid.ExpiryCount); ws.Grow(ref rate, grid.ExpiryCount); ws.Grow(ref div, grid.ExpiryCount);
            AcceleratorStream s = _accelerator.DefaultStream;
            kind!.View.SubView(0, grid.StrikeCount).CopyFromCPU(s, MemoryMarshal.Cast<OptionKind, sbyte>(grid.Kinds));
            strike!.View.SubView(0, grid.StrikeCount).CopyFromCPU(s, grid.Strikes);
            under!.View.SubView(0, grid.ExpiryCount).CopyFromCPU(s, grid.Underlying);
            time!.View.SubView(0, grid.ExpiryCount).CopyFromCPU(s, grid.Times);
            rate!.View.SubView(0, grid.ExpiryCount).CopyFromCPU(s, grid.Rates);
            div!.View.SubView(0, grid.ExpiryCount).CopyFromCPU(s, grid.DividendYields);
            slot.Vol!.View.SubView(0, n).CopyFromCPU(s, grid.Vols);
            s.Synchronize();
        }

        var input = new GridViews<T>
        {
            Kind = kind.View.SubView(0, grid.StrikeCount),
            Strike = strike.View.SubView(0, grid.StrikeCount),
            Underlying = under.View.SubView(0, grid.ExpiryCount),
            Time = time.View.SubView(0, grid.ExpiryCount),
            Rate = rate.View.SubView(0, grid.ExpiryCount),
            Dividend = div.View.SubView(0, grid.ExpiryCount),
            Vol = slot.Vol.View.SubView(0, n),
            Offset = 0,
            StrikeCount = grid.StrikeCount,
            Model = (byte)grid.Model,
        };
        int size = Marshal.SizeOf<T>();
        long bytes = ((long)n * (size + (k * size) + 1)) + ((long)grid.StrikeCount * (1 + size)) + ((long)grid.ExpiryCount * 4 * size);
        OutViews<T> outputs = OutputCopy.Views(slot, n);
        var wanted = new SpecializedValue<int>((int)(uint)greeks);
        return new ResidentRun<T>(this, slot, [kind, strike, under, time, rate, div], st => ws.GridKernel(st, n, input, outputs, wanted), n, greeks, bytes);
    }
}

/// <summary>Device memory bandwidth measurement (the roofline denominator).</summary>
public sealed partial class IlgpuGreeksEngine
{
    /// <summary>
    /// Measures achievable device-memory bandwidth with a streaming kernel (y[i] = 2·x[i] over two buffers of
    /// <paramref name="bytesPerBuffer"/> bytes): bytes read plus bytes written per second, best of <paramref name="repetitions"/>.
    /// </summary>
    /// <param name="bytesPerBuffer">Size of each buffer; large enough to defeat the caches (e.g. 2 GiB).</param>
    /// <param name="repetitions">Timed launches.</param>
    public double MeasureBandwidth(long bytesPerBuffer = 1L << 31, int repetitions = 10)
    {
        long n = bytesPerBuffer / sizeof(double);
        lock (_gate)
        {
            using MemoryBuffer1D<double, Stride1D.Dense> x = _accelerator.Allocate1D<double>(n);
            using MemoryBuffer1D<double, Stride1D.Dense> y = _accelerator.Allocate1D<double>(n);
            x.MemSetToZero();
            var kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>>(StreamKernel);
            kernel((int)n, x.View, y.View);
            _accelerator.Synchronize();
            double best = double.MaxValue;
            for (int r = 0; r < repetitions; r++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                kernel((int)n, x.View, y.View);
                _accelerator.Synchronize();
                best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }

            return 2.0 * n * sizeof(double) / best;
        }
    }

    private static void StreamKernel(Index1D i, ArrayView<double> x, ArrayView<double> y) => y[i] = 2.0 * x[i];
}
