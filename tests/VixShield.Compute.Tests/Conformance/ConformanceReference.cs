using System.Numerics;
using System.Runtime.CompilerServices;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Tests.Conformance;

/// <summary>Structure-of-arrays copy of conformance rows in one precision, optionally at an offset inside larger arrays.</summary>
/// <typeparam name="T">double or float.</typeparam>
public sealed class ConformanceInputs<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Copies <paramref name="rows"/> into arrays that start at <paramref name="offset"/> (to test unaligned inputs).</summary>
    public ConformanceInputs(IReadOnlyList<ConformanceCase> rows, int offset = 0)
    {
        Count = rows.Count;
        Offset = offset;
        int len = offset + Count;
        Kind = new OptionKind[len];
        Model = new PricingModel[len];
        S = new T[len];
        K = new T[len];
        Time = new T[len];
        Vol = new T[len];
        R = new T[len];
        Q = new T[len];
        for (int i = 0; i < Count; i++)
        {
            ConformanceCase c = rows[i];
            int j = offset + i;
            Kind[j] = c.Kind;
            Model[j] = c.Model;
            S[j] = T.CreateChecked(c.S);
            K[j] = T.CreateChecked(c.K);
            Time[j] = T.CreateChecked(c.T);
            Vol[j] = T.CreateChecked(c.Vol);
            R[j] = T.CreateChecked(c.R);
            Q[j] = T.CreateChecked(c.Q);
        }
    }

    /// <summary>Rows.</summary>
    public int Count { get; }

    /// <summary>Index of the first row in the arrays.</summary>
    public int Offset { get; }

#pragma warning disable CA1819 // test data holder
    /// <summary>Kinds.</summary>
    public OptionKind[] Kind { get; }

    /// <summary>Models.</summary>
    public PricingModel[] Model { get; }

    /// <summary>Underlyings.</summary>
    public T[] S { get; }

    /// <summary>Strikes.</summary>
    public T[] K { get; }

    /// <summary>Times.</summary>
    public T[] Time { get; }

    /// <summary>Vols.</summary>
    public T[] Vol { get; }

    /// <summary>Rates.</summary>
    public T[] R { get; }

    /// <summary>Dividend yields.</summary>
    public T[] Q { get; }
#pragma warning restore CA1819

    /// <summary>The rows as a batch.</summary>
    public OptionBatch<T> Batch => new(
        Kind.AsSpan(Offset, Count), S.AsSpan(Offset, Count), K.AsSpan(Offset, Count), Time.AsSpan(Offset, Count),
        Vol.AsSpan(Offset, Count), R.AsSpan(Offset, Count), Q.AsSpan(Offset, Count), Model.AsSpan(Offset, Count));
}

/// <summary>Calls the engine overload of the element type from generic test code.</summary>
public static class EngineDispatch
{
    /// <summary>Compute for T = double or float.</summary>
    public static ComputeResult Compute<T>(IGreeksEngine engine, in OptionBatch<T> batch, in GreeksOutput<T> output, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return engine.Compute(
                in Unsafe.As<OptionBatch<T>, OptionBatch<double>>(ref Unsafe.AsRef(in batch)),
                in Unsafe.As<GreeksOutput<T>, GreeksOutput<double>>(ref Unsafe.AsRef(in output)),
                cancellationToken);
        }

        if (typeof(T) == typeof(float))
        {
            return engine.Compute(
                in Unsafe.As<OptionBatch<T>, OptionBatch<float>>(ref Unsafe.AsRef(in batch)),
                in Unsafe.As<GreeksOutput<T>, GreeksOutput<float>>(ref Unsafe.AsRef(in output)),
                cancellationToken);
        }

        throw new NotSupportedException($"Engines compute double or float, not {typeof(T).Name}.");
    }
}

/// <summary>
/// Reference values of the conformance set, computed by <see cref="ScalarGreeksEngine"/> one row per call
/// (so no batch effect can leak into the reference), in both precisions, plus the per-group maxima that
/// scale the absolute floors.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
public sealed class ConformanceReference<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Lazy<ConformanceReference<T>> Cached = new(() => new ConformanceReference<T>(ConformanceCases.All));

    private ConformanceReference(IReadOnlyList<ConformanceCase> rows)
    {
        int n = rows.Count;
        Status = new OptionStatus[n];
        Values = new double[GreekInfo.Count][];
        for (int g = 0; g < GreekInfo.Count; g++) Values[g] = new double[n];
        var engine = new ScalarGreeksEngine();
        var buffer = new GreeksBuffer<T>(1, Greek.All);
        for (int i = 0; i < n; i++)
        {
            var one = new ConformanceInputs<T>([rows[i]]);
            EngineDispatch.Compute(engine, one.Batch, buffer.AsOutput(1));
            Status[i] = buffer.Status[0];
            for (int g = 0; g < GreekInfo.Count; g++) Values[g][i] = double.CreateChecked(buffer[GreekInfo.All[g]][0]);
        }

        int groups = rows.Max(c => c.Group) + 1;
        GroupMax = new double[GreekInfo.Count][];
        for (int g = 0; g < GreekInfo.Count; g++)
        {
            GroupMax[g] = new double[groups];
            for (int i = 0; i < n; i++)
            {
                double v = Math.Abs(Values[g][i]);
                if (double.IsFinite(v) && v > GroupMax[g][rows[i].Group]) GroupMax[g][rows[i].Group] = v;
            }
        }
    }

    /// <summary>The reference for the whole conformance set.</summary>
    public static ConformanceReference<T> Instance => Cached.Value;

#pragma warning disable CA1819 // test data holder
    /// <summary>Status per row.</summary>
    public OptionStatus[] Status { get; }

    /// <summary>Values[greek index][row], widened to double.</summary>
    public double[][] Values { get; }

    /// <summary>GroupMax[greek index][group]: the largest finite |value| of that output in the group.</summary>
    public double[][] GroupMax { get; }
#pragma warning restore CA1819
}
