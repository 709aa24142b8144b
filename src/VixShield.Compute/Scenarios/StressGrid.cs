using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// The axes of the stress grid (kernels-docs/scenarios.md). Every combination is one <see cref="ScenarioShock"/>,
/// fully revalued by the scenario kernel: spot × vol × skew × days × rate, the spot axis varying fastest.
/// </summary>
public sealed record StressGridSettings
{
    /// <summary>Relative SPX moves (default -10 % to +10 % in 2.5 % steps).</summary>
    public IReadOnlyList<double> SpotMoves { get; init; } = [-0.10, -0.075, -0.05, -0.025, 0.0, 0.025, 0.05, 0.075, 0.10];

    /// <summary>Parallel SPX vol shifts per 1.00 (default -5 to +10 vol points in 2.5-point steps).</summary>
    public IReadOnlyList<double> VolShifts { get; init; } = [-0.05, -0.025, 0.0, 0.025, 0.05, 0.075, 0.10];

    /// <summary>Skew steepenings (<see cref="ScenarioShock.Skew"/>; default 0 and 0.10).</summary>
    public IReadOnlyList<double> SkewSteepenings { get; init; } = [0.0, 0.10];

    /// <summary>Calendar days forward (default 0, 1, 5).</summary>
    public IReadOnlyList<double> DaysForward { get; init; } = [0.0, 1.0, 5.0];

    /// <summary>Parallel rate shifts per 1.00 (default -25 bp, 0, +25 bp).</summary>
    public IReadOnlyList<double> RateShifts { get; init; } = [-0.0025, 0.0, 0.0025];

    /// <summary>VIX points the front VIX future moves per SPX vol point of the vol shift, on top of beta × spot move
    /// (default 1: a VIX point is a vol point of 30-day SPX implied vol). Every future moves by the same relative amount:
    /// m = β·spot move + k·Δσ·100 / F_front. 0 leaves the VIX curve to the beta alone.</summary>
    public double VixPointsPerVolPoint { get; init; } = 1.0;

    /// <summary>The number of scenarios of the grid.</summary>
    public int Count => SpotMoves.Count * VolShifts.Count * SkewSteepenings.Count * DaysForward.Count * RateShifts.Count;

