using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Algorithms.ScanReduceOperations;
using ILGPU.Runtime;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Gpu;

/// <summary>Device views of a batch (structure of arrays). Optional columns are flagged, not read.</summary>
/// <typeparam name="T">double or float.</typeparam>
internal struct BatchViews<T>
    where T : unmanaged
{
    public ArrayView<sbyte> Kind;
    public ArrayView<byte> Model;
    public ArrayView<T> Underlying;
    public ArrayView<T> Strike;
    public ArrayView<T> Time;
    public ArrayView<T> Vol;
    public ArrayView<T> Rate;
    public ArrayView<T> Dividend;
    public int HasModel;
    public int HasDividend;
}

/// <summary>Device views of a strike x expiry grid: option (e, j) is row e·StrikeCount + j (expiry-major).</summary>
/// <typeparam name="T">double or float.</typeparam>
internal struct GridViews<T>
    where T : unmanaged
{
    public ArrayView<sbyte> Kind;        // per strike
    public ArrayView<T> Strike;          // per strike
    public ArrayView<T> Underlying;      // per expiry (spot for BSM, forward for Black-76)
    public ArrayView<T> Time;            // per expiry
    public ArrayView<T> Rate;            // per expiry
    public ArrayView<T> Dividend;        // per expiry
    public ArrayView<T> Vol;             // per grid point of this chunk
    public long Offset;                  // first grid row of this chunk
    public int StrikeCount;
    public byte Model;
}

/// <summary>Device outputs: requested output number s (in canonical order among the requested ones) of row i
/// is Values[s·Stride + i].</summary>
/// <typeparam name="T">double or float.</typeparam>
internal struct OutViews<T>
    where T : unmanaged
{
    public ArrayView<T> Values;
    public ArrayView<byte> Status;
    public long Stride;
}

/// <summary>
/// The ILGPU kernels. Each thread validates one row exactly as <see cref="InputValidation"/> does and calls the
/// shared <see cref="BlackGreeks"/> formula with GPU math ops; the requested outputs are a specialised kernel
/// constant, so a kernel computes and stores only those.
/// </summary>
internal static class GreeksKernels
{
    /// <summary>One thread per batch row.</summary>
    public static void Batch<T, TOps>(Index1D index, BatchViews<T> input, OutViews<T> output, SpecializedValue<int> wanted)
        where T : unmanaged
        where TOps : struct, IFloatBitsOps<T, bool>
    {
        int i = index;
        byte model = input.HasModel != 0 ? input.Model[i] : (byte)0;
        T q = input.HasDividend != 0 ? input.Dividend[i] : TOps.C(0.0);
        GreekValues<T> g = default;
        OptionStatus status = Evaluate<T, TOps>(
            input.Kind[i], model, input.Underlying[i], input.Strike[i], input.Time[i], input.Vol[i], input.Rate[i], q,
            (Greek)(uint)wanted.Value, ref g);
        output.Status[i] = (byte)status;
        Store<T>(output, i, (Greek)(uint)wanted.Value, ref g);
    }

    /// <summary>One thread per grid point of a chunk.</summary>
    public static void Grid<T, TOps>(Index1D index, GridViews<T> input, OutViews<T> output, SpecializedValue<int> wanted)
        where T : unmanaged
        where TOps : struct, IFloatBitsOps<T, bool>
    {
        int i = index;
        long row = input.Offset + i;
        int e = (int)(row / input.StrikeCount);
        int j = (int)(row - ((long)e * input.StrikeCount));
        GreekValues<T> g = default;
        OptionStatus status = Evaluate<T, TOps>(
            input.Kind[j], input.Model, input.Underlying[e], input.Strike[j], input.Time[e], input.Vol[i], input.Rate[e], input.Dividend[e],
            (Greek)(uint)wanted.Value, ref g);
        output.Status[i] = (byte)status;
        Store<T>(output, i, (Greek)(uint)wanted.Value, ref g);
    }

