namespace VixShield.Compute.Book;

/// <summary>
/// The book fully revalued under a list of scenarios (plus the base). P&amp;L figures are changes of dollar value
/// from the base market (<see cref="Change(int, Func{Layer, bool})"/>) or from the open prices (<see cref="PnlFromOpen(int, Func{Layer, bool})"/>).
/// </summary>
public sealed class ScenarioRevaluation
{
    private readonly LegTable _table;
    private readonly double[][] _unitPrice; // [scenario + 1][leg]; index 0 is the base

    internal ScenarioRevaluation(AlvhBook book, MarketSnapshot market, IReadOnlyList<MarketScenario> scenarios, LegTable table, double[][] unitPrice)
    {
        Book = book;
        Market = market;
        Scenarios = scenarios;
        _table = table;
        _unitPrice = unitPrice;
    }

    /// <summary>The book revalued.</summary>
    public AlvhBook Book { get; }

    /// <summary>The base market.</summary>
    public MarketSnapshot Market { get; }

    /// <summary>The scenarios, in order.</summary>
    public IReadOnlyList<MarketScenario> Scenarios { get; }

    /// <summary>Dollar value change from the base under scenario <paramref name="scenario"/> of the legs whose layer matches
    /// <paramref name="layerFilter"/> (null: included layers), overlays moved by their Greeks.</summary>
    public double Change(int scenario, Func<Layer, bool>? layerFilter = null) => Sum(scenario, Filter(layerFilter), fromOpen: false, position: null);

    /// <summary>P&amp;L from the open prices under scenario <paramref name="scenario"/> (layer filter as in <see cref="Change(int, Func{Layer, bool})"/>).</summary>
    public double PnlFromOpen(int scenario, Func<Layer, bool>? layerFilter = null) => Sum(scenario, Filter(layerFilter), fromOpen: true, position: null);

    /// <summary>Value change from the base of one position.</summary>
    public double PositionChange(int scenario, int layer, int position) =>
        Sum(scenario, li => li == layer, fromOpen: false, position: (layer, position));

    /// <summary>P&amp;L from open of one position.</summary>
    public double PositionPnlFromOpen(int scenario, int layer, int position) =>
        Sum(scenario, li => li == layer, fromOpen: true, position: (layer, position));

    /// <summary>Value change from the base of one layer (whether or not it is included).</summary>
    public double LayerChange(int scenario, int layer) => Sum(scenario, li => li == layer, fromOpen: false, position: null);

    /// <summary>P&amp;L from open of one layer.</summary>
    public double LayerPnlFromOpen(int scenario, int layer) => Sum(scenario, li => li == layer, fromOpen: true, position: null);

    private Func<int, bool> Filter(Func<Layer, bool>? layerFilter)
    {
        layerFilter ??= l => l.IsIncluded;
        return li => layerFilter(Book.Layers[li]);
    }

    private double Sum(int scenario, Func<int, bool> layerFilter, bool fromOpen, (int Layer, int Position)? position)
    {
        double[] px = _unitPrice[scenario + 1];
        double[] basePx = _unitPrice[0];
        double sum = 0;
        for (int i = 0; i < _table.Legs.Length; i++)
        {
            if (position is { } p && (_table.Layer[i] != p.Layer || _table.Position[i] != p.Position)) continue;
            if (!layerFilter(_table.Layer[i])) continue;
            Leg leg = _table.Legs[i];
            double reference = fromOpen ? leg.OpenPrice : basePx[i];
            sum += (px[i] - reference) * leg.Quantity * leg.Multiplier;
        }

        MarketScenario s = Scenarios[scenario];
        for (int li = 0; li < Book.Layers.Count; li++)
        {
            Layer layer = Book.Layers[li];
            if (!layerFilter(li)) continue;
            for (int pi = 0; pi < layer.Positions.Count; pi++)
            {
                if (position is { } p && (li != p.Layer || pi != p.Position)) continue;
                if (layer.Positions[pi].Greeks is not OverlayGreeks g) continue;
                double dS = Market.SpxSpot * s.SpotMove;
                double change = (g.Delta * dS) + (0.5 * g.Gamma * dS * dS) + (g.Vega * s.SpxVolShift * 100.0)
                    + (g.ThetaPerDay * s.DaysForward) + (g.Rho * s.RateShift * 100.0);
                sum += change + (fromOpen ? g.PnL : 0.0);
            }
        }

        return sum;
    }
}
