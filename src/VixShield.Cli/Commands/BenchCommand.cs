using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Engines;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield bench [--size N] [--seconds S] [--json]</c>: a short side-by-side speed comparison of the engines
/// available here (scalar reference, SIMD on one thread and on every core, and the GPU engine when a provider is
/// plugged in), price + 5 first-order Greeks and all 18 outputs, float64 and float32. Prints options per second and
/// ratios to the scalar float64 engine; <c>--json</c> writes the same as JSON for machines. The full benchmark suite
/// (baselines, grids, memory) is BenchmarkDotNet's: benchmarks/VixShield.Compute.Benchmarks.
/// </summary>
internal static class BenchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var size = new Option<int>("--size")
        {
            Description = "Options per batch (default 200000).",
            DefaultValueFactory = _ => 200_000,
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Time spent measuring each engine, precision and output set (default 0.4 s; the whole run stays under a minute).",
            DefaultValueFactory = _ => 0.4,
        };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON instead of a table." };
        var command = new Command("bench", "Compare the speed of the engines available here (options per second, ratios to the scalar engine).")
        {
            size, seconds, json,
        };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(size);
            double s = parse.GetValue(seconds);
            if (n < 1 || n > 50_000_000) throw new CliUserException($"--size {n} is out of range: use 1 to 50000000 options.", ExitCodes.UsageError);
            if (!(s > 0 && s <= 10)) throw new CliUserException($"--seconds {s.ToString(Inv)} is out of range: use a value in (0, 10].", ExitCodes.UsageError);
            IReadOnlyList<IGreeksEngine> engines = AvailableEngines(context);
            BenchReport report = BenchRunner.Run(engines, n, TimeSpan.FromSeconds(s), ct);
            if (parse.GetValue(json)) WriteJson(context.Out, report);
            else WriteTable(context, report);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Scalar, SIMD on one thread, SIMD on every core, and the accelerated engine when one is usable.</summary>
    internal static IReadOnlyList<IGreeksEngine> AvailableEngines(CliContext context)
    {
        var list = new List<IGreeksEngine>
        {
            new ScalarGreeksEngine(),
            new SimdGreeksEngine(new GreeksEngineOptions { MaxDegreeOfParallelism = 1, LoggerFactory = context.LoggerFactory }),
            new SimdGreeksEngine(new GreeksEngineOptions { LoggerFactory = context.LoggerFactory }),
        };
        IGreeksEngine? gpu = EngineOptions.CreateAcceleratorProvider().TryCreate(EnginePreference.Gpu, list[2], context.LoggerFactory, out _);
        if (gpu is not null) list.Add(gpu);

        return list;
    }

    private static void WriteTable(CliContext context, BenchReport report)
    {
        IAnsiConsole console = CliConsole.Create(context, 140);
        console.MarkupLine(Markup.Escape(
            $"vixshield bench: {report.Cpu}, {report.Cores} cores, widest vector {report.VectorBits} bits; batch of {report.BatchSize.ToString("N0", Inv)} SPX-like options; {report.Date:yyyy-MM-dd HH:mm} UTC"));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Engine").AddColumn("Threads").AddColumn("Outputs").AddColumn("Precision")
            .AddColumn(new TableColumn("Options/s").RightAligned())
            .AddColumn(new TableColumn("x scalar f64").RightAligned());
        foreach (BenchResult r in report.Results)
        {
            table.AddRow(
                Markup.Escape(r.Engine), r.Threads.ToString(Inv), r.Outputs, r.Precision,
                r.OptionsPerSecond.ToString("N0", Inv), r.RatioToScalar.ToString("F1", Inv));
        }

        table.Caption = new TableTitle("first = price + delta, vega, theta, rho, phi; all = the 18 outputs. Best of repeated calls; other work on this machine lowers the numbers.");
        console.Write(table);
        foreach (string d in report.Results.Select(r => r.Description).Distinct()) console.MarkupLine(Markup.Escape("  " + d));
    }

    private static void WriteJson(TextWriter output, BenchReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("date", report.Date);
            w.WriteString("cpu", report.Cpu);
            w.WriteNumber("cores", report.Cores);
            w.WriteNumber("vectorBits", report.VectorBits);
            w.WriteNumber("batchSize", report.BatchSize);
            w.WriteStartArray("results");
            foreach (BenchResult r in report.Results)
            {
                w.WriteStartObject();
                w.WriteString("engine", r.Engine);
                w.WriteString("description", r.Description);
                w.WriteNumber("threads", r.Threads);
                w.WriteString("outputs", r.Outputs);
                w.WriteString("precision", r.Precision);
                w.WriteNumber("optionsPerSecond", Math.Round(r.OptionsPerSecond));
                w.WriteNumber("ratioToScalar", Math.Round(r.RatioToScalar, 2));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

/// <summary>One measurement of <see cref="BenchRunner"/>.</summary>
/// <param name="Engine">Engine name.</param>
/// <param name="Description">Engine description (width, threads).</param>
/// <param name="Threads">Threads the engine uses.</param>
/// <param name="Outputs">"first" (price + 5 first-order Greeks) or "all".</param>
/// <param name="Precision">"double" or "single".</param>
/// <param name="OptionsPerSecond">Best observed throughput.</param>
/// <param name="RatioToScalar">Throughput over the first engine's float64 throughput for the same outputs.</param>
internal sealed record BenchResult(string Engine, string Description, int Threads, string Outputs, string Precision, double OptionsPerSecond, double RatioToScalar);

/// <summary>The results of one <see cref="BenchRunner.Run"/>.</summary>
internal sealed record BenchReport(DateTime Date, string Cpu, int Cores, int VectorBits, int BatchSize, IReadOnlyList<BenchResult> Results);

/// <summary>
/// Engine-agnostic throughput runner: any list of <see cref="IGreeksEngine"/> (the GPU engine joins by being in the
/// list), one deterministic SPX-like batch, each engine x output set x precision measured for a fixed time (best of
/// repeated calls after a warm-up). Ratios are to the first engine's float64 result.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Measures every engine.</summary>
    public static BenchReport Run(IReadOnlyList<IGreeksEngine> engines, int n, TimeSpan perMeasurement, CancellationToken ct)
    {
        var rng = new Random(42);
        var kind = new OptionKind[n];
        double[] s = new double[n], k = new double[n], t = new double[n], v = new double[n], r = new double[n], q = new double[n];
        for (int i = 0; i < n; i++)
        {
            kind[i] = (i & 1) == 0 ? OptionKind.Call : OptionKind.Put;
            s[i] = 5900;
            t[i] = (1 + rng.Next(365)) / 365.0;
            v[i] = 0.10 + (rng.NextDouble() * 0.30);
            k[i] = s[i] * Math.Exp(v[i] * Math.Sqrt(t[i]) * ((rng.NextDouble() * 6) - 3));
            r[i] = 0.043;
            q[i] = 0.013;
        }

        float[] F(double[] a) => Array.ConvertAll(a, x => (float)x);
        float[] sf = F(s), kf = F(k), tf = F(t), vf = F(v), rf = F(r), qf = F(q);
        var results = new List<BenchResult>();
        foreach ((Greek greeks, string label) in new[] { (Greek.PriceAndFirstOrder, "first"), (Greek.All, "all") })
        {
            var out64 = new GreeksBuffer<double>(n, greeks);
            var out32 = new GreeksBuffer<float>(n, greeks);
            double scalar64 = double.NaN;
            foreach (IGreeksEngine engine in engines)
            {
                foreach (Precision precision in new[] { Precision.Double, Precision.Single })
                {
                    double rate = Measure(perMeasurement, ct, () =>
                    {
                        if (precision == Precision.Double) engine.Compute(new OptionBatch<double>(kind, s, k, t, v, r, q), out64.AsOutput(n), ct);
                        else engine.Compute(new OptionBatch<float>(kind, sf, kf, tf, vf, rf, qf), out32.AsOutput(n), ct);
                    }) * n;
                    if (double.IsNaN(scalar64)) scalar64 = rate;
                    results.Add(new BenchResult(
                        engine.Info.Name, engine.Info.Description, engine.Info.Threads, label, precision.ToString().ToLowerInvariant(), rate, rate / scalar64));
                }
            }
        }

        return new BenchReport(DateTime.UtcNow, CpuName(), Environment.ProcessorCount, SimdGreeksEngine.BestVectorBits, n, results);
    }

    /// <summary>Calls per second: best of repeated calls within <paramref name="budget"/>, after a warm-up of
    /// min(0.3 s, budget) of calls (so that tiered JIT compilation has promoted the engine's loops to optimised code).</summary>
    private static double Measure(TimeSpan budget, CancellationToken ct, Action call)
    {
        var warm = Stopwatch.StartNew();
        TimeSpan warmUp = budget < TimeSpan.FromSeconds(0.3) ? budget : TimeSpan.FromSeconds(0.3);
        for (int i = 0; i < 2 || warm.Elapsed < warmUp; i++)
        {
            ct.ThrowIfCancellationRequested();
            call();
            if (i >= 200) break;
        }

        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 3 || total.Elapsed < budget)
        {
            ct.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            calls++;
            if (calls >= 1000) break;
        }

        return 1.0 / best;
    }

    /// <summary>The CPU model (Linux /proc/cpuinfo), else the architecture.</summary>
    internal static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        string isa = Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "AVX2" : "SSE/NEON";
        return $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} ({isa})";
    }
}
