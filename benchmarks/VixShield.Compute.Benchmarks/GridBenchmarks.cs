using BenchmarkDotNet.Attributes;
using VixShield.Compute.Engines;
using VixShield.Compute.Grid;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Benchmarks;

/// <summary>A strike x expiry SPX grid with a skewed surface: naive loop (surface + naive formula per point) vs the grid
/// API on the scalar and SIMD engines; price + first-order Greeks.</summary>
[Config(typeof(ShortConfig))]
[BenchmarkCategory("Grid")]
public class GridBenchmarks : IOptionsPerInvoke
{
    private GreeksGrid _grid = null!;
    private IVolatilitySurface _surface = null!;
    private GreeksBuffer<double> _out64 = null!;
    private GreeksBuffer<float> _out32 = null!;
    private IGreeksEngine _simd = null!;
    private IGreeksEngine _scalar = null!;
    private BenchData _naive = null!;

    [Params("200x12", "5000x40")]
    public string Shape { get; set; } = "200x12";

    [Params(1, 0)]
    public int Threads { get; set; }

    public int OptionsPerInvoke(string method)
    {
        string[] p = Shape.Split('x');
        return int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [GlobalSetup]
    public void Setup()
    {
        string[] p = Shape.Split('x');
        int nk = int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), ne = int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture);
        double[] strikes = Enumerable.Range(0, nk).Select(i => 3000.0 + (i * 4000.0 / nk)).ToArray();
        GridExpiry[] expiries = Enumerable.Range(0, ne).Select(e => GridExpiry.Bsm((1 + (e * 7)) / 365.0, 0.043, 0.013)).ToArray();
        _grid = GreeksGrid.BlackScholesMerton(5000, strikes, expiries);
        _surface = new SkewSurface();
        _out64 = new GreeksBuffer<double>(_grid.Count, Greek.PriceAndFirstOrder);
        _out32 = new GreeksBuffer<float>(_grid.Count, Greek.PriceAndFirstOrder);
        _simd = new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = Threads == 0 ? null : Threads });
        _scalar = new ScalarGreeksEngine();
        _naive = new BenchData(_grid.Count, Greek.Price);
        for (int e = 0; e < ne; e++)
        {
            for (int k = 0; k < nk; k++)
            {
                int i = _grid.Index(e, k);
                _naive.Kind[i] = _grid.PointKinds[i];
                _naive.K[i] = strikes[k];
                _naive.T[i] = expiries[e].Time;
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void NaiveLoop()
    {
        var d = _naive;
        for (int e = 0; e < _grid.ExpiryCount; e++)
        {
            for (int k = 0; k < _grid.StrikeCount; k++)
            {
                int i = _grid.Index(e, k);
                d.Vol[i] = _surface.Vol(d.T[i], d.K[i], _grid.Forwards[e]);
            }
        }

        if (Threads == 1) NaiveBaseline.PriceAndFirstOrder(d, 0, d.Count);
        else Parallel.For(0, (d.Count + 4095) / 4096, c => NaiveBaseline.PriceAndFirstOrder(d, c * 4096, Math.Min(d.Count, (c + 1) * 4096)));
    }

    [Benchmark]
    public ComputeResult GridScalar() => _grid.Compute(_scalar, _surface, _out64);

    [Benchmark]
    public ComputeResult GridSimd64() => _grid.Compute(_simd, _surface, _out64);

    [Benchmark]
    public ComputeResult GridSimd32() => _grid.Compute(_simd, _surface, _out32);

    private sealed class SkewSurface : IVolatilitySurface
    {
        public double Vol(double time, double strike, double forward) => Math.Max(0.05, 0.16 - (0.25 * Math.Log(strike / forward) / Math.Sqrt(Math.Max(time, 1.0 / 365))));
    }
}
