using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// The axes of the stress grid (kernels-docs/scenarios.md). Every combination is one <see cref="MarketScenario"/>,
/// fully revalued: spot × vol × skew × days × rate, the spot axis varying fastest.
/// </summary>
public sealed record StressGridSettings
{
    /// <summary>Relative SPX moves (default -10 % to +10 % in 2.5 % steps).</summary>
    public IReadOnlyList<double> SpotMoves { get; init; } = [-0.10, -0.075, -0.05, -0.025, 0.0, 0.025, 0.05, 0.075, 0.10];

    /// <summary>Parallel SPX vol shifts per 1.00 (default -5 to +10 vol points in 2.5-point steps).</summary>
    public IReadOnlyList<double> VolShifts { get; init; } = [-0.05, -0.025, 0.0, 0.025, 0.05, 0.075, 0.10];

    /// <summary>Skew steepenings (<see cref="MarketScenario.SkewSteepening"/>; default 0 and 0.10).</summary>
    public IReadOnlyList<double> SkewSteepenings { get; init; } = [0.0, 0.10];

    /// <summary>Calendar days forward (default 0, 1, 5).</summary>
    public IReadOnlyList<double> DaysForward { get; init; } = [0.0, 1.0, 5.0];

    /// <summary>Parallel rate shifts per 1.00 (default -25 bp, 0, +25 bp).</summary>
    public IReadOnlyList<double> RateShifts { get; init; } = [-0.0025, 0.0, 0.0025];

    /// <summary>VIX points the front VIX future moves per SPX vol point of the vol shift, on top of beta × spot move
    /// (default 1: a VIX point is a vol point of 30-day SPX implied vol). Every future moves by the same relative amount:
    /// m = β·spot move + k·Δσ·100 / F_front. 0 leaves the VIX curve to the beta alone.</summary>
    public double VixPointsPerVolPoint { get; init; } = 1.0;

    /// <summary>Scenarios per engine call (<see cref="ScenarioRunner.DefaultChunkSize"/>).</summary>
    public int ChunkSize { get; init; } = ScenarioRunner.DefaultChunkSize;

    /// <summary>The number of scenarios of the grid.</summary>
    public int Count => SpotMoves.Count * VolShifts.Count * SkewSteepenings.Count * DaysForward.Count * RateShifts.Count;

    /// <summary>Throws when an axis is empty or holds a value the revaluation cannot use.</summary>
    /// <exception cref="ArgumentException">Naming the axis and the value.</exception>
    public void Validate()
    {
        Check(nameof(SpotMoves), SpotMoves, v => v > -1.0, "a spot move must be above -100 %");
        Check(nameof(VolShifts), VolShifts, _ => true, "");
        Check(nameof(SkewSteepenings), SkewSteepenings, _ => true, "");
        Check(nameof(DaysForward), DaysForward, v => v >= 0, "days forward must be non-negative");
        Check(nameof(RateShifts), RateShifts, _ => true, "");
        if (!double.IsFinite(VixPointsPerVolPoint)) throw new ArgumentException($"{nameof(VixPointsPerVolPoint)} must be a finite number.");
        if (ChunkSize <= 0) throw new ArgumentException($"{nameof(ChunkSize)} must be positive, not {ChunkSize}.");
    }

    private static void Check(string name, IReadOnlyList<double> axis, Func<double, bool> ok, string rule)
    {
        if (axis is null || axis.Count == 0) throw new ArgumentException($"The stress axis {name} is empty: give at least one value (0 for no shock).");
        foreach (double v in axis)
        {
            if (!double.IsFinite(v) || !ok(v)) throw new ArgumentException($"The stress axis {name} has an invalid value {v}{(rule.Length > 0 ? ": " + rule : "")}.");
        }
    }
}

