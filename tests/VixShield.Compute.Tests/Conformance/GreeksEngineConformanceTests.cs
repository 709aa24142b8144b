using System.Numerics;
using System.Text;
using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Conformance;

/// <summary>
/// The conformance suite every <see cref="IGreeksEngine"/> must pass (ILGPU-tests style: this one abstract
/// suite, and a thin subclass per backend that only says how to create the engine and, if its arithmetic
/// differs, its tolerances). The engine is compared with the scalar reference engine
/// (<see cref="ScalarGreeksEngine"/>, evaluated one row per call) on the fixed deterministic input set of
/// <see cref="ConformanceCases"/>: SPX smiles from 1 minute to 2 years with wings to ±12 standard deviations,
/// 10-delta 1-day wings, VIX Black-76 rows, t = 0, vol = 0, ATM at t = 0, extreme parameters and one bad
/// row per <see cref="OptionStatus"/>, interleaved so that every window mixes models, kinds and bad rows.
/// <para>
/// Tolerance (float64): |engine - reference| &lt;= <see cref="RelTol64"/> · |reference| +
/// <see cref="AbsFloorFactor64"/> · M, where M is the largest |value| of the same output over the row's
/// smile group (same model, underlying and expiry). For the price M is of the order of the underlying, so
/// the floor is "scaled to the underlying"; for a Greek it is scaled to that Greek's own size on the smile,
/// which is what a sign change (vanna, volga, zomma, ... crossing zero) needs. Default 1e-13 relative and
/// 1e-14 · M.
/// </para>
/// <para>
/// Tolerance (float32): the engine's float32 path against the reference's float32 path on the same
/// float32 inputs, |engine - reference| &lt;= <see cref="RelTol32"/> · |reference| +
/// <see cref="AbsFloorFactor32"/> · M (defaults 1e-4 and 1e-5: a few hundred float32 ulps, to allow a
/// different but correctly rounded-ish exp/log/erfc on the vector or GPU path, amplified by the
/// conditioning of d1 = ln(F/K)/(σ√t) + σ√t/2 for minute expiries).
/// </para>
/// Bad rows must get the reference status and NaN in every requested output.
/// </summary>
public abstract class GreeksEngineConformanceTests
{
    private IGreeksEngine? _engine;

    /// <summary>Creates the engine under test (may return a shared instance; the suite never disposes it).</summary>
    protected abstract IGreeksEngine CreateEngine();

    /// <summary>Relative tolerance for float64 outputs.</summary>
    protected virtual double RelTol64 => 1e-13;

    /// <summary>Absolute floor for float64, as a fraction of the output's largest |value| in the row's smile group.</summary>
    protected virtual double AbsFloorFactor64 => 1e-14;

    /// <summary>Relative tolerance for float32 outputs (against the reference's float32 path).</summary>
    protected virtual double RelTol32 => 1e-4;

    /// <summary>Absolute floor for float32, as a fraction of the output's largest |value| in the row's smile group.</summary>
    protected virtual double AbsFloorFactor32 => 1e-5;

    /// <summary>The engine under test, created once per test.</summary>
    protected IGreeksEngine Engine => _engine ??= CreateEngine();

    private static IReadOnlyList<ConformanceCase> Cases => ConformanceCases.All;

    [Fact]
    public void InfoIsDescribed()
    {
        Assert.False(string.IsNullOrWhiteSpace(Engine.Info.Name));
        Assert.False(string.IsNullOrWhiteSpace(Engine.Info.Description));
        Assert.True(Engine.Info.VectorBits >= 32);
        Assert.True(Engine.Info.Threads >= 1);
    }

    [Fact]
    public void CaseSetCoversEveryStatus()
    {
        var seen = ConformanceReference<double>.Instance.Status.ToHashSet();
        // out_of_range only exists in float32 (an overflow of valid inputs, the same rows in both precisions here):
        // InputDomainTests.EveryInputFromSubnormalToMaxFloat32 checks it on every engine.
        foreach (OptionStatus s in Enum.GetValues<OptionStatus>())
        {
            if (s != OptionStatus.OutOfRange) Assert.Contains(s, seen);
        }
        Assert.Equal(Cases.Select(c => c.Expected), ConformanceReference<double>.Instance.Status);
        Assert.Equal(Cases.Select(c => c.Expected), ConformanceReference<float>.Instance.Status);
    }

