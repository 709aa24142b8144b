using ILGPU.Runtime;
using Microsoft.Extensions.Logging;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>A device that fails mid-call: the request completes on the CPU, identical to the CPU engine, nothing lost or doubled.</summary>
public class FallbackTests
{
    private sealed class FailAt(string operation, int chunk, string message)
    {
        public int Calls;

        public void Invoke(string op, int index)
        {
            if (op == operation && index == chunk)
            {
                Calls++;
                throw new InvalidOperationException(message);
            }
        }
    }

    private static void AssertIdentical(GreeksBuffer<double> expected, GreeksBuffer<double> actual, int n)
    {
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected.Status[i], actual.Status[i]);
            foreach (Greek g in GreekInfo.All)
            {
                double e = expected[g][i], a = actual[g][i];
                if (double.IsNaN(e)) Assert.True(double.IsNaN(a), $"row {i} {g}");
                else Assert.True(Math.Abs(a - e) <= 1e-12 * Math.Max(1e-300, Math.Abs(e)) || Math.Abs(a - e) < 1e-15, $"row {i} {g}: {a:R} vs {e:R}");
            }
        }
    }

    [Theory]
    [InlineData("upload", 3)]
    [InlineData("launch", 0)]
    [InlineData("download", 2)]
    public void KernelFaultMidCallFinishesOnCpu(string operation, int chunk)
    {
        const int n = 64 * 6 + 5; // 7 chunks of 64
        var logs = new ListLoggerFactory();
        using IlgpuGreeksEngine engine = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), logs, maxChunkRows: 64);
        var fault = new FailAt(operation, chunk, "CUDA_ERROR_LAUNCH_FAILED (injected)");
        engine.FaultInjector = fault.Invoke;
        Rows rows = Rows.Make(n, seed: 5);
        var expected = new GreeksBuffer<double>(n, Greek.All);
        ComputeResult er = new ScalarGreeksEngine().Compute(rows.Batch, expected.AsOutput(n));
        var actual = new GreeksBuffer<double>(n, Greek.All);
        // Poison the output: every row must be written by exactly one engine.
        foreach (Greek g in GreekInfo.All) Array.Fill(actual[g], -7e77);
        ComputeResult ar = engine.Compute(rows.Batch, actual.AsOutput(n));

        Assert.True(ar.FellBack);
        Assert.Equal(n, ar.Count);
        Assert.Equal(er.InvalidCount, ar.InvalidCount);   // nothing counted twice, nothing missing
        Assert.EndsWith("scalar", ar.Engine, StringComparison.Ordinal);
        Assert.Equal(1, fault.Calls);                       // a kernel fault is not retried on the device
        AssertIdentical(expected, actual, n);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("CPU engine", StringComparison.Ordinal));
    }

    [Fact]
    public void OutOfMemoryRetriesInSmallerChunksOnTheDevice()
    {
        const int n = 5000;
        var logs = new ListLoggerFactory();
        using IlgpuGreeksEngine engine = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), logs, maxChunkRows: 4096);
        var fault = new FailAt("launch", 0, "out of device memory (injected)");
        engine.FaultInjector = (op, i) =>
        {
            if (fault.Calls == 0) fault.Invoke(op, i);
        };
        Rows rows = Rows.Make(n, seed: 9);
        var expected = new GreeksBuffer<double>(n, Greek.All);
        new ScalarGreeksEngine().Compute(rows.Batch, expected.AsOutput(n));
        var actual = new GreeksBuffer<double>(n, Greek.All);
        ComputeResult ar = engine.Compute(rows.Batch, actual.AsOutput(n));

        Assert.False(ar.FellBack);                          // finished on the device, in chunks of 1024
        Assert.Equal("ilgpu-cpu", ar.Engine);
        AssertIdentical(expected, actual, n);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("retrying", StringComparison.Ordinal));
    }

    [Fact]
    public void GridFaultFinishesOnCpu()
    {
        using IlgpuGreeksEngine engine = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), new ListLoggerFactory(), maxChunkRows: 16);
        engine.FaultInjector = new FailAt("download", 1, "kernel fault (injected)").Invoke;
        double[] strikes = [90, 100, 110, 120, 130, 140, 150];
        OptionKind[] kinds = strikes.Select(_ => OptionKind.Call).ToArray();
        double[] times = [0.01, 0.1, 0.5, 1.0, 2.0];
        double[] vols = Enumerable.Range(0, 35).Select(i => 0.1 + (0.01 * i)).ToArray();
        var grid = new GpuGrid<double>(kinds, strikes, PricingModel.Black76, [100, 101, 102, 103, 104], times, [0.03, 0.03, 0.03, 0.03, 0.03], new double[5], vols);
        var actual = new GreeksBuffer<double>(35, Greek.All);
        ComputeResult ar = engine.ComputeGrid(grid, actual.AsOutput(35));
        Assert.True(ar.FellBack);
        Assert.Equal("ilgpu-cpu+scalar", ar.Engine);
        var (kind, s, k, t, v, r, q, m) = grid.Expand(0, 35);
        var expected = new GreeksBuffer<double>(35, Greek.All);
        new ScalarGreeksEngine().Compute(new OptionBatch<double>(kind, s, k, t, v, r, q, m), expected.AsOutput(35));
        AssertIdentical(expected, actual, 35);
    }

    [Fact]
    public void AggregationFaultRecomputesEverythingOnCpuWithoutDoubleCounting()
    {
        const int n = 300;
        using IlgpuGreeksEngine engine = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), new ListLoggerFactory(), maxChunkRows: 64);
        Rows rows = Rows.Make(n, seed: 2);
        double[] qty = Enumerable.Range(0, n).Select(i => (double)((i % 5) - 2)).ToArray();
        int[] groups = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var clean = new double[6];
        engine.AggregateByGroup(rows.Batch, qty, groups, Greek.Delta | Greek.Vega, clean);
        engine.FaultInjector = new FailAt("aggregate-launch", 3, "kernel fault (injected)").Invoke;
        var faulted = new double[6];
        ComputeResult res = engine.AggregateByGroup(rows.Batch, qty, groups, Greek.Delta | Greek.Vega, faulted);
        Assert.True(res.FellBack);
        for (int i = 0; i < 6; i++) Assert.Equal(clean[i], faulted[i], 1e-9 * Math.Max(1, Math.Abs(clean[i])));
    }

    [Fact]
    public void CancellationIsNotTreatedAsADeviceFailure()
    {
        Rows rows = Rows.Make(200);
        var buf = new GreeksBuffer<double>(200, Greek.Price);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => GpuTestEngines.IlgpuCpu.Compute(rows.Batch, buf.AsOutput(200), cts.Token));
    }
}
