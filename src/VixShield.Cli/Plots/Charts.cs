using ScottPlot;
using SkiaSharp;
using VixShield.Cli.Infrastructure;

namespace VixShield.Cli.Plots;

/// <summary>One line of a chart on a shared x axis: a label and one y per x.</summary>
/// <param name="Label">Legend text, e.g. "T+0" or a layer name.</param>
/// <param name="Values">One value per x of the chart (NaN leaves a gap).</param>
/// <param name="Thin">Draw as a thin dashed line (per-layer detail under the book's lines).</param>
internal sealed record ChartLine(string Label, IReadOnlyList<double> Values, bool Thin = false);

/// <summary>A vertical mark on a chart's x axis: a break-even, VaR or ES.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">Where the mark is.</param>
internal sealed record ChartMark(string Label, double X);

/// <summary>One expiry's smile: quoted vols (mid, optionally bid/ask) and a fitted curve.</summary>
/// <param name="Expiry">Legend text of the expiry.</param>
/// <param name="Strikes">Strikes of the quotes.</param>
/// <param name="Mid">Mid implied vols (decimal, 0.20 = 20 %), one per strike.</param>
/// <param name="Bid">Bid vols, or null.</param>
/// <param name="Ask">Ask vols, or null.</param>
/// <param name="FitStrikes">Strikes of the fitted curve, or null for none.</param>
/// <param name="FitVols">Fitted vols, one per fit strike.</param>
internal sealed record SmileData(string Expiry, IReadOnlyList<double> Strikes, IReadOnlyList<double> Mid,
    IReadOnlyList<double>? Bid = null, IReadOnlyList<double>? Ask = null,
    IReadOnlyList<double>? FitStrikes = null, IReadOnlyList<double>? FitVols = null);

/// <summary>
/// The CLI's pictures, drawn headless with ScottPlot 5 into PNG bytes. Every function takes plain arrays so that any
/// command (book, stress, montecarlo, surface, chain) can feed it without this module knowing their result types.
/// </summary>
internal static class Charts
{
    /// <summary>Default picture size in pixels.</summary>
    public const int Width = 1200, Height = 750;

    /// <summary>
    /// The risk graph (thinkorswim Risk Profile / OptionStrat style): book P&amp;L in dollars against SPX, one line per
    /// curve (T+0, T+n, at the front expiry, optional per-layer lines), zero line, break-evens and the current spot.
    /// </summary>
    /// <exception cref="ArgumentException">When a line's length differs from <paramref name="spots"/>.</exception>
    public static byte[] RiskGraph(IReadOnlyList<double> spots, IReadOnlyList<ChartLine> lines, IReadOnlyList<double> breakEvens,
        double spot, string title, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(spots);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(breakEvens);
        var plot = new Plot();
        double[] xs = [.. spots];
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        foreach (ChartLine line in lines)
        {
            if (line.Values.Count != xs.Length) throw new ArgumentException($"line '{line.Label}' has {line.Values.Count} values for {xs.Length} spots.", nameof(lines));
            var s = plot.Add.ScatterLine(xs, [.. line.Values]);
            s.LegendText = line.Label;
            s.LineWidth = line.Thin ? 1 : 2.5f;
            if (line.Thin) s.LinePattern = LinePattern.Dashed;
        }

        for (int i = 0; i < breakEvens.Count; i++)
        {
            var be = plot.Add.VerticalLine(breakEvens[i], 1, Colors.DarkOrange, LinePattern.Dotted);
            be.Text = $"BE {breakEvens[i]:F0}";
            be.LabelOppositeAxis = true;
            if (i == 0) be.LegendText = "break-even (front expiry)";
        }

        var now = plot.Add.VerticalLine(spot, 2, Colors.Black, LinePattern.Dashed);
        now.Text = $"SPX {spot:F0}";
        now.LegendText = "spot";
        plot.Title(title);
        plot.XLabel("SPX");
        plot.YLabel("P&L ($)");
        plot.ShowLegend(Alignment.LowerLeft);
        return Png(plot, width, height);
    }

