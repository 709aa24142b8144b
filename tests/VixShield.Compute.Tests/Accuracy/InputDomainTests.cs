using VixShield.Compute.Engines;
using VixShield.Compute.Kernels;
using VixShield.Compute.Tests.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// Issue 14: the valid input domain (kernels-docs/black-scholes.md). Every input is swept alone from the smallest
/// subnormal to double.MaxValue (and ±∞, NaN, both signs) around an SPX row, then every corner of the domain box is
/// priced; on the scalar, SIMD and ilgpu-cpu engines, in float64 and float32. Each row must be either a finite
/// result under <c>ok</c> or a non-ok status with NaN in every output; the status must be the one the documented
/// bounds give (checked here with plain comparisons, independently of InputValidation); and every <c>ok</c> row
/// must satisfy put-call parity and the no-arbitrage bounds of price, delta and ITM probability.
/// </summary>
public sealed class InputDomainTests
{
    // The documented domain, written out again so that the test does not trust the constants it checks.
    private const double MinPrice = 1e-8, MaxPrice = 1e12, MinTime = 1e-12, MaxTime = 100, MinVol = 1e-9, MaxVol = 100, MaxRate = 5;

    private static readonly double[] Base = [5900, 6000, 0.25, 0.2, 0.043, 0.013];

    public static TheoryData<string> Engines => new() { "scalar", "simd", "ilgpu-cpu" };

    private static IGreeksEngine Engine(string name) => name switch
    {
        "scalar" => new ScalarGreeksEngine(),
        "simd" => new SimdGreeksEngine(),
        _ => GpuTestEngines.IlgpuCpu,
    };

