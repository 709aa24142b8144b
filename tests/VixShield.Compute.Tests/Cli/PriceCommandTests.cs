using System.Globalization;
using VixShield.Compute.Engines;
using VixShield.Compute.Units;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

public sealed class PriceCommandTests : IDisposable
{
    // Columns deliberately out of order, with an extra pass-through column, optional q missing on one row, a Black-76 row.
    private const string Input =
        "id,strike,underlying,kind,t,vol,r,q,model\n" +
        "a,65,60,call,0.25,0.30,0.08,0,bsm\n" +
        "b,100,100,put,0.5,0.2,0.05,0.01,\n" +
        "c,6000,5900,Call,0.0833,0.15,0.043,0.013,BSM\n" +
        "d,20,19,put,0.1,0.8,0.04,,black76\n" +
        "e,5500,5900,put,0.00011415525114155251,0.22,0.043,0.013,bsm\n";

    private static readonly OptionKind[] Kinds = [OptionKind.Call, OptionKind.Put, OptionKind.Call, OptionKind.Put, OptionKind.Put];
    private static readonly PricingModel[] Models = [PricingModel.BlackScholesMerton, PricingModel.BlackScholesMerton, PricingModel.BlackScholesMerton, PricingModel.Black76, PricingModel.BlackScholesMerton];
    private static readonly double[] S = [60, 100, 5900, 19, 5900], K = [65, 100, 6000, 20, 5500], T = [0.25, 0.5, 0.0833, 0.1, 0.00011415525114155251],
        V = [0.30, 0.2, 0.15, 0.8, 0.22], R = [0.08, 0.05, 0.043, 0.04, 0.043], Q = [0, 0.01, 0.013, 0, 0.013];

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static GreeksBuffer<double> Expected()
    {
        var buffer = new GreeksBuffer<double>(Kinds.Length, Greek.All);
        new ScalarGreeksEngine().Compute(new OptionBatch<double>(Kinds, S, K, T, V, R, Q, Models), buffer.AsOutput(Kinds.Length));
        return buffer;
    }