    [Fact]
    public void WholeSetFloat64MatchesReference()
    {
        var rows = Window(0, Cases.Count);
        var inputs = new ConformanceInputs<double>(rows);
        var buffer = new GreeksBuffer<double>(rows.Count, Greek.All);
        ComputeResult result = Engine.Compute(inputs.Batch, buffer.AsOutput(rows.Count));
        Assert.Equal(Precision.Double, result.Precision);
        Assert.Equal(rows.Count, result.Count);
        Assert.Equal(rows.Count(c => c.Expected != OptionStatus.Ok), result.InvalidCount);
        if (!result.FellBack) Assert.Equal(Engine.Info.Name, result.Engine);
        AssertMatches(buffer, Greek.All, 0, rows.Count, RelTol64, AbsFloorFactor64, "whole set float64");
    }

    [Fact]
    public void WholeSetFloat32MatchesReference()
    {
        var rows = Window(0, Cases.Count);
        var inputs = new ConformanceInputs<float>(rows);
        var buffer = new GreeksBuffer<float>(rows.Count, Greek.All);
        ComputeResult result = Engine.Compute(inputs.Batch, buffer.AsOutput(rows.Count));
        Assert.Equal(Precision.Single, result.Precision);
        Assert.Equal(rows.Count, result.Count);
        Assert.Equal(rows.Count(c => c.Expected != OptionStatus.Ok), result.InvalidCount);
        AssertMatches(buffer, Greek.All, 0, rows.Count, RelTol32, AbsFloorFactor32, "whole set float32");
    }

    /// <summary>Every length 1..256, starting at a different row each time and at an unaligned input offset: hits every SIMD tail.</summary>
    [Fact]
    public void EveryBatchLength1To256Float64()
    {
        for (int n = 1; n <= 256; n++)
        {
            int start = n * 37 % Cases.Count;
            var inputs = new ConformanceInputs<double>(Window(start, n), offset: n % 5);
            var buffer = new GreeksBuffer<double>(n, Greek.All);
            ComputeResult result = Engine.Compute(inputs.Batch, buffer.AsOutput(n));
            Assert.Equal(n, result.Count);
            AssertMatches(buffer, Greek.All, start, n, RelTol64, AbsFloorFactor64, $"length {n}");
        }
    }

    /// <summary>Every length 1..256 in float32.</summary>
    [Fact]
    public void EveryBatchLength1To256Float32()
    {
        for (int n = 1; n <= 256; n++)
        {
            int start = n * 53 % Cases.Count;
            var inputs = new ConformanceInputs<float>(Window(start, n), offset: n % 3);
            var buffer = new GreeksBuffer<float>(n, Greek.All);
            ComputeResult result = Engine.Compute(inputs.Batch, buffer.AsOutput(n));
            Assert.Equal(n, result.Count);
            AssertMatches(buffer, Greek.All, start, n, RelTol32, AbsFloorFactor32, $"length {n}");
        }
    }

    /// <summary>Every bad row, in the middle of good rows: status, NaN in all outputs, neighbours exactly as alone.</summary>
    [Fact]
    public void BadRowsGetStatusAndNaNAndLeaveNeighboursUntouched()
    {
        var all = ConformanceReference<double>.Instance;
        int[] bad = Enumerable.Range(0, Cases.Count).Where(i => all.Status[i] != OptionStatus.Ok).ToArray();
        int[] good = Enumerable.Range(0, Cases.Count).Where(i => all.Status[i] == OptionStatus.Ok).ToArray();
        Assert.NotEmpty(bad);
        foreach (int b in bad)
        {
            // 7 good rows, the bad row, 8 good rows: the bad row sits inside a vector for widths 2..16.
            var idx = new List<int>();
            for (int j = 0; j < 7; j++) idx.Add(good[(b + j) % good.Length]);
            idx.Add(b);
            for (int j = 7; j < 15; j++) idx.Add(good[(b + j) % good.Length]);
            var rows = idx.Select(i => Cases[i]).ToList();
            var buffer = new GreeksBuffer<double>(rows.Count, Greek.All);
            ComputeResult result = Engine.Compute(new ConformanceInputs<double>(rows).Batch, buffer.AsOutput(rows.Count));
            Assert.Equal(1, result.InvalidCount);
            for (int r = 0; r < rows.Count; r++)
            {
                int i = idx[r];
                Assert.Equal(all.Status[i], buffer.Status[r]);
                foreach (Greek g in GreekInfo.All)
                {
                    double actual = buffer[g][r];
                    double expected = all.Values[GreekInfo.IndexOf(g)][i];
                    if (r == 7)
                    {
                        Assert.True(double.IsNaN(actual), $"{Cases[i]}: {GreekInfo.Name(g)} = {actual}, expected NaN");
                    }
                    else
                    {
                        Check(actual, expected, RelTol64, AbsFloorFactor64 * all.GroupMax[GreekInfo.IndexOf(g)][Cases[i].Group], $"neighbour of {Cases[b]}: row {Cases[i]} {GreekInfo.Name(g)}");
                    }
                }
            }
        }
    }

