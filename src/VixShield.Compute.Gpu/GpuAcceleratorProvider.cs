using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Gpu;

/// <summary>One accelerator found by <see cref="GpuAcceleratorProvider"/> and what selection made of it.</summary>
/// <param name="Name">Device name as the driver reports it.</param>
/// <param name="Backend">cuda, opencl or cpu (ILGPU's CPU accelerator).</param>
/// <param name="MemoryBytes">Device memory.</param>
/// <param name="SelfCheck">"passed", "failed" or "not run".</param>
/// <param name="MaxRelativeError">Largest relative difference to the scalar reference in the self-check (float64), when run.</param>
/// <param name="Chosen">True for the device the engine runs on.</param>
/// <param name="Reason">Why it was or was not chosen.</param>
public sealed record AcceleratorReport(string Name, string Backend, long MemoryBytes, string SelfCheck, double? MaxRelativeError, bool Chosen, string Reason);

/// <summary>Result of the start-up self-check of one engine.</summary>
/// <param name="Passed">True when every status matched and every output was within tolerance.</param>
/// <param name="MaxRelativeError">Largest relative difference (float64 outputs) to the scalar reference.</param>
/// <param name="Detail">What failed, or a summary.</param>
public readonly record struct SelfCheckOutcome(bool Passed, double MaxRelativeError, string Detail);

/// <summary>
/// Finds ILGPU accelerators and creates <see cref="IlgpuGreeksEngine"/>s for <see cref="GreeksEngines.Create"/>.
/// Devices are selected explicitly by type (ILGPU's context adds its CPU device silently; it is used only for
/// <see cref="EnginePreference.IlgpuCpu"/>): CUDA devices first (most memory first), then OpenCL GPUs. A candidate
/// is used only when its start-up self-check (a small batch with edge cases, compared with the scalar reference)
/// passes. <see cref="LastReport"/> says what was found and why each device was or was not chosen.
/// </summary>
public sealed class GpuAcceleratorProvider : IAcceleratorProvider
{
    /// <summary>Float64 self-check tolerance: relative, with an absolute floor of the same size.</summary>
    public const double SelfCheckTolerance = 1e-11;

    private readonly int? _maxChunkRows;

    /// <summary>Creates a provider.</summary>
    /// <param name="maxChunkRows">Rows per device chunk for the engines it creates; null lets each engine choose.</param>
    public GpuAcceleratorProvider(int? maxChunkRows = null) => _maxChunkRows = maxChunkRows;

    /// <summary>What the last <see cref="TryCreate"/> found, in the order tried.</summary>
    public IReadOnlyList<AcceleratorReport> LastReport { get; private set; } = [];

