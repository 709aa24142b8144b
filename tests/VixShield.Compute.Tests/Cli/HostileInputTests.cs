using System.Text;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

/// <summary>
/// Issue 14, the smaller CLI cases: bytes that are not UTF-8 (they became U+FFFD in the output), a line break inside a
/// quoted value (it split the one-line error), NaN or non-positive option values that were accepted, and a domain
/// row through the CLI.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task NonUtf8BytesInAPassThroughColumnAreAnErrorNamingTheField()
    {
        string path = _box.PathOf("in.csv");
        byte[] head = Encoding.ASCII.GetBytes("id,kind,underlying,strike,t,vol,r\nok,call,100,100,0.5,0.2,0.03\n");
        byte[] bad = [.. Encoding.ASCII.GetBytes("caf"), 0xE9, .. Encoding.ASCII.GetBytes(",put,100,100,0.5,0.2,0.03\n")]; // Latin-1 é
        File.WriteAllBytes(path, [.. head, .. bad]);
        string output = _box.PathOf("out.csv");

        CliRun run = await _box.RunAsync("price", "--input", path, "--output", output);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("in.csv:3: field 'id' (column 1): the bytes are not valid UTF-8", run.Err);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain('\uFFFD', run.Err + run.Out);
    }

    [Fact]
    public async Task ValidUtf8PassesThroughByteExact()
    {
        string path = _box.Write("in.csv", "id,kind,underlying,strike,t,vol,r\ncafé ☃,call,100,100,0.5,0.2,0.03\n");
        CliRun run = await _box.RunAsync("price", "--input", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("café ☃,call,", new SimpleCsv(run.Out).Rows[0][0] + ",call,", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmbeddedNewlineDoesNotSplitTheOneLineError()
    {
        string path = _box.Write("in.csv", "kind,underlying,strike,t,vol,r\ncall,100,100,0.5,\"0.2\nFAKE: error\",0.03\n");
        CliRun run = await _box.RunAsync("price", "--input", path);
        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Err.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("vixshield: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("field 'vol'", lines[0]);
        Assert.Contains("\\nFAKE: error", lines[0]);
    }

    [Theory]
    [InlineData("--check-k", "0")]
    [InlineData("--check-k", "-1")]
    [InlineData("--check-k", "NaN")]
    [InlineData("--check-k", "Infinity")]
    public async Task SurfaceFitRejectsABadCheckRangeWithExit2(string option, string value)
    {
        string quotes = _box.Write("quotes.csv", "t,strike,vol,forward\n0.25,90,0.25,100\n0.25,100,0.2,100\n0.25,110,0.18,100\n0.25,120,0.19,100\n0.25,80,0.3,100\n");
        string output = _box.PathOf("surface.json");
        CliRun run = await _box.RunAsync("surface", "fit", "--input", quotes, "--output", output, option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--check-k must be a positive number", run.Err);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--vol", "NaN")]
    [InlineData("--skew", "Infinity")]
    [InlineData("--skew", "-Infinity")]
    public async Task SurfaceEvalRejectsANonFiniteShockWithExit2(string option, string value)
    {
        string surface = _box.Write("surface.json", """{ "model": "svi-raw", "version": 1, "slices": [ { "time": 0.25, "forward": 100, "a": 0.004, "b": 0.03, "rho": -0.6, "m": 0.01, "sigma": 0.1 } ] }""");
        CliRun run = await _box.RunAsync("surface", "eval", "--surface", surface, "--strikes", "100", "--expiries", "0.25", option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Err);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task PriceGivesDomainStatusesForTheReportedRows()
    {
        // Spot 1e-310 priced -5978.5 under ok; vol 1e-160 and r 1e100 gave NaN Greeks under ok.
        string path = _box.Write("in.csv", "kind,underlying,strike,t,vol,r\ncall,1e-310,6000,0.25,0.2,0.04\ncall,5900,6000,0.25,1e-160,0.04\ncall,5900,6000,0.25,0.2,1e100\ncall,5900,6000,0.25,0.2,0.04\n");
        CliRun run = await _box.RunAsync("price", "--input", path, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(run.Out);
        Assert.Equal(["invalid_underlying", "invalid_vol", "invalid_rate", "ok"], Enumerable.Range(0, 4).Select(i => csv.Get(i, "status")));
        Assert.True(double.IsNaN(csv.Number(0, "price")));
        Assert.True(csv.Number(3, "price") > 0);
    }
}