    public static TheoryData<uint> OutputSubsets()
    {
        var data = new TheoryData<uint>();
        foreach (Greek g in GreekInfo.All) data.Add((uint)g);
        data.Add((uint)Greek.PriceAndFirstOrder);
        data.Add((uint)Greek.SecondOrder);
        data.Add((uint)Greek.ThirdOrder);
        data.Add((uint)(Greek.Price | Greek.Delta));
        data.Add((uint)(Greek.Theta | Greek.Ultima));
        data.Add((uint)(Greek.Rho | Greek.DualGamma | Greek.ItmProbability));
        data.Add((uint)(Greek.Charm | Greek.Color | Greek.Veta));
        data.Add((uint)Greek.All);
        return data;
    }

    /// <summary>
    /// Only the requested outputs are written, only inside their rows: outputs are slices of larger arrays
    /// filled with a sentinel, and the cells before and after each slice (and every unrequested array) stay
    /// bit-identical; requested values match the reference whatever else is requested.
    /// </summary>
    [Theory]
    [MemberData(nameof(OutputSubsets))]
    public void OnlyRequestedOutputsAreWritten(uint subset)
    {
        RequestedOnly<double>((Greek)subset, 8.25e300, RelTol64, AbsFloorFactor64);
        RequestedOnly<float>((Greek)subset, -7.5e30f, RelTol32, AbsFloorFactor32);
    }

    private void RequestedOnly<T>(Greek wanted, T sentinel, double rel, double absFactor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int guard = 19;
        foreach (int n in new[] { 1, 3, 8, 17, 67 })
        {
            int start = n * 11 % Cases.Count;
            var inputs = new ConformanceInputs<T>(Window(start, n));
            var arrays = new T[GreekInfo.Count][];
            for (int g = 0; g < GreekInfo.Count; g++) arrays[g] = Enumerable.Repeat(sentinel, n + (2 * guard)).ToArray();
            var status = Enumerable.Repeat((OptionStatus)255, n + (2 * guard)).ToArray();
            Span<T> Slot(Greek g) => (wanted & g) != 0 ? arrays[GreekInfo.IndexOf(g)].AsSpan(guard, n) : default;
            var output = new GreeksOutput<T>
            {
                Status = status.AsSpan(guard, n),
                Price = Slot(Greek.Price), Delta = Slot(Greek.Delta), Gamma = Slot(Greek.Gamma), Vega = Slot(Greek.Vega),
                Theta = Slot(Greek.Theta), Rho = Slot(Greek.Rho), Phi = Slot(Greek.Phi), Vanna = Slot(Greek.Vanna),
                Volga = Slot(Greek.Volga), Charm = Slot(Greek.Charm), Veta = Slot(Greek.Veta), Speed = Slot(Greek.Speed),
                Zomma = Slot(Greek.Zomma), Color = Slot(Greek.Color), Ultima = Slot(Greek.Ultima),
                DualDelta = Slot(Greek.DualDelta), DualGamma = Slot(Greek.DualGamma), ItmProbability = Slot(Greek.ItmProbability),
            };
            Assert.Equal(wanted, output.Requested);
            EngineDispatch.Compute(Engine, inputs.Batch, output);

            var reference = ConformanceReference<T>.Instance;
            for (int j = 0; j < n + (2 * guard); j++)
            {
                bool inside = j >= guard && j < guard + n;
                if (!inside) Assert.Equal((OptionStatus)255, status[j]);
                else Assert.Equal(reference.Status[(start + j - guard) % Cases.Count], status[j]);
                foreach (Greek g in GreekInfo.All)
                {
                    T v = arrays[GreekInfo.IndexOf(g)][j];
                    if (!inside || (wanted & g) == 0)
                    {
                        Assert.True(
                            v.Equals(sentinel),
                            $"{GreekInfo.Name(g)} cell {j - guard} of a {n}-row batch requesting {wanted} was overwritten with {v}");
                    }
                    else
                    {
                        int i = (start + j - guard) % Cases.Count;
                        int gi = GreekInfo.IndexOf(g);
                        Check(double.CreateChecked(v), reference.Values[gi][i], rel, absFactor * reference.GroupMax[gi][Cases[i].Group], $"{typeof(T).Name} {Cases[i]} {GreekInfo.Name(g)} requesting {wanted}");
                    }
                }
            }
        }
    }

