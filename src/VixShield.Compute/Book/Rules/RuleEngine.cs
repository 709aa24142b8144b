using VixShield.Compute.Scenarios;
using VixShield.Compute.Time;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Signals;

namespace VixShield.Compute.Book.Rules;

/// <summary>Everything the rules looked at and what they found.</summary>
/// <param name="Valuation">The book valued.</param>
/// <param name="Risk">Break-evens, margins and curves.</param>
/// <param name="Findings">One or more findings per rule, in rule order.</param>
/// <param name="Signals">The signal readings when a closes series was given.</param>
public sealed record RuleReport(BookValuation Valuation, BookRisk Risk, IReadOnlyList<RuleFinding> Findings, SignalReading? Signals);

/// <summary>
/// Runs the eight ALVH rules on a book. Scenario rules (hedge sizing, rate shock) revalue the book fully
/// through the engine. Returns findings and proposed actions; never changes the book.
/// </summary>
public sealed class RuleEngine
{
    private readonly BookValuator _valuator;
    private readonly ILogger _logger;

    /// <summary>Creates the rule engine.</summary>
    /// <param name="valuator">Values and revalues the book (and so picks the engine).</param>
    /// <param name="settings">Thresholds; the DOMAIN.md defaults when null.</param>
    /// <param name="loggerFactory">Where each finding is logged (debug, category <see cref="RuleEngine"/>); none by default.</param>
    /// <exception cref="ArgumentException">When a setting is out of range.</exception>
    public RuleEngine(BookValuator valuator, RuleSettings? settings = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(valuator);
        _valuator = valuator;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RuleEngine>();
        Settings = settings ?? new RuleSettings();
        Settings.Validate();
    }

    /// <summary>The thresholds in use.</summary>
    public RuleSettings Settings { get; }

    /// <summary>Values and analyses the book, then runs every rule.</summary>
    public RuleReport Run(AlvhBook book, MarketSnapshot market, DailyCloses? closes = null, PnlCurveSettings? curve = null, CancellationToken cancellationToken = default)
    {
        BookValuation v = _valuator.Value(book, market, cancellationToken);
        BookRisk risk = new BookRiskAnalyzer(_valuator).Analyze(book, market, curve, cancellationToken);
        return Run(v, risk, closes, cancellationToken);
    }

    /// <summary>Runs every rule on an existing valuation and risk analysis.</summary>
    public RuleReport Run(BookValuation valuation, BookRisk risk, DailyCloses? closes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        ArgumentNullException.ThrowIfNull(risk);
        var findings = new List<RuleFinding> { DeltaBand(valuation) };
        findings.Add(HedgeSizing(valuation, cancellationToken));
        findings.Add(Gamma(valuation));
        findings.Add(BreakEvenProximity(valuation, risk));
        SignalReading? reading = null;
        if (closes is null)
        {
            findings.Add(new RuleFinding(BookRule.NewLayerSignal, false, "No closes series given (--series closes.csv): signals not evaluated.", Numbers()));
        }
        else
        {
            reading = LayerSignals.Read(closes, Settings.Macd, Settings.MacdCompressionDays, Settings.RsiPeriod, Settings.VixRsiBelow, Settings.SpxRsiAbove);
            findings.Add(Signal(reading));
        }

        findings.AddRange(RateShock(valuation, risk, cancellationToken));
        findings.AddRange(ThetaYield(valuation, risk));
        findings.AddRange(Parity(valuation.Market));
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (RuleFinding f in findings) _logger.LogDebug("Rule {Rule} triggered={Triggered}: {Message}", f.RuleName, f.Triggered, f.Message);
        }

