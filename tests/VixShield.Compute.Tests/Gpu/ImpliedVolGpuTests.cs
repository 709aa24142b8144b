using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Microsoft.Extensions.Logging;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Tests.ImpliedVol;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>
/// The GPU implied-vol kernel on ILGPU's CPU accelerator: the same Let's Be Rational code as the CPU solver, instantiated
/// with the GPU math ops (polynomial exp/log, branchy Cody erfc): vols equal to 1e-13 relative, statuses identical, fallback
/// to the CPU solver when the device fails, and a PTX compile without unresolved functions.
/// </summary>
public sealed class ImpliedVolGpuTests(ImpliedVolGpuTests.EngineFixture fixture) : IClassFixture<ImpliedVolGpuTests.EngineFixture>
{
    /// <summary>One CPU-accelerator engine (chunks of 64 rows) for the class: the kernel compiles once.</summary>
    public sealed class EngineFixture : IDisposable
    {
        public ListLoggerFactory Logs { get; } = new();

        public IlgpuGreeksEngine Engine { get; }

        public EngineFixture() => Engine = GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), Logs, maxChunkRows: 64);

        public void Dispose() => Engine.Dispose();
    }

    internal sealed class Quotes
    {
        public OptionKind[] Kind = [];
        public PricingModel[] Model = [];
        public double[] S = [], K = [], T = [], P = [], R = [], Q = [], Vol = [];

        public int Count => Kind.Length;

        public ImpliedVolBatch Batch => new(Kind, S, K, T, P, R, Q, Model);

        /// <summary>
        /// The issue's round-trip domain: vols 1 %..500 %, times 1 minute..5 years, strikes at 10..90 delta (10-delta wings
        /// at 1 day included), calls and puts, BSM and Black-76; then <paramref name="bad"/> rows of each failure kind.
        /// </summary>
        public static Quotes Domain(bool bad = true)
        {
            double[] vols = [0.01, 0.05, 0.2, 0.8, 2.0, 5.0];
            double[] times = [1.0 / 525600, 1.0 / 365, 7.0 / 365, 0.25, 1.0, 5.0];
            double[] deltas = [0.1, 0.25, 0.5, 0.75, 0.9];
            var rows = new List<(OptionKind, PricingModel, double, double, double, double, double, double, double)>();
            foreach (double v in vols)
            foreach (double t in times)
            foreach (double d in deltas)
            foreach (OptionKind kind in (OptionKind[])[OptionKind.Call, OptionKind.Put])
            foreach (PricingModel m in (PricingModel[])[PricingModel.BlackScholesMerton, PricingModel.Black76])
            {
                double s0 = m == PricingModel.Black76 ? 18.0 : 5000.0, r = 0.04, q = m == PricingModel.Black76 ? 0.0 : 0.013;
                double f = m == PricingModel.Black76 ? s0 : s0 * Math.Exp((r - q) * t);
                double sd = v * Math.Sqrt(t);
                double k = f * Math.Exp(-((NormalFunctions.InverseCdf(d) * sd) - (0.5 * sd * sd)));
                double p = ReferencePrices.Price(kind, m, s0, k, t, v, r, q);
                rows.Add((kind, m, s0, k, t, p, r, q, v));
            }

            if (bad)
            {
                rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 5000, 4000, 0.5, 900, 0.04, 0.0, double.NaN));  // below intrinsic
                rows.Add((OptionKind.Put, PricingModel.BlackScholesMerton, 5000, 4000, 0.5, 4100, 0.04, 0.0, double.NaN)); // above maximum
                rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 5000, 5000, 0.5, double.NaN, 0.04, 0.0, double.NaN));
                rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 5000, 5000, 0.0, 100, 0.04, 0.0, double.NaN));   // t = 0
                rows.Add(((OptionKind)3, PricingModel.BlackScholesMerton, 5000, 5000, 0.5, 100, 0.04, 0.0, double.NaN));   // bad kind
                rows.Add((OptionKind.Put, (PricingModel)9, 5000, 5000, 0.5, 100, 0.04, 0.0, double.NaN));                  // bad model
                rows.Add((OptionKind.Put, PricingModel.Black76, 18, 15, 0.5, 0.0, 0.04, 0.0, 0.0));                          // zero time value
                rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 5000, -1, 0.5, 100, 0.04, 0.0, double.NaN));    // negative strike
            }

            var c = new Quotes
            {
                Kind = rows.Select(x => x.Item1).ToArray(), Model = rows.Select(x => x.Item2).ToArray(), S = rows.Select(x => x.Item3).ToArray(),
                K = rows.Select(x => x.Item4).ToArray(), T = rows.Select(x => x.Item5).ToArray(), P = rows.Select(x => x.Item6).ToArray(),
                R = rows.Select(x => x.Item7).ToArray(), Q = rows.Select(x => x.Item8).ToArray(), Vol = rows.Select(x => x.Item9).ToArray(),
            };
            return c;
        }
    }

    private static (double[] Vol, ImpliedVolStatus[] Status, ImpliedVolResult Result) Cpu(Quotes c)
    {
        var vol = new double[c.Count];
        var st = new ImpliedVolStatus[c.Count];
        ImpliedVolResult r = ImpliedVolatilitySolver.Compute(c.Batch, vol, st, ImpliedVolOptions.Sequential);
        return (vol, st, r);
    }

    /// <summary>
    /// The condition number κ = (undiscounted price / √(FK)) / (s ∂b/∂s) of σ in the price, as in LetsBeRationalTests: no
    /// algorithm returns σ more accurately than about ε κ, so tolerances are max(tolerance, 8 ε κ).
    /// </summary>
    private static double Kappa(Quotes c, int i)
    {
        double f = c.Model[i] == PricingModel.Black76 ? c.S[i] : c.S[i] * Math.Exp((c.R[i] - c.Q[i]) * c.T[i]);
        double x = Math.Log(f / c.K[i]), s = c.Vol[i] * Math.Sqrt(c.T[i]);
        return c.P[i] * Math.Exp(c.R[i] * c.T[i]) / Math.Sqrt(f * c.K[i]) / (s * NormalisedBlack.Vega(x, s));
    }

    /// <summary>
    /// Statuses identical to the CPU bulk solver for every row; for Ok rows the vol within 1e-13 relative of the scalar
    /// reference (<see cref="LetsBeRational.ImpliedVolatility"/>: the same per-row code over Math.Exp/Log), within 1e-12 of
    /// the CPU bulk solver (whose vectorised exp/log normalisation differs by an ulp in F, amplified by about 1/s² in σ:
    /// it is itself up to 2e-13 from the truth at σ√T = 0.01), and within 1e-12 of the true vol; each relaxed to 8 ε κ
    /// where the price does not determine σ that well. Rows finished by the CPU solver (fallback) skip the scalar comparison.
    /// </summary>
    private static void AssertMatchesCpu(Quotes c, double[] vol, ImpliedVolStatus[] st, double[] cpuVol, ImpliedVolStatus[] cpuSt, bool allOnDevice = true)
    {
        int ok = 0;
        for (int i = 0; i < c.Count; i++)
        {
            Assert.Equal(cpuSt[i], st[i]);
            if (st[i] != ImpliedVolStatus.Ok)
            {
                Assert.True(double.IsNaN(vol[i]), $"row {i}: {vol[i]:R} should be NaN");
                continue;
            }

            if (cpuVol[i] == 0)
            {
                Assert.Equal(0.0, vol[i]);
                continue;
            }

            ok++;
            double floor = 8 * 2.220446049250313e-16 * Kappa(c, i);
            double scalar = LetsBeRational.ImpliedVolatility(c.P[i], c.S[i], c.K[i], c.T[i], c.R[i],
                c.Model[i] == PricingModel.Black76 ? 0 : c.Q[i], c.Kind[i], c.Model[i], out ImpliedVolStatus sst);
            Assert.Equal(sst, st[i]);
            string at = $"row {i} (vol {c.Vol[i]}, t {c.T[i]:R}, {c.Kind[i]}, {c.Model[i]}, κ {Kappa(c, i):E2}): {vol[i]:R}";
            if (allOnDevice) Assert.True(Math.Abs(vol[i] - scalar) <= Math.Max(1e-13, floor) * scalar, $"{at} vs scalar {scalar:R}");
            Assert.True(Math.Abs(vol[i] - cpuVol[i]) <= Math.Max(1e-12, floor) * cpuVol[i], $"{at} vs cpu {cpuVol[i]:R}");
            Assert.True(Math.Abs(vol[i] - c.Vol[i]) <= Math.Max(1e-12, floor) * c.Vol[i], $"{at} vs true {c.Vol[i]:R}");
        }

        Assert.True(ok > 650, $"only {ok} rows solved");
    }

    [Fact]
    public void CpuAcceleratorKernel_MatchesCpuSolver_OnTheRoundTripDomain()
    {
        Quotes c = Quotes.Domain();
        (double[] cpuVol, ImpliedVolStatus[] cpuSt, ImpliedVolResult cpuRes) = Cpu(c);
        IlgpuGreeksEngine engine = fixture.Engine;
        var vol = new double[c.Count];
        var st = new ImpliedVolStatus[c.Count];
        Array.Fill(vol, -7e77);

        EngineImpliedVolResult res = engine.ImpliedVolatility(c.Batch, vol, st);

        Assert.False(res.FellBack);
        Assert.Equal("ilgpu-cpu", res.Engine);
        Assert.Equal(c.Count, res.Count);
        Assert.Equal(cpuRes.OkCount, res.OkCount);
        Assert.Equal([ImpliedVolStatus.BelowIntrinsic, ImpliedVolStatus.AboveMaximum, ImpliedVolStatus.InvalidInput, ImpliedVolStatus.InvalidInput,
            ImpliedVolStatus.InvalidInput, ImpliedVolStatus.InvalidInput, ImpliedVolStatus.Ok, ImpliedVolStatus.InvalidInput], st[720..]);
        Assert.Equal(0.0, vol[726]); // zero time value
        AssertMatchesCpu(c, vol, st, cpuVol, cpuSt);
    }

    [Fact]
    public void BuffersAreReused_AndAResidentRunGivesTheSameResults()
    {
        Quotes c = Quotes.Domain();
        (double[] cpuVol, ImpliedVolStatus[] cpuSt, _) = Cpu(c);
        IlgpuGreeksEngine engine = fixture.Engine;
        var vol = new double[c.Count];
        var st = new ImpliedVolStatus[c.Count];
        engine.ImpliedVolatility(c.Batch.Slice(0, 100), vol.AsSpan(0, 100), st.AsSpan(0, 100));
        engine.ImpliedVolatility(c.Batch, vol, st); // second call: same engine and buffers, larger batch, chunks of 64
        AssertMatchesCpu(c, vol, st, cpuVol, cpuSt);

        using ImpliedVolResidentRun run = engine.CreateResidentImpliedVol(c.Batch);
        run.Run();
        run.Run();
        var rv = new double[c.Count];
        var rs = new ImpliedVolStatus[c.Count];
        run.CopyTo(rv, rs);
        Assert.Equal(c.Count * 59L, run.BytesPerRun);
        AssertMatchesCpu(c, rv, rs, cpuVol, cpuSt);
    }

    [Theory]
    [InlineData("upload", 0)]
    [InlineData("launch", 0)]
    [InlineData("download", 2)]
    public void DeviceFailure_FinishesOnTheCpuSolver_WithAWarning(string operation, int chunk)
    {
        Quotes c = Quotes.Domain();
        (double[] cpuVol, ImpliedVolStatus[] cpuSt, ImpliedVolResult cpuRes) = Cpu(c);
        IlgpuGreeksEngine engine = fixture.Engine;
        int warnings = fixture.Logs.Entries.Count(e => e.Level == LogLevel.Warning);
        int calls = 0;
        engine.FaultInjector = (op, i) =>
        {
            if (op == operation && i == chunk)
            {
                calls++;
                throw new InvalidOperationException("CUDA_ERROR_LAUNCH_FAILED (injected)");
            }
        };
        var vol = new double[c.Count];
        var st = new ImpliedVolStatus[c.Count];
        Array.Fill(vol, -7e77);

        EngineImpliedVolResult res;
        try
        {
            res = engine.ImpliedVolatility(c.Batch, vol, st);
        }
        finally
        {
            engine.FaultInjector = null;
        }

        Assert.True(res.FellBack);
        Assert.Equal(1, calls);
        Assert.Equal(chunk == 0 ? IlgpuGreeksEngine.CpuImpliedVolEngine : "ilgpu-cpu+" + IlgpuGreeksEngine.CpuImpliedVolEngine, res.Engine);
        Assert.Equal(cpuRes.OkCount, res.OkCount); // nothing counted twice, nothing missing
        AssertMatchesCpu(c, vol, st, cpuVol, cpuSt, allOnDevice: false);
        if (chunk == 0)
        {
            for (int i = 0; i < c.Count; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(cpuVol[i]), BitConverter.DoubleToInt64Bits(vol[i]));
        }

        Assert.Equal(warnings + 1, fixture.Logs.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("CPU solver", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputLengthMismatch_Throws()
    {
        Quotes c = Quotes.Domain(bad: false);
        IlgpuGreeksEngine engine = fixture.Engine;
        var ex = Assert.Throws<ArgumentException>(() => engine.ImpliedVolatility(c.Batch, new double[3], new ImpliedVolStatus[c.Count]));
        Assert.Contains("one element per option", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImpliedVolKernel_CompilesToPtx_WithoutUnresolvedFunctionsOrLocalMemory()
    {
        using var context = Context.Create(b => b.ConfigureVixShield());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        MethodInfo method = typeof(ImpliedVolKernels).GetMethod("Batch", BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(typeof(GpuDoubleOps));
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        string ptx = compiled.PTXAssembly;
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "vixshield-ImpliedVol-64.ptx"), ptx);
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("__nv_", ptx, StringComparison.Ordinal);    // no LibDevice
        Assert.DoesNotContain(".extern", ptx, StringComparison.Ordinal); // nothing unresolved (Math.Cbrt, Math.FusedMultiplyAdd would be)
        Assert.Contains("div.rn.f64", ptx, StringComparison.Ordinal);    // float64 throughout
        Assert.DoesNotMatch(new Regex(@"\.local\s"), ptx);                // no local memory (out parameters all promoted to registers)
    }
}
