using System.Numerics;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Microsoft.Extensions.Logging;

namespace VixShield.Compute.Gpu;

/// <summary>Per-group aggregation on the device.</summary>
public sealed partial class IlgpuGreeksEngine
{
    /// <summary>
    /// Sums quantity x Greek per group on the device, so that a book's totals need not copy every leg back:
    /// <c>sums[g·k + s]</c> += quantities[i] · output s of row i for every valid row i with groupIds[i] = g, where
    /// the k outputs of <paramref name="greeks"/> are in canonical order (<see cref="GreekInfo.All"/>). Rows whose
    /// status is not Ok contribute nothing and are counted in <see cref="ComputeResult.InvalidCount"/>. Sums are
    /// accumulated in <typeparamref name="T"/> with device atomics (their order, hence the last bits, may vary between runs).
    /// </summary>
    /// <typeparam name="T">double or float.</typeparam>
    /// <param name="batch">The legs.</param>
    /// <param name="quantities">Signed quantity per leg (multiplier included if the caller wants dollar Greeks).</param>
    /// <param name="groupIds">Group of each leg, in [0, groupCount).</param>
    /// <param name="greeks">The outputs to sum.</param>
    /// <param name="sums">groupCount x popcount(greeks) sums, group-major; overwritten.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <exception cref="ArgumentException">When the spans do not fit together or a group id is out of range.</exception>
    public ComputeResult AggregateByGroup<T>(
        in OptionBatch<T> batch, ReadOnlySpan<T> quantities, ReadOnlySpan<int> groupIds, Greek greeks, Span<T> sums, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        greeks &= Greek.All;
        int n = batch.Count;
        int k = BitOperations.PopCount((uint)greeks);
        if (k == 0) throw new ArgumentException("Ask for at least one output, e.g. Greek.Delta | Greek.Vega.", nameof(greeks));
        if (quantities.Length != n) throw new ArgumentException($"'quantities' has {quantities.Length} rows but the batch has {n}: give one quantity per leg.", nameof(quantities));
        if (groupIds.Length != n) throw new ArgumentException($"'groupIds' has {groupIds.Length} rows but the batch has {n}: give one group per leg.", nameof(groupIds));
        if (sums.Length % k != 0) throw new ArgumentException($"'sums' has {sums.Length} entries, not a multiple of the {k} outputs requested: give groupCount x {k}.", nameof(sums));
        int groups = sums.Length / k;
        foreach (int g in groupIds)
        {
            if ((uint)g >= (uint)groups) throw new ArgumentException($"Group id {g} is outside [0, {groups}): size 'sums' as groupCount x {k}.", nameof(groupIds));
        }

        Precision precision = typeof(T) == typeof(double) ? Precision.Double : Precision.Single;
        sums.Clear();
        if (n == 0) return new ComputeResult(Info.Name, precision, 0, 0);
        var host = new T[groups * (k + 1)];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                if (typeof(T) == typeof(double))
                {
                    AggregateOnDevice(_ws64, BatchJob<T>.Cast<double>(batch), MemoryMarshal.Cast<T, double>(quantities), groupIds, greeks, k, MemoryMarshal.Cast<T, double>(host.AsSpan()), cancellationToken);
                }
                else
                {
                    AggregateOnDevice(_ws32, BatchJob<T>.Cast<float>(batch), MemoryMarshal.Cast<T, float>(quantities), groupIds, greeks, k, MemoryMarshal.Cast<T, float>(host.AsSpan()), cancellationToken);
                }

                int bad = 0;
                for (int g = 0; g < groups; g++)
                {
                    for (int s = 0; s < k; s++) sums[(g * k) + s] = host[(g * (k + 1)) + s];
                    bad += int.CreateTruncating(host[(g * (k + 1)) + k]);
                }

                return new ComputeResult(Info.Name, precision, n, bad);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SafeSynchronize();
                LogFallback(_logger, Info.Name, n, n, _cpu.Info.Name, ex);
            }
        }

        return AggregateOnCpu(batch, quantities, groupIds, greeks, k, sums, precision, cancellationToken);
    }

    private void AggregateOnDevice<T>(
        Workspace<T> ws, in OptionBatch<T> batch, ReadOnlySpan<T> quantities, ReadOnlySpan<int> groupIds, Greek greeks, int k, Span<T> host, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = batch.Count;
        int chunk = Math.Min(n, MaxChunkRows);
        AcceleratorStream stream = _streams[0];
        Slot<T> s = ws.Ensure(0, chunk, 0, batchInputs: true, gridInputs: false, aggregate: true);
        ws.Grow(ref ws.Sums, host.Length);
        ArrayView1D<T, Stride1D.Dense> sums = ws.Sums!.View.SubView(0, host.Length);
        sums.MemSetToZero(stream);
        int groupSize = _accelerator.AcceleratorType == AcceleratorType.CPU
            ? Math.Min(32, _accelerator.MaxNumThreadsPerGroup)
            : Math.Min(256, _accelerator.MaxNumThreadsPerGroup);
        int index = 0;
        for (int start = 0; start < n; start += chunk, index++)
        {
            ct.ThrowIfCancellationRequested();
            int length = Math.Min(chunk, n - start);
            FaultInjector?.Invoke("aggregate-upload", index);
            var job = new BatchJob<T>(batch, default, ws);
            job.Upload(0, stream, start, length);
            s.Quantity!.View.SubView(0, length).CopyFromCPU(stream, quantities.Slice(start, length));
            s.Group!.View.SubView(0, length).CopyFromCPU(stream, groupIds.Slice(start, length));
            FaultInjector?.Invoke("aggregate-launch", index);
            int blocks = (length + groupSize - 1) / groupSize;
            ws.AggregateKernel(
                stream, new KernelConfig(blocks, groupSize), BatchJob<T>.BatchInput(s, batch.Model.IsEmpty, batch.DividendYield.IsEmpty, length),
                s.Quantity.View.SubView(0, length), s.Group.View.SubView(0, length), sums, length, new SpecializedValue<int>((int)(uint)greeks));
            stream.Synchronize(); // the slot's input buffers are reused by the next chunk
        }

        FaultInjector?.Invoke("aggregate-download", index);
        sums.CopyToCPU(stream, host);
        stream.Synchronize();
    }

    private ComputeResult AggregateOnCpu<T>(
        in OptionBatch<T> batch, ReadOnlySpan<T> quantities, ReadOnlySpan<int> groupIds, Greek greeks, int k, Span<T> sums, Precision precision, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = batch.Count;
        int chunk = Math.Min(n, 1 << 16);
        var buffer = new GreeksBuffer<T>(chunk, greeks);
        var acc = new double[sums.Length];
        int invalid = 0;
        for (int start = 0; start < n; start += chunk)
        {
            int length = Math.Min(chunk, n - start);
            ComputeResult r = ComputeOnCpu(batch.Slice(start, length), buffer.AsOutput(length), ct);
            invalid += r.InvalidCount;
            for (int i = 0; i < length; i++)
            {
                if (buffer.Status[i] != OptionStatus.Ok) continue;
                double q = double.CreateTruncating(quantities[start + i]);
                int s = 0;
                foreach (Greek g in GreekInfo.All)
                {
                    if ((greeks & g) == 0) continue;
                    acc[(groupIds[start + i] * k) + s] += q * double.CreateTruncating(buffer[g][i]);
                    s++;
                }
            }
        }

        for (int i = 0; i < sums.Length; i++) sums[i] = T.CreateTruncating(acc[i]);
        return new ComputeResult(_cpu.Info.Name, precision, n, invalid, FellBack: true);
    }

    private ComputeResult ComputeOnCpu<T>(in OptionBatch<T> batch, in GreeksOutput<T> output, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? _cpu.Compute(BatchJob<T>.Cast<double>(batch), BatchJob<T>.Cast<double>(output), ct)
            : _cpu.Compute(BatchJob<T>.Cast<float>(batch), BatchJob<T>.Cast<float>(output), ct);
}
