using VixShield.Compute.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VixShield.Compute.Book;

/// <summary>
/// Values an <see cref="AlvhBook"/> against a <see cref="MarketSnapshot"/> with any <see cref="IGreeksEngine"/>:
/// every option leg of the book goes into ONE batch. Scenario revaluation is <see cref="Scenarios.PricedBook"/>.
/// Futures legs have delta 1 per unit of the future and no other Greeks. Thread-safe if the engine is.
/// </summary>
public sealed class BookValuator
{
    private const Greek BaseGreeks = Greek.Price | Greek.Delta | Greek.Gamma | Greek.Vega | Greek.Theta | Greek.Rho;

    private readonly ILogger _logger;

    /// <summary>Creates a valuator on an engine (e.g. <c>GreeksEngines.Create(EnginePreference.Auto)</c>).</summary>
    /// <param name="engine">The engine every valuation goes through.</param>
    /// <param name="loggerFactory">Where batch sizes and invalid legs are logged (debug, category <see cref="BookValuator"/>);
    /// none by default. Every type of the library that logs takes its logger factory this way, like the engines.</param>
    public BookValuator(IGreeksEngine engine, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BookValuator>();
    }

    /// <summary>The engine every valuation goes through.</summary>
    public IGreeksEngine Engine { get; }

    /// <summary>Values the book: per leg, position, layer and book, raw/desk/dollar Greeks, beta-weighted delta,
    /// vega by expiry bucket; hedge layers that are off are valued and reported but excluded from the totals.</summary>
    /// <exception cref="ArgumentException">When a leg cannot be priced from the market (e.g. a VIX expiry missing from the futures curve).</exception>
    public BookValuation Value(AlvhBook book, MarketSnapshot market, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        var table = LegTable.Resolve(book, market);
        int n = table.OptionRows.Length;
        var buffer = new GreeksBuffer<double>(n, BaseGreeks);
        ComputeResult result = n == 0
            ? new ComputeResult(Engine.Info.Name, Precision.Double, 0, 0)
            : table.Compute(Engine, buffer, cancellationToken);

        var problems = new List<string>();
        var layers = new List<LayerValuation>();
        var buckets = new Dictionary<(string, Expiry), double>();
        int flat = 0;
        for (int li = 0; li < book.Layers.Count; li++)
        {
            Layer layer = book.Layers[li];
            var positions = new List<PositionValuation>();
            for (int pi = 0; pi < layer.Positions.Count; pi++)
            {
                Position position = layer.Positions[pi];
                string ppath = $"layers[{li}].positions[{pi}]";
                if (position.Greeks is OverlayGreeks og)
                {
                    positions.Add(new PositionValuation(position, ppath, [], FromOverlay(og)));
                    continue;
                }

                var legs = new List<LegValuation>();
                for (int gi = 0; gi < position.Legs.Count; gi++, flat++)
                {
                    LegValuation lv = table.LegResult(flat, buffer, market);
                    legs.Add(lv);
                    if (lv.Status != OptionStatus.Ok) problems.Add($"{lv.Path}: the engine could not value {lv.Leg.Describe()} ({lv.Status}).");
                    else if (lv.Leg.IsOption && lv.Time <= 0)
                    {
                        // Settled before the valuation time: t = 0 gives its payoff on today's underlying, no time value.
                        problems.Add($"{lv.Path}: {lv.Leg.Describe()} has expired ({market.DaysTo(lv.Leg.Expiry).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} days): valued at its payoff on the current underlying, with no time value and no Greeks; close it or remove it from the book.");
                    }
                    if (layer.IsIncluded && lv.Leg.IsOption)
                    {
                        var key = (InstrumentInfo.IsSpx(lv.Leg.Instrument) ? "SPX" : "VIX", lv.Leg.Expiry);
                        buckets[key] = buckets.GetValueOrDefault(key) + lv.Dollar.Vega;
                    }
                }

                positions.Add(new PositionValuation(position, ppath, legs, GreekTotals.Sum(legs.Select(l => l.Totals))));
            }

            layers.Add(new LayerValuation(layer, $"layers[{li}]", positions, GreekTotals.Sum(positions.Select(p => p.Totals)), layer.IsIncluded));
        }

        var bucketList = buckets
            .Select(kv => new VegaBucket(kv.Key.Item1, kv.Key.Item2, market.DaysTo(kv.Key.Item2), kv.Value))
            .OrderBy(b => b.Underlying, StringComparer.Ordinal).ThenBy(b => b.Expiry.Date).ThenBy(b => b.Expiry.Settlement)
            .ToList();
        double units = book.Layers.Where(l => l.Role == LayerRole.Premium).Sum(l => l.SpreadUnits);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Valued {Legs} legs of {Book} in one batch of {Rows} option rows on {Engine} ({Invalid} invalid)",
                table.Legs.Length, book.Name, result.Count, result.Engine, result.InvalidCount);
        }

        return new BookValuation(book, market, layers, GreekTotals.Sum(layers.Where(l => l.Included).Select(l => l.Totals)),
            bucketList, units, result, problems);
    }

    private static GreekTotals FromOverlay(OverlayGreeks g) =>
        new(g.Value, g.PnL, g.Delta, g.Gamma, g.Vega, 0, 0, 0, g.ThetaPerDay, g.Rho, g.Delta);
}