    /// <summary>
    /// Spot x vol P&amp;L heatmaps, one panel per book variant (e.g. with and without hedge), sharing one colour scale
    /// in dollars so the panels compare at a glance.
    /// </summary>
    /// <param name="spotAxis">Spot moves or levels (columns of each grid).</param>
    /// <param name="volAxis">Vol shifts (rows of each grid).</param>
    /// <param name="panels">Title and P&amp;L grid [vol, spot] of each panel.</param>
    /// <param name="spotLabel">X-axis label.</param>
    /// <param name="volLabel">Y-axis label.</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    /// <exception cref="ArgumentException">When a grid's shape does not match the axes.</exception>
    public static byte[] Heatmap(IReadOnlyList<double> spotAxis, IReadOnlyList<double> volAxis, IReadOnlyList<(string Title, double[,] Pnl)> panels,
        string spotLabel = "spot move", string volLabel = "vol shift", int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(spotAxis);
        ArgumentNullException.ThrowIfNull(volAxis);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("give at least one P&L grid.", nameof(panels));
        if (spotAxis.Count < 2 || volAxis.Count < 1) throw new ArgumentException("a heatmap needs at least two spots and one vol.", nameof(spotAxis));
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var (title, pnl) in panels)
        {
            if (pnl.GetLength(0) != volAxis.Count || pnl.GetLength(1) != spotAxis.Count)
            {
                throw new ArgumentException($"panel '{title}' is {pnl.GetLength(0)}x{pnl.GetLength(1)}, the axes are {volAxis.Count} vols x {spotAxis.Count} spots.", nameof(panels));
            }

            foreach (double v in pnl)
            {
                if (!double.IsFinite(v)) continue;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        // One scale symmetric about zero for every panel: the same colour is the same dollars, and zero sits mid-scale.
        double m = Math.Max(Math.Abs(lo), Math.Abs(hi));
        if (!(m > 0)) m = 1;
        var range = new ScottPlot.Range(-m, m);
        var multi = new Multiplot();
        multi.AddPlots(panels.Count);
        for (int p = 0; p < panels.Count; p++)
        {
            Plot plot = multi.GetPlot(p);
            var (title, pnl) = panels[p];
            // ScottPlot draws row 0 at the top: flip so the lowest vol is at the bottom.
            int rows = pnl.GetLength(0), cols = pnl.GetLength(1);
            var flipped = new double[rows, cols];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    flipped[r, c] = pnl[rows - 1 - r, c];
            var hm = plot.Add.Heatmap(flipped);
            hm.Colormap = new ScottPlot.Colormaps.MellowRainbow();
            hm.ManualRange = range;
            hm.Extent = CellExtent(spotAxis, volAxis);
            var bar = plot.Add.ColorBar(hm);
            bar.Label = "P&L ($)";
            plot.Title(title);
            plot.XLabel(spotLabel);
            plot.YLabel(volLabel);
        }

        multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        multi.Render(surface);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// P&amp;L histogram of simulated paths, the hedged book over the unhedged one, with VaR/ES marks.
    /// </summary>
    /// <param name="withHedge">P&amp;L per path, hedge on.</param>
    /// <param name="withoutHedge">P&amp;L per path, hedge off, or null.</param>
    /// <param name="marks">VaR and ES levels (as P&amp;L, i.e. negative for a loss).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="bins">Number of bins over the common range.</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static byte[] Histogram(IReadOnlyList<double> withHedge, IReadOnlyList<double>? withoutHedge, IReadOnlyList<ChartMark> marks,
        string title, int bins = 60, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(withHedge);
        ArgumentNullException.ThrowIfNull(marks);
        if (bins < 2) throw new ArgumentException("give at least two bins.", nameof(bins));
        var all = withHedge.Concat(withoutHedge ?? []).Where(double.IsFinite).ToArray();
        if (all.Length == 0) throw new ArgumentException("no finite P&L to draw.", nameof(withHedge));
        double lo = all.Min(), hi = all.Max();
        if (hi <= lo) hi = lo + 1;
        var plot = new Plot();
        AddHistogram(plot, withoutHedge, lo, hi, bins, "hedge off", Colors.Gray.WithAlpha(0.55));
        AddHistogram(plot, withHedge, lo, hi, bins, "hedge on", Colors.SteelBlue.WithAlpha(0.65));
        ScottPlot.Color[] markColours = [Colors.DarkOrange, Colors.Red, Colors.DarkRed, Colors.Purple];
        for (int i = 0; i < marks.Count; i++)
        {
            var line = plot.Add.VerticalLine(marks[i].X, 2, markColours[i % markColours.Length], LinePattern.Dashed);
            line.LegendText = marks[i].Label;
        }

        plot.Title(title);
        plot.XLabel("P&L ($)");
        plot.YLabel("paths");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot, width, height);
    }

