using System.Numerics;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace VixShield.Compute.Gpu;

/// <summary>Device buffers of one chunk slot (one stream), grown on demand and reused across calls.</summary>
/// <typeparam name="T">double or float.</typeparam>
internal sealed class Slot<T> : IDisposable
    where T : unmanaged
{
    public MemoryBuffer1D<sbyte, Stride1D.Dense>? Kind;
    public MemoryBuffer1D<byte, Stride1D.Dense>? Model;
    public MemoryBuffer1D<T, Stride1D.Dense>? Underlying, Strike, Time, Vol, Rate, Dividend, Values;
    public MemoryBuffer1D<byte, Stride1D.Dense>? Status;
    public MemoryBuffer1D<T, Stride1D.Dense>? Quantity;
    public MemoryBuffer1D<int, Stride1D.Dense>? Group;
    public long Rows;

    public void Dispose()
    {
        Kind?.Dispose(); Model?.Dispose(); Underlying?.Dispose(); Strike?.Dispose(); Time?.Dispose(); Vol?.Dispose();
        Rate?.Dispose(); Dividend?.Dispose(); Values?.Dispose(); Status?.Dispose(); Quantity?.Dispose(); Group?.Dispose();
        Kind = null; Model = null; Underlying = Strike = Time = Vol = Rate = Dividend = Values = Quantity = null; Status = null; Group = null;
        Rows = 0;
    }
}

/// <summary>Kernels and reusable device buffers of one precision.</summary>
/// <typeparam name="T">double or float.</typeparam>
internal sealed class Workspace<T> : IDisposable
    where T : unmanaged
{
    private readonly Accelerator _acc;
    private readonly Action<Index1D, BatchViews<T>, OutViews<T>, SpecializedValue<int>> _batchMethod;
    private readonly Action<Index1D, GridViews<T>, OutViews<T>, SpecializedValue<int>> _gridMethod;
    private readonly Action<BatchViews<T>, ArrayView<T>, ArrayView<int>, ArrayView<T>, int, SpecializedValue<int>> _aggregateMethod;
    private Action<AcceleratorStream, Index1D, BatchViews<T>, OutViews<T>, SpecializedValue<int>>? _batch;
    private Action<AcceleratorStream, Index1D, GridViews<T>, OutViews<T>, SpecializedValue<int>>? _grid;
    private Action<AcceleratorStream, KernelConfig, BatchViews<T>, ArrayView<T>, ArrayView<int>, ArrayView<T>, int, SpecializedValue<int>>? _aggregate;

    public Workspace(
        Accelerator accelerator,
        Action<Index1D, BatchViews<T>, OutViews<T>, SpecializedValue<int>> batch,
        Action<Index1D, GridViews<T>, OutViews<T>, SpecializedValue<int>> grid,
        Action<BatchViews<T>, ArrayView<T>, ArrayView<int>, ArrayView<T>, int, SpecializedValue<int>> aggregate,
        Slot<T>[]? slots = null)
    {
        _acc = accelerator;
        _batchMethod = batch;
        _gridMethod = grid;
        _aggregateMethod = aggregate;
        Slots = slots ?? [new Slot<T>(), new Slot<T>()];
    }

    public Slot<T>[] Slots { get; }

    public MemoryBuffer1D<sbyte, Stride1D.Dense>? GridKind;
    public MemoryBuffer1D<T, Stride1D.Dense>? GridStrike, GridUnderlying, GridTime, GridRate, GridDividend, Sums;

    public Accelerator Accelerator => _acc;

    public Action<AcceleratorStream, Index1D, BatchViews<T>, OutViews<T>, SpecializedValue<int>> BatchKernel =>
        _batch ??= _acc.LoadAutoGroupedKernel(_batchMethod);

    public Action<AcceleratorStream, Index1D, GridViews<T>, OutViews<T>, SpecializedValue<int>> GridKernel =>
        _grid ??= _acc.LoadAutoGroupedKernel(_gridMethod);

    public Action<AcceleratorStream, KernelConfig, BatchViews<T>, ArrayView<T>, ArrayView<int>, ArrayView<T>, int, SpecializedValue<int>> AggregateKernel =>
        _aggregate ??= _acc.LoadKernel(_aggregateMethod);

    /// <summary>Makes slot <paramref name="s"/> hold <paramref name="rows"/> rows and <paramref name="valueSlots"/> outputs.</summary>
    public Slot<T> Ensure(int s, long rows, int valueSlots, bool batchInputs, bool gridInputs, bool aggregate)
    {
        Slot<T> slot = Slots[s];
        if (slot.Rows < rows)
        {
            slot.Dispose();
            slot.Rows = rows;
        }

        long cap = slot.Rows;
        if (batchInputs)
        {
            Grow(ref slot.Kind, cap);
            Grow(ref slot.Model, cap);
            Grow(ref slot.Underlying, cap);
            Grow(ref slot.Strike, cap);
            Grow(ref slot.Time, cap);
            Grow(ref slot.Rate, cap);
            Grow(ref slot.Dividend, cap);
        }

        if (batchInputs || gridInputs) Grow(ref slot.Vol, cap);
        if (aggregate)
        {
            Grow(ref slot.Quantity, cap);
            Grow(ref slot.Group, cap);
        }
        else
        {
            Grow(ref slot.Values, cap * Math.Max(1, valueSlots));
            Grow(ref slot.Status, cap);
        }

        return slot;
    }

    public void Grow<TElem>(ref MemoryBuffer1D<TElem, Stride1D.Dense>? buffer, long length)
        where TElem : unmanaged
    {
        length = Math.Max(1, length);
        if (buffer is not null && buffer.Length >= length) return;
        buffer?.Dispose();
        buffer = null;
        buffer = _acc.Allocate1D<TElem>(length);
    }

    public void ReleaseBuffers()
    {
        foreach (Slot<T> s in Slots) s.Dispose();
        GridKind?.Dispose(); GridStrike?.Dispose(); GridUnderlying?.Dispose(); GridTime?.Dispose(); GridRate?.Dispose(); GridDividend?.Dispose(); Sums?.Dispose();
        GridKind = null; GridStrike = GridUnderlying = GridTime = GridRate = GridDividend = Sums = null;
    }

    public void Dispose() => ReleaseBuffers();
}