    /// <inheritdoc/>
    public IGreeksEngine? TryCreate(EnginePreference preference, IGreeksEngine cpuFallback, ILoggerFactory loggerFactory, out string reason)
    {
        ArgumentNullException.ThrowIfNull(cpuFallback);
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger log = loggerFactory.CreateLogger<GpuAcceleratorProvider>();
        var report = new List<AcceleratorReport>();
        LastReport = report;
        Context context;
        try
        {
            context = Context.Create(b =>
            {
                b.ConfigureVixShield();
                if (preference == EnginePreference.IlgpuCpu) b.CPU();
                else b.Cuda().OpenCL();
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            reason = $"ILGPU could not start: {ex.Message}";
            return null;
        }

        var candidates = Candidates(context, preference);
        foreach (Device d in context.Devices)
        {
            if (!candidates.Contains(d)) report.Add(new(d.Name, BackendName(d), d.MemorySize, "not run", null, false, ExclusionReason(d, preference)));
        }

        foreach (Device device in candidates)
        {
            Accelerator? acc = null;
            IlgpuGreeksEngine? engine = null;
            try
            {
                acc = device.CreateAccelerator(context);
                engine = new IlgpuGreeksEngine(context, acc, cpuFallback, loggerFactory, _maxChunkRows);
                SelfCheckOutcome check = SelfCheck(engine);
                if (!check.Passed)
                {
                    report.Add(new(device.Name, BackendName(device), device.MemorySize, "failed", check.MaxRelativeError, false, $"self-check failed: {check.Detail}"));
                    DisposeEngine(engine, acc);
                    continue;
                }

                report.Add(new(device.Name, BackendName(device), device.MemorySize, "passed", check.MaxRelativeError, true,
                    $"first {BackendName(device)} device that passed the self-check ({check.Detail})"));
                // Devices after the chosen one were not tried.
                foreach (Device rest in candidates.SkipWhile(c => c != device).Skip(1))
                {
                    report.Add(new(rest.Name, BackendName(rest), rest.MemorySize, "not run", null, false, "an earlier device was chosen"));
                }

                LogChosen(log, engine.Info.Description);
                reason = $"{device.Name} ({BackendName(device)}) passed the self-check";
                return engine;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                report.Add(new(device.Name, BackendName(device), device.MemorySize, "failed", null, false, $"could not start: {ex.Message}"));
                if (engine is not null) DisposeEngine(engine, acc);
                else acc?.Dispose();
            }
        }

        context.Dispose();
        reason = candidates.Count == 0
            ? preference == EnginePreference.IlgpuCpu ? "ILGPU's CPU accelerator is not available" : "no CUDA or OpenCL GPU was found"
            : "no accelerator passed its self-check";
        LogNone(log, preference.ToString(), reason);
        return null;
    }

    /// <summary>
    /// Lists every device ILGPU finds here (CUDA, OpenCL and its CPU accelerator) and, for Auto, which one would run and
    /// why: what <c>vixshield devices</c> prints. Runs the self-check on the GPU candidates (and on the CPU accelerator
    /// when <paramref name="checkCpuAccelerator"/>).
    /// </summary>
    /// <param name="checkCpuAccelerator">Also self-check ILGPU's CPU accelerator (slow: it compiles the kernels for the CPU).</param>
    /// <param name="loggerFactory">Where to log.</param>
    public static IReadOnlyList<AcceleratorReport> Survey(bool checkCpuAccelerator = false, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var cpu = new ScalarGreeksEngine();
        var provider = new GpuAcceleratorProvider(maxChunkRows: 4096);
        var rows = new List<AcceleratorReport>();
        using (var gpu = provider.TryCreate(EnginePreference.Auto, cpu, loggerFactory, out string reason) as IlgpuGreeksEngine)
        {
            rows.AddRange(provider.LastReport.Where(r => r.Backend != "cpu"));
            if (gpu is null) rows.Add(new("(CPU engine)", "cpu", 0, "n/a", null, true, $"Auto uses the CPU engine: {reason}"));
        }

        if (checkCpuAccelerator)
        {
            using var ilgpuCpu = provider.TryCreate(EnginePreference.IlgpuCpu, cpu, loggerFactory, out string r2) as IlgpuGreeksEngine;
            AcceleratorReport? c = provider.LastReport.FirstOrDefault(x => x.Backend == "cpu");
            if (c is not null) rows.Add(c with { Chosen = false, Reason = $"used only by --engine ilgpu-cpu ({c.Reason})" });
            else rows.Add(new("ILGPU CPU accelerator", "cpu", 0, "failed", null, false, r2));
        }
        else
        {
            rows.Add(new("ILGPU CPU accelerator", "cpu", 0, "not run", null, false, "never chosen by Auto; used only by --engine ilgpu-cpu"));
        }

        return rows;
    }

    /// <summary>
    /// The start-up self-check: a small float64 and float32 batch with every output, regular rows, both models, deep
    /// wings, t = 0, vol = 0 and invalid rows, compared with <see cref="ScalarGreeksEngine"/> (float64 within
    /// <see cref="SelfCheckTolerance"/> relative with an equal absolute floor, float32 price and delta within 1e-4; every status equal).
    /// </summary>
    /// <param name="engine">The engine to check.</param>
    public static SelfCheckOutcome SelfCheck(IGreeksEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        SelfCheckData d = SelfCheckData.Create();
        int n = d.Kind.Length;
        var reference = new GreeksBuffer<double>(n, Greek.All);
        var actual = new GreeksBuffer<double>(n, Greek.All);
        new ScalarGreeksEngine().Compute(d.Batch64, reference.AsOutput(n));
        ComputeResult res = engine.Compute(d.Batch64, actual.AsOutput(n));
        if (res.FellBack) return new(false, double.NaN, $"the device failed and {res.Engine} finished the call");
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            if (reference.Status[i] != actual.Status[i]) return new(false, double.NaN, $"row {i}: status {actual.Status[i]}, expected {reference.Status[i]}");
            foreach (Greek g in GreekInfo.All)
            {
                double e = reference[g][i], a = actual[g][i];
                if (double.IsNaN(e) && double.IsNaN(a)) continue;
                double err = Math.Abs(a - e) / Math.Max(Math.Abs(e), 1.0);
                if (!(err <= SelfCheckTolerance)) return new(false, err, $"row {i} {GreekInfo.Name(g)}: {a:R}, expected {e:R}");
                worst = Math.Max(worst, err);
            }
        }

        var ref32 = new GreeksBuffer<float>(n, Greek.Price | Greek.Delta);
        var act32 = new GreeksBuffer<float>(n, Greek.Price | Greek.Delta);
        new ScalarGreeksEngine().Compute(d.Batch32, ref32.AsOutput(n));
        res = engine.Compute(d.Batch32, act32.AsOutput(n));
        if (res.FellBack) return new(false, worst, $"the device failed (float32) and {res.Engine} finished the call");
        for (int i = 0; i < n; i++)
        {
            if (ref32.Status[i] != act32.Status[i]) return new(false, worst, $"float32 row {i}: status {act32.Status[i]}, expected {ref32.Status[i]}");
            foreach (Greek g in new[] { Greek.Price, Greek.Delta })
            {
                float e = ref32[g][i], a = act32[g][i];
                if (float.IsNaN(e) && float.IsNaN(a)) continue;
                double err = Math.Abs(a - e) / Math.Max(Math.Abs(e), 1.0);
                if (!(err <= 1e-4)) return new(false, worst, $"float32 row {i} {GreekInfo.Name(g)}: {a:R}, expected {e:R}");
            }
        }

        return new(true, worst, $"{n} rows float64 + float32, max rel. error {worst:E1}");
    }

    /// <summary>Candidate devices for a preference, in the order they are tried: never the CPU device unless IlgpuCpu.</summary>
    internal static List<Device> Candidates(Context context, EnginePreference preference)
    {
        if (preference == EnginePreference.IlgpuCpu)
        {
            return context.Devices.Where(d => d.AcceleratorType == AcceleratorType.CPU).Take(1).ToList();
        }

        return Order(context.Devices.Select(d => (d, d.AcceleratorType, IsGpu(d), d.MemorySize))).ToList();
    }

    /// <summary>The selection order over (device, type, is-a-GPU, memory): CUDA by memory, then OpenCL GPUs by memory.</summary>
    internal static IEnumerable<TDevice> Order<TDevice>(IEnumerable<(TDevice Device, AcceleratorType Type, bool IsGpu, long Memory)> devices) =>
        devices.Where(d => d.Type == AcceleratorType.Cuda || (d.Type == AcceleratorType.OpenCL && d.IsGpu))
            .OrderBy(d => d.Type == AcceleratorType.Cuda ? 0 : 1)
            .ThenByDescending(d => d.Memory)
            .Select(d => d.Device);

    /// <summary>Creates the ILGPU CPU-accelerator engine directly (tests and checks without a GPU).</summary>
    /// <param name="cpuFallback">The engine that finishes failed calls.</param>
    /// <param name="loggerFactory">Where fallback warnings go.</param>
    /// <param name="maxChunkRows">Rows per chunk (small values exercise chunking).</param>
    public static IlgpuGreeksEngine CreateCpuAcceleratorEngine(IGreeksEngine cpuFallback, ILoggerFactory? loggerFactory = null, int? maxChunkRows = null)
    {
        Context context = Context.Create(b => b.CPU().ConfigureVixShield());
        Accelerator acc = context.CreateCPUAccelerator(0);
        return new IlgpuGreeksEngine(context, acc, cpuFallback, loggerFactory, maxChunkRows);
    }

    private static bool IsGpu(Device d) => d is CudaDevice || (d is CLDevice cl && cl.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU);

    private static string BackendName(Device d) => d.AcceleratorType switch
    {
        AcceleratorType.Cuda => "cuda",
        AcceleratorType.OpenCL => "opencl",
        _ => "cpu",
    };

    private static string ExclusionReason(Device d, EnginePreference preference) => d.AcceleratorType switch
    {
        AcceleratorType.CPU => "ILGPU's CPU accelerator is never chosen by Auto or Gpu (only by ilgpu-cpu)",
        AcceleratorType.OpenCL => "OpenCL device that is not a GPU",
        _ => $"not a candidate for {preference}",
    };

    private static void DisposeEngine(IlgpuGreeksEngine engine, Accelerator? acc)
    {
        // The engine owns the shared context only when it was handed over; dispose the accelerator alone here.
        engine.DisposeKeepingContext();
        acc?.Dispose();
    }

    private static void LogChosen(ILogger log, string description) => log.LogInformation("Accelerator chosen: {Engine}", description);

    private static void LogNone(ILogger log, string preference, string reason) => log.LogInformation("No accelerator for {Preference}: {Reason}", preference, reason);
}
