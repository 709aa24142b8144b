using System.Globalization;
using System.Text;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Surfaces;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

public sealed class IvSurfaceCommandTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("simd")]
    [InlineData("scalar")]
    [InlineData("ilgpu-cpu")] // the GPU kernel on ILGPU's CPU accelerator: the same Let's Be Rational code over GpuDoubleOps
    public async Task Iv_WritesStatusAndImpliedVol_RoundTripping1e12(string engine)
    {
        // id, kind, model, underlying, strike, t, r, q, true vol (rows 0-3 good, 4 below intrinsic, 5 t = 0).
        var rows = new (string Id, string Kind, string Model, double S, double K, double T, double Rt, double Q, double Vol)[]
        {
            ("a", "call", "bsm", 5000, 5200, 30.0 / 365, 0.045, 0.013, 0.14),
            ("b", "put", "bsm", 5000, 4500, 1.0 / 365, 0.045, 0.013, 0.35),
            ("c", "put", "black76", 18.5, 15, 0.1, 0.04, 0, 0.9),
            ("d", "call", "", 100, 90, 2.0, 0.03, 0.0, 0.25),
        };
        var sb = new StringBuilder("id,kind,model,underlying,strike,t,price,r,q\n");
        foreach (var r in rows)
        {
            bool b76 = r.Model == "black76";
            double f = b76 ? r.S : r.S * Math.Exp((r.Rt - r.Q) * r.T);
            double price = Math.Exp(-r.Rt * r.T) * LetsBeRational.BlackPrice(f, r.K, r.Vol, r.T, r.Kind == "call" ? OptionKind.Call : OptionKind.Put);
            sb.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.Kind},{r.Model},{R(r.S)},{R(r.K)},{R(r.T)},{R(price)},{R(r.Rt)},{R(r.Q)}\n");
        }

        sb.Append("e,call,bsm,100,90,0.5,5,0.03,0\n");
        sb.Append("f,call,bsm,100,90,0,12,0.03,0\n");
        string input = _box.Write("in.csv", sb.ToString());
        string output = _box.PathOf("out.csv");
        CliRun run = await _box.RunAsync("iv", "--input", input, "--output", output, "--engine", engine);
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(File.ReadAllText(output));
        Assert.Equal(["id", "kind", "model", "underlying", "strike", "t", "price", "r", "q", "status", "implied_vol"], csv.Header);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal("ok", csv.Get(i, "status"));
            Assert.True(Math.Abs(csv.Number(i, "implied_vol") - rows[i].Vol) <= 1e-12 * rows[i].Vol, $"row {i}: {csv.Get(i, "implied_vol")}");
        }

        Assert.Equal("below_intrinsic", csv.Get(4, "status"));
        Assert.Equal("NaN", csv.Get(4, "implied_vol"));
        Assert.Equal("invalid_input", csv.Get(5, "status"));
        Assert.Equal(["in.csv", "out.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task Iv_MissingPriceColumn_IsUserErrorNamingFileAndColumn_AndWritesNothing()
    {
        string input = _box.Write("in.csv", "kind,underlying,strike,t,vol,r\ncall,100,100,0.5,0.2,0.03\n");
        string output = _box.PathOf("out.csv");
        CliRun run = await _box.RunAsync("iv", "--input", input, "--output", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("in.csv:1", run.Err);
        Assert.Contains("'price'", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(File.Exists(output));

        string bad = _box.Write("bad.csv", "kind,underlying,strike,t,price,r\ncall,100,abc,0.5,3,0.03\n");
        run = await _box.RunAsync("iv", "--input", bad, "--output", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.csv:2", run.Err);
        Assert.Contains("'strike'", run.Err);
        Assert.False(File.Exists(output));
    }

    private static readonly SviParameters Short = new(0.0015, 0.05, -0.75, 0.02, 0.08);
    private static readonly SviParameters Long = new(0.012, 0.11, -0.6, 0.04, 0.15);

    private static string VolQuotes()
    {
        var sb = new StringBuilder("expiry,t,strike,forward,vol\n");
        foreach (var (label, t, f, p) in new[] { ("2026-12-18", 24.0 / 365, 5010.0, Short), ("2027-03-19", 115.0 / 365, 5060.0, Long) })
        {
            for (int i = 0; i <= 30; i++)
            {
                double k = -0.45 + (0.6 * i / 30);
                double vol = Math.Sqrt(p.TotalVariance(k) / t);
                sb.Append(CultureInfo.InvariantCulture, $"{label},{R(t)},{R(f * Math.Exp(k))},{R(f)},{R(vol)}\n");
            }
        }

        return sb.ToString();
    }

    [Fact]
    public async Task SurfaceFit_FromVols_RecoversSlices_AndReportsNoArbitrage()
    {
        string input = _box.Write("quotes.csv", VolQuotes());
        string output = _box.PathOf("surface.json");
        CliRun run = await _box.RunAsync("surface", "fit", "--input", input, "--output", output);
        Assert.True(run.ExitCode == 0, run.ToString());
        var surface = SurfaceJson.Deserialize(File.ReadAllText(output));
        Assert.Equal(2, surface.Slices.Count);
        Assert.True(Math.Abs(surface.Slices[0].Parameters.Rho - Short.Rho) <= 1e-4, $"{surface.Slices[0].Parameters}");
        Assert.True(Math.Abs(surface.Slices[1].Parameters.B - Long.B) <= 1e-5, $"{surface.Slices[1].Parameters}");
        Assert.Equal(5060.0, surface.Slices[1].Forward);
        string json = File.ReadAllText(output);
        Assert.Contains("\"expiry\": \"2026-12-18\"", json);
        Assert.Contains("butterfly=ok", run.Err);
        Assert.Contains("calendar=ok", run.Err);
    }

    [Fact]
    public async Task SurfaceFit_FromCallAndPutPrices_UsesParityForward_AndOtmVols()
    {
        double t = 45.0 / 365, f = 5031.7, d = Math.Exp(-0.044 * t);
        var sb = new StringBuilder("t,strike,kind,price\n");
        for (int i = 0; i <= 24; i++)
        {
            double k = f * Math.Exp(-0.35 + (0.5 * i / 24));
            double vol = Math.Sqrt(Long.TotalVariance(Math.Log(k / f)) / t);
            foreach (var kind in new[] { OptionKind.Call, OptionKind.Put })
            {
                double price = d * LetsBeRational.BlackPrice(f, k, vol, t, kind);
                sb.Append(CultureInfo.InvariantCulture, $"{R(t)},{R(k)},{(kind == OptionKind.Call ? "call" : "put")},{R(price)}\n");
            }
        }

        string input = _box.Write("prices.csv", sb.ToString());
        CliRun run = await _box.RunAsync("surface", "fit", "--input", input);
        Assert.True(run.ExitCode == 0, run.ToString());
        var surface = SurfaceJson.Deserialize(run.Out);
        var slice = surface.Slices.Single();
        Assert.True(Math.Abs(slice.Forward - f) <= 1e-6 * f, $"F {slice.Forward}");
        Assert.True(Math.Abs(slice.Parameters.A - Long.A) <= 1e-5 && Math.Abs(slice.Parameters.Rho - Long.Rho) <= 1e-4, $"{slice.Parameters}");
    }

    [Fact]
    public async Task SurfaceEval_GridEqualsSurface_AndShocksApply()
    {
        var surface = new SviSurface([new SviSlice(24.0 / 365, 5010, Short), new SviSlice(115.0 / 365, 5060, Long)]);
        string path = _box.Write("surface.json", SurfaceJson.Serialize(surface));
        CliRun run = await _box.RunAsync("surface", "eval", "--surface", path, "--strikes", "4500,5000,5400", "--expiries", "0.05,0.2,1");
        Assert.True(run.ExitCode == 0, run.ToString());
        var csv = new SimpleCsv(run.Out);
        Assert.Equal(["t", "strike", "forward", "k", "vol", "total_variance"], csv.Header);
        Assert.Equal(9, csv.Rows.Length);
        for (int i = 0; i < 9; i++)
        {
            double t = csv.Number(i, "t"), k = csv.Number(i, "strike"), f = csv.Number(i, "forward");
            Assert.Equal(surface.ReferenceForward(t), f);
            Assert.Equal(surface.Vol(t, k, f), csv.Number(i, "vol"));
        }

        // The scenario vocabulary of every scenario API: +1 vol point, skew 0.1 per unit of -ln(K/F'), sticky strike by default.
        double fRef = surface.ReferenceForward(0.2);
        run = await _box.RunAsync("surface", "eval", "--surface", path, "--strikes", "4800", "--expiries", "0.2", "--forwards", "5000", "--vol", "1", "--skew", "0.1");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(surface.Vol(0.2, 4800, fRef) + 0.01 - (0.1 * Math.Log(4800 / 5000.0)), new SimpleCsv(run.Out).Number(0, "vol"), 15);
        run = await _box.RunAsync("surface", "eval", "--surface", path, "--strikes", "4800", "--expiries", "0.2", "--forwards", "5000", "--smile", "sticky-moneyness");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(surface.Vol(0.2, 4800, 5000), new SimpleCsv(run.Out).Number(0, "vol"), 15);

        run = await _box.RunAsync("surface", "eval", "--surface", path, "--strikes", "50x0", "--expiries", "0.2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--strikes", run.Err);
        run = await _box.RunAsync("surface", "eval", "--surface", _box.PathOf("missing.json"), "--strikes", "5000", "--expiries", "0.2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("surface fit", run.Err);
    }
}
