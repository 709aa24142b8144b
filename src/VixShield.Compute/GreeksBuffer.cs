using System.Numerics;

namespace VixShield.Compute;

/// <summary>
/// Owns the result arrays for batches of up to <see cref="Capacity"/> options and the chosen outputs.
/// Allocate once and reuse across calls: computing into it allocates nothing.
/// Not thread-safe for concurrent writers (give each thread its own buffer, or its own slice).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class GreeksBuffer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _arrays = new T[GreekInfo.Count][];

    /// <summary>Allocates arrays for <paramref name="capacity"/> rows of the outputs in <paramref name="greeks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When capacity is negative.</exception>
    public GreeksBuffer(int capacity, Greek greeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        Greeks = greeks & Greek.All;
        Status = new OptionStatus[capacity];
        foreach (Greek g in GreekInfo.All)
        {
            if ((Greeks & g) != 0) _arrays[GreekInfo.IndexOf(g)] = new T[capacity];
        }
    }

    /// <summary>Rows this buffer holds.</summary>
    public int Capacity { get; }

    /// <summary>The outputs this buffer holds.</summary>
    public Greek Greeks { get; }

    /// <summary>Per-row status.</summary>
    public OptionStatus[] Status { get; }

    /// <summary>The array of one output.</summary>
    /// <exception cref="InvalidOperationException">When the buffer was not created with that output.</exception>
    public T[] this[Greek greek] => _arrays[GreekInfo.IndexOf(greek)]
        ?? throw new InvalidOperationException($"This buffer holds {Greeks}, not {greek}: create the GreeksBuffer with Greek.{greek} in its set.");

    /// <summary>The first <paramref name="count"/> rows as an engine output.</summary>
    public GreeksOutput<T> AsOutput(int count) => AsOutput(0, count);

    /// <summary>Rows [start, start + count) as an engine output.</summary>
    public GreeksOutput<T> AsOutput(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Capacity, nameof(count));
        return GreeksOutput<T>.FromArrays(Status, _arrays, start, count);
    }
}
