using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.ImpliedVol;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield gpu-bench</c> (hidden): on a GPU machine, checks the ILGPU engine against the scalar reference on a
/// large random batch and measures options/s for batches and strike x expiry grids, float64 and float32, with host
/// transfers and with data resident on the device, against the measured device bandwidth. With --iv: implied vols
/// instead (Let's Be Rational kernel, data resident and with transfers), checked against the CPU solver. Writes JSON with --json.
/// </summary>
internal static class GpuBenchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated batch sizes.", DefaultValueFactory = _ => "100000,1000000,10000000,100000000" };
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file." };
        var check = new Option<int>("--check-rows") { Description = "Rows compared with the scalar reference (0 skips).", DefaultValueFactory = _ => 1_000_000 };
        var profile = new Option<int>("--profile-grid") { Description = "Only create a resident float64 full-Greeks grid of this size and run it once (for ncu).", DefaultValueFactory = _ => 0 };
        var engineName = new Option<string>("--engine") { Description = "gpu or ilgpu-cpu.", DefaultValueFactory = _ => "gpu" };
        var iv = new Option<bool>("--iv") { Description = "Benchmark and check implied volatility (Let's Be Rational kernel) instead of the Greeks." };
        var command = new Command("gpu-bench", "GPU engine check and benchmarks (for GPU machines).") { Hidden = true };
        command.Add(sizes);
        command.Add(json);
        command.Add(check);
        command.Add(profile);
        command.Add(engineName);
        command.Add(iv);
        command.SetAction((parse, ct) =>
        {
            int[] n = (parse.GetValue(sizes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, Inv)).ToArray();
            return Task.FromResult(Run(context, n, parse.GetValue(json), parse.GetValue(check), parse.GetValue(profile), parse.GetValue(engineName) ?? "gpu", parse.GetValue(iv)));
        });
        return command;
    }

    private static int Run(CliContext context, int[] sizes, string? jsonPath, int checkRows, int profileGrid, string engineName, bool iv)
    {
        TextWriter o = context.Out;
        var report = new Dictionary<string, object?>();
        var provider = new GpuAcceleratorProvider();
        var clock = Stopwatch.StartNew();
        EnginePreference pref = engineName == "ilgpu-cpu" ? EnginePreference.IlgpuCpu : EnginePreference.Gpu;
        using var engine = provider.TryCreate(pref, new ScalarGreeksEngine(), context.LoggerFactory, out string reason) as IlgpuGreeksEngine;
        report["devices"] = provider.LastReport;
        if (engine is null)
        {
            o.WriteLine($"no usable accelerator: {reason}");
            foreach (AcceleratorReport r in provider.LastReport) o.WriteLine($"  {r}");
            Write(jsonPath, report);
            return ExitCodes.UsageError;
        }

        double startup = clock.Elapsed.TotalSeconds;
        o.WriteLine($"engine: {engine.Info.Description}");
        o.WriteLine($"start-up (context, device, self-check incl. first JIT of the all-Greeks batch kernel): {startup:F2} s");
        report["engine"] = engine.Info.Description;
        report["startup_s"] = startup;

        if (iv)
        {
            report["implied_vol"] = BenchImpliedVol(engine, sizes, o);
            Write(jsonPath, report);
            return ExitCodes.Success;
        }

        if (profileGrid > 0)
        {
            var g = MakeGrid(profileGrid);
            using ResidentRun<double> run = engine.CreateResident(new GpuGrid<double>(g.Kinds, g.Strikes, PricingModel.BlackScholesMerton, g.Spot, g.T, g.R, g.Q, g.Vols), Greek.All);
            run.Run();
            o.WriteLine($"profiled one resident float64 grid run of {profileGrid} options");
            return ExitCodes.Success;
        }

        clock.Restart();
        engine.WarmUp(Greek.All);
        engine.WarmUp(Greek.PriceAndFirstOrder);
        report["warmup_s"] = clock.Elapsed.TotalSeconds;
        o.WriteLine($"warm-up (JIT of batch+grid kernels, float64+float32, two output sets): {clock.Elapsed.TotalSeconds:F2} s");

        if (checkRows > 0) report["check"] = Check(engine, checkRows, o);

        double bw = engine.MeasureBandwidth();
        report["bandwidth_GBps"] = bw / 1e9;
        o.WriteLine($"measured device bandwidth (streaming y=2x, read+write): {bw / 1e9:F0} GB/s");

        var rows = new List<Dictionary<string, object>>();
        o.WriteLine($"{"mode",-16} {"prec",-6} {"greeks",-7} {"n",12} {"median ms",10} {"Mopt/s",10} {"GB/s",8} {"roofline",9}");
        foreach (int n in sizes)
        {
            foreach (bool single in new[] { false, true })
            {
                foreach (Greek greeks in new[] { Greek.All, Greek.PriceAndFirstOrder })
                {
                    if (single) BenchAll<float>(engine, n, greeks, bw, rows, o);
                    else BenchAll<double>(engine, n, greeks, bw, rows, o);
                    GC.Collect();
                }
            }
        }

        report["runs"] = rows;
        Write(jsonPath, report);
        return ExitCodes.Success;
    }

    private static void BenchAll<T>(IlgpuGreeksEngine engine, int n, Greek greeks, double bw, List<Dictionary<string, object>> rows, TextWriter o)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string prec = typeof(T) == typeof(double) ? "f64" : "f32";
        string set = greeks == Greek.All ? "all" : "first";
        int reps = Math.Clamp(200_000_000 / Math.Max(n, 1), 3, 50);
        var b = MakeBatch<T>(n);
        var batch = new OptionBatch<T>(b.Kind, b.S, b.K, b.T, b.V, b.R, b.Q);
        {
            using ResidentRun<T> run = engine.CreateResident(batch, greeks);
            Record(rows, o, "batch-resident", prec, set, n, Time(run.Run, reps), run.BytesPerRun, bw);
        }

        var g = MakeGrid(n);
        T[] gk = Conv<T>(g.Strikes), gs = Conv<T>(g.Spot), gt = Conv<T>(g.T), gr = Conv<T>(g.R), gq = Conv<T>(g.Q), gv = Conv<T>(g.Vols);
        {
            using ResidentRun<T> run = engine.CreateResident(new GpuGrid<T>(g.Kinds, gk, PricingModel.BlackScholesMerton, gs, gt, gr, gq, gv), greeks);
            Record(rows, o, "grid-resident", prec, set, run.Count, Time(run.Run, reps), run.BytesPerRun, bw);
        }

        if (greeks == Greek.All)
        {
            var buf = new GreeksBuffer<T>(n, greeks);
            int hostReps = Math.Clamp(20_000_000 / Math.Max(n, 1), 3, 20);
            double tb = Time(() => HostBatch(engine, b, buf, n), hostReps);
            int size = System.Runtime.InteropServices.Marshal.SizeOf<T>();
            Record(rows, o, "batch-host", prec, set, n, tb, (long)n * ((1 + (6 * size)) + (18 * size) + 1), 0);
            double tg = Time(() => HostGrid(engine, g.Kinds, gk, gs, gt, gr, gq, gv, buf), hostReps);
            Record(rows, o, "grid-host", prec, set, g.Vols.Length, tg, (long)g.Vols.Length * (size + (18 * size) + 1), 0);
        }
    }

    private static void HostBatch<T>(IlgpuGreeksEngine engine, BatchData<T> b, GreeksBuffer<T> buf, int n)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (b is BatchData<double> d && buf is GreeksBuffer<double> bd) engine.Compute(new OptionBatch<double>(d.Kind, d.S, d.K, d.T, d.V, d.R, d.Q), bd.AsOutput(n));
        else if (b is BatchData<float> f && buf is GreeksBuffer<float> bf) engine.Compute(new OptionBatch<float>(f.Kind, f.S, f.K, f.T, f.V, f.R, f.Q), bf.AsOutput(n));
    }

    private static void HostGrid<T>(IlgpuGreeksEngine engine, OptionKind[] kinds, T[] k, T[] s, T[] t, T[] r, T[] q, T[] v, GreeksBuffer<T> buf)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (buf is GreeksBuffer<double> bd)
        {
            engine.ComputeGrid(new GpuGrid<double>(kinds, (double[])(object)k, PricingModel.BlackScholesMerton, (double[])(object)s, (double[])(object)t, (double[])(object)r, (double[])(object)q, (double[])(object)v), bd.AsOutput(v.Length));
        }
        else if (buf is GreeksBuffer<float> bf)
        {
            engine.ComputeGrid(new GpuGrid<float>(kinds, (float[])(object)k, PricingModel.BlackScholesMerton, (float[])(object)s, (float[])(object)t, (float[])(object)r, (float[])(object)q, (float[])(object)v), bf.AsOutput(v.Length));
        }
    }

    private static void Record(List<Dictionary<string, object>> rows, TextWriter o, string mode, string prec, string set, int n, double seconds, long bytes, double bw)
    {
        double ops = n / seconds;
        double gbps = bytes / seconds / 1e9;
        double roof = bw > 0 ? bytes / seconds / bw : double.NaN;
        rows.Add(new() { ["mode"] = mode, ["precision"] = prec, ["greeks"] = set, ["n"] = n, ["median_s"] = seconds, ["options_per_s"] = ops, ["bytes"] = bytes, ["GBps"] = gbps, ["roofline_fraction"] = double.IsNaN(roof) ? -1 : roof });
        o.WriteLine($"{mode,-16} {prec,-6} {set,-7} {n,12} {seconds * 1e3,10:F3} {ops / 1e6,10:F1} {gbps,8:F0} {(double.IsNaN(roof) ? "" : roof.ToString("P0", Inv)),9}");
    }

    private static double Time(Action a, int reps)
    {
        a();
        var t = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            a();
            t[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }

        Array.Sort(t);
        return t[reps / 2];
    }

    private static Dictionary<string, object> Check(IlgpuGreeksEngine engine, int n, TextWriter o)
    {
        var b = MakeBatch<double>(n, edgeCases: true);
        var batch = new OptionBatch<double>(b.Kind, b.S, b.K, b.T, b.V, b.R, b.Q);
        var expected = new GreeksBuffer<double>(n, Greek.All);
        var actual = new GreeksBuffer<double>(n, Greek.All);
        var scalar = new ScalarGreeksEngine();
        Parallel.For(0, 16, p =>
        {
            int s = (int)((long)n * p / 16), e = (int)((long)n * (p + 1) / 16);
            scalar.Compute(new OptionBatch<double>(b.Kind, b.S, b.K, b.T, b.V, b.R, b.Q).Slice(s, e - s), expected.AsOutput(s, e - s));
        });
        ComputeResult res = engine.Compute(batch, actual.AsOutput(n));
        var result = new Dictionary<string, object> { ["rows"] = n, ["engine"] = res.Engine, ["fell_back"] = res.FellBack };
        int statusMismatch = 0;
        for (int i = 0; i < n; i++) if (expected.Status[i] != actual.Status[i]) statusMismatch++;
        result["status_mismatches"] = statusMismatch;
        double worstAll = 0;
        foreach (Greek g in GreekInfo.All)
        {
            double[] e = expected[g], a = actual[g];
            double m = 0;
            for (int i = 0; i < n; i++) if (double.IsFinite(e[i])) m = Math.Max(m, Math.Abs(e[i]));
            double worst = 0, worstRel = 0;
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
                double err = Math.Abs(a[i] - e[i]) / (Math.Abs(e[i]) + (1e-13 * m));
                if (!(err <= worst)) worst = double.IsNaN(err) ? double.PositiveInfinity : err;
                if (Math.Abs(e[i]) > 1e-6 * m) worstRel = Math.Max(worstRel, Math.Abs(a[i] - e[i]) / Math.Abs(e[i]));
            }

            result[GreekInfo.Name(g)] = worst;
            worstAll = Math.Max(worstAll, worst);
            o.WriteLine($"check f64 {GreekInfo.Name(g),-11} max |gpu-scalar|/(|scalar| + 1e-13 max|scalar|) = {worst:E2}; max rel (|v| > 1e-6 max) = {worstRel:E2}");
        }

        result["worst"] = worstAll;
        o.WriteLine($"check f64 over {n} rows: engine {res.Engine}, status mismatches {statusMismatch}, worst {worstAll:E2}");

        // float32 against the scalar float32 path
        var b32 = MakeBatch<float>(Math.Min(n, 200_000), edgeCases: true);
        int n32 = b32.Kind.Length;
        var batch32 = new OptionBatch<float>(b32.Kind, b32.S, b32.K, b32.T, b32.V, b32.R, b32.Q);
        var e32 = new GreeksBuffer<float>(n32, Greek.Price | Greek.Delta | Greek.Vega);
        var a32 = new GreeksBuffer<float>(n32, Greek.Price | Greek.Delta | Greek.Vega);
        scalar.Compute(batch32, e32.AsOutput(n32));
        engine.Compute(batch32, a32.AsOutput(n32));
        foreach (Greek g in new[] { Greek.Price, Greek.Delta, Greek.Vega })
        {
            double worst = 0;
            for (int i = 0; i < n32; i++)
            {
                float ev = e32[g][i], av = a32[g][i];
                if (float.IsNaN(ev) && float.IsNaN(av)) continue;
                double scale = g == Greek.Delta ? 1.0 : b32.S[i] * 1e-4;
                worst = Math.Max(worst, Math.Abs(av - ev) / (Math.Abs(ev) + scale));
            }

            result["f32_" + GreekInfo.Name(g)] = worst;
            o.WriteLine($"check f32 {GreekInfo.Name(g),-6} max |gpu-scalar32|/(|scalar32| + floor) = {worst:E2}");
        }

        return result;
    }

    private sealed record QuoteData(OptionKind[] Kind, double[] S, double[] K, double[] T, double[] P, double[] R, double[] Q, double[] Vol)
    {
        public ImpliedVolBatch Batch => new(Kind, S, K, T, P, R, Q);
    }

    /// <summary>Random BSM quotes: SPX-like spot, 1 day..2 years, vols 8..68 %, strikes ±8 standard deviations, out-of-the-money calls and puts.</summary>
    private static QuoteData MakeQuotes(int n)
    {
        var d = new QuoteData(new OptionKind[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        Parallel.For(0, (n + 65535) / 65536, c =>
        {
            var rng = new Random(29 + c);
            int end = Math.Min(n, (c + 1) * 65536);
            for (int i = c * 65536; i < end; i++)
            {
                double tt = Math.Exp(Math.Log(1.0 / 365) + (rng.NextDouble() * Math.Log(2 * 365)));
                double vol = 0.08 + (rng.NextDouble() * 0.6);
                double kk = 5900 * Math.Exp(vol * Math.Sqrt(tt) * ((rng.NextDouble() * 16) - 8));
                double f = 5900 * Math.Exp((0.045 - 0.013) * tt);
                // The out-of-the-money side, as a surface is quoted (deep in the money, the time value is a rounding
                // error of the price and no solver can recover σ from it).
                OptionKind kind = kk >= f ? OptionKind.Call : OptionKind.Put;
                d.Kind[i] = kind;
                d.S[i] = 5900;
                d.K[i] = kk;
                d.T[i] = tt;
                d.R[i] = 0.045;
                d.Q[i] = 0.013;
                d.Vol[i] = vol;
                d.P[i] = Math.Exp(-0.045 * tt) * LetsBeRational.BlackPrice(f, kk, vol, tt, kind);
            }
        });
        return d;
    }

    /// <summary>Implied vols on the device: JIT, a check against the CPU solver, then resident and host-transfer timings.</summary>
    private static Dictionary<string, object> BenchImpliedVol(IlgpuGreeksEngine engine, int[] sizes, TextWriter o)
    {
        var result = new Dictionary<string, object>();
        var clock = Stopwatch.StartNew();
        {
            QuoteData w = MakeQuotes(2);
            engine.ImpliedVolatility(w.Batch, new double[2], new ImpliedVolStatus[2]);
        }

        result["jit_s"] = clock.Elapsed.TotalSeconds;
        o.WriteLine($"implied-vol kernel first call (ILGPU compile + driver JIT): {clock.Elapsed.TotalSeconds:F2} s");
        var rows = new List<Dictionary<string, object>>();
        foreach (int n in sizes)
        {
            QuoteData q = MakeQuotes(n);
            var gv = new double[n];
            var gs = new ImpliedVolStatus[n];
            var cv = new double[n];
            var cs = new ImpliedVolStatus[n];
            EngineImpliedVolResult gr = engine.ImpliedVolatility(q.Batch, gv, gs);
            long t0 = Stopwatch.GetTimestamp();
            ImpliedVolResult cr = ImpliedVolatilitySolver.Compute(q.Batch, cv, cs);
            double cpuSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            int mismatches = 0;
            double worstCpu = 0, worstTrue = 0;
            for (int i = 0; i < n; i++)
            {
                if (gs[i] != cs[i]) mismatches++;
                if (cs[i] != ImpliedVolStatus.Ok || !(cv[i] > 0)) continue;
                worstCpu = Math.Max(worstCpu, Math.Abs(gv[i] - cv[i]) / cv[i]);
                worstTrue = Math.Max(worstTrue, Math.Abs(gv[i] - q.Vol[i]) / q.Vol[i]);
            }

            var check = new Dictionary<string, object>
            {
                ["n"] = n, ["engine"] = gr.Engine, ["fell_back"] = gr.FellBack, ["ok_gpu"] = gr.OkCount, ["ok_cpu"] = cr.OkCount,
                ["status_mismatches"] = mismatches, ["max_rel_vs_cpu"] = worstCpu, ["max_rel_vs_true"] = worstTrue,
                ["cpu_solver_s"] = cpuSeconds, ["cpu_threads"] = cr.Threads,
            };
            result[$"check_{n}"] = check;
            o.WriteLine($"iv check n={n}: engine {gr.Engine}, ok {gr.OkCount} (cpu {cr.OkCount}), status mismatches {mismatches}, " +
                $"max rel |gpu-cpu| {worstCpu:E2}, max rel |gpu-true| {worstTrue:E2}; CPU solver {cpuSeconds * 1e3:F1} ms on {cr.Threads} threads " +
                $"({cpuSeconds * 1e9 / n:F1} ns/IV wall)");

            int reps = Math.Clamp(50_000_000 / Math.Max(n, 1), 3, 20);
            using (ImpliedVolResidentRun run = engine.CreateResidentImpliedVol(q.Batch))
            {
                double t = Time(run.Run, reps);
                Record(rows, o, "iv-resident", "f64", "iv", n, t, run.BytesPerRun, 0);
                o.WriteLine($"  iv-resident n={n}: {t * 1e9 / n:F3} ns per implied vol");
            }

            double th = Time(() => engine.ImpliedVolatility(q.Batch, gv, gs), Math.Min(reps, 5));
            Record(rows, o, "iv-host", "f64", "iv", n, th, n * 59L, 0);
            o.WriteLine($"  iv-host n={n}: {th * 1e9 / n:F3} ns per implied vol (upload, kernel, download)");
            GC.Collect();
        }

        result["runs"] = rows;
        return result;
    }

    private static T[] Conv<T>(double[] a)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var r = new T[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = T.CreateTruncating(a[i]);
        return r;
    }

    private sealed record BatchData<TV>(OptionKind[] Kind, TV[] S, TV[] K, TV[] T, TV[] V, TV[] R, TV[] Q);

    private static BatchData<T> MakeBatch<T>(int n, bool edgeCases = false)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var kind = new OptionKind[n];
        T[] s = new T[n], k = new T[n], t = new T[n], v = new T[n], r = new T[n], q = new T[n];
        Parallel.For(0, (n + 65535) / 65536, c =>
        {
            var rng = new Random(17 + c);
            int end = Math.Min(n, (c + 1) * 65536);
            for (int i = c * 65536; i < end; i++)
            {
                double tt = Math.Exp(Math.Log(1.0 / 365) + (rng.NextDouble() * Math.Log(2 * 365)));
                double vol = 0.08 + (rng.NextDouble() * 0.6);
                double kk = 5900 * Math.Exp(vol * Math.Sqrt(tt) * ((rng.NextDouble() * 16) - 8));
                kind[i] = (i & 1) == 0 ? OptionKind.Call : OptionKind.Put;
                s[i] = T.CreateTruncating(5900.0);
                k[i] = T.CreateTruncating(kk);
                t[i] = T.CreateTruncating(tt);
                v[i] = T.CreateTruncating(vol);
                r[i] = T.CreateTruncating(0.045);
                q[i] = T.CreateTruncating(0.013);
                if (edgeCases && i % 997 == 0) t[i] = T.Zero;
                if (edgeCases && i % 991 == 0) v[i] = T.Zero;
                if (edgeCases && i % 983 == 0) v[i] = T.NaN;
            }
        });
        return new BatchData<T>(kind, s, k, t, v, r, q);
    }

    private sealed record GridData(OptionKind[] Kinds, double[] Strikes, double[] Spot, double[] T, double[] R, double[] Q, double[] Vols);

    private static GridData MakeGrid(int n)
    {
        int nk = Math.Min(n, 1000);
        int ne = Math.Max(1, n / nk);
        nk = n / ne;
        var strikes = new double[nk];
        var kinds = new OptionKind[nk];
        for (int j = 0; j < nk; j++)
        {
            strikes[j] = 3000 + (5800.0 * j / Math.Max(1, nk - 1));
            kinds[j] = strikes[j] < 5900 ? OptionKind.Put : OptionKind.Call;
        }

        double[] t = Enumerable.Range(0, ne).Select(e => (e + 1) * 2.0 / ne).ToArray();
        double[] spot = Enumerable.Repeat(5900.0, ne).ToArray();
        double[] r = Enumerable.Repeat(0.045, ne).ToArray();
        double[] q = Enumerable.Repeat(0.013, ne).ToArray();
        var vols = new double[(long)ne * nk];
        Parallel.For(0, ne, e =>
        {
            for (int j = 0; j < nk; j++) vols[((long)e * nk) + j] = Math.Max(0.08, 0.18 - (0.25 * Math.Log(strikes[j] / 5900) / Math.Sqrt(t[e] + 0.05)));
        });
        return new GridData(kinds, strikes, spot, t, r, q, vols);
    }

    private static void Write(string? path, Dictionary<string, object?> report)
    {
        if (path is null) return;
        File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }
}