    [Fact]
    public void MismatchedOutputLengthThrowsArgumentException()
    {
        var rows = Window(0, 10);
        var inputs64 = new ConformanceInputs<double>(rows);
        var inputs32 = new ConformanceInputs<float>(rows);
        Assert.Throws<ArgumentException>(() => Engine.Compute(inputs64.Batch, new GreeksOutput<double> { Status = new OptionStatus[10], Price = new double[9] }));
        Assert.Throws<ArgumentException>(() => Engine.Compute(inputs64.Batch, new GreeksOutput<double> { Status = new OptionStatus[10], Delta = new double[10], Ultima = new double[11] }));
        Assert.Throws<ArgumentException>(() => Engine.Compute(inputs64.Batch, new GreeksOutput<double> { Status = new OptionStatus[9], Price = new double[10] }));
        Assert.Throws<ArgumentException>(() => Engine.Compute(inputs32.Batch, new GreeksOutput<float> { Status = new OptionStatus[10], Gamma = new float[12] }));
        Assert.Throws<ArgumentException>(() => Engine.Compute(inputs32.Batch, new GreeksOutput<float> { Status = new OptionStatus[11], ItmProbability = new float[10] }));
        Assert.Throws<ArgumentException>(() => new OptionBatch<double>(new OptionKind[3], new double[3], new double[3], new double[2], new double[3], new double[3]));
        Assert.Throws<ArgumentException>(() => new OptionBatch<float>(new OptionKind[3], new float[3], new float[3], new float[3], new float[3], new float[3], new float[4]));
    }

