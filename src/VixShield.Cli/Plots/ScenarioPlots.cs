using VixShield.Compute.Scenarios;

namespace VixShield.Cli.Plots;

/// <summary>
/// Turns scenario results into the plain arrays <see cref="Charts"/> draws. The only place the pictures know the
/// scenario result types, so the commands call one line each.
/// </summary>
internal static class ScenarioPlots
{
    /// <summary>The spot x vol heatmap of a stress grid at the skew, days and rate values nearest zero (the base
    /// slice), with and without the hedge, written atomically to <paramref name="path"/>.</summary>
    public static Task StressHeatmapAsync(string path, StressGridResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        StressGridSettings s = result.Settings;
        int spots = s.SpotMoves.Count, vols = s.VolShifts.Count;
        int k = NearestZero(s.SkewSteepenings), d = NearestZero(s.DaysForward), r = NearestZero(s.RateShifts);
        var withHedge = new double[vols, spots];
        var withoutHedge = new double[vols, spots];
        for (int v = 0; v < vols; v++)
        {
            for (int x = 0; x < spots; x++)
            {
                int i = result.IndexOf(x, v, k, d, r);
                withHedge[v, x] = result.Pnl.WithHedge[i];
                withoutHedge[v, x] = result.Pnl.WithoutHedge[i];
            }
        }

        string slice = $"skew {s.SkewSteepenings[k]:0.##}, T+{s.DaysForward[d]:0.##}, rate {1e4 * s.RateShifts[r]:+0;-0;0} bp";
        byte[] png = Charts.Heatmap([.. s.SpotMoves.Select(m => 100 * m)], [.. s.VolShifts.Select(m => 100 * m)],
            [($"with hedge ({slice})", withHedge), ("without hedge", withoutHedge)], "SPX move (%)", "vol shift (vol points)");
        return Charts.WriteAsync(path, png, cancellationToken);
    }

    /// <summary>The P&amp;L histogram of a Monte Carlo run, hedge on over hedge off, with the hedged book's VaR and ES
    /// at each confidence marked as P&amp;L (a loss is negative).</summary>
    public static Task MonteCarloHistogramAsync(string path, MonteCarloResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var marks = new List<ChartMark>();
        foreach (TailRisk t in result.WithHedge.Tails)
        {
            marks.Add(new ChartMark($"VaR {100 * t.Confidence:0.#}%", -t.ValueAtRisk));
            marks.Add(new ChartMark($"ES {100 * t.Confidence:0.#}%", -t.ExpectedShortfall));
        }

        byte[] png = Charts.Histogram(result.Pnl.WithHedge, result.Pnl.WithoutHedge, marks,
            $"Monte Carlo P&L, {result.Settings.Draws:N0} draws, {result.Settings.HorizonDays:0.##}-day horizon (VaR/ES of the hedged book)");
        return Charts.WriteAsync(path, png, cancellationToken);
    }

    private static int NearestZero(IReadOnlyList<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++) if (Math.Abs(values[i]) < Math.Abs(values[best])) best = i;
        return best;
    }
}
