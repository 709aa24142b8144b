using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// Dollar value change from the base market of every layer of a book under many scenarios, with the book totals
/// with and without the hedge layers. Memory: 8 bytes × (layers + 3) per scenario.
/// </summary>
public sealed class ScenarioPnl
{
    internal ScenarioPnl(AlvhBook book, double[][] layerPnl)
    {
        Book = book;
        LayerPnl = layerPnl;
        int m = layerPnl.Length == 0 ? 0 : layerPnl[0].Length;
        WithHedge = new double[m];
        WithoutHedge = new double[m];
        AsBooked = new double[m];
        for (int li = 0; li < book.Layers.Count; li++)
        {
            double[] v = layerPnl[li];
            bool hedge = book.Layers[li].Role == LayerRole.Hedge, included = book.Layers[li].IsIncluded;
            for (int s = 0; s < m; s++)
            {
                WithHedge[s] += v[s];
                if (!hedge) WithoutHedge[s] += v[s];
                if (included) AsBooked[s] += v[s];
            }
        }
    }

    /// <summary>The book revalued.</summary>
    public AlvhBook Book { get; }

    /// <summary>Number of scenarios.</summary>
    public int Count => WithHedge.Length;

    /// <summary>Dollar value change from the base of each layer (whether or not it is included): [layer][scenario].
    /// Overlay layers move by their Greeks.</summary>
    public IReadOnlyList<double[]> LayerPnl { get; }

    /// <summary>Book P&amp;L per scenario with every hedge layer counted (as if switched on).</summary>
    public double[] WithHedge { get; }

    /// <summary>Book P&amp;L per scenario without the hedge layers.</summary>
    public double[] WithoutHedge { get; }

    /// <summary>Book P&amp;L per scenario of the included layers (hedge layers as they are switched in the book).</summary>
    public double[] AsBooked { get; }

    /// <summary>P&amp;L of the hedge layers alone per scenario (<see cref="WithHedge"/> - <see cref="WithoutHedge"/>).</summary>
    public double HedgePnl(int scenario)
    {
        double sum = 0;
        for (int li = 0; li < Book.Layers.Count; li++)
        {
            if (Book.Layers[li].Role == LayerRole.Hedge) sum += LayerPnl[li][scenario];
        }

        return sum;
    }
}
