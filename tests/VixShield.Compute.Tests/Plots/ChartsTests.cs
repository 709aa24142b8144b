using SkiaSharp;
using VixShield.Cli.Plots;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Plots;

/// <summary>Decoded-PNG checks of every picture: size, content (many colours, a drawn series' colour present), and the
/// CLI options writing complete files and nothing else.</summary>
public sealed class ChartsTests : IDisposable
{
    // ScottPlot's default palette (Category10): the first series is #1f77b4, the second #ff7f0e.
    private static readonly SKColor First = new(0x1f, 0x77, 0xb4), Second = new(0xff, 0x7f, 0x0e);

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>Decodes the PNG and checks it is width x height, not blank (at least 16 distinct colours, pixel
    /// luminance standard deviation over 10 of 255) and returns it.</summary>
    internal static SKBitmap AssertPicture(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 1000, $"{png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var colours = new HashSet<uint>();
        double sum = 0, sum2 = 0;
        int n = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                SKColor c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                double l = (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
                sum += l;
                sum2 += l * l;
                n++;
            }
        }

        double sd = Math.Sqrt(Math.Max(0, (sum2 / n) - ((sum / n) * (sum / n))));
        Assert.True(colours.Count >= 16, $"{colours.Count} distinct colours");
        Assert.True(sd > 10, $"luminance sd {sd:F2}");
        return bitmap;
    }

