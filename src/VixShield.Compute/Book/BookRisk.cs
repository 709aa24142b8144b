using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Book;

/// <summary>Settings of the break-even and P&amp;L-curve analysis.</summary>
public sealed record PnlCurveSettings
{
    /// <summary>Calendar days forward of the T+n curve (0 = today's T+0 curve).</summary>
    public double DaysForward { get; init; }

    /// <summary>Half-width of the spot range as a fraction of spot (0.10 = ±10 %).</summary>
    public double SpotRange { get; init; } = 0.10;

    /// <summary>Grid points of the curve (odd keeps spot on the grid).</summary>
    public int Points { get; init; } = 201;

    /// <summary>Bisection steps refining each curve break-even (each step one engine batch for all break-evens).</summary>
    public int BisectionSteps { get; init; } = 40;

    /// <summary>How each leg's vol moves as days pass and spot moves (the same rule as the stress grid and Monte Carlo).</summary>
    public SmileDynamics Dynamics { get; init; } = SmileDynamics.StickyStrikePerExpiry;
}

/// <summary>A P&amp;L curve: dollars from the open prices against SPX level.</summary>
/// <param name="DaysForward">T+n.</param>
/// <param name="Spots">SPX levels.</param>
/// <param name="Pnl">P&amp;L at each level.</param>
/// <param name="BreakEvens">Zero crossings, refined by bisection with full revaluation.</param>
public sealed record PnlCurve(double DaysForward, IReadOnlyList<double> Spots, IReadOnlyList<double> Pnl, IReadOnlyList<double> BreakEvens);

/// <summary>At-expiry figures of a position, layer or book.</summary>
/// <param name="Underlying">"SPX" or "VIX": what the break-evens are levels of.</param>
/// <param name="BreakEvens">Break-evens, ascending: exact from the piecewise-linear payoff when <paramref name="Exact"/>,
/// otherwise the zero crossings of the engine-valued curve at the front expiry.</param>
/// <param name="Exact">True when every leg expires together (the payoff is piecewise linear).</param>
/// <param name="MaxProfit">Largest gain in dollars (+∞ unbounded).</param>
/// <param name="MaxLoss">Largest loss in dollars, positive (+∞ unbounded), each leg at its own expiry.</param>
/// <param name="DefinedRisk">True when the loss is capped by the structure.</param>
/// <param name="Margin">Max loss of a defined-risk structure; NaN when risk is undefined.</param>
public sealed record ExpiryRisk(string Underlying, IReadOnlyList<double> BreakEvens, bool Exact, double MaxProfit, double MaxLoss, bool DefinedRisk, double Margin);

/// <summary>Risk of one position.</summary>
/// <param name="Path">E.g. <c>layers[0].positions[1]</c>.</param>
/// <param name="Name">Position name.</param>
/// <param name="AtExpiry">At-expiry figures (null for an overlay).</param>
/// <param name="Curve">The T+n curve (null for an overlay).</param>
public sealed record PositionRisk(string Path, string Name, ExpiryRisk? AtExpiry, PnlCurve? Curve);

/// <summary>Risk of one layer.</summary>
/// <param name="Path">E.g. <c>layers[2]</c>.</param>
/// <param name="Name">Layer name.</param>
/// <param name="AtExpiry">At-expiry figures of the layer's SPX legs (VIX legs for a pure VIX layer); null when it has no legs.</param>
/// <param name="Curve">The layer's T+n curve.</param>
/// <param name="Margin">Sum of the positions' margins (NaN if any is undefined).</param>
/// <param name="DistanceToBreakEven">|S - nearest at-expiry break-even| / S; NaN when the layer has no SPX break-even.</param>
/// <param name="NearestBreakEven">That break-even, or NaN.</param>
/// <param name="Positions">Per position.</param>
public sealed record LayerRisk(string Path, string Name, ExpiryRisk? AtExpiry, PnlCurve Curve, double Margin, double DistanceToBreakEven,
    double NearestBreakEven, IReadOnlyList<PositionRisk> Positions);

/// <summary>Break-evens, max profit/loss, margin and T+n curves of a book.</summary>
/// <param name="Settings">Curve settings used.</param>
/// <param name="Layers">Per layer.</param>
/// <param name="AtExpiry">The book's (included SPX legs) at-expiry figures.</param>
/// <param name="Curve">The book's (included layers) T+n curve.</param>
/// <param name="Margin">Sum of the included layers' margins.</param>
public sealed record BookRisk(PnlCurveSettings Settings, IReadOnlyList<LayerRisk> Layers, ExpiryRisk? AtExpiry, PnlCurve Curve, double Margin);

