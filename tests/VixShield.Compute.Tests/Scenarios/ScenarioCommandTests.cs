using System.Text.Json;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Tests.Book;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class ScenarioCommandTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>Issue 14: command-line values the scenario commands used to accept (negative --top, a trailing comma, a rate
    /// shift far outside the pricer's domain that printed null P&amp;L) or crash on (2e9 draws: out of memory, exit 70).</summary>
    [Theory]
    [InlineData("--top must be", "stress", "--sample", "--top", "-1")]
    [InlineData("has an empty value", "stress", "--sample", "--spot", "-5,0,")]
    [InlineData("within ±10,000 bp", "stress", "--sample", "--rate", "1e9")]
    [InlineData("at most 3650", "stress", "--sample", "--days", "0,1e6")]
    [InlineData("run at most", "montecarlo", "--sample", "--draws", "2000000000")]
    public async Task HostileScenarioArgumentsAreUsageErrors(string message, params string[] args)
    {
        CliRun run = await _box.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void MonteCarloMemoryCheck_AllowsWhatFits_AndRefusesWhatDoesNot()
    {
        // 7 layers: 88 bytes per draw; with 1 GiB available, 80 % fits 9,761,289 draws.
        long gib = 1L << 30, fit = (long)(0.8 * gib) / 88;
        VixShield.Compute.Scenarios.VolShockMonteCarlo.RequireMemory(fit, 7, gib);
        var e = Assert.Throws<ArgumentException>(() => VixShield.Compute.Scenarios.VolShockMonteCarlo.RequireMemory(fit + 1, 7, gib));
        Assert.Contains($"run at most {fit:N0} draws", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StressJsonHasEveryCellAndAZeroCell()
    {
        CliRun run = await _box.RunAsync("stress", "--sample", "--engine", "scalar", "--json", "--spot", "-5,0,5", "--vol", "0,5", "--skew", "0", "--days", "0,1", "--rate", "0");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        JsonElement cells = doc.RootElement.GetProperty("cells");
        Assert.Equal(12, cells.GetArrayLength());
        JsonElement zero = cells[1];
        Assert.Equal(0.0, zero.GetProperty("spotMove").GetDouble());
        Assert.Equal(0.0, zero.GetProperty("withHedge").GetDouble());
        Assert.Equal(0.05, cells[3].GetProperty("volShift").GetDouble(), 1e-15);
        Assert.Equal(7, doc.RootElement.GetProperty("layers").GetArrayLength());
    }

    [Fact]
    public async Task StressTableFromFiles()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook);
        string market = _box.Write("market.json", BookCommandTests.SmallMarket);
        CliRun run = await _box.RunAsync("stress", "--book", book, "--market", market, "--engine", "scalar", "--days", "0", "--rate", "0", "--skew", "0");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Book P&L with hedge", run.Out, StringComparison.Ordinal);
        Assert.Contains("Worst 10 scenarios", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonteCarloJsonIsReproducible()
    {
        string[] args = ["montecarlo", "--sample", "--engine", "scalar", "--draws", "200", "--seed", "5", "--json"];
        CliRun a = await _box.RunAsync(args);
        CliRun b = await _box.RunAsync(args);
        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.Equal(a.Out, b.Out);
        using var doc = JsonDocument.Parse(a.Out);
        JsonElement tails = doc.RootElement.GetProperty("withoutHedge").GetProperty("tails");
        Assert.Equal(10, tails[0].GetProperty("tailCount").GetInt32());
        Assert.Equal(2, tails[1].GetProperty("tailCount").GetInt32());
        Assert.True(tails[1].GetProperty("expectedShortfall").GetDouble() >= tails[1].GetProperty("valueAtRisk").GetDouble());
    }

    [Theory]
    [InlineData("montecarlo", "--draws", "150", "--seed", "9")]
    [InlineData("stress", "--spot", "-10,0,5", "--vol", "0,10", "--days", "0,3")]
    public async Task TheIlgpuScenarioKernelPrintsTheSimdResultAndGpuIsAUsageErrorWithoutOne(string command, params string[] args)
    {
        CliRun simd = await _box.RunAsync([command, "--sample", "--engine", "simd", "--json", .. args]);
        CliRun device = await _box.RunAsync([command, "--sample", "--engine", "ilgpu-cpu", "--json", .. args]);
        Assert.True(simd.ExitCode == 0, simd.ToString());
        Assert.True(device.ExitCode == 0, device.ToString());
        Assert.DoesNotContain("SIMD kernel finishes", device.Err, StringComparison.Ordinal); // no fallback
        using JsonDocument a = JsonDocument.Parse(simd.Out), b = JsonDocument.Parse(device.Out);
        int numbers = CompareNumbers(a.RootElement, b.RootElement);
        Assert.True(numbers > 20, $"{numbers} numbers compared");
        // No GPU on this machine (CI has none): --engine gpu says so and exits 2; where one exists it runs.
        if (!VixShield.Compute.Gpu.GpuAcceleratorProvider.Survey(false, null).Any(r => r.Chosen))
        {
            CliRun gpu = await _box.RunAsync([command, "--sample", "--engine", "gpu", "--json", .. args]);
            Assert.Equal(2, gpu.ExitCode);
            Assert.Contains("--engine auto", gpu.Err, StringComparison.Ordinal);
        }
    }

    /// <summary>Every number of two JSON documents of the same shape agrees to 1e-10 × max(1, |x|); returns how many there were.</summary>
    private static int CompareNumbers(JsonElement x, JsonElement y)
    {
        Assert.Equal(x.ValueKind, y.ValueKind);
        switch (x.ValueKind)
        {
            case JsonValueKind.Object:
                return x.EnumerateObject().Sum(p => CompareNumbers(p.Value, y.GetProperty(p.Name)));
            case JsonValueKind.Array:
                Assert.Equal(x.GetArrayLength(), y.GetArrayLength());
                return x.EnumerateArray().Zip(y.EnumerateArray()).Sum(p => CompareNumbers(p.First, p.Second));
            case JsonValueKind.Number:
                double a = x.GetDouble(), b = y.GetDouble();
                Assert.True(Math.Abs(a - b) <= 1e-10 * Math.Max(1.0, Math.Abs(a)), $"{a:R} vs {b:R}");
                return 1;
            default:
                Assert.Equal(x.ToString(), y.ToString());
                return 0;
        }
    }

    [Fact]
    public async Task MonteCarloPnlCsvHasOneRowPerDrawAndAddsUp()
    {
        string path = _box.PathOf("draws.csv");
        CliRun run = await _box.RunAsync("montecarlo", "--sample", "--engine", "scalar", "--draws", "30", "--seed", "3", "--json", "--pnl-out", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(31, lines.Length);
        string[] header = lines[0].Split(',');
        Assert.Equal("with_hedge", header[7]);
        Assert.Equal("layer_hedge", header[14]);
        foreach (string line in lines.Skip(1))
        {
            double[] v = line.Split(',').Skip(1).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double layers = v.Skip(8).Sum();
            Assert.Equal(v[6], layers, 1e-9 * (1 + Math.Abs(layers))); // with hedge = every layer
            Assert.Equal(v[6] - v[7], v[8 + 5], 1e-9 * (1 + Math.Abs(v[6]))); // hedge effect = the hedge layer (index 5)
        }

        Assert.Empty(_box.FilesExcept("draws.csv"));
    }

    [Fact]
    public async Task StressPnlCsvHasOneRowPerCell_TheGridsNumbersAndShocks()
    {
        string path = _box.PathOf("cells.csv");
        CliRun run = await _box.RunAsync("stress", "--sample", "--engine", "scalar", "--spot", "-5,0,5", "--vol", "0,5", "--skew", "0,0.1", "--days", "0,1", "--rate", "0,25",
            "--json", "--pnl-out", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var settings = new VixShield.Compute.Scenarios.StressGridSettings
        {
            SpotMoves = [-0.05, 0.0, 0.05], VolShifts = [0.0, 0.05], SkewSteepenings = [0.0, 0.1], DaysForward = [0.0, 1.0], RateShifts = [0.0, 0.0025],
        };
        var grid = VixShield.Compute.Scenarios.StressGrid.Run(VixShield.Compute.Scenarios.PricedBook.Resolve(VixShield.Compute.Book.Samples.SampleBook.Create(), VixShield.Compute.Book.Samples.SampleMarket.Create()),
            settings, new VixShield.Compute.Scenarios.ScenarioRunOptions { Engine = VixShield.Compute.Scenarios.ScenarioEngine.Scalar });
        var csv = new SimpleCsv(File.ReadAllText(path));
        Assert.Equal(grid.Count, csv.Rows.Length);
        Assert.Equal(["cell", "spot_move", "vol_shift", "skew", "days_forward", "rate_shift", "vix_future_move", "with_hedge", "without_hedge"], csv.Header.Take(9));
        for (int i = 0; i < grid.Count; i++)
        {
            var cell = grid.Cell(i);
            Assert.Equal(i, (int)csv.Number(i, "cell"));
            Assert.Equal(settings.SpotMoves[cell.Spot], csv.Number(i, "spot_move"), 1e-15);
            Assert.Equal(settings.VolShifts[cell.Vol], csv.Number(i, "vol_shift"), 1e-15);
            Assert.Equal(settings.DaysForward[cell.Days], csv.Number(i, "days_forward"));
            Assert.Equal(settings.RateShifts[cell.Rate], csv.Number(i, "rate_shift"), 1e-15);
            Assert.Equal(grid.Pnl.WithHedge[i], csv.Number(i, "with_hedge"));
            Assert.Equal(grid.Pnl.WithoutHedge[i], csv.Number(i, "without_hedge"));
            Assert.Equal(grid.Pnl.LayerPnl[5][i], csv.Number(i, "layer_hedge"));
        }

        Assert.Empty(_box.FilesExcept("cells.csv"));
    }

    [Fact]
    public async Task MonteCarloTable()
    {
        CliRun run = await _box.RunAsync("montecarlo", "--sample", "--engine", "scalar", "--draws", "100");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ES 99%", run.Out, StringComparison.Ordinal);
        Assert.Contains("Hedge effect", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValuesAreUsageErrors()
    {
        CliRun draws = await _box.RunAsync("montecarlo", "--sample", "--draws", "0");
        Assert.Equal(2, draws.ExitCode);
        Assert.Contains("--draws", draws.Err, StringComparison.Ordinal);
        CliRun list = await _box.RunAsync("stress", "--sample", "--spot", "-5,x");
        Assert.Equal(2, list.ExitCode);
        Assert.Contains("--spot: 'x'", list.Err, StringComparison.Ordinal);
        CliRun days = await _box.RunAsync("stress", "--sample", "--days", "-1");
        Assert.Equal(2, days.ExitCode);
        Assert.Contains("--days has an invalid value -1", days.Err, StringComparison.Ordinal);
        CliRun none = await _box.RunAsync("stress");
        Assert.Equal(2, none.ExitCode);
    }

    [Fact]
    public async Task BadBookFileNamesTheFile()
    {
        string book = _box.Write("book.json", "{ \"name\": 3 }");
        string market = _box.Write("market.json", BookCommandTests.SmallMarket);
        CliRun run = await _box.RunAsync("montecarlo", "--book", book, "--market", market, "--draws", "10");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("book.json", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    /// <summary>The stress table names the valuation time with its offset and in UTC (16:00 -05:00 is 21:00 UTC), as the book report does.</summary>
    [Fact]
    public async Task StressTextPrintsTheValuationTimeWithItsOffset()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook);
        string market = _box.Write("market.json", BookCommandTests.SmallMarket.Replace("2026-11-24T15:00:00Z", "2026-11-24T16:00:00-05:00", StringComparison.Ordinal));
        CliRun run = await _box.RunAsync("stress", "--book", book, "--market", market, "--engine", "scalar", "--spot", "-5,0,5", "--vol", "0", "--skew", "0", "--days", "0", "--rate", "0");
        Assert.True(run.ExitCode == 0, run.ToString());
        string flat = string.Join(' ', run.Out.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.Contains("valued 2026-11-24 16:00 -05:00 (21:00 UTC)", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("16:00 UTC", flat, StringComparison.Ordinal);
    }
}

public sealed class ScenarioProgressTests
{
    [Fact]
    public async Task TerminalOutputRunsTheProgressPath()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await VixShield.Cli.CliApp.RunAsync(["montecarlo", "--sample", "--engine", "scalar", "--draws", "50"], output, error, CancellationToken.None, outIsConsole: true);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("ES 99%", output.ToString(), StringComparison.Ordinal);
    }
}