    /// <summary>A worthless far put and call: every output that underflows prints "0", never "-0" (issue 13).</summary>
    [Fact]
    public async Task UnderflowedOutputsPrintZeroNotMinusZero()
    {
        string input = _box.Write("in.csv", "kind,underlying,strike,t,vol,r,q\nput,5900,100,0.0833,0.15,0.043,0.013\ncall,5900,59000,0.0833,0.15,0.043,0.013\n");
        foreach (string engine in new[] { "scalar", "simd" })
        {
            CliRun run = await _box.RunAsync("price", "--input", input, "--engine", engine);
            Assert.True(run.ExitCode == 0, run.ToString());
            var csv = new SimpleCsv(run.Out);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal("0", csv.Get(i, "price"));
                foreach (string column in csv.Header) Assert.NotEqual("-0", csv.Get(i, column));
            }
        }
    }

    [Fact]
    public async Task PriceWritesInputColumnsThenStatusAndEveryGreekEqualToTheEngine()
    {
        string input = _box.Write("in.csv", Input);
        string output = _box.PathOf("out.csv");
        CliRun run = await _box.RunAsync("price", "--input", input, "--output", output, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Out);

        var csv = new SimpleCsv(File.ReadAllText(output));
        string[] expectedHeader = ["id", "strike", "underlying", "kind", "t", "vol", "r", "q", "model", "status",
            "price", "delta", "gamma", "vega", "theta", "rho", "phi", "vanna", "volga", "charm", "veta", "speed", "zomma",
            "color", "ultima", "dual_delta", "dual_gamma", "itm_prob"];
        Assert.Equal(expectedHeader, csv.Header);
        Assert.Equal(5, csv.Rows.Length);
        Assert.Equal(Input.Split('\n')[4].Split(','), csv.Rows[3][..9]); // input text passes through untouched

        GreeksBuffer<double> expected = Expected();
        for (int i = 0; i < Kinds.Length; i++)
        {
            Assert.Equal("ok", csv.Get(i, "status"));
            foreach (Greek g in GreekInfo.All)
            {
                // Round-trip formatting: the parsed text is bit-for-bit the engine's double (zero is printed unsigned).
                double e = expected[g][i] == 0 ? 0.0 : expected[g][i];
                Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(csv.Number(i, GreekInfo.Name(g))));
            }
        }

        Assert.Equal(["in.csv", "out.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task WithoutOutputTheCsvGoesToStandardOutput()
    {
        string input = _box.Write("in.csv", Input);
        CliRun run = await _box.RunAsync("price", "-i", input);
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(run.Out);
        Assert.Equal(5, csv.Rows.Length);
        Assert.Equal(Expected()[Greek.Price][0], csv.Number(0, "price"));
        Assert.Equal(2.1333684449161985, csv.Number(0, "price"), 1e-13); // Haug p.2
        Assert.Equal(["in.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task DeskUnitsScaleExactlyTheDocumentedColumns()
    {
        string input = _box.Write("in.csv", Input);
        CliRun raw = await _box.RunAsync("price", "-i", input, "--units", "raw");
        CliRun desk = await _box.RunAsync("price", "-i", input, "--units", "desk");
        Assert.Equal(0, raw.ExitCode);
        Assert.Equal(0, desk.ExitCode);
        var r = new SimpleCsv(raw.Out);
        var d = new SimpleCsv(desk.Out);
        var changed = new HashSet<string>();
        for (int i = 0; i < r.Rows.Length; i++)
        {
            foreach (Greek g in GreekInfo.All)
            {
                string name = GreekInfo.Name(g);
                Assert.Equal(r.Number(i, name) * DeskUnits.Factor(g), d.Number(i, name));
                if (r.Get(i, name) != d.Get(i, name)) changed.Add(name);
            }
        }

        Assert.Equal(["charm", "color", "phi", "rho", "theta", "ultima", "vanna", "vega", "veta", "volga", "zomma"], changed.Order());

        // Haug p.2 call: vega 11.3515 per 1.00 vol -> 0.1135 per vol point; theta per year / 365 per day; rho per 1 %.
        Assert.Equal(11.351544053522 * 0.01, d.Number(0, "vega"), 1e-12);
        Assert.Equal(r.Number(0, "theta") / 365.0, d.Number(0, "theta"), 1e-15);
        Assert.Equal(r.Number(0, "rho") / 100.0, d.Number(0, "rho"), 1e-15);
    }

    [Fact]
    public async Task DeskUnitsPerTradingDayDivideTimeDerivativesBy252()
    {
        string input = _box.Write("in.csv", Input);
        CliRun raw = await _box.RunAsync("price", "-i", input);
        CliRun desk = await _box.RunAsync("price", "-i", input, "--units", "desk", "--theta-day", "trading");
        Assert.True(desk.ExitCode == 0, desk.ToString());
        var r = new SimpleCsv(raw.Out);
        var d = new SimpleCsv(desk.Out);
        for (int i = 0; i < r.Rows.Length; i++)
        {
            foreach (Greek g in GreekInfo.All)
            {
                Assert.Equal(r.Number(i, GreekInfo.Name(g)) * DeskUnits.Factor(g, ThetaDay.Trading), d.Number(i, GreekInfo.Name(g)));
            }
        }

        Assert.Equal(r.Number(0, "theta") / 252.0, d.Number(0, "theta"), 1e-15);
        Assert.Equal(r.Number(0, "veta") * 0.01 / 252.0, d.Number(0, "veta"), 1e-15);
    }

    [Fact]
    public async Task SinglePrecisionWritesTheFloatEngineValues()
    {
        string input = _box.Write("in.csv", Input);
        CliRun run = await _box.RunAsync("price", "-i", input, "--precision", "single", "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(run.Out);
        var buffer = new GreeksBuffer<float>(Kinds.Length, Greek.All);
        float[] F(double[] a) => a.Select(x => (float)x).ToArray();
        new ScalarGreeksEngine().Compute(new OptionBatch<float>(Kinds, F(S), F(K), F(T), F(V), F(R), F(Q), Models), buffer.AsOutput(Kinds.Length));
        for (int i = 0; i < Kinds.Length; i++)
        {
            foreach (Greek g in GreekInfo.All)
            {
                Assert.Equal(buffer[g][i], float.Parse(csv.Get(i, GreekInfo.Name(g)), CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task BadRowsGetTheirStatusAndNaNWhileOtherRowsArePriced()
    {
        string input = _box.Write("in.csv",
            "kind,underlying,strike,t,vol,r,q\n" +
            "call,100,100,1,0.2,0.05,0\n" +
            "call,100,100,1,-0.2,0.05,0\n" +
            "put,100,0,1,0.2,0.05,0\n" +
            "put,100,100,-1,0.2,0.05,0\n" +
            "put,-5,100,1,0.2,0.05,0\n" +
            "call,100,100,1,0.2,NaN,0\n" +
            "call,100,100,1,0.2,0.05,Infinity\n" +
            "put,100,100,1,0.2,0.05,0\n");
        CliRun run = await _box.RunAsync("price", "-i", input, "-o", _box.PathOf("out.csv"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(File.ReadAllText(_box.PathOf("out.csv")));
        string[] statuses = ["ok", "invalid_vol", "invalid_strike", "invalid_time", "invalid_underlying", "invalid_rate", "invalid_dividend", "ok"];
        Assert.Equal(statuses, csv.Rows.Select(r => r[Array.IndexOf(csv.Header, "status")]));
        for (int i = 1; i < 7; i++)
        {
            foreach (Greek g in GreekInfo.All) Assert.Equal("NaN", csv.Get(i, GreekInfo.Name(g)));
        }

        Assert.Equal(10.450583572185565, csv.Number(0, "price"), 1e-12); // ATM call S=K=100 t=1 vol=0.2 r=0.05
        Assert.Equal(5.573526022256971, csv.Number(7, "price"), 1e-12);  // its put, by parity
    }

    [Theory]
    [InlineData("kind,underlying,strike,t,r\ncall,100,100,1,0.05\n", 1, "vol", "required column is missing")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,0.2,0.05\ncall,100,100,1,abc,0.05\n", 3, "vol' (column 5", "'abc' is not a number")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,0.2,0.05\nstraddle,100,100,1,0.2,0.05\n", 3, "kind' (column 1", "'straddle' is not one of: call, put")]
    [InlineData("kind,model,underlying,strike,t,vol,r\ncall,heston,100,100,1,0.2,0.05\n", 2, "model' (column 2", "'heston' is not one of: bsm, black76")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,0.2,0.05\ncall,100,,1,0.2,0.05\n", 3, "strike' (column 3", "the value is empty")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,0.2,0.05\ncall,100,100,1,0.2\n", 3, "", "malformed CSV")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,\"100,1,0.2,0.05\n", 2, "", "malformed CSV")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,0.2,0,05\n", 2, "", "malformed CSV")]
    [InlineData("kind,underlying,strike,t,vol,r\ncall,100,100,1,\"0,2\",0.05\n", 2, "vol' (column 5", "'0,2' is not a number")]
    public async Task MalformedInputNamesFileLineAndFieldAndLeavesNoOutput(string content, int line, string field, string message)
    {
        string input = _box.Write("in.csv", content);
        string output = _box.PathOf("out.csv");
        CliRun run = await _box.RunAsync("price", "--input", input, "--output", output);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"vixshield: error: {input}:{line}: ", run.Err, StringComparison.Ordinal);
        if (field.Length > 0) Assert.Contains($"field '{field}", run.Err, StringComparison.Ordinal);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal); // no stack trace
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal(["in.csv"], _box.FilesExcept()); // no output, no temporary file
    }

    [Fact]
    public async Task AFailedRunLeavesAnExistingOutputFileUntouched()
    {
        string input = _box.Write("in.csv", "kind,underlying,strike,t,vol,r\ncall,100,100,1,x,0.05\n");
        string output = _box.Write("out.csv", "previous result\n");
        CliRun run = await _box.RunAsync("price", "-i", input, "-o", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("previous result\n", File.ReadAllText(output));
        Assert.Equal(["in.csv", "out.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task CancellationReturns130AndWritesNothing()
    {
        string input = _box.Write("in.csv", Input);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        CliRun run = await _box.RunAsync(cts.Token, "price", "-i", input, "-o", _box.PathOf("out.csv"));
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("cancelled", run.Err, StringComparison.Ordinal);
        Assert.Equal(["in.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task MissingInputFileAndMissingOutputDirectoryAreUserErrors()
    {
        CliRun missing = await _box.RunAsync("price", "-i", _box.PathOf("nope.csv"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);

        string input = _box.Write("in.csv", Input);
        CliRun noDir = await _box.RunAsync("price", "-i", input, "-o", Path.Combine(_box.Directory, "no", "such", "out.csv"));
        Assert.Equal(1, noDir.ExitCode);
        Assert.Contains("does not exist; create it first", noDir.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderOnlyInputGivesHeaderOnlyOutput()
    {
        string input = _box.Write("in.csv", "kind,underlying,strike,t,vol,r\n");
        CliRun run = await _box.RunAsync("price", "-i", input);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("kind,underlying,strike,t,vol,r,status,price,delta,gamma,vega,theta,rho,phi,vanna,volga,charm,veta,speed,zomma,color,ultima,dual_delta,dual_gamma,itm_prob\n", run.Out);
    }

    [Fact]
    public async Task RepricingAnOutputFileReplacesItsOutputColumns()
    {
        string input = _box.Write("in.csv", Input);
        string first = _box.PathOf("first.csv"), second = _box.PathOf("second.csv");
        Assert.Equal(0, (await _box.RunAsync("price", "-i", input, "-o", first)).ExitCode);
        Assert.Equal(0, (await _box.RunAsync("price", "-i", first, "-o", second)).ExitCode);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
    }

    [Fact]
    public async Task UnknownOptionValuesAreUsageErrors()
    {
        string input = _box.Write("in.csv", Input);
        CliRun run = await _box.RunAsync("price", "-i", input, "--engine", "warp");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("warp", run.Err, StringComparison.Ordinal);
        Assert.Contains("vixshield price --help", run.Err, StringComparison.Ordinal);
        CliRun units = await _box.RunAsync("price", "-i", input, "--units", "bps");
        Assert.Equal(2, units.ExitCode);
        CliRun noInput = await _box.RunAsync("price");
        Assert.Equal(2, noInput.ExitCode);
        Assert.Contains("--input", noInput.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEngineThatCannotRunHereIsAOneLineErrorWithExitCode2()
    {
        // ilgpu-cpu/gpu need the GPU provider; where one exists and works the run simply succeeds.
        string input = _box.Write("in.csv", Input);
        foreach (string engine in (string[])["gpu", "ilgpu-cpu", "simd"])
        {
            CliRun run = await _box.RunAsync("price", "-i", input, "--engine", engine);
            if (run.ExitCode == 0) continue;
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.StartsWith($"vixshield: error: engine '{engine}' is not available here: ", run.Err, StringComparison.Ordinal);
            Assert.Contains("Try --engine auto or --engine scalar.", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Out);
        }
    }
}
