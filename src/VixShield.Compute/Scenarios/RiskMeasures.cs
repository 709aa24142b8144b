namespace VixShield.Compute.Scenarios;

/// <summary>Value at risk and expected shortfall of a P&amp;L sample at one confidence level, and which draws form the tail.</summary>
/// <param name="Confidence">E.g. 0.99.</param>
/// <param name="TailCount">k = ceil(N·(1 - confidence)), at least 1: the number of worst draws in the tail.</param>
/// <param name="ValueAtRisk">The k-th worst loss: -P&amp;L of the k-th smallest P&amp;L (positive when that draw loses).</param>
/// <param name="ExpectedShortfall">The mean loss of the k worst draws: -mean of the k smallest P&amp;Ls (≥ <paramref name="ValueAtRisk"/>).</param>
/// <param name="TailDraws">The indices of the k worst draws, worst first (ties broken by the lower index).</param>
public sealed record TailRisk(double Confidence, int TailCount, double ValueAtRisk, double ExpectedShortfall, IReadOnlyList<int> TailDraws)
{
    /// <summary>Component expected shortfall of one part of the book: -mean of the part's P&amp;L over <see cref="TailDraws"/>.
    /// The components of parts that add up to the book add up to <see cref="ExpectedShortfall"/>.</summary>
    public double Component(ReadOnlySpan<double> partPnl)
    {
        double sum = 0;
        foreach (int i in TailDraws) sum += partPnl[i];
        return -sum / TailDraws.Count;
    }
}

/// <summary>Empirical risk measures of a P&amp;L sample (kernels-docs/scenarios.md).</summary>
public static class RiskMeasures
{
    /// <summary>VaR and ES at <paramref name="confidence"/> (historical-simulation style, see <see cref="TailRisk"/>).</summary>
    /// <exception cref="ArgumentException">When the sample is empty, holds NaN, or the confidence is not in (0, 1).</exception>
    public static TailRisk Tail(ReadOnlySpan<double> pnl, double confidence)
    {
        if (pnl.IsEmpty) throw new ArgumentException("The P&L sample is empty: run at least one draw.", nameof(pnl));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"The confidence must be in (0, 1), e.g. 0.99, not {confidence}.", nameof(confidence));
        int n = pnl.Length;
        int[] order = SortedOrder(pnl);
        // The small epsilon keeps 100 × (1 - 0.95) = 5.000000000000004 at 5.
        int k = Math.Clamp((int)Math.Ceiling((n * (1.0 - confidence)) - 1e-9), 1, n);
        double sum = 0;
        for (int j = 0; j < k; j++) sum += pnl[order[j]];
        return new TailRisk(confidence, k, -pnl[order[k - 1]], -sum / k, order[..k]);
    }

    /// <summary>The empirical quantile at probability <paramref name="p"/>: the ceil(p·N)-th smallest value
    /// (inverse of the empirical distribution function; p = 0 gives the minimum).</summary>
    /// <exception cref="ArgumentException">When the sample is empty or p is outside [0, 1].</exception>
    public static double Quantile(ReadOnlySpan<double> values, double p)
    {
        if (values.IsEmpty) throw new ArgumentException("The sample is empty.", nameof(values));
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"The probability must be in [0, 1], not {p}.", nameof(p));
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[QuantileIndex(sorted.Length, p)];
    }

    /// <summary>Quantiles of a sample at several probabilities (one sort).</summary>
    public static double[] Quantiles(ReadOnlySpan<double> values, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (values.IsEmpty) throw new ArgumentException("The sample is empty.", nameof(values));
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        var q = new double[probabilities.Count];
        for (int i = 0; i < q.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"A probability must be in [0, 1], not {p}.", nameof(probabilities));
            q[i] = sorted[QuantileIndex(sorted.Length, p)];
        }

        return q;
    }

    private static int QuantileIndex(int n, double p) => Math.Clamp((int)Math.Ceiling((p * n) - 1e-9) - 1, 0, n - 1);

    private static int[] SortedOrder(ReadOnlySpan<double> pnl)
    {
        var order = new int[pnl.Length];
        for (int i = 0; i < order.Length; i++)
        {
            if (double.IsNaN(pnl[i])) throw new ArgumentException($"The P&L of draw {i} is NaN: a leg could not be valued (see the book's problems).", nameof(pnl));
            order[i] = i;
        }

        double[] keys = pnl.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = keys[a].CompareTo(keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
