namespace VixShield.Compute.Signals;

/// <summary>The type of new premium layer the signals favour.</summary>
public enum NewLayerType
{
    /// <summary>A balanced iron condor (the default).</summary>
    IronCondor,

    /// <summary>A put spread skewed toward lower delta (front VIX future RSI low while SPX RSI high).</summary>
    PutSkewedSpread,
}

/// <summary>The latest signal readings.</summary>
/// <param name="Date">The last date of the series.</param>
/// <param name="VixHistogram">The VIX MACD histogram's last values, oldest first (compression window + 1).</param>
/// <param name="Compressing">True when |histogram| fell on each of the last N days.</param>
/// <param name="SpxRsi">SPX RSI on the last day.</param>
/// <param name="VixFutureRsi">Front VIX future RSI on the last day.</param>
/// <param name="Favoured">The layer type favoured.</param>
public sealed record SignalReading(DateOnly Date, IReadOnlyList<double> VixHistogram, bool Compressing, double SpxRsi, double VixFutureRsi, NewLayerType Favoured);

/// <summary>Rule 5's signals: VIX MACD histogram compression and the SPX / front VIX future RSIs.</summary>
public static class LayerSignals
{
    /// <summary>Reads the signals on the last day of the series.</summary>
    /// <exception cref="ArgumentException">When the series is too short for the indicators (the message says how many days are needed).</exception>
    public static SignalReading Read(DailyCloses closes, (int Fast, int Slow, int Signal) macd, int compressionDays, int rsiPeriod, double vixRsiBelow, double spxRsiAbove)
    {
        ArgumentNullException.ThrowIfNull(closes);
        int need = Math.Max(macd.Slow + macd.Signal - 1 + compressionDays, rsiPeriod + 1);
        if (closes.Count < need)
        {
            throw new ArgumentException($"The closes series has {closes.Count} days; MACD({macd.Fast},{macd.Slow},{macd.Signal}) with a {compressionDays}-day compression window and RSI({rsiPeriod}) need at least {need}.", nameof(closes));
        }

        double[] hist = Indicators.Macd(closes.Vix.ToArray(), macd.Fast, macd.Slow, macd.Signal).Histogram;
        var window = hist[^(compressionDays + 1)..];
        bool compressing = true;
        for (int i = 1; i < window.Length; i++) compressing &= Math.Abs(window[i]) < Math.Abs(window[i - 1]);
        double spx = Indicators.Rsi(closes.Spx.ToArray(), rsiPeriod)[^1];
        double fut = Indicators.Rsi(closes.VixFuture.ToArray(), rsiPeriod)[^1];
        NewLayerType type = fut < vixRsiBelow && spx > spxRsiAbove ? NewLayerType.PutSkewedSpread : NewLayerType.IronCondor;
        return new SignalReading(closes.Dates[^1], window, compressing, spx, fut, type);
    }
}