    /// <summary>Magnitudes from 4.9e-324 to 1.797e308 (every 4th power of ten, the subnormals, the domain bounds and their neighbours), both signs, 0, ±∞, NaN.</summary>
    private static List<double> SweepValues()
    {
        var mags = new List<double> { double.Epsilon, 1e-320, 1e-310, 2.2250738585072014e-308, double.MaxValue, 1.7e308, 1e307, 1e160, 1e-160, 1e100, 1e-100 };
        for (int e = -300; e <= 308; e += 4) mags.Add(double.Parse($"1e{e}", System.Globalization.CultureInfo.InvariantCulture));
        foreach (double b in new[] { MinPrice, MaxPrice, MinTime, MaxTime, MinVol, MaxVol, MaxRate, 0.2, 5900 })
        {
            mags.Add(b);
            mags.Add(Math.BitIncrement(b));
            mags.Add(Math.BitDecrement(b));
            mags.Add(b * 1.01);
            mags.Add(b * 0.99);
        }

        var values = new List<double> { 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        foreach (double m in mags)
        {
            values.Add(m);
            values.Add(-m);
        }

        return values;
    }

    private sealed class Rows
    {
        public readonly List<OptionKind> Kind = [];
        public readonly List<PricingModel> Model = [];
        public readonly List<double>[] In = [[], [], [], [], [], []];

        public int Count => Kind.Count;

        public void Add(OptionKind kind, PricingModel model, double[] x)
        {
            Kind.Add(kind);
            Model.Add(model);
            for (int j = 0; j < 6; j++) In[j].Add(x[j]);
        }
    }

    private static Rows Sweep()
    {
        var rows = new Rows();
        var values = SweepValues();
        foreach (OptionKind kind in new[] { OptionKind.Call, OptionKind.Put })
        {
            foreach (PricingModel model in new[] { PricingModel.BlackScholesMerton, PricingModel.Black76 })
            {
                for (int input = 0; input < 6; input++)
                {
                    foreach (double v in values)
                    {
                        double[] x = (double[])Base.Clone();
                        x[input] = v;
                        rows.Add(kind, model, x);
                    }
                }

                // Every corner of the domain box, with t and vol also at 0: the combined extremes.
                double[][] axes =
                [
                    [MinPrice, MaxPrice], [MinPrice, MaxPrice], [0, MinTime, MaxTime], [0, MinVol, MaxVol], [-MaxRate, MaxRate], [-MaxRate, MaxRate],
                ];
                foreach (double s in axes[0])
                    foreach (double k in axes[1])
                        foreach (double t in axes[2])
                            foreach (double vol in axes[3])
                                foreach (double r in axes[4])
                                    foreach (double q in axes[5])
                                        rows.Add(kind, model, [s, k, t, vol, r, q]);
            }
        }

        return rows;
    }

    /// <summary>The status the documented domain gives (first failing input), computed with plain comparisons.</summary>
    /// <remarks>In float32 the bounds themselves are the float32 numbers nearest to them (<paramref name="single"/>).</remarks>
    private static OptionStatus Expected(double s, double k, double t, double vol, double r, double q, bool single = false)
    {
        bool In(double x, double lo, double hi) => single ? x >= (float)lo && x <= (float)hi : x >= lo && x <= hi;
        if (!In(s, MinPrice, MaxPrice)) return OptionStatus.InvalidUnderlying;
        if (!In(k, MinPrice, MaxPrice)) return OptionStatus.InvalidStrike;
        if (!(t == 0 || In(t, MinTime, MaxTime))) return OptionStatus.InvalidTime;
        if (!(vol == 0 || In(vol, MinVol, MaxVol))) return OptionStatus.InvalidVol;
        if (!In(r, -MaxRate, MaxRate)) return OptionStatus.InvalidRate;
        if (!In(q, -MaxRate, MaxRate)) return OptionStatus.InvalidDividend;
        return OptionStatus.Ok;
    }

    /// <summary>The strict-comparison neighbours InputValidation checks the bounds with are the adjacent representable
    /// values of the documented bounds, in float64 and (of the bound rounded to float) in float32.</summary>
    [Fact]
    public void BoundNeighboursAreTheAdjacentRepresentableValues()
    {
        (double Bound, double Below64, double Below32)[] lower =
        [
            (MinPrice, InputValidation.Neighbours.MinPriceBelow64, InputValidation.Neighbours.MinPriceBelow32),
            (MinTime, InputValidation.Neighbours.MinTimeBelow64, InputValidation.Neighbours.MinTimeBelow32),
            (MinVol, InputValidation.Neighbours.MinVolBelow64, InputValidation.Neighbours.MinVolBelow32),
        ];
        (double Bound, double Above64, double Above32)[] upper =
        [
            (MaxPrice, InputValidation.Neighbours.MaxPriceAbove64, InputValidation.Neighbours.MaxPriceAbove32),
            (MaxTime, InputValidation.Neighbours.MaxTimeAbove64, InputValidation.Neighbours.MaxTimeAbove32),
            (MaxVol, InputValidation.Neighbours.MaxVolAbove64, InputValidation.Neighbours.MaxVolAbove32),
            (MaxRate, InputValidation.Neighbours.MaxRateAbove64, InputValidation.Neighbours.MaxRateAbove32),
        ];
        foreach (var (b, below64, below32) in lower)
        {
            Assert.Equal(Math.BitDecrement(b), below64);
            Assert.Equal((double)MathF.BitDecrement((float)b), below32);
        }

        foreach (var (b, above64, above32) in upper)
        {
            Assert.Equal(Math.BitIncrement(b), above64);
            Assert.Equal((double)MathF.BitIncrement((float)b), above32);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EveryInputFromSubnormalToMaxFloat64(string engine)
    {
        Rows rows = Sweep();
        var (status, outputs) = Run<double>(Engine(engine), rows, x => x);
        for (int i = 0; i < rows.Count; i++)
        {
            double[] x = Inputs(rows, i);
            OptionStatus expected = Expected(x[0], x[1], x[2], x[3], x[4], x[5]);
            Assert.True(expected == status[i], $"{engine} row {i} {Describe(rows, i)}: status {status[i]}, expected {expected}");
            CheckRow(rows, i, status[i], outputs, x, relTol: 1e-12, label: engine);
        }

        OptionStatus[] seen = status.Distinct().ToArray();
        foreach (OptionStatus s in new[] { OptionStatus.Ok, OptionStatus.InvalidUnderlying, OptionStatus.InvalidStrike, OptionStatus.InvalidTime, OptionStatus.InvalidVol, OptionStatus.InvalidRate, OptionStatus.InvalidDividend })
        {
            Assert.Contains(s, seen);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EveryInputFromSubnormalToMaxFloat32(string engine)
    {
        Rows rows = Sweep();
        var (status, outputs) = Run<float>(Engine(engine), rows, x => (float)x);
        var scalar = Run<float>(new ScalarGreeksEngine(), rows, x => (float)x).Status;
        int outOfRange = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            // The bounds apply to the float32 inputs (a double just outside a bound may round onto it).
            double[] x = Inputs(rows, i).Select(v => (double)(float)v).ToArray();
            OptionStatus expected = Expected(x[0], x[1], x[2], x[3], x[4], x[5], single: true);
            if (status[i] == OptionStatus.OutOfRange)
            {
                Assert.True(expected == OptionStatus.Ok, $"{engine} row {i} {Describe(rows, i)}: out_of_range outside the domain");
                outOfRange++;
            }
            else
            {
                Assert.True(expected == status[i], $"{engine} row {i} {Describe(rows, i)}: status {status[i]}, expected {expected}");
            }

            // Every engine flags the same float32 corners as the reference.
            Assert.True(scalar[i] == status[i], $"{engine} row {i} {Describe(rows, i)}: status {status[i]}, scalar {scalar[i]}");
            // Absolute floor 1e-30: float32 flushes e^{-rt} below 1.2e-38 to 0 (e.g. r t = 500 at the corners).
            CheckRow(rows, i, status[i], outputs, x, relTol: 2e-5, label: engine + " float32", absTol: 1e-30);
        }

        // The float32 corners exist (tiny spot, tiny vol, e^{±rt} beyond 3.4e38), and they are few.
        Assert.InRange(outOfRange, 1, rows.Count / 10);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void IssueCasesGetAStatus(string engine)
    {
        // The reported rows: spot 1e-310 priced -5978.5; subnormal strike/time/vol, vol 1e-160, |r| or |q| 1e100 gave
        // NaN Greeks under ok; strike 1e307 priced -9.96e306 on ilgpu-cpu.
        double[][] cases =
        [
            [1e-310, 6000, 0.25, 0.2, 0.043, 0.013], [5900, 5e-324, 0.25, 0.2, 0.043, 0.013], [5900, 6000, 5e-324, 0.2, 0.043, 0.013],
            [5900, 6000, 0.25, 5e-324, 0.043, 0.013], [5900, 6000, 0.25, 1e-160, 0.043, 0.013], [5900, 6000, 0.25, 0.2, 1e100, 0.013],
            [5900, 6000, 0.25, 0.2, -1e100, 0.013], [5900, 6000, 0.25, 0.2, 0.043, 1e100], [5900, 1e307, 0.25, 0.2, 0.043, 0.013],
        ];
        OptionStatus[] expected =
        [
            OptionStatus.InvalidUnderlying, OptionStatus.InvalidStrike, OptionStatus.InvalidTime, OptionStatus.InvalidVol, OptionStatus.InvalidVol,
            OptionStatus.InvalidRate, OptionStatus.InvalidRate, OptionStatus.InvalidDividend, OptionStatus.InvalidStrike,
        ];
        var rows = new Rows();
        foreach (double[] c in cases) rows.Add(OptionKind.Call, PricingModel.BlackScholesMerton, c);
        var (status, outputs) = Run<double>(Engine(engine), rows, x => x);
        Assert.Equal(expected, status);
        foreach (double[] column in outputs) Assert.All(column, v => Assert.True(double.IsNaN(v)));
    }

    private static double[] Inputs(Rows rows, int i) => [rows.In[0][i], rows.In[1][i], rows.In[2][i], rows.In[3][i], rows.In[4][i], rows.In[5][i]];

    private static string Describe(Rows rows, int i)
        => $"{rows.Kind[i]} {rows.Model[i]} S={rows.In[0][i]:R} K={rows.In[1][i]:R} t={rows.In[2][i]:R} vol={rows.In[3][i]:R} r={rows.In[4][i]:R} q={rows.In[5][i]:R}";

    /// <summary>ok: every output finite, parity (when the other kind of the same row is present) and bounds; otherwise every output NaN.</summary>
    private static void CheckRow(Rows rows, int i, OptionStatus status, double[][] outputs, double[] x, double relTol, string label, double absTol = 0)
    {
        string where = $"{label} row {i} {Describe(rows, i)}";
        if (status != OptionStatus.Ok)
        {
            for (int g = 0; g < outputs.Length; g++) Assert.True(double.IsNaN(outputs[g][i]), $"{where}: {GreekInfo.All[g]} = {outputs[g][i]} under {status}");
            return;
        }

        for (int g = 0; g < outputs.Length; g++) Assert.True(double.IsFinite(outputs[g][i]), $"{where}: {GreekInfo.All[g]} = {outputs[g][i]} under ok");

        // Independent bounds (no-arbitrage), in the row's own discounting: Black-76 discounts the forward at r.
        double s = x[0], k = x[1], t = x[2], r = x[4], q = rows.Model[i] == PricingModel.Black76 ? r : x[5];
        double sdq = s * Math.Exp(-q * t), kdr = k * Math.Exp(-r * t), dq = Math.Exp(-q * t);
        double scale = sdq + kdr;
        double price = outputs[0][i], delta = outputs[1][i], itm = outputs[17][i];
        double tol = (relTol * scale) + absTol;
        bool call = rows.Kind[i] == OptionKind.Call;
        double intrinsic = Math.Max(call ? sdq - kdr : kdr - sdq, 0);
        double upper = call ? sdq : kdr;
        Assert.True(price >= intrinsic - tol && price <= upper + tol, $"{where}: price {price:R} outside [{intrinsic:R}, {upper:R}]");
        Assert.True(Math.Abs(delta) <= dq * (1 + relTol) && (call ? delta >= -relTol * dq : delta <= relTol * dq), $"{where}: delta {delta:R}");
        Assert.True(itm >= -relTol && itm <= 1 + relTol, $"{where}: itm probability {itm:R}");

        // Put-call parity against the row of the other kind with the same inputs (the sweep is built kind-major).
        int half = rows.Count / 2;
        if (call && i + half < rows.Count && rows.Kind[i + half] == OptionKind.Put && rows.Model[i + half] == rows.Model[i]
            && outputs[0][i + half] is double put && double.IsFinite(put))
        {
            double parity = price - put - (sdq - kdr);
            Assert.True(Math.Abs(parity) <= tol, $"{where}: C - P - (S e^-qt - K e^-rt) = {parity:R} (tolerance {tol:R})");
        }
    }

    private static (OptionStatus[] Status, double[][] Outputs) Run<T>(IGreeksEngine engine, Rows rows, Func<double, T> convert)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int n = rows.Count;
        T[][] x = rows.In.Select(c => c.Select(convert).ToArray()).ToArray();
        var batch = new OptionBatch<T>(rows.Kind.ToArray(), x[0], x[1], x[2], x[3], x[4], x[5], rows.Model.ToArray());
        var buffer = new GreeksBuffer<T>(n, Greek.All);
        ComputeResult result = Compute(engine, batch, buffer.AsOutput(n));
        Assert.Equal(n, result.Count);
        double[][] outputs = GreekInfo.All.ToArray().Select(g => buffer[g].Select(v => double.CreateTruncating(v)).ToArray()).ToArray();
        return (buffer.Status.ToArray(), outputs);
    }

    private static ComputeResult Compute<T>(IGreeksEngine engine, in OptionBatch<T> batch, in GreeksOutput<T> output)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            var b = System.Runtime.CompilerServices.Unsafe.As<OptionBatch<T>, OptionBatch<double>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in batch));
            var o = System.Runtime.CompilerServices.Unsafe.As<GreeksOutput<T>, GreeksOutput<double>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in output));
            return engine.Compute(b, o);
        }
        else
        {
            var b = System.Runtime.CompilerServices.Unsafe.As<OptionBatch<T>, OptionBatch<float>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in batch));
            var o = System.Runtime.CompilerServices.Unsafe.As<GreeksOutput<T>, GreeksOutput<float>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in output));
            return engine.Compute(b, o);
        }
    }
}