/// <summary>One cell of the stress grid: its axis indices and the scenario revalued.</summary>
/// <param name="Spot">Index into <see cref="StressGridSettings.SpotMoves"/>.</param>
/// <param name="Vol">Index into <see cref="StressGridSettings.VolShifts"/>.</param>
/// <param name="Skew">Index into <see cref="StressGridSettings.SkewSteepenings"/>.</param>
/// <param name="Days">Index into <see cref="StressGridSettings.DaysForward"/>.</param>
/// <param name="Rate">Index into <see cref="StressGridSettings.RateShifts"/>.</param>
/// <param name="Scenario">The market move.</param>
public sealed record StressCell(int Spot, int Vol, int Skew, int Days, int Rate, MarketScenario Scenario);

/// <summary>The stress grid revalued: P&amp;L (dollar value change from the base market) per cell, per layer and for the
/// book with and without the hedge layers.</summary>
public sealed class StressGridResult
{
    internal StressGridResult(StressGridSettings settings, IReadOnlyList<StressCell> cells, ScenarioPnl pnl)
    {
        Settings = settings;
        Cells = cells;
        Pnl = pnl;
    }

    /// <summary>The axes.</summary>
    public StressGridSettings Settings { get; }

    /// <summary>Every cell, spot fastest, then vol, skew, days, rate.</summary>
    public IReadOnlyList<StressCell> Cells { get; }

    /// <summary>P&amp;L per layer and book, indexed like <see cref="Cells"/>.</summary>
    public ScenarioPnl Pnl { get; }

    /// <summary>The index of a cell in <see cref="Cells"/>.</summary>
    public int IndexOf(int spot, int vol, int skew, int days, int rate)
    {
        StressGridSettings s = Settings;
        return spot + (s.SpotMoves.Count * (vol + (s.VolShifts.Count * (skew + (s.SkewSteepenings.Count * (days + (s.DaysForward.Count * rate)))))));
    }
}

/// <summary>Builds and runs the stress grid (every cell a full revaluation, chunked engine batches).</summary>
public static class StressGrid
{
    /// <summary>The cells of the grid for <paramref name="market"/> (the VIX move needs the front future).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid.</exception>
    public static IReadOnlyList<StressCell> Cells(StressGridSettings settings, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(market);
        settings.Validate();
        double front = market.VixFutures.Front(market.ValuationTime)?.Price ?? double.NaN;
        var cells = new List<StressCell>(settings.Count);
        for (int r = 0; r < settings.RateShifts.Count; r++)
        {
            for (int d = 0; d < settings.DaysForward.Count; d++)
            {
                for (int k = 0; k < settings.SkewSteepenings.Count; k++)
                {
                    for (int v = 0; v < settings.VolShifts.Count; v++)
                    {
                        for (int s = 0; s < settings.SpotMoves.Count; s++)
                        {
                            double spot = settings.SpotMoves[s], vol = settings.VolShifts[v];
                            double? vix = settings.VixPointsPerVolPoint == 0 || vol == 0 || !(front > 0)
                                ? null
                                : (market.SpxVixBeta * spot) + (settings.VixPointsPerVolPoint * vol * 100.0 / front);
                            var scenario = new MarketScenario(
                                FormattableString.Invariant($"S{spot:+0.0%;-0.0%;0%} σ{vol * 100:+0.#;-0.#;0} skew{settings.SkewSteepenings[k]:+0.##;-0.##;0} T+{settings.DaysForward[d]:0.##} r{settings.RateShifts[r] * 1e4:+0;-0;0}bp"),
                                spot, settings.DaysForward[d], vol, settings.SkewSteepenings[k], vix, 0.0, settings.RateShifts[r]);
                            cells.Add(new StressCell(s, v, k, d, r, scenario));
                        }
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>Revalues the book over the grid.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid or a leg cannot be priced from the market.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static StressGridResult Run(BookValuator valuator, AlvhBook book, MarketSnapshot market, StressGridSettings? settings = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valuator);
        settings ??= new StressGridSettings();
        IReadOnlyList<StressCell> cells = Cells(settings, market);
        ScenarioPnl pnl = ScenarioRunner.Run(valuator, book, market, cells.Select(c => c.Scenario).ToArray(), settings.ChunkSize, progress, cancellationToken);
        return new StressGridResult(settings, cells, pnl);
    }
}