/// <summary>One call split into chunks: what the pipelined device loop of <see cref="IlgpuGreeksEngine"/> drives.</summary>
internal interface IChunkJob
{
    void Prepare(int chunkRows, int valueSlots, Action<string, int>? faults);

    void Upload(int slot, AcceleratorStream stream, int start, int length);

    void Launch(int slot, AcceleratorStream stream, int start, int length, int wanted);

    /// <summary>Copies the chunk's outputs to the host, waits, returns its invalid-row count.</summary>
    int Download(int slot, AcceleratorStream stream, int start, int length, Greek wanted);

    void ReleaseDeviceMemory();

    ComputeResult ComputeOnCpu(IGreeksEngine cpu, int start, int length, CancellationToken ct);
}

/// <summary>Output copy-back shared by batch and grid jobs.</summary>
internal static class OutputCopy
{
    public static int Download<T>(Slot<T> s, AcceleratorStream stream, in GreeksOutput<T> output, int start, int length, Greek wanted)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        foreach (Greek g in GreekInfo.All)
        {
            if ((wanted & g) == 0) continue;
            s.Values!.View.SubView(k * s.Rows, length).CopyToCPU(stream, output.Get(g).Slice(start, length));
            k++;
        }

        Span<byte> status = MemoryMarshal.Cast<OptionStatus, byte>(output.Status.Slice(start, length));
        s.Status!.View.SubView(0, length).CopyToCPU(stream, status);
        stream.Synchronize();
        return length - status.Count((byte)0);
    }

    public static OutViews<T> Views<T>(Slot<T> s, int length)
        where T : unmanaged => new()
        {
            Values = s.Values!.View,
            Status = s.Status!.View.SubView(0, length),
            Stride = s.Rows,
        };
}