    /// <summary>Prices whose terms underflow (far out of the money), or that are worth nothing at t = 0 or vol = 0,
    /// are +0 on every path and width, never -0 (the put's ω = -1 times +0). 40 rows: every vector width and a tail.</summary>
    [Fact]
    public void WorthlessOptionsPricePositiveZero()
    {
        const int n = 40;
        var kind = new OptionKind[n];
        var s = new double[n];
        var k = new double[n];
        var t = new double[n];
        var vol = new double[n];
        var r = new double[n];
        var q = new double[n];
        for (int i = 0; i < n; i++)
        {
            bool put = (i & 1) == 0;
            kind[i] = put ? OptionKind.Put : OptionKind.Call;
            s[i] = 5900;
            k[i] = put ? 100 : 59_000; // 40+ standard deviations out of the money
            (t[i], vol[i]) = (i % 4) switch { 0 or 1 => (0.0833, 0.15), 2 => (0.0, 0.15), _ => (0.0833, 0.0) };
            r[i] = 0.043;
            q[i] = 0.013;
        }

        var out64 = new GreeksBuffer<double>(n, Greek.Price);
        Engine.Compute(new OptionBatch<double>(kind, s, k, t, vol, r, q), out64.AsOutput(n));
        var out32 = new GreeksBuffer<float>(n, Greek.Price);
        Engine.Compute(new OptionBatch<float>(kind, s.Select(x => (float)x).ToArray(), k.Select(x => (float)x).ToArray(),
            t.Select(x => (float)x).ToArray(), vol.Select(x => (float)x).ToArray(), r.Select(x => (float)x).ToArray(),
            q.Select(x => (float)x).ToArray()), out32.AsOutput(n));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(OptionStatus.Ok, out64.Status[i]);
            double p = out64[Greek.Price][i];
            float p32 = out32[Greek.Price][i];
            Assert.True(p == 0 && !double.IsNegative(p), $"row {i} ({kind[i]}, t {t[i]}, vol {vol[i]}): float64 price {p:R}");
            Assert.True(p32 == 0 && !float.IsNegative(p32), $"row {i} ({kind[i]}, t {t[i]}, vol {vol[i]}): float32 price {p32:R}");
        }
    }

    [Fact]
    public void EmptyBatchIsFine()
    {
        ComputeResult r64 = Engine.Compute(new ConformanceInputs<double>([]).Batch, new GreeksBuffer<double>(0, Greek.All).AsOutput(0));
        ComputeResult r32 = Engine.Compute(new ConformanceInputs<float>([]).Batch, new GreeksBuffer<float>(0, Greek.All).AsOutput(0));
        Assert.Equal(0, r64.Count);
        Assert.Equal(0, r32.Count);
    }

    [Fact]
    public void PreCancelledTokenThrows()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var rows = Window(0, 5000);
        var inputs64 = new ConformanceInputs<double>(rows);
        var inputs32 = new ConformanceInputs<float>(rows);
        var b64 = new GreeksBuffer<double>(rows.Count, Greek.All);
        var b32 = new GreeksBuffer<float>(rows.Count, Greek.All);
        Assert.ThrowsAny<OperationCanceledException>(() => Engine.Compute(inputs64.Batch, b64.AsOutput(rows.Count), cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Engine.Compute(inputs32.Batch, b32.AsOutput(rows.Count), cts.Token));
    }

    /// <summary>Many threads share one engine instance, each with its own rows and outputs, mixing precisions.</summary>
    [Fact]
    public void ManyThreadsOnOneEngine()
    {
        IGreeksEngine engine = Engine;
        const int threads = 8, iterations = 12;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var go = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            go.SignalAndWait();
            for (int it = 0; it < iterations; it++)
            {
                int n = 1 + ((w * 131 + it * 71) % 600);
                int start = (w * 17 + it * 29) % Cases.Count;
                try
                {
                    if ((w + it) % 2 == 0)
                    {
                        var buffer = new GreeksBuffer<double>(n, Greek.All);
                        engine.Compute(new ConformanceInputs<double>(Window(start, n)).Batch, buffer.AsOutput(n));
                        AssertMatches(buffer, Greek.All, start, n, RelTol64, AbsFloorFactor64, $"thread {w} iteration {it}");
                    }
                    else
                    {
                        var buffer = new GreeksBuffer<float>(n, Greek.All);
                        engine.Compute(new ConformanceInputs<float>(Window(start, n)).Batch, buffer.AsOutput(n));
                        AssertMatches(buffer, Greek.All, start, n, RelTol32, AbsFloorFactor32, $"thread {w} iteration {it}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
    }

    /// <summary>Rows start, start+1, ... (cyclic over the conformance set).</summary>
    protected static List<ConformanceCase> Window(int start, int n)
    {
        var rows = new List<ConformanceCase>(n);
        for (int i = 0; i < n; i++) rows.Add(Cases[(start + i) % Cases.Count]);
        return rows;
    }

    /// <summary>Compares rows [0, n) of <paramref name="buffer"/> with reference rows start, start+1, ... (cyclic).</summary>
    protected static void AssertMatches<T>(GreeksBuffer<T> buffer, Greek wanted, int start, int n, double rel, double absFactor, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reference = ConformanceReference<T>.Instance;
        StringBuilder? errors = null;
        int count = 0;
        for (int r = 0; r < n; r++)
        {
            int i = (start + r) % Cases.Count;
            if (buffer.Status[r] != reference.Status[i])
            {
                (errors ??= new()).AppendLine($"{context}: row {r} {Cases[i]} status {buffer.Status[r]}, expected {reference.Status[i]}");
                count++;
                continue;
            }

            foreach (Greek g in GreekInfo.All)
            {
                if ((wanted & g) == 0) continue;
                int gi = GreekInfo.IndexOf(g);
                double actual = double.CreateChecked(buffer[g][r]);
                double expected = reference.Values[gi][i];
                if (!Within(actual, expected, rel, absFactor * reference.GroupMax[gi][Cases[i].Group]))
                {
                    if (count++ < 20) (errors ??= new()).AppendLine($"{context}: row {r} {Cases[i]} {GreekInfo.Name(g)} = {actual:R}, reference {expected:R}, diff {actual - expected:E3}");
                }
            }
        }

        Assert.True(errors is null, $"{count} mismatches ({typeof(T).Name}):\n{errors}");
    }

    private static void Check(double actual, double expected, double rel, double abs, string what) =>
        Assert.True(Within(actual, expected, rel, abs), $"{what}: {actual:R}, reference {expected:R}, diff {actual - expected:E3}, allowed {rel:E1} relative + {abs:E3}");

    /// <summary>True when both are NaN, equal, or within rel·|expected| + abs.</summary>
    protected static bool Within(double actual, double expected, double rel, double abs)
    {
        if (double.IsNaN(expected)) return double.IsNaN(actual);
        if (actual == expected) return true;
        return Math.Abs(actual - expected) <= (rel * Math.Abs(expected)) + abs;
    }
}

/// <summary>The scalar reference engine against itself row by row: batch evaluation equals one-row evaluation.</summary>
public sealed class ScalarEngineConformanceTests : GreeksEngineConformanceTests
{
    /// <inheritdoc/>
    protected override IGreeksEngine CreateEngine() => new ScalarGreeksEngine();
}