    /// <summary>Throws when an axis is empty or holds a value the revaluation cannot use.</summary>
    /// <exception cref="ArgumentException">Naming the axis and the value.</exception>
    public void Validate()
    {
        // Bounds keep every shocked input inside the pricer's domain (|r| <= 5, vol <= 100, t <= 100 years; black-scholes.md),
        // so no cell prints a NaN P&L.
        Check(nameof(SpotMoves), SpotMoves, v => v > -1.0 && v <= 10.0, "a spot move must be above -100 % and at most +1000 %");
        Check(nameof(VolShifts), VolShifts, v => Math.Abs(v) <= 5.0, "a vol shift must be within ±500 vol points");
        Check(nameof(SkewSteepenings), SkewSteepenings, v => Math.Abs(v) <= 10.0, "a skew steepening must be within ±10");
        Check(nameof(DaysForward), DaysForward, v => v >= 0 && v <= 3650, "days forward must be between 0 and at most 3650");
        Check(nameof(RateShifts), RateShifts, v => Math.Abs(v) <= 1.0, "a rate shift must be within ±10,000 bp");
        if (!double.IsFinite(VixPointsPerVolPoint)) throw new ArgumentException($"{nameof(VixPointsPerVolPoint)} must be a finite number.");
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

/// <summary>One cell of the stress grid: its axis indices.</summary>
/// <param name="Spot">Index into <see cref="StressGridSettings.SpotMoves"/>.</param>
/// <param name="Vol">Index into <see cref="StressGridSettings.VolShifts"/>.</param>
/// <param name="Skew">Index into <see cref="StressGridSettings.SkewSteepenings"/>.</param>
/// <param name="Days">Index into <see cref="StressGridSettings.DaysForward"/>.</param>
/// <param name="Rate">Index into <see cref="StressGridSettings.RateShifts"/>.</param>
public readonly record struct StressCell(int Spot, int Vol, int Skew, int Days, int Rate);

/// <summary>The stress grid revalued: P&amp;L (dollar value change from the base market) per cell, per layer and for the
/// book with and without the hedge layers. Cells are indexed spot fastest, then vol, skew, days, rate.</summary>
public sealed class StressGridResult
{
    private readonly double _beta, _front;

    internal StressGridResult(StressGridSettings settings, ScenarioPnl pnl, double beta, double front)
    {
        Settings = settings;
        Pnl = pnl;
        _beta = beta;
        _front = front;
    }

    /// <summary>The axes.</summary>
    public StressGridSettings Settings { get; }

    /// <summary>P&amp;L per layer and book, indexed by cell.</summary>
    public ScenarioPnl Pnl { get; }

    /// <summary>The number of cells.</summary>
    public int Count => Settings.Count;

    /// <summary>The index of a cell.</summary>
    public int IndexOf(int spot, int vol, int skew, int days, int rate)
    {
        StressGridSettings s = Settings;
        return spot + (s.SpotMoves.Count * (vol + (s.VolShifts.Count * (skew + (s.SkewSteepenings.Count * (days + (s.DaysForward.Count * rate)))))));
    }

    /// <summary>The axis indices of cell <paramref name="index"/>.</summary>
    public StressCell Cell(int index) => StressGrid.CellOf(Settings, index);

    /// <summary>The shock of cell <paramref name="index"/> (its VIX move resolved).</summary>
    public ScenarioShock Shock(int index) => StressGrid.ShockOf(Settings, Cell(index), _beta, _front);
}

/// <summary>Run positions [<paramref name="First"/>, <paramref name="First"/> + <paramref name="Count"/>) of a stress grid
/// (<see cref="StressGrid.RunShard"/>, <see cref="StressGrid.CellOfRunPosition"/>): per-layer P&amp;L in run order.</summary>
/// <param name="First">The first run position.</param>
/// <param name="Count">The number of cells.</param>
/// <param name="LayerPnl">[layer][position - First]: dollar P&amp;L of each layer.</param>
public sealed record StressShard(long First, int Count, double[][] LayerPnl);

/// <summary>Runs the stress grid through the scenario kernel: one kernel run per days-forward value, cells generated
/// from their index (no per-cell objects).</summary>
public static class StressGrid
{
    /// <summary>The axis indices of cell <paramref name="index"/> (spot fastest).</summary>
    public static StressCell CellOf(StressGridSettings s, long index)
    {
        ArgumentNullException.ThrowIfNull(s);
        int ns = s.SpotMoves.Count, nv = s.VolShifts.Count, nk = s.SkewSteepenings.Count, nd = s.DaysForward.Count;
        int spot = (int)(index % ns);
        index /= ns;
        int vol = (int)(index % nv);
        index /= nv;
        int skew = (int)(index % nk);
        index /= nk;
        int days = (int)(index % nd);
        return new StressCell(spot, vol, skew, days, (int)(index / nd));
    }

    /// <summary>The shock of a cell: the VIX futures move β·spot move + k·Δσ·100/F_front (null when that is just β·spot).</summary>
    public static ScenarioShock ShockOf(StressGridSettings s, StressCell c, double beta, double frontFuture)
    {
        ArgumentNullException.ThrowIfNull(s);
        double spot = s.SpotMoves[c.Spot], vol = s.VolShifts[c.Vol];
        double? vix = s.VixPointsPerVolPoint == 0 || vol == 0 || !(frontFuture > 0) ? null : (beta * spot) + (s.VixPointsPerVolPoint * vol * 100.0 / frontFuture);
        return new ScenarioShock(spot, vol, s.SkewSteepenings[c.Skew], vix, 0.0, s.RateShifts[c.Rate], s.DaysForward[c.Days]);
    }

    /// <summary>Revalues the book over the grid (one shard of every cell, merged: a clustered run merges other shards
    /// into the same numbers).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static StressGridResult Run(PricedBook book, StressGridSettings? settings = null, ScenarioRunOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        settings ??= new StressGridSettings();
        settings.Validate();
        return Merge(book, settings, [RunShard(book, settings, 0, settings.Count, options, progress, cancellationToken)]);
    }

    /// <summary>The cells per shard boundary within one days-forward value (the kernel's block, <see cref="ScenarioBlocks.Size"/>
    /// of the chunk size): shards cut there hold the same blocks as a single-machine run, so their P&amp;L is its P&amp;L bit for bit.</summary>
    public static int ShardAlignment(ScenarioRunOptions? options) => ScenarioBlocks.Size((options ?? new ScenarioRunOptions()).ChunkSize);

    /// <summary>Whether run position <paramref name="position"/> is a shard boundary: the start of a block of its
    /// days-forward value (<see cref="ShardAlignment"/>), or the end of the grid.</summary>
    public static bool IsShardBoundary(StressGridSettings settings, long position, int alignment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int perDays = settings.Count / settings.DaysForward.Count;
        return position == settings.Count || (position >= 0 && position < settings.Count && position % perDays % alignment == 0);
    }

    /// <summary>The cell at run position <paramref name="position"/>: the order the kernel runs the grid in (one kernel run
    /// per days-forward value, slowest; within it rate, skew, vol, spot fastest). Shards are ranges of run positions.</summary>
    public static StressCell CellOfRunPosition(StressGridSettings settings, long position)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int ns = settings.SpotMoves.Count, nv = settings.VolShifts.Count, nk = settings.SkewSteepenings.Count;
        long perDays = settings.Count / settings.DaysForward.Count, j = position % perDays;
        return new StressCell((int)(j % ns), (int)(j / ns % nv), (int)(j / ns / nv % nk), (int)(position / perDays), (int)(j / ns / nv / nk));
    }