/// <summary>A plain batch.</summary>
internal ref struct BatchJob<T> : IChunkJob
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly OptionBatch<T> _batch;
    private readonly GreeksOutput<T> _output;
    private readonly Workspace<T> _ws;
    private int _slots;

    public BatchJob(in OptionBatch<T> batch, in GreeksOutput<T> output, Workspace<T> ws)
    {
        _batch = batch;
        _output = output;
        _ws = ws;
    }

    public void Prepare(int chunkRows, int valueSlots, Action<string, int>? faults)
    {
        _slots = valueSlots;
        for (int s = 0; s < _ws.Slots.Length; s++) _ws.Ensure(s, chunkRows, valueSlots, batchInputs: true, gridInputs: false, aggregate: false);
    }

    public readonly void Upload(int slot, AcceleratorStream stream, int start, int length)
    {
        Slot<T> s = _ws.Slots[slot];
        s.Kind!.View.SubView(0, length).CopyFromCPU(stream, MemoryMarshal.Cast<OptionKind, sbyte>(_batch.Kind.Slice(start, length)));
        if (!_batch.Model.IsEmpty) s.Model!.View.SubView(0, length).CopyFromCPU(stream, MemoryMarshal.Cast<PricingModel, byte>(_batch.Model.Slice(start, length)));
        s.Underlying!.View.SubView(0, length).CopyFromCPU(stream, _batch.Underlying.Slice(start, length));
        s.Strike!.View.SubView(0, length).CopyFromCPU(stream, _batch.Strike.Slice(start, length));
        s.Time!.View.SubView(0, length).CopyFromCPU(stream, _batch.Time.Slice(start, length));
        s.Vol!.View.SubView(0, length).CopyFromCPU(stream, _batch.Vol.Slice(start, length));
        s.Rate!.View.SubView(0, length).CopyFromCPU(stream, _batch.Rate.Slice(start, length));
        if (!_batch.DividendYield.IsEmpty) s.Dividend!.View.SubView(0, length).CopyFromCPU(stream, _batch.DividendYield.Slice(start, length));
    }

    public readonly void Launch(int slot, AcceleratorStream stream, int start, int length, int wanted)
    {
        Slot<T> s = _ws.Slots[slot];
        _ws.BatchKernel(stream, length, BatchInput(s, _batch.Model.IsEmpty, _batch.DividendYield.IsEmpty, length), OutputCopy.Views(s, length), new SpecializedValue<int>(wanted));
    }

    public readonly int Download(int slot, AcceleratorStream stream, int start, int length, Greek wanted) =>
        OutputCopy.Download(_ws.Slots[slot], stream, _output, start, length, wanted);

    public readonly void ReleaseDeviceMemory() => _ws.ReleaseBuffers();

    public readonly ComputeResult ComputeOnCpu(IGreeksEngine cpu, int start, int length, CancellationToken ct) =>
        typeof(T) == typeof(double)
            ? cpu.Compute(Cast<double>(_batch.Slice(start, length)), Cast<double>(_output.Slice(start, length)), ct)
            : cpu.Compute(Cast<float>(_batch.Slice(start, length)), Cast<float>(_output.Slice(start, length)), ct);

    internal static BatchViews<T> BatchInput(Slot<T> s, bool noModel, bool noDividend, int length) => new()
    {
        Kind = s.Kind!.View.SubView(0, length),
        Model = s.Model!.View.SubView(0, length),
        Underlying = s.Underlying!.View.SubView(0, length),
        Strike = s.Strike!.View.SubView(0, length),
        Time = s.Time!.View.SubView(0, length),
        Vol = s.Vol!.View.SubView(0, length),
        Rate = s.Rate!.View.SubView(0, length),
        Dividend = s.Dividend!.View.SubView(0, length),
        HasModel = noModel ? 0 : 1,
        HasDividend = noDividend ? 0 : 1,
    };

    internal static OptionBatch<TTo> Cast<TTo>(in OptionBatch<T> b)
        where TTo : unmanaged, IFloatingPointIeee754<TTo> => new(
            b.Kind, MemoryMarshal.Cast<T, TTo>(b.Underlying), MemoryMarshal.Cast<T, TTo>(b.Strike), MemoryMarshal.Cast<T, TTo>(b.Time),
            MemoryMarshal.Cast<T, TTo>(b.Vol), MemoryMarshal.Cast<T, TTo>(b.Rate), MemoryMarshal.Cast<T, TTo>(b.DividendYield), b.Model);

    internal static GreeksOutput<TTo> Cast<TTo>(in GreeksOutput<T> o)
        where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        // Every output of the table (GreekInfo), as GreeksOutput.Slice does: no hand list of the 18.
        var r = new GreeksOutput<TTo> { Status = o.Status };
        foreach (Greek g in GreekInfo.All)
        {
            Span<T> span = o.Get(g);
            if (!span.IsEmpty) r = r.With(g, MemoryMarshal.Cast<T, TTo>(span));
        }

        return r;
    }
}

