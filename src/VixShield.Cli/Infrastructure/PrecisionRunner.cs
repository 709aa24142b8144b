using VixShield.Compute;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Runs a float64 batch through an engine in the precision the command line asked for, always into a float64
/// buffer: with <see cref="Precision.Single"/> the inputs are rounded to float32, computed in float32 and widened back
/// (exactly), so callers format and sum one type either way.
/// </summary>
internal static class PrecisionRunner
{
    /// <summary>Computes <paramref name="batch"/> into the first <c>batch.Count</c> rows of <paramref name="output"/>.</summary>
    public static ComputeResult Compute(IGreeksEngine engine, in OptionBatch<double> batch, GreeksBuffer<double> output, Precision precision, CancellationToken ct)
    {
        int n = batch.Count;
        if (precision == Precision.Double) return engine.Compute(batch, output.AsOutput(n), ct);

        float[] s = ToSingle(batch.Underlying), k = ToSingle(batch.Strike), t = ToSingle(batch.Time), v = ToSingle(batch.Vol),
            r = ToSingle(batch.Rate), q = ToSingle(batch.DividendYield);
        var single = new GreeksBuffer<float>(n, output.Greeks);
        ComputeResult result = engine.Compute(new OptionBatch<float>(batch.Kind, s, k, t, v, r, q, batch.Model), single.AsOutput(n), ct);
        Array.Copy(single.Status, output.Status, n);
        foreach (Greek g in GreekInfo.All)
        {
            if ((output.Greeks & g) == 0) continue;
            float[] from = single[g];
            double[] to = output[g];
            for (int i = 0; i < n; i++) to[i] = from[i];
        }

        return result;
    }

    private static float[] ToSingle(ReadOnlySpan<double> values)
    {
        var a = new float[values.Length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)values[i];
        return a;
    }
}