        return new RuleReport(valuation, risk, findings, reading);
    }

    /// <summary>Rule 1.</summary>
    public RuleFinding DeltaBand(BookValuation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        double nd = v.NormalisedDelta, band = Settings.DeltaBand;
        if (double.IsNaN(nd)) return new RuleFinding(BookRule.DeltaBand, false, "The book has no premium layers: no normalised delta.", Numbers());
        var hedges = v.Layers.Where(l => l.Layer.Role == LayerRole.Hedge).ToList();
        double hedgeNd = hedges.Where(l => !l.Included).Sum(l => l.Totals.BetaWeightedDelta) / BookValuation.SpxMultiplier / v.PremiumUnits;
        var numbers = Numbers(("normalisedDelta", nd), ("band", band), ("offHedgeNormalisedDelta", hedgeNd), ("afterActivation", nd + hedgeNd));
        if (Math.Abs(nd) <= band)
        {
            return new RuleFinding(BookRule.DeltaBand, false, F($"Normalised delta {nd:+0.000;-0.000} is inside ±{band:0.00}."), numbers);
        }

        string msg = F($"Normalised delta {nd:+0.000;-0.000} is outside ±{band:0.00}.");
        if (hedges.Count > 0 && hedges.Any(h => !h.Included) && Math.Abs(nd + hedgeNd) < Math.Abs(nd))
        {
            string names = string.Join(", ", hedges.Where(h => !h.Included).Select(h => h.Layer.Name));
            return new RuleFinding(BookRule.DeltaBand, true, msg + F($" Switching the hedge on brings it to {nd + hedgeNd:+0.000;-0.000}."), numbers,
                new ProposedAction(ActionKind.ActivateHedge, names, $"Activate hedge layer {names} (then size it with rule 2).", numbers));
        }

        double onHedge = hedges.Where(l => l.Included).Sum(l => l.Totals.BetaWeightedDelta);
        if (onHedge != 0 && Math.Sign(onHedge) != Math.Sign(nd))
        {
            string names = string.Join(", ", hedges.Where(h => h.Included).Select(h => h.Layer.Name));
            return new RuleFinding(BookRule.DeltaBand, true, msg + " The hedge is on: resize it.", numbers,
                new ProposedAction(ActionKind.SizeHedge, names, $"The hedge {names} is on but the delta is still outside the band: resize it (rule 2).", numbers));
        }

        return new RuleFinding(BookRule.DeltaBand, true, msg + " The hedge would not reduce it.", numbers,
            new ProposedAction(ActionKind.RebalancePremium, "premium layers", "Rebalance the premium layers toward delta-neutral; the VIX hedge does not offset this side.", numbers));
    }

    /// <summary>Rule 2: hedge size from the down-shock scenario, by full revaluation.</summary>
    public RuleFinding HedgeSizing(BookValuation v, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(v);
        MarketSnapshot market = v.Market;
        AlvhBook book = v.Book;
        bool hasHedge = book.Layers.Any(l => l.Role == LayerRole.Hedge && l.Positions.Any(p => p.Legs.Count > 0));
        if (!hasHedge)
        {
            Layer? candidate = DefaultHedge(market);
            if (candidate is null) return new RuleFinding(BookRule.HedgeSizing, false, "No hedge layer and no VIX future far enough out for the default hedge.", Numbers());
            book = book with { Layers = [.. book.Layers, candidate] };
        }

        VixFuturePoint? front = market.VixFutures.Front(market.ValuationTime);
        double vixMove = market.SpxVixBeta * Settings.ShockSpotMove;
        double volShift = front is { } fp ? fp.Price * vixMove / 100.0 : 0.0;
        var shock = new ScenarioShock(SpotMove: Settings.ShockSpotMove, VolShift: volShift, Skew: Settings.ShockSkewSteepening);
        var r = new ScenarioRevaluation(PricedBook.Resolve(book, market), [shock], null, cancellationToken);
        double premium = r.Change(0, l => l.Role == LayerRole.Premium);
        double hedge = r.Change(0, l => l.Role == LayerRole.Hedge);
        double hedgeNow = hasHedge ? r.Change(0, l => l.Role == LayerRole.Hedge && l.IsIncluded) : 0.0;
        double target = Settings.HedgeTargetShare * Math.Max(-premium, 0.0);
        var nums = new List<(string, double)>
        {
            ("spotMove", Settings.ShockSpotMove), ("vixFutureMove", vixMove), ("spxVolShift", volShift), ("skewSteepening", Settings.ShockSkewSteepening),
            ("premiumLoss", premium), ("hedgePnlAtCurrentSize", hedge), ("hedgePnlActiveNow", hedgeNow), ("target", target),
        };
        if (premium >= 0) return new RuleFinding(BookRule.HedgeSizing, false, F($"The premium layers do not lose in the down-shock ({premium:N0} $): no hedge needed."), Numbers([.. nums]));
        if (hedge <= 0)
        {
            return new RuleFinding(BookRule.HedgeSizing, true, F($"The hedge layer does not gain in the down-shock ({hedge:N0} $): it cannot offset the premium loss of {premium:N0} $."), Numbers([.. nums]),
                new ProposedAction(ActionKind.ReviewLayer, "hedge", "Replace the hedge with long VIX calls or call spreads.", Numbers([.. nums])));
        }

        double scale = target / hedge;
        var hedgeLayers = book.Layers.Where(l => l.Role == LayerRole.Hedge).ToList();
        var legsNow = hedgeLayers.SelectMany(l => l.Positions).SelectMany(p => p.Legs).ToList();
        var proposed = legsNow.Select(l => (l, Quantity: (int)Math.Ceiling(Math.Abs(l.Quantity) * scale) * Math.Sign(l.Quantity))).ToList();
        double vegaBefore = v.Totals.NetVega;
        double nonHedgeVega = v.Layers.Where(l => l.Included && l.Layer.Role != LayerRole.Hedge).Sum(l => l.Totals.NetVega);
        double hedgeVega = hasHedge ? v.Layers.Where(l => l.Layer.Role == LayerRole.Hedge).Sum(l => l.Totals.NetVega)
            : _valuator.Value(new AlvhBook("candidate", [hedgeLayers[^1]]), market, cancellationToken).Totals.NetVega;
        double vegaAfter = nonHedgeVega + (hedgeVega * scale);
        double coverage = hedgeNow / -premium;
        nums.AddRange([("scale", scale), ("coverageNow", coverage), ("netVegaBefore", vegaBefore), ("netVegaAfter", vegaAfter)]);
        for (int i = 0; i < proposed.Count; i++) nums.Add(($"quantity[{i}]", proposed[i].Quantity));
        bool wanted = v.Book.Layers.Any(l => l.Role == LayerRole.Hedge && l.Active && l.Positions.Any(p => p.Legs.Count > 0)) || Math.Abs(v.NormalisedDelta) > Settings.DeltaBand;
        bool triggered = wanted && coverage < Settings.HedgeTargetShare;
        string legs = string.Join(", ", proposed.Select(p => $"{p.Quantity:+0;-0} {(p.l.IsOption ? $"{InstrumentInfo.Symbol(p.l.Instrument)} {p.l.Expiry.Date:yyyy-MM-dd} {p.l.Strike:0.##}{(p.l.Kind == OptionKind.Call ? "C" : "P")}" : $"VX {p.l.Expiry.Date:yyyy-MM}")}"));
        string msg = F($"Down-shock (SPX {Settings.ShockSpotMove:P0}, VIX futures {vixMove:+0%;-0%}, ATM vol {volShift * 100:+0.0;-0.0} pts, skew +{Settings.ShockSkewSteepening:0.00}): premium layers {premium:N0} $, ")
            + F($"hedge at current size {hedge:N0} $; offsetting {Settings.HedgeTargetShare:P0} needs {scale:0.00}x: {legs}. Net vega {vegaBefore:N0} -> {vegaAfter:N0} $/pt ({Sign(vegaBefore)} -> {Sign(vegaAfter)}).")
            + (wanted ? "" : " Hedge off and delta inside the band: size shown for reference.");
        string target2 = string.Join(", ", hedgeLayers.Select(l => l.Name));
        return new RuleFinding(BookRule.HedgeSizing, triggered, msg, Numbers([.. nums]),
            triggered ? new ProposedAction(ActionKind.SizeHedge, target2, F($"Hold the hedge at {legs} (on) to offset {Settings.HedgeTargetShare:P0} of the down-shock loss."), Numbers([.. nums])) : null);
    }

    /// <summary>Rule 3.</summary>
    public RuleFinding Gamma(BookValuation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        double g = v.NormalisedGammaPerPercent, bound = Settings.GammaBound;
        var nums = Numbers(("normalisedGammaPerPercent", g), ("bound", -bound), ("spxDollarGamma", v.Totals.SpxGamma));
        if (double.IsNaN(g)) return new RuleFinding(BookRule.GammaBound, false, "No premium units: gamma bound not evaluated.", nums);
        if (g < -bound)
        {
            double fraction = 1 - (bound / -g);
            var a = Numbers(("normalisedGammaPerPercent", g), ("bound", -bound), ("reduceFraction", fraction));
            return new RuleFinding(BookRule.GammaBound, true, F($"Gamma {g:+0.000;-0.000} per 1 % move is below the bound {-bound:0.000}: reduce premium layers by {fraction:P0}."), nums,
                new ProposedAction(ActionKind.ReduceSize, "premium layers", F($"Reduce the premium layers by {fraction:P0} (shortest expiries first)."), a));
        }

        if (g > 0) return new RuleFinding(BookRule.GammaBound, true, F($"Gamma {g:+0.000;-0.000} per 1 % move is positive: the book is not short premium."), nums);
        return new RuleFinding(BookRule.GammaBound, false, F($"Gamma {g:+0.000;-0.000} per 1 % move: negative and within {-bound:0.000}."), nums);
    }

    /// <summary>Rule 4.</summary>
    public RuleFinding BreakEvenProximity(BookValuation v, BookRisk risk)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(risk);
        var near = risk.Layers.Where((l, i) => v.Book.Layers[i].Role == LayerRole.Premium && l.DistanceToBreakEven <= Settings.BreakEvenDistance).ToList();
        var nums = new List<(string, double)> { ("nearLayers", near.Count), ("distance", Settings.BreakEvenDistance), ("layerCount", Settings.BreakEvenLayerCount) };
        foreach (LayerRisk l in near) nums.Add(($"{l.Name}.distance", l.DistanceToBreakEven));
        string list = string.Join(", ", near.Select(l => F($"{l.Name} {l.DistanceToBreakEven:P2} from {l.NearestBreakEven:0.##}")));
        if (near.Count < Settings.BreakEvenLayerCount)
        {
            return new RuleFinding(BookRule.BreakEvenProximity, false,
                F($"{near.Count} layer(s) within {Settings.BreakEvenDistance:P1} of a break-even (trigger: {Settings.BreakEvenLayerCount}){(near.Count > 0 ? ": " + list : "")}."), Numbers([.. nums]));
        }

        nums.Add(("reduceFraction", Settings.ReductionFraction));
        string names = string.Join(", ", near.Select(l => l.Name));
        return new RuleFinding(BookRule.BreakEvenProximity, true, F($"{near.Count} layers near a break-even: {list}."), Numbers([.. nums]),
            new ProposedAction(ActionKind.ReduceSize, names, F($"Reduce each of {names} by {Settings.ReductionFraction:P0} (do not close)."), Numbers([.. nums])));
    }

    /// <summary>Rule 5.</summary>
    public RuleFinding Signal(SignalReading s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var nums = Numbers(("vixMacdHistogram", s.VixHistogram[^1]), ("spxRsi", s.SpxRsi), ("vixFutureRsi", s.VixFutureRsi), ("compressing", s.Compressing ? 1 : 0));
        string type = s.Favoured == NewLayerType.IronCondor ? "iron condor" : "put spread skewed toward lower delta";
        string rsi = F($"RSI SPX {s.SpxRsi:0.0}, front VIX future {s.VixFutureRsi:0.0}");
        if (!s.Compressing) return new RuleFinding(BookRule.NewLayerSignal, false, F($"VIX MACD histogram {s.VixHistogram[^1]:+0.000;-0.000} is not compressing ({Settings.MacdCompressionDays} days); {rsi}: no new layer."), nums);
        return new RuleFinding(BookRule.NewLayerSignal, true, F($"VIX MACD histogram compressing over {Settings.MacdCompressionDays} days (vol mean-reverting); {rsi}: open a new {type} layer."), nums,
            new ProposedAction(ActionKind.AddLayer, type, F($"Open a new 7-21 DTE premium layer: {type}."), nums));
    }

    /// <summary>Rule 6: rho per layer and the ±shock by full revaluation.</summary>
    public IReadOnlyList<RuleFinding> RateShock(BookValuation v, BookRisk risk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(risk);
        double shock = Settings.RateShock;
        var r = new ScenarioRevaluation(PricedBook.Resolve(v.Book, v.Market), [new ScenarioShock(RateShift: shock), new ScenarioShock(RateShift: -shock)], null, cancellationToken);
        double up = r.Change(0), down = r.Change(1);
        double worst = Math.Min(up, down);
        double limit = Settings.RateShockLossLimit * risk.Margin;
        var nums = new List<(string, double)> { ("shock", shock), ("pnlUp", up), ("pnlDown", down), ("bookRho", v.Totals.Rho), ("limit", limit) };
        for (int i = 0; i < v.Layers.Count; i++)
        {
            nums.Add(($"{v.Layers[i].Layer.Name}.rho", v.Layers[i].Totals.Rho));
            nums.Add(($"{v.Layers[i].Layer.Name}.pnlUp", r.LayerChange(0, i)));
            nums.Add(($"{v.Layers[i].Layer.Name}.pnlDown", r.LayerChange(1, i)));
        }

        bool triggered = double.IsFinite(limit) && -worst > limit;
        string msg = F($"Rates ±{shock * 1e4:0} bp: {up:+#,0;-#,0;0} $ / {down:+#,0;-#,0;0} $ (book rho {v.Totals.Rho:N0} $ per 1 %); limit {limit:N0} $ ({Settings.RateShockLossLimit:P1} of margin).");
        return [new RuleFinding(BookRule.RateShock, triggered, msg, Numbers([.. nums]),
            triggered ? new ProposedAction(ActionKind.ReviewLayer, "book", "Rate exposure exceeds its limit: review the longest-dated layers before the rate event.", Numbers([.. nums])) : null)];
    }

    /// <summary>Rule 7: one finding per premium layer with a defined margin.</summary>
    public IReadOnlyList<RuleFinding> ThetaYield(BookValuation v, BookRisk risk)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(risk);
        var list = new List<RuleFinding>();
        for (int i = 0; i < v.Layers.Count; i++)
        {
            LayerValuation l = v.Layers[i];
            if (l.Layer.Role != LayerRole.Premium) continue;
            double margin = risk.Layers[i].Margin, theta = l.Totals.ThetaPerDay;
            if (!(margin > 0))
            {
                list.Add(new RuleFinding(BookRule.ThetaYield, true, $"{l.Layer.Name}: undefined-risk layer, no margin to measure theta against.", Numbers(("margin", margin), ("thetaPerDay", theta)),
                    new ProposedAction(ActionKind.ReviewLayer, l.Layer.Name, "Premium layers should be defined-risk spreads.", Numbers())));
                continue;
            }

            double yield = theta / margin * 365.0;
            var nums = Numbers(("thetaPerDay", theta), ("margin", margin), ("annualYield", yield), ("hurdle", Settings.HurdleRate));
            bool below = yield < Settings.HurdleRate;
            list.Add(new RuleFinding(BookRule.ThetaYield, below,
                F($"{l.Layer.Name}: theta {theta:N0} $/day on {margin:N0} $ margin = {yield:P0} a year {(below ? "below" : "above")} the {Settings.HurdleRate:P0} hurdle."), nums,
                below ? new ProposedAction(ActionKind.ReviewLayer, l.Layer.Name, "Theta no longer pays for the capital: consider closing or rolling this layer.", nums) : null));
        }

        return list;
    }

    /// <summary>Rule 8: put-call parity (C - P vs e^{-rt}(F - K)) of the input quotes; one finding per flagged pair, or one summary.</summary>
    public IReadOnlyList<RuleFinding> Parity(MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var quotes = market.Quotes ?? [];
        var list = new List<RuleFinding>();
        double worst = 0;
        foreach (ParityQuote q in quotes)
        {
            double t = Math.Max(market.YearsTo(q.Expiry), 0.0);
            double r = market.Rates.ZeroRate(t);
            double df = Math.Exp(-r * t), f = market.SpxForward(q.Expiry);
            // One parity formula for the whole library: the implied-vol module's conversion/reversal check.
            ParityCheck check = PutCallParity.CheckPair(q.Strike, q.Call, q.Put, f, df, Settings.ParityTolerance);
            double residual = check.Violation;
            worst = Math.Max(worst, Math.Abs(residual));
            if (check.Arbitrage != ParityArbitrage.None)
            {
                double impliedForward = q.Strike + ((q.Call - q.Put) / df);
                var nums = Numbers(("strike", q.Strike), ("call", q.Call), ("put", q.Put), ("residual", residual), ("forward", f), ("impliedForward", impliedForward), ("tolerance", Settings.ParityTolerance));
                list.Add(new RuleFinding(BookRule.QuoteParity, true,
                    F($"{q.Expiry} {q.Strike:0.##}: C - P = {q.Call - q.Put:0.00} but e^(-rt)(F - K) = {df * (f - q.Strike):0.00} (off by {residual:+0.00;-0.00}, a {(check.Arbitrage == ParityArbitrage.Conversion ? "conversion" : "reversal")}; implied forward {impliedForward:0.00} vs {f:0.00}): stale or inconsistent quote."),
                    nums, new ProposedAction(ActionKind.ReviewQuotes, $"{q.Expiry} {q.Strike:0.##}", "Refresh this call/put pair before it feeds the Greeks.", nums)));
            }
        }

        if (list.Count == 0)
        {
            list.Add(new RuleFinding(BookRule.QuoteParity, false,
                quotes.Count == 0 ? "No quotes in the market file: parity not checked." : F($"{quotes.Count} call/put pairs consistent with parity (worst {worst:0.00} pts, tolerance {Settings.ParityTolerance:0.00})."),
                Numbers(("pairs", quotes.Count), ("worstResidual", worst))));
        }

        return list;
    }

    private Layer? DefaultHedge(MarketSnapshot market)
    {
        var point = market.VixFutures.Points.Where(p => market.DaysTo(new Expiry(p.Expiry, SettlementStyle.AmOpen)) >= Settings.DefaultHedgeMinDays).OrderBy(p => p.Expiry).FirstOrDefault();
        if (point.Price <= 0) return null;
        double strike = Math.Ceiling(point.Price * (1 + Settings.DefaultHedgeStrikeOffset));
        return new Layer("hedge (proposed)", LayerRole.Hedge, null, [SpreadTemplates.VixCall(point.Expiry, strike, 1)], Active: false);
    }

    private static string Sign(double x) => x > 0 ? "positive" : x < 0 ? "negative" : "zero";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, double> Numbers(params (string Name, double Value)[] items)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in items) d[name] = value;
        return d;
    }
}