/// <summary>The grid fast path of the SIMD engine (per-expiry terms broadcast, strike and vol checked per lane) applies the same domain.</summary>
public sealed class GridInputDomainTests
{
    [Fact]
    public void GridLanesOutsideTheDomainGetTheScalarStatus()
    {
        // 32 strikes per expiry so that whole vectors run the grid path; a few are outside the domain, and so are some vols.
        double[] strikes = Enumerable.Range(0, 32).Select(i => 5000.0 + (i * 50)).ToArray();
        strikes[3] = 1e-310;
        strikes[9] = 1e307;
        strikes[17] = 5e-9;
        Grid.GridExpiry[] expiries = [Grid.GridExpiry.Bsm(0.25, 0.043, 0.013), Grid.GridExpiry.Bsm(2e-13, 0.043, 0.013), Grid.GridExpiry.Bsm(0.5, 6.0, 0.013)];
        var grid = Grid.GreeksGrid.BlackScholesMerton(5900, strikes, expiries);
        double[] vols = Enumerable.Range(0, grid.Count).Select(i => 0.15 + (i % 7 * 0.02)).ToArray();
        vols[5] = 1e-160;
        vols[20] = 5e-324;
        vols[28] = 101;
        var simd = new GreeksBuffer<double>(grid.Count, Greek.All);
        var scalar = new GreeksBuffer<double>(grid.Count, Greek.All);
        grid.Compute(new SimdGreeksEngine(), vols, simd);
        grid.Compute(new ScalarGreeksEngine(), vols, scalar);
        Assert.Equal(scalar.Status, simd.Status);
        Assert.Equal(OptionStatus.InvalidStrike, simd.Status[3]);
        Assert.Equal(OptionStatus.InvalidVol, simd.Status[5]);
        Assert.Equal(OptionStatus.InvalidStrike, simd.Status[9]);
        Assert.Equal(OptionStatus.InvalidVol, simd.Status[20]);
        Assert.Equal(OptionStatus.InvalidVol, simd.Status[28]);
        Assert.All(Enumerable.Range(32, 32).Where(i => i != 32 + 3 && i != 32 + 9 && i != 32 + 17), i => Assert.Equal(OptionStatus.InvalidTime, simd.Status[i]));
        Assert.All(Enumerable.Range(64, 32).Where(i => i != 64 + 3 && i != 64 + 9 && i != 64 + 17), i => Assert.Equal(OptionStatus.InvalidRate, simd.Status[i]));
        for (int i = 0; i < grid.Count; i++)
        {
            foreach (Greek g in GreekInfo.All)
            {
                if (simd.Status[i] != OptionStatus.Ok) Assert.True(double.IsNaN(simd[g][i]), $"row {i} {g}");
                else Assert.True(double.IsFinite(simd[g][i]), $"row {i} {g}");
            }
        }
    }
}