    /// <summary>Run positions [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of the grid
    /// (<see cref="CellOfRunPosition"/>): their per-layer P&amp;L exactly as <see cref="Run"/> computes it, for <see cref="Merge"/>.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid or the range is empty, outside the grid or not cut at shard boundaries.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static StressShard RunShard(PricedBook book, StressGridSettings settings, long first, int count, ScenarioRunOptions? options = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int align = ShardAlignment(options);
        if (first < 0 || count <= 0 || first + count > settings.Count)
        {
            throw new ArgumentException($"A shard must be a non-empty range of the grid's {settings.Count:N0} cells, not [{first:N0}, {first + count:N0}).");
        }

        if (!IsShardBoundary(settings, first, align) || !IsShardBoundary(settings, first + count, align))
        {
            throw new ArgumentException($"A stress shard starts and ends at a multiple of {align} cells within a days-forward value (or at its end), not [{first:N0}, {first + count:N0}).");
        }

        MarketSnapshot market = book.Market;
        double front = FrontFuture(market);
        int perDays = settings.Count / settings.DaysForward.Count;
        double[][] layer = book.NewGroups(PnlGrouping.Layer, count);
        for (long p = first, end = first + count; p < end;)
        {
            int d = (int)(p / perDays), j0 = (int)(p % perDays), n = (int)Math.Min(perDays - j0, end - p);
            double[][] part = n == count ? layer : book.NewGroups(PnlGrouping.Layer, n);
            double done = p - first;
            book.Run(settings.DaysForward[d], new GridShocks(settings, d, market.SpxVixBeta, front, j0), n, PnlGrouping.Layer, part, options,
                progress is null ? null : new InlineProgress(f => progress.Report((done + (f * n)) / count)), cancellationToken);
            if (part != layer)
            {
                for (int g = 0; g < layer.Length; g++) Array.Copy(part[g], 0, layer[g], p - first, n);
            }

            p += n;
        }

        return new StressShard(first, count, layer);
    }

    /// <summary>The grid from shards that together hold every run position once (in any order), each cell's P&amp;L put at
    /// its grid index.</summary>
    /// <exception cref="ArgumentException">When the shards overlap, leave a gap, or do not match the book's layers.</exception>
    public static StressGridResult Merge(PricedBook book, StressGridSettings settings, IReadOnlyList<StressShard> shards)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shards);
        settings.Validate();
        int total = settings.Count, nd = settings.DaysForward.Count, perDays = total / nd;
        int ns = settings.SpotMoves.Count * settings.VolShifts.Count * settings.SkewSteepenings.Count;
        double[][] run = ScenarioShards.Place(shards.Select(s => (s.First, s.Count, s.LayerPnl)).ToList(), book.Book.Layers.Count, total, "cells", total);
        double[][] layer = book.NewGroups(PnlGrouping.Layer, total);
        for (int g = 0; g < layer.Length; g++)
        {
            for (int p = 0; p < total; p++)
            {
                // p = days·perDays + j with j = spot/vol/skew part + ns·rate; the grid index puts days between skew and rate.
                int d = p / perDays, j = p % perDays;
                layer[g][(j % ns) + (ns * (d + (nd * (j / ns))))] = run[g][p];
            }
        }

        return new StressGridResult(settings, new ScenarioPnl(book.Book, layer), book.Market.SpxVixBeta, FrontFuture(book.Market));
    }

    private static double FrontFuture(MarketSnapshot market) => market.VixFutures.Front(market.ValuationTime)?.Price ?? double.NaN;

    /// <summary>The cells of one days-forward value from index <paramref name="offset"/>: index j = spot + S(vol + V(skew + K·rate)).</summary>
    private sealed class GridShocks(StressGridSettings s, int days, double beta, double front, long offset) : IShockSource
    {
        public void Fill(long first, int count, ShockColumns c)
        {
            int ns = s.SpotMoves.Count, nv = s.VolShifts.Count, nk = s.SkewSteepenings.Count;
            for (int j = 0; j < count; j++)
            {
                long i = offset + first + j;
                var cell = new StressCell((int)(i % ns), (int)(i / ns % nv), (int)(i / ns / nv % nk), days, (int)(i / ns / nv / nk));
                ScenarioShock sh = ShockOf(s, cell, beta, front);
                c.Set(j, sh.SpotMove, sh.VolShift, sh.Skew, sh.VixFutureMove ?? (beta * sh.SpotMove), sh.VixVolShift, sh.RateShift);
            }
        }
    }
}