    /// <summary>Implied-vol smiles, one colour per expiry: mid quotes as dots, bid/ask as bars, the fit as a line.</summary>
    public static byte[] Smiles(IReadOnlyList<SmileData> smiles, string title, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(smiles);
        if (smiles.Count == 0) throw new ArgumentException("give at least one expiry.", nameof(smiles));
        var plot = new Plot();
        for (int i = 0; i < smiles.Count; i++)
        {
            SmileData s = smiles[i];
            if (s.Mid.Count != s.Strikes.Count) throw new ArgumentException($"expiry '{s.Expiry}' has {s.Mid.Count} vols for {s.Strikes.Count} strikes.", nameof(smiles));
            ScottPlot.Color colour = plot.Add.Palette.GetColor(i);
            double[] k = [.. s.Strikes];
            if (s.Bid is { } bid && s.Ask is { } ask && bid.Count == k.Length && ask.Count == k.Length)
            {
                for (int j = 0; j < k.Length; j++)
                {
                    if (!double.IsFinite(bid[j]) || !double.IsFinite(ask[j])) continue;
                    var spread = plot.Add.Line(k[j], 100 * bid[j], k[j], 100 * ask[j]);
                    spread.Color = colour.WithAlpha(0.6);
                    spread.LineWidth = 1;
                }
            }

            var mid = plot.Add.ScatterPoints(k, [.. s.Mid.Select(v => 100 * v)]);
            mid.Color = colour;
            mid.MarkerSize = 6;
            if (s.FitStrikes is { } fk && s.FitVols is { } fv)
            {
                if (fk.Count != fv.Count) throw new ArgumentException($"expiry '{s.Expiry}' fit has {fv.Count} vols for {fk.Count} strikes.", nameof(smiles));
                double[] fy = [.. fv.Select(v => 100 * v)];
                var fit = plot.Add.ScatterLine(fk.ToArray(), fy);
                fit.Color = colour;
                fit.LineWidth = 2;
                fit.LegendText = s.Expiry;
            }
            else
            {
                mid.LegendText = s.Expiry;
            }
        }

        plot.Title(title);
        plot.XLabel("strike");
        plot.YLabel("implied vol (%)");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot, width, height);
    }

    /// <summary>Writes PNG bytes to <paramref name="path"/> atomically (complete file or none).</summary>
    public static async Task WriteAsync(string path, byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        var file = AtomicFileWriter.Create(path);
        await using (file.ConfigureAwait(false))
        {
            await file.Stream.WriteAsync(png, cancellationToken).ConfigureAwait(false);
            await file.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddHistogram(Plot plot, IReadOnlyList<double>? pnl, double lo, double hi, int bins, string label, ScottPlot.Color colour)
    {
        if (pnl is null) return;
        var h = ScottPlot.Statistics.Histogram.WithBinCount(bins, lo, hi);
        h.AddRange(pnl.Where(double.IsFinite));
        double size = (hi - lo) / bins;
        var bars = plot.Add.Bars(h.Counts.Select((n, i) => new Bar
        {
            Position = lo + (i + 0.5) * size, Value = n, Size = size, FillColor = colour, LineWidth = 0,
        }).ToList());
        bars.LegendText = label;
    }

    // The heatmap's cells are centred on the axis values (assumed evenly spaced, as the stress grids are).
    private static CoordinateRect CellExtent(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        double dx = (xs[^1] - xs[0]) / (xs.Count - 1);
        double dy = ys.Count > 1 ? (ys[^1] - ys[0]) / (ys.Count - 1) : 1;
        return new CoordinateRect(xs[0] - dx / 2, xs[^1] + dx / 2, ys[0] - dy / 2, ys[^1] + dy / 2);
    }

    private static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
