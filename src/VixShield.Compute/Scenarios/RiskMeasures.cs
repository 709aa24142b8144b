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
    /// <summary>VaR and ES at <paramref name="confidence"/> (historical-simulation style, see <see cref="TailRisk"/>), by one
    /// selection of the k-th smallest P&amp;L (expected O(N)), then a sort of the k tail draws only.</summary>
    /// <exception cref="ArgumentException">When the sample is empty, holds NaN, or the confidence is not in (0, 1).</exception>
    public static TailRisk Tail(ReadOnlySpan<double> pnl, double confidence)
    {
        if (pnl.IsEmpty) throw new ArgumentException("The P&L sample is empty: run at least one draw.", nameof(pnl));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"The confidence must be in (0, 1), e.g. 0.99, not {confidence}.", nameof(confidence));
        ThrowIfNaN(pnl);
        int n = pnl.Length;
        // The small epsilon keeps 100 × (1 - 0.95) = 5.000000000000004 at 5.
        int k = Math.Clamp((int)Math.Ceiling((n * (1.0 - confidence)) - 1e-9), 1, n);
        double[] copy = pnl.ToArray();
        double kth = Select(copy, 0, n - 1, k - 1);
        // The tail: every draw below the k-th value, then draws equal to it by lower index, worst first.
        var tail = new List<int>(k);
        for (int i = 0; i < n; i++) if (pnl[i] < kth) tail.Add(i);
        for (int i = 0; i < n && tail.Count < k; i++) if (pnl[i] == kth) tail.Add(i);
        int[] order = tail.ToArray();
        var keys = new (double Pnl, int Index)[order.Length];
        for (int i = 0; i < order.Length; i++) keys[i] = (pnl[order[i]], order[i]);
        Array.Sort(keys); // by P&L, ties by index
        for (int i = 0; i < order.Length; i++) order[i] = keys[i].Index;
        double sum = 0;
        foreach (int i in order) sum += pnl[i];
        return new TailRisk(confidence, k, -kth, -sum / k, order);
    }

    /// <summary>The empirical quantile at probability <paramref name="p"/>: the ceil(p·N)-th smallest value
    /// (inverse of the empirical distribution function; p = 0 gives the minimum).</summary>
    /// <exception cref="ArgumentException">When the sample is empty or p is outside [0, 1].</exception>
    public static double Quantile(ReadOnlySpan<double> values, double p) => Quantiles(values, [p])[0];

    /// <summary>Quantiles of a sample at several probabilities: one copy, then nested selections (ranks ascending, each
    /// selected in the part right of the previous one), no sort.</summary>
    /// <exception cref="ArgumentException">When the sample is empty, holds NaN, or a probability is outside [0, 1].</exception>
    public static double[] Quantiles(ReadOnlySpan<double> values, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (values.IsEmpty) throw new ArgumentException("The sample is empty.", nameof(values));
        ThrowIfNaN(values);
        int n = values.Length;
        var ranks = new (int Rank, int Slot)[probabilities.Count];
        for (int i = 0; i < ranks.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"A probability must be in [0, 1], not {p}.", nameof(probabilities));
            ranks[i] = (Math.Clamp((int)Math.Ceiling((p * n) - 1e-9) - 1, 0, n - 1), i);
        }

        Array.Sort(ranks);
        double[] a = values.ToArray();
        var q = new double[ranks.Length];
        int lo = 0;
        foreach (var (rank, slot) in ranks)
        {
            q[slot] = Select(a, lo, n - 1, rank);
            lo = rank; // after Select, a[lo..rank] ≤ a[rank] ≤ a[rank+1..]: later ranks lie right of it
        }

        return q;
    }

    /// <summary>Hoare-partition quickselect (median of three): puts the rank-th smallest of a[lo..hi] at a[rank].</summary>
    private static double Select(double[] a, int lo, int hi, int rank)
    {
        while (hi > lo)
        {
            int mid = lo + ((hi - lo) / 2);
            if (a[mid] < a[lo]) (a[mid], a[lo]) = (a[lo], a[mid]);
            if (a[hi] < a[lo]) (a[hi], a[lo]) = (a[lo], a[hi]);
            if (a[hi] < a[mid]) (a[hi], a[mid]) = (a[mid], a[hi]);
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (rank <= j) hi = j;
            else if (rank >= i) lo = i;
            else return a[rank];
        }

        return a[rank];
    }

    private static void ThrowIfNaN(ReadOnlySpan<double> pnl)
    {
        for (int i = 0; i < pnl.Length; i++)
        {
            if (double.IsNaN(pnl[i])) throw new ArgumentException($"The P&L of draw {i} is NaN: a leg could not be valued (see the priced book's problems).", nameof(pnl));
        }
    }
}