/// <summary>Computes <see cref="BookRisk"/>: exact at-expiry break-evens and the T+n curves from the engine
/// (the scenario kernel over all spots × legs of one <see cref="PricedBook"/>), curve break-evens refined by batched bisection.</summary>
public sealed class BookRiskAnalyzer
{
    /// <summary>Creates the analyzer (the valuator is kept for API compatibility: the curves run in the scenario kernel).</summary>
    public BookRiskAnalyzer(BookValuator valuator)
    {
        ArgumentNullException.ThrowIfNull(valuator);
    }

    /// <summary>Analyses the book.</summary>
    /// <exception cref="ArgumentException">When settings are out of range or a leg cannot be priced.</exception>
    public BookRisk Analyze(AlvhBook book, MarketSnapshot market, PnlCurveSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        settings ??= new PnlCurveSettings();
        if (settings.Points < 3) throw new ArgumentException("A P&L curve needs at least 3 points.", nameof(settings));
        if (!(settings.SpotRange > 0 && settings.SpotRange < 1)) throw new ArgumentException("The spot range is a fraction of spot in (0, 1), e.g. 0.10.", nameof(settings));

        // Targets: every position with legs, every layer, the book.
        var targets = new List<Target>();
        for (int li = 0; li < book.Layers.Count; li++)
        {
            for (int pi = 0; pi < book.Layers[li].Positions.Count; pi++)
            {
                if (book.Layers[li].Positions[pi].Greeks is null) targets.Add(new Target(li, pi));
            }

            targets.Add(new Target(li, -1));
        }

        targets.Add(new Target(-1, -1));
        PricedBook priced = PricedBook.Resolve(book, market, settings.Dynamics);
        var grid = Enumerable.Range(0, settings.Points).Select(j => -settings.SpotRange + (2 * settings.SpotRange * j / (settings.Points - 1))).ToArray();
        var curveScenarios = grid.Select(x => new ScenarioShock(SpotMove: x, Days: settings.DaysForward)).ToList();
        var frontDays = FrontExpiryDays(book, market);
        List<ScenarioShock> expiryScenarios = frontDays is double fd ? grid.Select(x => new ScenarioShock(SpotMove: x, Days: fd)).ToList() : [];
        var reval = new ScenarioRevaluation(priced, [.. curveScenarios, .. expiryScenarios], null, cancellationToken);

        var curves = new Dictionary<Target, PnlCurve>();
        var frontCurves = new Dictionary<Target, PnlCurve>();
        var pending = new List<(Target T, bool Front, double Lo, double Hi, double PLo)>();
        foreach (Target t in targets)
        {
            double[] pnl = grid.Select((_, j) => Eval(reval, t, j)).ToArray();
            curves[t] = new PnlCurve(settings.DaysForward, grid.Select(x => market.SpxSpot * (1 + x)).ToArray(), pnl, []);
            AddBrackets(pending, t, false, grid, pnl);
            if (frontDays is double)
            {
                double[] fp = grid.Select((_, j) => Eval(reval, t, curveScenarios.Count + j)).ToArray();
                frontCurves[t] = new PnlCurve(frontDays.Value, curves[t].Spots, fp, []);
                AddBrackets(pending, t, true, grid, fp);
            }
        }

        var roots = Bisect(priced, pending, settings, cancellationToken, frontDays ?? 0.0);
        PnlCurve WithRoots(Dictionary<Target, PnlCurve> c, Target t, bool front) => c[t] with
        {
            BreakEvens = roots.Where(r => r.T == t && r.Front == front).Select(r => market.SpxSpot * (1 + r.X)).Order().ToArray(),
        };

        var layers = new List<LayerRisk>();
        var included = new List<Leg>();
        for (int li = 0; li < book.Layers.Count; li++)
        {
            Layer layer = book.Layers[li];
            var positions = new List<PositionRisk>();
            for (int pi = 0; pi < layer.Positions.Count; pi++)
            {
                Position p = layer.Positions[pi];
                if (p.Greeks is not null)
                {
                    positions.Add(new PositionRisk($"layers[{li}].positions[{pi}]", p.Name, null, null));
                    continue;
                }

                var t = new Target(li, pi);
                positions.Add(new PositionRisk($"layers[{li}].positions[{pi}]", p.Name,
                    Expiry(p.Legs, frontCurves.TryGetValue(t, out _) ? WithRoots(frontCurves, t, true) : null), WithRoots(curves, t, false)));
            }

            var lt = new Target(li, -1);
            var legs = layer.Positions.Where(p => p.Greeks is null).SelectMany(p => p.Legs).ToList();
            if (layer.IsIncluded) included.AddRange(legs);
            ExpiryRisk? layerExpiry = Expiry(legs, frontCurves.TryGetValue(lt, out _) ? WithRoots(frontCurves, lt, true) : null);
            double margin = positions.Where(p => p.AtExpiry is not null).Sum(p => p.AtExpiry!.Margin);
            double nearest = double.NaN, distance = double.NaN;
            if (layerExpiry is { Underlying: "SPX", BreakEvens.Count: > 0 })
            {
                nearest = layerExpiry.BreakEvens.MinBy(b => Math.Abs(b - market.SpxSpot));
                distance = Math.Abs(market.SpxSpot - nearest) / market.SpxSpot;
            }

            layers.Add(new LayerRisk($"layers[{li}]", layer.Name, layerExpiry, WithRoots(curves, lt, false), margin, distance, nearest, positions));
        }

        var bt = new Target(-1, -1);
        ExpiryRisk? bookExpiry = Expiry(included, frontCurves.TryGetValue(bt, out _) ? WithRoots(frontCurves, bt, true) : null);
        double bookMargin = layers.Where((l, i) => book.Layers[i].IsIncluded).Sum(l => l.Margin);
        return new BookRisk(settings, layers, bookExpiry, WithRoots(curves, bt, false), bookMargin);
    }