/// <summary>A strike x expiry grid: per-strike and per-expiry columns are uploaded once per call, vols per chunk.</summary>
internal ref struct GridJob<T> : IChunkJob
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GpuGrid<T> _grid;
    private readonly GreeksOutput<T> _output;
    private readonly Workspace<T> _ws;

    public GridJob(in GpuGrid<T> grid, in GreeksOutput<T> output, Workspace<T> ws)
    {
        _grid = grid;
        _output = output;
        _ws = ws;
    }

    public readonly void Prepare(int chunkRows, int valueSlots, Action<string, int>? faults)
    {
        for (int s = 0; s < _ws.Slots.Length; s++) _ws.Ensure(s, chunkRows, valueSlots, batchInputs: false, gridInputs: true, aggregate: false);
        faults?.Invoke("grid-columns", -1);
        _ws.Grow(ref _ws.GridKind, _grid.StrikeCount);
        _ws.Grow(ref _ws.GridStrike, _grid.StrikeCount);
        _ws.Grow(ref _ws.GridUnderlying, _grid.ExpiryCount);
        _ws.Grow(ref _ws.GridTime, _grid.ExpiryCount);
        _ws.Grow(ref _ws.GridRate, _grid.ExpiryCount);
        _ws.Grow(ref _ws.GridDividend, _grid.ExpiryCount);
        AcceleratorStream stream = _ws.Accelerator.DefaultStream;
        _ws.GridKind!.View.SubView(0, _grid.StrikeCount).CopyFromCPU(stream, MemoryMarshal.Cast<OptionKind, sbyte>(_grid.Kinds));
        _ws.GridStrike!.View.SubView(0, _grid.StrikeCount).CopyFromCPU(stream, _grid.Strikes);
        _ws.GridUnderlying!.View.SubView(0, _grid.ExpiryCount).CopyFromCPU(stream, _grid.Underlying);
        _ws.GridTime!.View.SubView(0, _grid.ExpiryCount).CopyFromCPU(stream, _grid.Times);
        _ws.GridRate!.View.SubView(0, _grid.ExpiryCount).CopyFromCPU(stream, _grid.Rates);
        _ws.GridDividend!.View.SubView(0, _grid.ExpiryCount).CopyFromCPU(stream, _grid.DividendYields);
        stream.Synchronize();
    }

    public readonly void Upload(int slot, AcceleratorStream stream, int start, int length) =>
        _ws.Slots[slot].Vol!.View.SubView(0, length).CopyFromCPU(stream, _grid.Vols.Slice(start, length));

    public readonly void Launch(int slot, AcceleratorStream stream, int start, int length, int wanted)
    {
        Slot<T> s = _ws.Slots[slot];
        var input = new GridViews<T>
        {
            Kind = _ws.GridKind!.View.SubView(0, _grid.StrikeCount),
            Strike = _ws.GridStrike!.View.SubView(0, _grid.StrikeCount),
            Underlying = _ws.GridUnderlying!.View.SubView(0, _grid.ExpiryCount),
            Time = _ws.GridTime!.View.SubView(0, _grid.ExpiryCount),
            Rate = _ws.GridRate!.View.SubView(0, _grid.ExpiryCount),
            Dividend = _ws.GridDividend!.View.SubView(0, _grid.ExpiryCount),
            Vol = s.Vol!.View.SubView(0, length),
            Offset = start,
            StrikeCount = _grid.StrikeCount,
            Model = (byte)_grid.Model,
        };
        _ws.GridKernel(stream, length, input, OutputCopy.Views(s, length), new SpecializedValue<int>(wanted));
    }

    public readonly int Download(int slot, AcceleratorStream stream, int start, int length, Greek wanted) =>
        OutputCopy.Download(_ws.Slots[slot], stream, _output, start, length, wanted);

    public readonly void ReleaseDeviceMemory() => _ws.ReleaseBuffers();

    public readonly ComputeResult ComputeOnCpu(IGreeksEngine cpu, int start, int length, CancellationToken ct)
    {
        var (kind, s, k, t, v, r, q, m) = _grid.Expand(start, length);
        var batch = new OptionBatch<T>(kind, s, k, t, v, r, q, m);
        GreeksOutput<T> slice = _output.Slice(start, length);
        return typeof(T) == typeof(double)
            ? cpu.Compute(BatchJob<T>.Cast<double>(batch), BatchJob<T>.Cast<double>(slice), ct)
            : cpu.Compute(BatchJob<T>.Cast<float>(batch), BatchJob<T>.Cast<float>(slice), ct);
    }
}
