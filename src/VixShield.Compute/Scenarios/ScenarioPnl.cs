using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// Dollar value change from the base market of every layer of a book under a list of scenarios (full revaluation),
/// with the book totals with and without the hedge layers. Row s of <see cref="LayerPnl"/> is scenario s.
/// </summary>
public sealed class ScenarioPnl
{
    internal ScenarioPnl(AlvhBook book, IReadOnlyList<MarketScenario> scenarios, double[][] layerPnl)
    {
        Book = book;
        Scenarios = scenarios;
        LayerPnl = layerPnl;
        int m = scenarios.Count;
        WithHedge = new double[m];
        WithoutHedge = new double[m];
        AsBooked = new double[m];
        for (int s = 0; s < m; s++)
        {
            double all = 0, noHedge = 0, booked = 0;
            for (int li = 0; li < book.Layers.Count; li++)
            {
                double v = layerPnl[li][s];
                all += v;
                if (book.Layers[li].Role != LayerRole.Hedge) noHedge += v;
                if (book.Layers[li].IsIncluded) booked += v;
            }

            WithHedge[s] = all;
            WithoutHedge[s] = noHedge;
            AsBooked[s] = booked;
        }
    }

    /// <summary>The book revalued.</summary>
    public AlvhBook Book { get; }

    /// <summary>The scenarios, in order.</summary>
    public IReadOnlyList<MarketScenario> Scenarios { get; }

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

/// <summary>
/// Full revaluation of a book under many scenarios through <see cref="BookValuator.Revalue"/>: the scenarios are cut
/// into chunks of <c>chunkSize</c>, each chunk ONE engine batch of (chunk + 1 base) × option legs, so memory stays
/// bounded (about 80 bytes per option row of a chunk) however many scenarios there are.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The default scenarios per engine call (4,096: a 20-leg book is 82k option rows, ≈ 7 MB of inputs and outputs).</summary>
    public const int DefaultChunkSize = 4096;

    /// <summary>Revalues <paramref name="book"/> under every scenario; the progress reported is the fraction of scenarios done.</summary>
    /// <exception cref="ArgumentException">When a leg cannot be priced from the market, or the chunk size is not positive.</exception>
    /// <exception cref="OperationCanceledException">When cancelled (checked between chunks and inside the engine).</exception>
    public static ScenarioPnl Run(BookValuator valuator, AlvhBook book, MarketSnapshot market, IReadOnlyList<MarketScenario> scenarios,
        int chunkSize = DefaultChunkSize, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valuator);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (chunkSize <= 0) throw new ArgumentException($"The chunk size must be a positive number of scenarios, not {chunkSize}.", nameof(chunkSize));
        int m = scenarios.Count, layers = book.Layers.Count;
        var pnl = new double[layers][];
        for (int li = 0; li < layers; li++) pnl[li] = new double[m];
        progress?.Report(0.0);
        for (int start = 0; start < m; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunkSize, m - start);
            var chunk = new MarketScenario[count];
            for (int j = 0; j < count; j++) chunk[j] = scenarios[start + j];
            ScenarioRevaluation r = valuator.Revalue(book, market, chunk, cancellationToken);
            for (int j = 0; j < count; j++)
            {
                for (int li = 0; li < layers; li++) pnl[li][start + j] = r.LayerChange(j, li);
            }

            progress?.Report((double)(start + count) / m);
        }

        return new ScenarioPnl(book, scenarios, pnl);
    }
}