    /// <summary>Pixels within 12 of <paramref name="colour"/> in every channel.</summary>
    internal static int CountNear(SKBitmap bitmap, SKColor colour)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - colour.Red) <= 12 && Math.Abs(c.Green - colour.Green) <= 12 && Math.Abs(c.Blue - colour.Blue) <= 12) count++;
            }
        }

        return count;
    }

    [Fact]
    public void RiskGraph_DrawsEachCurveInItsColour()
    {
        double[] spots = [.. Enumerable.Range(0, 101).Select(i => 5400 + (12.0 * i))];
        double[] t0 = [.. spots.Select(s => -0.02 * (s - 6000) * (s - 6000) + 5000)];
        double[] expiry = [.. spots.Select(s => Math.Min(5000, 400 * (200 - Math.Abs(s - 6000))))];
        byte[] png = Charts.RiskGraph(spots, [new ChartLine("T+0", t0), new ChartLine("expiry", expiry)], [5500, 6500], 6000, "test", 900, 600);
        using SKBitmap bmp = AssertPicture(png, 900, 600);
        Assert.True(CountNear(bmp, First) > 500, $"T+0 line: {CountNear(bmp, First)} px");
        Assert.True(CountNear(bmp, Second) > 500, $"expiry line: {CountNear(bmp, Second)} px");

        // The same chart with only one line has no pixels of the second colour: the count above measures the line.
        using SKBitmap one = SKBitmap.Decode(Charts.RiskGraph(spots, [new ChartLine("T+0", t0)], [], 6000, "test", 900, 600));
        Assert.True(CountNear(one, Second) < 50, $"{CountNear(one, Second)} px of a line not drawn");
    }

    [Fact]
    public void RiskGraph_RejectsALineOfTheWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.RiskGraph([1, 2, 3], [new ChartLine("T+0", [1, 2])], [], 2, "x"));
        Assert.Contains("'T+0' has 2 values for 3 spots", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heatmap_TwoPanels_AndShapeChecked()
    {
        double[] spot = [-10, -5, 0, 5, 10], vol = [-5, 0, 5, 10];
        var a = new double[4, 5];
        var b = new double[4, 5];
        for (int v = 0; v < 4; v++)
            for (int s = 0; s < 5; s++)
                (a[v, s], b[v, s]) = (1000 * spot[s] - 300 * vol[v], 1500 * spot[s]);
        using SKBitmap bmp = AssertPicture(Charts.Heatmap(spot, vol, [("with hedge", a), ("without hedge", b)]), Charts.Width, Charts.Height);
        Assert.Throws<ArgumentException>(() => Charts.Heatmap(spot, vol, [("bad", new double[5, 4])]));
        Assert.Throws<ArgumentException>(() => Charts.Heatmap(spot, vol, []));
    }

    [Fact]
    public void Histogram_OverlaysBothSamples()
    {
        var rng = new Random(7);
        double[] on = [.. Enumerable.Range(0, 4000).Select(_ => 1000 * (rng.NextDouble() + rng.NextDouble() - 1))];
        double[] off = [.. on.Select(x => 1.5 * x)];
        using SKBitmap bmp = AssertPicture(Charts.Histogram(on, off, [new ChartMark("VaR 95%", -800), new ChartMark("ES 95%", -900)], "mc", 40, 800, 500), 800, 500);
        Assert.Throws<ArgumentException>(() => Charts.Histogram([double.NaN], null, [], "mc"));
    }

    [Fact]
    public void Smiles_OneColourPerExpiry()
    {
        double[] k = [4500, 4750, 5000, 5250, 5500];
        var smiles = new[]
        {
            new SmileData("30d", k, [0.25, 0.21, 0.18, 0.16, 0.155], [0.245, 0.205, 0.178, 0.158, 0.15], [0.255, 0.215, 0.182, 0.162, 0.16], k, [0.25, 0.21, 0.18, 0.16, 0.155]),
            new SmileData("90d", k, [0.23, 0.205, 0.185, 0.17, 0.165], FitStrikes: k, FitVols: [0.23, 0.205, 0.185, 0.17, 0.165]),
        };
        using SKBitmap bmp = AssertPicture(Charts.Smiles(smiles, "smiles", 800, 500), 800, 500);
        Assert.True(CountNear(bmp, First) > 200 && CountNear(bmp, Second) > 200, $"{CountNear(bmp, First)} / {CountNear(bmp, Second)} px");
        Assert.Throws<ArgumentException>(() => Charts.Smiles([new SmileData("x", k, [0.2])], "s"));
    }

    [Fact]
    public async Task BookPlot_WritesTheRiskGraph_OnlyThatFile()
    {
        string png = _box.PathOf("risk.png");
        CliRun run = await _box.RunAsync("book", "--sample", "--days", "3", "--plot", png, "--plot-layers");
        Assert.True(run.ExitCode == 0, run.ToString());
        using SKBitmap bmp = AssertPicture(File.ReadAllBytes(png), Charts.Width, Charts.Height);
        Assert.True(CountNear(bmp, First) > 500, "T+0 line");
        Assert.Equal(["risk.png"], _box.FilesExcept());
    }

    [Fact]
    public async Task Plot_IntoAMissingDirectory_IsExit1_AndNoFile()
    {
        string png = Path.Combine(_box.PathOf("nope"), "risk.png");
        CliRun run = await _box.RunAsync("book", "--sample", "--plot", png);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.Empty(_box.FilesExcept());
    }

    [Fact]
    public async Task PlotLayers_WithoutPlot_IsAUsageError()
    {
        CliRun run = await _box.RunAsync("book", "--sample", "--plot-layers");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give --plot risk.png as well", run.Err, StringComparison.Ordinal);
        Assert.Empty(_box.FilesExcept());
    }

    [Fact]
    public async Task StressAndMonteCarloPlots_WritePictures()
    {
        string heat = _box.PathOf("heat.png"), hist = _box.PathOf("hist.png");
        CliRun run = await _box.RunAsync("stress", "--sample", "--spot", "-5,0,5", "--vol", "0,5", "--skew", "0", "--days", "0", "--rate", "0", "--plot", heat, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertPicture(File.ReadAllBytes(heat), Charts.Width, Charts.Height).Dispose();
        run = await _box.RunAsync("montecarlo", "--sample", "--draws", "400", "--plot", hist, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        AssertPicture(File.ReadAllBytes(hist), Charts.Width, Charts.Height).Dispose();
        Assert.Equal(["heat.png", "hist.png"], _box.FilesExcept());
    }

    [Fact]
    public async Task SurfaceEvalPlot_WritesSmiles()
    {
        var surface = new SviSurface([new SviSlice(24.0 / 365, 5010, new SviParameters(0.0015, 0.05, -0.75, 0.02, 0.08)),
            new SviSlice(115.0 / 365, 5060, new SviParameters(0.012, 0.11, -0.6, 0.04, 0.15))]);
        string path = _box.Write("surface.json", SurfaceJson.Serialize(surface));
        string png = _box.PathOf("smiles.png");
        CliRun run = await _box.RunAsync("surface", "eval", "--surface", path, "--strikes", "4500,4800,5000,5200,5400", "--expiries", "0.05,0.3", "--plot", png);
        Assert.True(run.ExitCode == 0, run.ToString());
        using SKBitmap bmp = AssertPicture(File.ReadAllBytes(png), Charts.Width, Charts.Height);
        Assert.True(CountNear(bmp, First) > 300 && CountNear(bmp, Second) > 300, "two expiries drawn");
        Assert.Equal(["smiles.png", "surface.json"], _box.FilesExcept());
    }
}