    /// <summary>At-expiry figures of a leg set: SPX legs if any (else VIX legs); exact when one expiry, else break-evens
    /// from the engine-valued curve at the front expiry.</summary>
    private static ExpiryRisk? Expiry(IReadOnlyList<Leg> legs, PnlCurve? frontCurve)
    {
        var spx = legs.Where(l => InstrumentInfo.IsSpx(l.Instrument)).ToList();
        var set = spx.Count > 0 ? spx : legs.ToList();
        if (set.Count == 0) return null;
        var payoff = new ExpiryPayoff(set);
        bool exact = payoff.SingleExpiry && (spx.Count == 0 || spx.Count == legs.Count);
        string underlying = spx.Count > 0 ? "SPX" : "VIX";
        IReadOnlyList<double> bes = exact || frontCurve is null || underlying == "VIX" ? payoff.BreakEvens : frontCurve.BreakEvens;
        return new ExpiryRisk(underlying, bes, exact || underlying == "VIX", payoff.MaxProfit, payoff.MaxLoss, payoff.DefinedRisk, payoff.Margin);
    }

    /// <summary>Calendar days to the front expiry: the nearest expiry of a leg not yet settled (null when none is live).</summary>
    public static double? FrontExpiryDays(AlvhBook book, MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        var days = book.Layers.SelectMany(l => l.Positions).SelectMany(p => p.Greeks is null ? p.Legs : [])
            .Select(l => market.DaysTo(l.Expiry)).Where(d => d > 0).ToList();
        return days.Count == 0 ? null : days.Min();
    }

    private static double Eval(ScenarioRevaluation r, Target t, int scenario) =>
        t.Layer < 0 ? r.PnlFromOpen(scenario) : t.Position < 0 ? r.LayerPnlFromOpen(scenario, t.Layer) : r.PositionPnlFromOpen(scenario, t.Layer, t.Position);

    private static void AddBrackets(List<(Target, bool, double, double, double)> pending, Target t, bool front, double[] grid, double[] pnl)
    {
        for (int j = 0; j + 1 < grid.Length; j++)
        {
            if (pnl[j] == 0) pending.Add((t, front, grid[j], grid[j], 0));
            else if ((pnl[j] < 0 && pnl[j + 1] > 0) || (pnl[j] > 0 && pnl[j + 1] < 0)) pending.Add((t, front, grid[j], grid[j + 1], pnl[j]));
        }
    }

    private static List<(Target T, bool Front, double X)> Bisect(PricedBook priced, List<(Target T, bool Front, double Lo, double Hi, double PLo)> pending,
        PnlCurveSettings settings, CancellationToken ct, double frontDays)
    {
        var lo = pending.Select(p => p.Lo).ToArray();
        var hi = pending.Select(p => p.Hi).ToArray();
        var plo = pending.Select(p => p.PLo).ToArray();
        if (pending.Count == 0) return [];
        for (int step = 0; step < settings.BisectionSteps; step++)
        {
            var scen = pending.Select((p, i) => new ScenarioShock(SpotMove: 0.5 * (lo[i] + hi[i]), Days: p.Front ? frontDays : settings.DaysForward)).ToList();
            var r = new ScenarioRevaluation(priced, scen, null, ct);
            for (int i = 0; i < pending.Count; i++)
            {
                if (lo[i] == hi[i]) continue;
                double mid = 0.5 * (lo[i] + hi[i]);
                double pm = Eval(r, pending[i].T, i);
                if ((pm > 0 && plo[i] > 0) || (pm < 0 && plo[i] < 0)) { lo[i] = mid; plo[i] = pm; }
                else hi[i] = mid;
            }
        }

        return pending.Select((p, i) => (p.T, p.Front, 0.5 * (lo[i] + hi[i]))).ToList();
    }

    private readonly record struct Target(int Layer, int Position);
}
