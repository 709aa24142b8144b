using VixShield.Cli.Infrastructure;
using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task NoCommandShowsHelpAndFails()
    {
        CliRun run = await _box.RunAsync();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("price", run.Out, StringComparison.Ordinal);
        Assert.Contains("demo", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpSucceeds()
    {
        CliRun run = await _box.RunAsync("price", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--units", run.Out, StringComparison.Ordinal);
        Assert.Contains("--engine", run.Out, StringComparison.Ordinal);
        Assert.Contains("--precision", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoPricesTheGridAndSaysWhichEngineRan()
    {
        CliRun run = await _box.RunAsync("demo", "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SPX sample grid", run.Out, StringComparison.Ordinal);
        Assert.Contains("1,022 options", run.Out, StringComparison.Ordinal);
        foreach (string days in (string[])["7 d", "14 d", "21 d", "30 d", "45 d", "60 d", "90 d"]) Assert.Contains(days, run.Out, StringComparison.Ordinal);
        Assert.Contains("Engine scalar", run.Out, StringComparison.Ordinal);
        Assert.Contains("precision double", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 invalid", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal); // no ANSI codes when not a terminal
    }

    [Fact]
    public async Task DemoAutoUsesTheBestAvailableEngine()
    {
        CliRun run = await _box.RunAsync("demo");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Engine " + GreeksEngines.Create(EnginePreference.Auto).Info.Name, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoSummaryFindsAtmAndDeltaStrikes()
    {
        var grid = Samples.SampleGrids.Spx();
        var output = new GreeksBuffer<double>(grid.Count, Greek.All);
        new ScalarGreeksEngine().Compute(grid.AsBatch(), output.AsOutput(grid.Count));
        var rows = VixShield.Cli.Commands.DemoCommand.Summarize(grid, output).ToArray();
        Assert.Equal(7, rows.Length);
        Assert.Equal(5900.0 * Math.Exp((0.043 - 0.013) * 30 / 365.0), rows[3].Forward, 1e-9);
        Assert.Equal(5925.0, rows[3].AtmStrike); // F = 5914.57: 5925 is nearer than 5900
        foreach (var r in rows)
        {
            Assert.True(r.Put10 < r.Put25 && r.Put25 < r.AtmStrike && r.AtmStrike < r.Call25 && r.Call25 < r.Call10, r.ToString());
            Assert.True(r.VegaPerPoint > 0 && r.ThetaPerDay < 0 && r.Gamma > 0, r.ToString());
        }
    }

    [Fact]
    public void SampleGridLayoutAndVols()
    {
        var grid = Samples.SampleGrids.Spx();
        Assert.Equal(73 * 7 * 2, grid.Count);
        int row = grid.RowOf(2, 4, OptionKind.Put);
        Assert.Equal(OptionKind.Put, grid.Kind[row]);
        Assert.Equal(5100.0, grid.Strike[row]);
        Assert.Equal(21 / 365.0, grid.Time[row]);
        double f = grid.Market.Forward(21 / 365.0);
        Assert.Equal(0.16 - (0.25 * Math.Log(5100.0 / f)), grid.Vol[row], 1e-15);
        Assert.Equal(0.08, new Samples.SkewedSampleSurface().Vol(1, 1e6, 1), 0.0);
    }

    [Fact]
    public void UserErrorDescribesFileLineAndField()
    {
        Assert.Equal("in.csv:3: field 'vol' (column 5): bad", CliUserException.At("in.csv", 3, "vol", "bad", column: 5).Describe());
        Assert.Equal("in.csv:3: field 'vol': bad", CliUserException.At("in.csv", 3, "vol", "bad").Describe());
        Assert.Equal("in.csv: bad", CliUserException.At("in.csv", 0, null, "bad").Describe());
        Assert.Equal("plain", new CliUserException("plain").Describe());
    }

    [Fact]
    public async Task AtomicWriterMovesOnCommitAndDeletesOtherwise()
    {
        string target = _box.PathOf("x.txt");
        await using (var w = AtomicFileWriter.Create(target))
        {
            await w.Writer.WriteAsync("half");
            Assert.True(File.Exists(w.TempPath));
            Assert.False(File.Exists(target));
        }

        Assert.Empty(_box.FilesExcept());
        await using (var w = AtomicFileWriter.Create(target))
        {
            await w.Writer.WriteAsync("whole");
            await w.CommitAsync();
        }

        Assert.Equal("whole", await File.ReadAllTextAsync(target));
        Assert.Equal(["x.txt"], _box.FilesExcept());
    }

    [Fact]
    public void CsvTableFindsColumnsIgnoringCaseAndReportsPlaces()
    {
        string path = _box.Write("t.csv", " Kind , VOL \ncall, 0.25 \n");
        using var table = CsvTable.Open(path);
        Assert.Equal(["Kind", "VOL"], table.Headers);
        int vol = table.Require("vol");
        Assert.Equal(-1, table.Find("q"));
        Assert.True(table.Read());
        Assert.Equal(2, table.Line);
        Assert.Equal(0.25, table.GetDouble(vol));
        Assert.Equal(7.0, table.GetDoubleOrDefault(-1, 7.0));
        Assert.False(table.Read());
        var e = Assert.Throws<CliUserException>(() => table.Require("strike"));
        Assert.Equal($"{path}:1: field 'strike': required column is missing from the header (found: Kind, VOL).", e.Describe());
    }

    [Fact]
    public void DuplicateColumnsAndEmptyFilesAreUserErrors()
    {
        Assert.Contains("more than once", Assert.Throws<CliUserException>(() => CsvTable.Open(_box.Write("d.csv", "vol,VOL\n1,2\n"))).Describe(), StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<CliUserException>(() => CsvTable.Open(_box.Write("e.csv", string.Empty))).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeLibraryExampleRuns()
    {
        IGreeksEngine engine = GreeksEngines.Create(EnginePreference.Auto);
        var output = new GreeksBuffer<double>(capacity: 2, Greek.Price | Greek.Delta | Greek.Vega);
        ComputeResult result = engine.Compute(
            new OptionBatch<double>(
                kind: [OptionKind.Call, OptionKind.Put], underlying: [5900, 5900], strike: [6000, 5500],
                time: [30 / 365.0, 30 / 365.0], vol: [0.15, 0.22], rate: [0.043, 0.043], dividendYield: [0.013, 0.013]),
            output.AsOutput(2));
        Assert.Equal(0, result.InvalidCount);
        Assert.True(output[Greek.Price][0] > 0 && output[Greek.Delta][1] < 0);
    }
}
