using System.Numerics;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Engines;

/// <summary>
/// The reference engine: one option at a time, Math.Exp/Math.Log and Cody's erfc, the shared formula
/// of <see cref="BlackGreeks"/>. Single-threaded, allocation-free, thread-safe (no state).
/// </summary>
public sealed class ScalarGreeksEngine : IGreeksEngine
{
    private const int CancellationStride = 4096;

    /// <inheritdoc/>
    public EngineInfo Info { get; } = new(
        "scalar", EngineKind.Scalar, Environment.ProcessorCount + "-core CPU", 64, 1,
        "scalar reference engine: one option at a time, float64 Math.Exp/Log + Cody erfc, 1 thread");

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default)
        => Run<double, ScalarDoubleOps>(batch, output, Info.Name, Precision.Double, cancellationToken);

    /// <inheritdoc/>
    public ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default)
        => Run<float, ScalarSingleOps>(batch, output, Info.Name, Precision.Single, cancellationToken);

    /// <summary>Computes rows one at a time with the shared formula; used by other engines for tails and fix-ups too.</summary>
    internal static ComputeResult Run<T, TOps>(in OptionBatch<T> batch, in GreeksOutput<T> output, string engine, Precision precision, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : struct, IMathOps<T, bool>
    {
        int n = batch.Count;
        output.Validate(n);
        Greek wanted = output.Requested;
        int invalid = 0;
        for (int i = 0; i < n; i++)
        {
            if ((i % CancellationStride) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (EvaluateRow<T, TOps>(batch, i, wanted, output) != OptionStatus.Ok) invalid++;
        }

        return new ComputeResult(engine, precision, n, invalid);
    }

    /// <summary>Validates and evaluates row <paramref name="i"/>, writing its status and requested outputs.</summary>
    internal static OptionStatus EvaluateRow<T, TOps>(in OptionBatch<T> batch, int i, Greek wanted, in GreeksOutput<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOps : struct, IMathOps<T, bool>
    {
        OptionKind kind = batch.Kind[i];
        PricingModel model = batch.Model.IsEmpty ? PricingModel.BlackScholesMerton : batch.Model[i];
        T s = batch.Underlying[i], k = batch.Strike[i], t = batch.Time[i], vol = batch.Vol[i], r = batch.Rate[i];
        T q = batch.DividendYield.IsEmpty ? T.Zero : batch.DividendYield[i];
        OptionStatus status = InputValidation.Check<T, TOps>(kind, model, s, k, t, vol, r, q);
        GreekValues<T> g = default;
        if (status == OptionStatus.Ok)
        {
            bool b76 = model == PricingModel.Black76;
            if (b76) q = r;
            T omega = kind == OptionKind.Call ? T.One : T.NegativeOne;
            if (t > T.Zero && vol > T.Zero)
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
        output.Status[i] = status;
        Store(output, i, wanted, ref g);
        return status;
    }

    /// <summary>Writes the requested outputs of row <paramref name="i"/>.</summary>
    internal static void Store<T>(in GreeksOutput<T> o, int i, Greek wanted, ref GreekValues<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (uint m = (uint)wanted; m != 0; m &= m - 1)
        {
            int gi = BitOperations.TrailingZeroCount(m);
            o.Get((Greek)(1u << gi))[i] = g[gi];
        }
    }

    /// <summary>Nothing to release: a CPU engine holds no unmanaged resources.</summary>
    public void Dispose()
    {
    }
}
