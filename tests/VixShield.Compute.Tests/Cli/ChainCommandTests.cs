using System.Globalization;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Tests.Chains;
using VixShield.Compute.Time;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

public sealed class ChainCommandTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Chain_csv_in_forwards_vols_greeks_and_surface_out()
    {
        var chain = ChainAnalyzerTests.Chain();
        int crossed = chain.RowOf(3, OptionKind.Put, chain.StrikeNearMoney(3, 3));
        chain.MakeCrossed(crossed);
        string input = _box.Write("chain.csv", chain.ToCsv());
        string output = _box.PathOf("out.csv"), surface = _box.PathOf("surface.json");

        CliRun run = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T11:55:00-04:00", "--spot", "3854.43",
            "--output", output, "--surface", surface, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SPXW 2022-07-15: t=", run.Err, StringComparison.Ordinal);

        var csv = new SimpleCsv(File.ReadAllText(output));
        Assert.Equal(chain.Quotes.Count, csv.Rows.Length);
        // The input columns first (volume passes through), then the outputs.
        Assert.Equal(["root", "expiry", "kind", "strike", "bid", "ask", "volume", "underlying", "status", "t", "forward", "discount", "mid", "iv_bid", "implied_vol", "iv_ask", "delta", "gamma", "vega", "theta"],
            csv.Header.Take(20));
        for (int i = 0; i < csv.Rows.Length; i++)
        {
            var truth = chain.Expiries[chain.ExpiryOfRow[i]];
            if (i == crossed)
            {
                Assert.Equal("crossed", csv.Get(i, "status"));
                Assert.Equal("NaN", csv.Get(i, "implied_vol"));
                continue;
            }

            Assert.Equal("ok", csv.Get(i, "status"));
            Assert.Equal(truth.Time, D(csv.Get(i, "t")), 15);
            Assert.True(Math.Abs((D(csv.Get(i, "forward")) / truth.Forward) - 1) < 1e-8);
            if (D(csv.Get(i, "vega")) < 0.5) continue;
            Assert.True(Math.Abs(D(csv.Get(i, "implied_vol")) - SyntheticChain.Vol(truth, chain.Quotes[i].Strike)) < 1e-10, $"row {i}");
        }

        // SPX and SPXW slices in surface.json, the VIX slice in surface.vix.json, each with its checks.
        var spx = SurfaceJson.Deserialize(File.ReadAllText(surface));
        Assert.Equal(4, spx.Slices.Count);
        var vix = SurfaceJson.Deserialize(File.ReadAllText(_box.PathOf("surface.vix.json")));
        Assert.Equal(26.45, Assert.Single(vix.Slices).Forward, 12);
        Assert.Contains("\"expiry\": \"SPX 2022-08-19\"", File.ReadAllText(surface), StringComparison.Ordinal);
        Assert.Contains("minButterflyDensity", File.ReadAllText(surface), StringComparison.Ordinal);
    }

    /// <summary>--plot: SPX/SPXW smiles in the named PNG, VIX smiles beside it (.vix.png), both decoded and not blank; each
    /// expiry's colour is drawn (the first two series colours cover many pixels); nothing else is left in the folder.</summary>
    [Fact]
    public async Task Plot_draws_spx_and_vix_smiles_as_pngs()
    {
        string input = _box.Write("chain.csv", ChainAnalyzerTests.Chain().ToCsv());
        string plot = _box.PathOf("smiles.png");
        CliRun run = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T11:55:00-04:00", "--output", _box.PathOf("out.csv"),
            "--plot", plot, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        using (SkiaSharp.SKBitmap spx = Plots.ChartsTests.AssertPicture(File.ReadAllBytes(plot), VixShield.Cli.Plots.Charts.Width, VixShield.Cli.Plots.Charts.Height))
        {
            Assert.True(Plots.ChartsTests.CountNear(spx, new SkiaSharp.SKColor(0x1f, 0x77, 0xb4)) > 200);
            Assert.True(Plots.ChartsTests.CountNear(spx, new SkiaSharp.SKColor(0xff, 0x7f, 0x0e)) > 200);
        }

        using (Plots.ChartsTests.AssertPicture(File.ReadAllBytes(_box.PathOf("smiles.vix.png")), VixShield.Cli.Plots.Charts.Width, VixShield.Cli.Plots.Charts.Height))
        {
        }

        Assert.Equal(["chain.csv", "out.csv", "smiles.png", "smiles.vix.png"], _box.FilesExcept());
    }

    [Fact]
    public async Task Desk_units_scale_the_greeks_and_futures_file_gives_the_vix_forward()
    {
        var chain = new SyntheticChain();
        var asOf = new DateTimeOffset(2022, 7, 12, 11, 55, 0, TimeSpan.FromHours(-4));
        chain.Add(asOf, OptionRoot.Vix, new DateOnly(2022, 7, 20), 26.45, 0.017, 0.5, futuresQuoted: false, volLevel: 0.9);
        string input = _box.Write("vix.csv", chain.ToCsv());
        string futures = _box.Write("futures.csv", "expiry,price\n2022-07-20,26.3\n2022-08-17,27.1\n");
        CliRun raw = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T15:55:00Z", "--output", _box.PathOf("raw.csv"), "--futures", futures);
        CliRun desk = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T15:55:00Z", "--output", _box.PathOf("desk.csv"), "--futures", futures, "--units", "desk");
        Assert.True(raw.ExitCode == 0 && desk.ExitCode == 0, raw + desk.ToString());
        var r = new SimpleCsv(File.ReadAllText(_box.PathOf("raw.csv")));
        var d = new SimpleCsv(File.ReadAllText(_box.PathOf("desk.csv")));
        Assert.Equal(26.3, D(r.Get(0, "forward")));
        Assert.Contains("(underlying; parity 26.45", raw.Err, StringComparison.Ordinal);
        for (int i = 0; i < r.Rows.Length; i++)
        {
            if (r.Get(i, "status") != "ok") continue;
            Assert.Equal(D(r.Get(i, "vega")) / 100, D(d.Get(i, "vega")), 12);
            Assert.Equal(D(r.Get(i, "theta")) / 365, D(d.Get(i, "theta")), 12);
            Assert.Equal(D(r.Get(i, "delta")), D(d.Get(i, "delta")));
        }
    }

    [Theory]
    [InlineData("root,expiry,kind,strike,bid,ask\nSPX,2022-08-19,call,3800,130,131\nSPX,2022-08-19,cal,3900,70,71\n", 1, "chain.csv:3", "kind")]
    [InlineData("root,expiry,kind,strike,bid,ask\nSPX,2022-08-19,call,3800,-1,131\n", 1, "chain.csv:2", "bid")]
    [InlineData("root,expiry,kind,strike,bid,ask\nSPX,2022-08-20,call,3800,1,2\n", 1, "chain.csv:2", "not a trading day")]
    [InlineData("root,expiry,kind,strike,bid,ask\nSPY,2022-08-19,call,3800,1,2\n", 1, "chain.csv:2", "root")]
    [InlineData("root,expiry,kind,strike,ask\nSPX,2022-08-19,call,3800,2\n", 1, "chain.csv:1", "bid")]
    public async Task Bad_input_names_file_line_and_field_and_writes_nothing(string content, int exit, string where, string field)
    {
        string input = _box.Write("chain.csv", content);
        string output = _box.PathOf("out.csv");
        CliRun run = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T11:55:00-04:00", "--output", output);
        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(where, run.Err, StringComparison.Ordinal);
        Assert.Contains(field, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.Equal(["chain.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task As_of_without_an_offset_is_a_command_line_error()
    {
        string input = _box.Write("chain.csv", "root,expiry,kind,strike,bid,ask\nSPX,2022-08-19,call,3800,130,131\n");
        CliRun run = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T11:55:00");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--as-of", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expiry_with_too_few_pairs_is_reported_and_its_rows_get_no_forward()
    {
        string input = _box.Write("chain.csv", "root,expiry,kind,strike,bid,ask\nSPX,2022-08-19,call,3800,130,131\nSPX,2022-08-19,put,3800,60,61\n");
        CliRun run = await _box.RunAsync("chain", "--input", input, "--as-of", "2022-07-12T11:55:00-04:00");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SPX 2022-08-19: too_few_pairs", run.Err, StringComparison.Ordinal);
        var csv = new SimpleCsv(run.Out);
        Assert.Equal("no_forward", csv.Get(0, "status"));
        Assert.Equal("NaN", csv.Get(1, "delta"));
    }
}