    /// <summary>
    /// Fused evaluation and per-group aggregation: sums[group·(slots+1) + s] += quantity · output s, and the last
    /// slot counts invalid rows (which contribute nothing else). A thread group whose rows all belong to one group
    /// (the usual case for a book sorted by group) reduces in shared memory with ILGPU.Algorithms and issues one atomic
    /// per output; a mixed thread group falls back to one atomic per row and output.
    /// </summary>
    public static void Aggregate<T, TOps, TAdd>(
        BatchViews<T> input, ArrayView<T> quantity, ArrayView<int> groupIds, ArrayView<T> sums, int count, SpecializedValue<int> wanted)
        where T : unmanaged
        where TOps : struct, IFloatBitsOps<T, bool>, IGpuAtomicOps<T>
        where TAdd : struct, IScanReduceOperation<T>
    {
        Greek w = (Greek)(uint)wanted.Value;
        int i = ILGPU.Grid.GlobalIndex.X;
        bool active = i < count;
        GreekValues<T> g = default;
        T qty = TOps.C(0.0);
        T bad = TOps.C(0.0);
        int gid = 0;
        if (active)
        {
            byte model = input.HasModel != 0 ? input.Model[i] : (byte)0;
            T q = input.HasDividend != 0 ? input.Dividend[i] : TOps.C(0.0);
            OptionStatus status = Evaluate<T, TOps>(
                input.Kind[i], model, input.Underlying[i], input.Strike[i], input.Time[i], input.Vol[i], input.Rate[i], q, w, ref g);
            gid = groupIds[i];
            if (status == OptionStatus.Ok) qty = quantity[i];
            else
            {
                bad = TOps.C(1.0);
                g = default;
            }
        }

        int slots = PopCount((uint)w);
        int lo = GroupExtensions.AllReduce<int, MinInt32>(active ? gid : int.MaxValue);
        int hi = GroupExtensions.AllReduce<int, MaxInt32>(active ? gid : int.MinValue);
        bool uniform = lo == hi;
        int slot = 0;
        for (int bit = 0; bit < GreekInfo.Count; bit++)
        {
            if ((w & (Greek)(1u << bit)) == 0) continue;
            T v = TOps.Mul(qty, g[bit]);
            if (uniform)
            {
                T total = GroupExtensions.Reduce<T, TAdd>(v);
                if (Group.IsFirstThread) TOps.AtomicAdd(sums, ((long)lo * (slots + 1)) + slot, total);
            }
            else if (active)
            {
                TOps.AtomicAdd(sums, ((long)gid * (slots + 1)) + slot, v);
            }

            slot++;
        }

        if (uniform)
        {
            T totalBad = GroupExtensions.Reduce<T, TAdd>(bad);
            if (Group.IsFirstThread) TOps.AtomicAdd(sums, ((long)lo * (slots + 1)) + slots, totalBad);
        }
        else if (active)
        {
            TOps.AtomicAdd(sums, ((long)gid * (slots + 1)) + slots, bad);
        }
    }

    /// <summary>Validates a row (<see cref="InputValidation.Check{T, TOps}"/>, and the float32 overflow guard) and evaluates it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OptionStatus Evaluate<T, TOps>(sbyte kind, byte model, T s, T k, T t, T vol, T r, T q, Greek wanted, ref GreekValues<T> g)
        where T : unmanaged
        where TOps : struct, IFloatBitsOps<T, bool>
    {
        OptionStatus status = InputValidation.Check<T, TOps>((OptionKind)kind, (PricingModel)model, s, k, t, vol, r, q);
        if (status == OptionStatus.Ok)
        {
            T zero = TOps.C(0.0);
            bool b76 = model == (byte)PricingModel.Black76;
            if (b76) q = r;
            T omega = kind == 1 ? TOps.C(1.0) : TOps.C(-1.0);
            if (TOps.LessThan(zero, t) && TOps.LessThan(zero, vol))
            {
                BlackGreeks.Regular<T, bool, TOps>(omega, b76, s, k, t, vol, r, q, wanted, ref g);
            }
            else
            {
                BlackGreeks.Degenerate<T, bool, TOps>(omega, b76, s, k, t, r, q, wanted, ref g);
            }

            if (!InputValidation.OutputsFinite<T, bool, TOps>(wanted, ref g)) status = OptionStatus.OutOfRange;
        }

        if (status != OptionStatus.Ok) InputValidation.SetNaN<T, bool, TOps>(ref g);
        return status;
    }

    /// <summary>Writes the requested outputs in canonical order, compacted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(OutViews<T> o, int i, Greek w, ref GreekValues<T> g)
        where T : unmanaged
    {
        long stride = o.Stride;
        long at = i;
        for (int gi = 0; gi < GreekInfo.Count; gi++)
        {
            if (((uint)w & (1u << gi)) != 0)
            {
                o.Values[at] = g[gi];
                at += stride;
            }
        }
    }

    private static int PopCount(uint x)
    {
        int c = 0;
        for (int b = 0; b < 32; b++) c += (int)((x >> b) & 1u);
        return c;
    }
}
