using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// A <see cref="PricedBook"/> revalued under a list of shocks, per position: dollar value changes from the base
/// market (<see cref="Change(int, Func{Layer, bool})"/>) or P&amp;L from the open prices (<see cref="PnlFromOpen(int, Func{Layer, bool})"/>).
/// Overlays move by their Greeks.
/// </summary>
public sealed class ScenarioRevaluation
{
    private readonly double[][] _position; // [position][scenario]
    private readonly double[] _openOffset; // base value - open value per position (dollars)

    /// <summary>Revalues <paramref name="book"/> under <paramref name="shocks"/> (one kernel run per distinct days forward).</summary>
    /// <exception cref="ArgumentException">When a shock is invalid.</exception>
    public ScenarioRevaluation(PricedBook book, IReadOnlyList<ScenarioShock> shocks, ScenarioRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(shocks);
        Priced = book;
        Shocks = shocks;
        _position = book.Revalue(shocks, PnlGrouping.Position, options, null, cancellationToken);
        _openOffset = new double[book.PositionCount];
        AlvhBook b = book.Book;
        int leg = 0;
        for (int li = 0, gp = 0; li < b.Layers.Count; li++)
        {
            for (int pi = 0; pi < b.Layers[li].Positions.Count; pi++, gp++)
            {
                Position p = b.Layers[li].Positions[pi];
                if (p.Greeks is OverlayGreeks g)
                {
                    _openOffset[gp] = g.PnL;
                    continue;
                }

                foreach (Leg l in p.Legs) _openOffset[gp] += (book.BaseUnitPrices[leg++] - l.OpenPrice) * l.Quantity * l.Multiplier;
            }
        }
    }

    /// <summary>The priced book.</summary>
    public PricedBook Priced { get; }

    /// <summary>The shocks, in order.</summary>
    public IReadOnlyList<ScenarioShock> Shocks { get; }

    /// <summary>Value change from the base under scenario <paramref name="scenario"/> of the layers matching
    /// <paramref name="layerFilter"/> (null: the included layers).</summary>
    public double Change(int scenario, Func<Layer, bool>? layerFilter = null) => Sum(scenario, layerFilter, fromOpen: false);

    /// <summary>P&amp;L from the open prices under scenario <paramref name="scenario"/> (layer filter as in <see cref="Change(int, Func{Layer, bool})"/>).</summary>
    public double PnlFromOpen(int scenario, Func<Layer, bool>? layerFilter = null) => Sum(scenario, layerFilter, fromOpen: true);

    /// <summary>Value change from the base of one position.</summary>
    public double PositionChange(int scenario, int layer, int position) => _position[Priced.PositionIndex(layer, position)][scenario];

    /// <summary>P&amp;L from open of one position.</summary>
    public double PositionPnlFromOpen(int scenario, int layer, int position)
    {
        int gp = Priced.PositionIndex(layer, position);
        return _position[gp][scenario] + _openOffset[gp];
    }

    /// <summary>Value change from the base of one layer (whether or not it is included).</summary>
    public double LayerChange(int scenario, int layer) => Sum(scenario, l => ReferenceEquals(l, Priced.Book.Layers[layer]), false, layer);

    /// <summary>P&amp;L from open of one layer.</summary>
    public double LayerPnlFromOpen(int scenario, int layer) => Sum(scenario, l => ReferenceEquals(l, Priced.Book.Layers[layer]), true, layer);

    private double Sum(int scenario, Func<Layer, bool>? filter, bool fromOpen, int onlyLayer = -1)
    {
        filter ??= l => l.IsIncluded;
        double sum = 0;
        for (int gp = 0; gp < _position.Length; gp++)
        {
            int li = Priced.LayerOfPosition(gp);
            if (onlyLayer >= 0 ? li != onlyLayer : !filter(Priced.Book.Layers[li])) continue;
            sum += _position[gp][scenario] + (fromOpen ? _openOffset[gp] : 0.0);
        }

        return sum;
    }
}