/// <summary>The valuator's side of the <see cref="LegTable"/>: one engine batch of its option rows, and each leg's report.</summary>
internal static class LegTableValuation
{
    /// <summary>Computes the base Greeks of every option leg in one engine batch.</summary>
    public static ComputeResult Compute(this LegTable table, IGreeksEngine engine, GreeksBuffer<double> buffer, CancellationToken ct)
    {
        int n = table.OptionRows.Length;
        var kind = new OptionKind[n];
        var model = new PricingModel[n];
        var und = new double[n];
        var k = new double[n];
        var time = new double[n];
        var vol = new double[n];
        var rate = new double[n];
        var q = new double[n];
        for (int row = 0; row < n; row++)
        {
            int i = table.OptionRows[row];
            Leg leg = table.Legs[i];
            bool spx = InstrumentInfo.IsSpx(leg.Instrument);
            kind[row] = leg.Kind ?? OptionKind.Call;
            model[row] = spx ? PricingModel.BlackScholesMerton : PricingModel.Black76;
            und[row] = table.Underlying[i];
            k[row] = leg.Strike;
            time[row] = Math.Max(table.Time[i], 0.0);
            vol[row] = table.Vol[i];
            rate[row] = table.Rate[i];
            q[row] = spx ? table.Dividend[i] : 0.0;
        }

        var batch = new OptionBatch<double>(kind, und, k, time, vol, rate, q, model);
        return engine.Compute(batch, buffer.AsOutput(n), ct);
    }

    public static LegValuation LegResult(this LegTable table, int i, GreeksBuffer<double> buffer, MarketSnapshot market)
    {
        Leg leg = table.Legs[i];
        int row = table.OptionRowOfLeg[i];
        LegGreeks raw = row < 0
            ? new LegGreeks(table.Underlying[i], 1.0, 0, 0, 0, 0)
            : table.Time[i] <= 0
                // Settled: worth its payoff (t = 0 on today's underlying) and no longer sensitive to the market.
                ? new LegGreeks(buffer[Greek.Price][row], 0, 0, 0, 0, 0)
                : new LegGreeks(buffer[Greek.Price][row], buffer[Greek.Delta][row], buffer[Greek.Gamma][row], buffer[Greek.Vega][row],
                    buffer[Greek.Theta][row], buffer[Greek.Rho][row]);
        OptionStatus status = row < 0 ? OptionStatus.Ok : buffer.Status[row];
        LegGreeks desk = raw.ToDesk(leg.Quantity);
        LegGreeks dollar = desk.ToDollar(leg.Multiplier);
        double value = leg.IsOption ? dollar.Price : (raw.Price - leg.OpenPrice) * leg.Quantity * leg.Multiplier;
        double pnl = (raw.Price - leg.OpenPrice) * leg.Quantity * leg.Multiplier;
        GreekTotals totals = InstrumentInfo.IsSpx(leg.Instrument)
            ? new GreekTotals(value, pnl, dollar.Delta, dollar.Gamma, dollar.Vega, 0, 0, 0, dollar.Theta, dollar.Rho, dollar.Delta)
            : new GreekTotals(value, pnl, 0, 0, 0, dollar.Delta, dollar.Gamma, dollar.Vega, dollar.Theta, dollar.Rho,
                BetaWeight(dollar.Delta, table.Underlying[i], market));
        return new LegValuation(leg, table.Paths[i], status, table.Time[i], table.Underlying[i], table.Vol[i], table.Rate[i], table.Dividend[i],
            raw, desk, dollar, totals);
    }

    /// <summary>SPX-equivalent dollar delta of a VIX leg: dV/dS = dV/dF · dF/dS with dF/F = beta·dS/S, i.e. delta$ × beta × F / S.</summary>
    public static double BetaWeight(double vixDollarDelta, double vixFuture, MarketSnapshot market) =>
        vixDollarDelta * market.SpxVixBeta * vixFuture / market.SpxSpot;
}
