using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Gpu;
using VixShield.Compute.Scenarios;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>The ILGPU scenario kernel (on ILGPU's CPU accelerator here; the same kernel runs on CUDA) against the CPU
/// kernels: per-draw P&amp;L within 1e-10 × max(1 $, |P&amp;L|), the same delta-band counts and risk measures.</summary>
public sealed class ScenarioDeviceTests
{
    private static readonly Lazy<IlgpuScenarioDevice> Device = new(() => new IlgpuScenarioDevice(GpuTestEngines.IlgpuCpu, maxChunkRows: 100));

    private static ScenarioRunOptions OnDevice => new() { Engine = ScenarioEngine.Device, Device = Device.Value };

    private static PricedBook Sample(SmileDynamics dynamics = SmileDynamics.StickyStrikePerExpiry) =>
        PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create(), dynamics);

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double x = expected[i], y = actual[i];
            Assert.True(Math.Abs(x - y) <= 1e-10 * Math.Max(1.0, Math.Abs(x)), $"{what}, row {i}: CPU {x:R}, device {y:R}");
        }
    }

    [Fact]
    public void SiloScenarioEngine_OnAnIlgpuEngine_RunsShardsOnTheDevice_FromTheirFirstDraw()
    {
        // A silo whose engine is the GPU computes its shards with the device kernel (here on ILGPU's CPU accelerator);
        // a shard that starts at draw 4096 must hold draws 4096.., not 0.. (the device keys draws by index too).
        using var silo = VixShield.Compute.Orleans.SiloScenarioEngine.ForEngine(GpuTestEngines.IlgpuCpu, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal(ScenarioEngine.Device, silo.Options.Engine);
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 4096 + 300, Seed = 8 };
        MonteCarloShard onDevice = VolShockMonteCarlo.RunShard(book, settings, 4096, 300, silo.Options);
        MonteCarloShard onCpu = VolShockMonteCarlo.RunShard(book, settings, 4096, 300);
        for (int li = 0; li < onCpu.LayerPnl.Length; li++) AssertClose(onCpu.LayerPnl[li], onDevice.LayerPnl[li], $"layer {li}");
        Assert.Equal(onCpu.BreachedWithHedge, onDevice.BreachedWithHedge);
        using var simdEngine = new VixShield.Compute.Engines.SimdGreeksEngine();
        using var simd = VixShield.Compute.Orleans.SiloScenarioEngine.ForEngine(simdEngine, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal(ScenarioEngine.Simd, simd.Options.Engine);
    }

    [Theory]
    [InlineData(SmileDynamics.StickyStrikePerExpiry, 1.0)]
    [InlineData(SmileDynamics.RollDown, 5.0)]
    [InlineData(SmileDynamics.StickyMoneyness, 3.0)]
    public void MonteCarloPerDrawPnlEqualsScalarAndSimd(SmileDynamics dynamics, double horizon)
    {
        PricedBook book = Sample(dynamics);
        // 403 draws over chunks of 100: several launches and a short last one.
        var settings = new MonteCarloSettings { Draws = 403, Seed = 11, HorizonDays = horizon, JumpIntensity = 40 };
        MonteCarloResult scalar = VolShockMonteCarlo.Run(book, settings, new ScenarioRunOptions { Engine = ScenarioEngine.Scalar });
        MonteCarloResult simd = VolShockMonteCarlo.Run(book, settings);
        MonteCarloResult gpu = VolShockMonteCarlo.Run(book, settings, OnDevice);
        Assert.True(Device.Value.LastFallback is null, Device.Value.LastFallback);
        for (int li = 0; li < book.Book.Layers.Count; li++)
        {
            AssertClose(scalar.Pnl.LayerPnl[li], gpu.Pnl.LayerPnl[li], $"layer {li} vs scalar");
            AssertClose(simd.Pnl.LayerPnl[li], gpu.Pnl.LayerPnl[li], $"layer {li} vs SIMD");
        }

        Assert.Contains(scalar.Pnl.WithHedge, x => Math.Abs(x) > 1000); // the book moves: the comparison is not of zeros
        Assert.Equal(scalar.DeltaBandBreachWithHedge, gpu.DeltaBandBreachWithHedge);
        Assert.Equal(scalar.DeltaBandBreachWithoutHedge, gpu.DeltaBandBreachWithoutHedge);
        for (int c = 0; c < settings.Confidences.Count; c++)
        {
            double es = scalar.WithHedge.Tails[c].ExpectedShortfall;
            Assert.True(Math.Abs(es - gpu.WithHedge.Tails[c].ExpectedShortfall) <= 1e-10 * Math.Abs(es), $"ES {settings.Confidences[c]}");
        }
    }

    [Fact]
    public void StressGridCellsEqualTheCpuKernel()
    {
        PricedBook book = Sample();
        var settings = new StressGridSettings { DaysForward = [0, 1, 30], RateShifts = [-0.0025, 0.01] };
        StressGridResult cpu = StressGrid.Run(book, settings);
        StressGridResult gpu = StressGrid.Run(book, settings, OnDevice);
        Assert.True(Device.Value.LastFallback is null, Device.Value.LastFallback);
        for (int li = 0; li < book.Book.Layers.Count; li++) AssertClose(cpu.Pnl.LayerPnl[li], gpu.Pnl.LayerPnl[li], $"layer {li}");
    }

    [Fact]
    public void PositionGroupingAndOverlaysEqualTheCpuKernel()
    {
        PricedBook book = Sample();
        ScenarioShock[] shocks = [new(-0.05, 0.03, 0.1, null, 0.05, 0.001, 2), new(0.02, -0.01), new(-0.30, 0.4, 0.5, 0.8, 0.6, -0.01, 40)];
        double[][] cpu = book.Revalue(shocks, PnlGrouping.Position);
        double[][] gpu = book.Revalue(shocks, PnlGrouping.Position, OnDevice);
        Assert.Equal(cpu.Length, gpu.Length);
        for (int p = 0; p < cpu.Length; p++) AssertClose(cpu[p], gpu[p], $"position {p}");
    }

    [Fact]
    public void ADeviceFailureIsFinishedOnTheCpuWithTheSameResult()
    {
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 64, Seed = 3 };
        var failing = new IlgpuScenarioDevice(GpuTestEngines.IlgpuCpu, maxChunkRows: 16) { FaultInjector = step => { if (step == "download") throw new InvalidOperationException("simulated driver fault"); } };
        MonteCarloResult simd = VolShockMonteCarlo.Run(book, settings);
        MonteCarloResult fallback = VolShockMonteCarlo.Run(book, settings, new ScenarioRunOptions { Engine = ScenarioEngine.Device, Device = failing });
        Assert.Contains("simulated driver fault", failing.LastFallback, StringComparison.Ordinal);
        for (int li = 0; li < book.Book.Layers.Count; li++) Assert.Equal(simd.Pnl.LayerPnl[li], fallback.Pnl.LayerPnl[li]);
    }

    [Fact]
    public void CancellationStopsBetweenChunks()
    {
        using var cts = new CancellationTokenSource();
        var progress = new InlineProgress(f => { if (f > 0) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            VolShockMonteCarlo.Run(Sample(), new MonteCarloSettings { Draws = 1000 }, OnDevice, progress, cts.Token));
    }

    [Fact]
    public void MisuseIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Run(Sample(), new MonteCarloSettings { Draws = 8 }, new ScenarioRunOptions { Engine = ScenarioEngine.Device }));
        Assert.Contains("IlgpuScenarioDevice", e.Message, StringComparison.Ordinal);
        Assert.Contains("ILGPU scenario kernel", Device.Value.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioKernelCompilesToPtxWithoutLibDeviceCalls()
    {
        using var context = Context.Create(b => b.ConfigureVixShield());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        MethodInfo method = typeof(ScenarioKernels).GetMethod(nameof(ScenarioKernels.Run), BindingFlags.Public | BindingFlags.Static)!;
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        string ptx = compiled.PTXAssembly;
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "vixshield-Scenario-64.ptx"), ptx);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain(".extern", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("__nv_", ptx, StringComparison.Ordinal); // no LibDevice: exp, log, sin, cos are the project's own
        Assert.Contains("div.rn.f64", ptx, StringComparison.Ordinal);
        Assert.Matches(@"atom\.global\.add\.u64|red\.global\.add\.u64|atom\.add\.global|red\.add\.global", ptx);
    }
}
