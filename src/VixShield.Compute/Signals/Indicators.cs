using System.Numerics;

namespace VixShield.Compute.Signals;

/// <summary>MACD line, signal line and histogram; NaN where not yet defined.</summary>
/// <param name="Macd">EMA(fast) - EMA(slow).</param>
/// <param name="Signal">EMA(signal period) of the MACD line.</param>
/// <param name="Histogram">MACD - signal.</param>
public sealed record MacdSeries(double[] Macd, double[] Signal, double[] Histogram);

/// <summary>
/// Technical indicators on daily closes. EMAs are seeded with the simple average of their first
/// <c>period</c> values (the usual convention), RSI uses Wilder's smoothing. The recurrences are
/// sequential by nature; the element-wise steps (differences, gains/losses, MACD and histogram) use
/// <see cref="Vector{T}"/>.
/// </summary>
public static class Indicators
{
    /// <summary>Exponential moving average, α = 2/(period + 1), seeded with the SMA of the first <paramref name="period"/>
    /// finite values; NaN before.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the period is not positive.</exception>
    public static double[] Ema(ReadOnlySpan<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var ema = new double[values.Length];
        Array.Fill(ema, double.NaN);
        int start = 0;
        while (start < values.Length && double.IsNaN(values[start])) start++;
        if (values.Length - start < period) return ema;
        double alpha = 2.0 / (period + 1);
        double sum = 0;
        for (int i = start; i < start + period; i++) sum += values[i];
        double e = sum / period;
        ema[start + period - 1] = e;
        for (int i = start + period; i < values.Length; i++)
        {
            e += alpha * (values[i] - e);
            ema[i] = e;
        }

        return ema;
    }

    /// <summary>MACD(fast, slow, signal), by default (12, 26, 9).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When a period is not positive or fast ≥ slow.</exception>
    public static MacdSeries Macd(ReadOnlySpan<double> closes, int fast = 12, int slow = 26, int signal = 9)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fast, slow);
        double[] f = Ema(closes, fast), s = Ema(closes, slow);
        var macd = new double[closes.Length];
        Subtract(f, s, macd);
        double[] sig = Ema(macd, signal);
        var hist = new double[closes.Length];
        Subtract(macd, sig, hist);
        return new MacdSeries(macd, sig, hist);
    }

    /// <summary>Wilder's RSI(period), by default 14: first average gain/loss is the mean of the first <paramref name="period"/>
    /// changes, then avg = (avg·(period-1) + current)/period; RSI = 100 - 100/(1 + avgGain/avgLoss) (100 when no loss). NaN before index period.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the period is not positive.</exception>
    public static double[] Rsi(ReadOnlySpan<double> closes, int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        int n = closes.Length;
        var rsi = new double[n];
        Array.Fill(rsi, double.NaN);
        if (n <= period) return rsi;
        var change = new double[n - 1];
        Subtract(closes[1..], closes[..^1], change);
        var gain = new double[n - 1];
        var loss = new double[n - 1];
        SplitGainLoss(change, gain, loss);
        double ag = 0, al = 0;
        for (int i = 0; i < period; i++)
        {
            ag += gain[i];
            al += loss[i];
        }

        ag /= period;
        al /= period;
        rsi[period] = Value(ag, al);
        for (int i = period; i < n - 1; i++)
        {
            ag = ((ag * (period - 1)) + gain[i]) / period;
            al = ((al * (period - 1)) + loss[i]) / period;
            rsi[i + 1] = Value(ag, al);
        }

        return rsi;
    }

    private static double Value(double avgGain, double avgLoss) => avgLoss == 0 ? 100.0 : 100.0 - (100.0 / (1.0 + (avgGain / avgLoss)));

    private static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            for (; i <= a.Length - w; i += w) (new Vector<double>(a[i..]) - new Vector<double>(b[i..])).CopyTo(result[i..]);
        }

        for (; i < a.Length; i++) result[i] = a[i] - b[i];
    }

    private static void SplitGainLoss(ReadOnlySpan<double> change, Span<double> gain, Span<double> loss)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            for (; i <= change.Length - w; i += w)
            {
                var c = new Vector<double>(change[i..]);
                Vector.Max(c, Vector<double>.Zero).CopyTo(gain[i..]);
                Vector.Max(-c, Vector<double>.Zero).CopyTo(loss[i..]);
            }
        }

        for (; i < change.Length; i++)
        {
            gain[i] = Math.Max(change[i], 0.0);
            loss[i] = Math.Max(-change[i], 0.0);
        }
    }
}
