using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Orleans;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- cluster [draws] [reps]</c>: a private
/// redis-server and 1, 2 and 3 silo processes of the built CLI on this machine; the same Monte Carlo run (sample book)
/// local (this process, SIMD, every core) and clustered at several shard sizes, median of the repetitions, side by side.
/// Not BenchmarkDotNet: a run spans processes. The silos share this machine's cores, so the figures are the cost the
/// cluster adds (per shard), not a speed-up (kernels-docs/scale-out.md).
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        int draws = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4096 * 256;
        int reps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        string cli = Path.GetFullPath("src/VixShield.Cli/bin/Release/net10.0/vixshield.dll");
        if (!File.Exists(cli)) throw new InvalidOperationException($"build the CLI first: dotnet build -c Release src/VixShield.Cli ({cli} is missing)");
        var processes = new List<Process>();
        string dir = Directory.CreateTempSubdirectory("vixshield-bench-").FullName;
        try
        {
            int redisPort = FreePort();
            processes.Add(Start("redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], null));
            await Task.Delay(500);
            var settings = new ClusterSettings { Redis = $"127.0.0.1:{redisPort}", ConnectTimeout = TimeSpan.FromSeconds(30) };
            PricedBook book = PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());
            var mc = new MonteCarloSettings { Draws = draws, Seed = 42 };
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            VolShockMonteCarlo.Run(book, mc with { Draws = 4096 * 8 }); // JIT
            var local = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                VolShockMonteCarlo.Run(book, mc);
                local.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }

            double tLocal = Median(local);
            long revaluations = (long)draws * book.LegCount;
            Console.WriteLine(FormattableString.Invariant($"Monte Carlo {draws:N0} draws x {book.LegCount} legs = {revaluations / 1e6:F1} M revaluations; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}"));
            Console.WriteLine(FormattableString.Invariant($"local (this process, {new ScenarioRunOptions().Describe()}): {tLocal:F3} s ({revaluations / tLocal / 1e6:F1} M reval/s)"));
            Console.WriteLine("| silos | shard (draws) | revaluations/shard | shards | wall s | vs local | overhead/shard ms (median of cluster - local) | silo s (sum) | retries |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var fits = new List<string>();
            for (int silos = 1; silos <= 3; silos++)
            {
                var points = new List<(double Shards, double Seconds, double Local)>();
                processes.Add(StartSilo(cli, settings.Redis));
                await WaitForSilos(settings, silos);
                using IHost host = ClusterHosting.BuildClient(settings);
                IClusterClient client = await ClusterHosting.ConnectAsync(host, settings, CancellationToken.None);
                foreach (int shard in new[] { 4096, 16384, 65536, 262144 })
                {
                    var runner = new ClusterScenarioRunner(client, new ClusterRunOptions { ShardSize = shard });
                    await runner.MonteCarloAsync(book, mc with { Draws = Math.Min(draws, shard * silos * 4) }); // warm every silo and slot
                    // Side by side: each repetition runs the local run, then the clustered one (the machine is shared and noisy).
                    var times = new List<double>();
                    var ratios = new List<double>();
                    var perShard = new List<double>();
                    int retries = 0;
                    var siloSeconds = new List<double>();
                    int shards = (draws + shard - 1) / shard;
                    for (int r = 0; r < reps; r++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        VolShockMonteCarlo.Run(book, mc);
                        double tl = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                        t0 = Stopwatch.GetTimestamp();
                        await runner.MonteCarloAsync(book, mc);
                        double tc = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                        times.Add(tc);
                        ratios.Add(tc / tl);
                        perShard.Add((tc - tl) / shards);
                        retries += runner.LastReport!.Retries;
                        siloSeconds.Add(runner.LastReport.KernelSeconds);
                    }

                    points.Add((shards, Median(times), Median(times.Select((t, i) => t / ratios[i]).ToList())));
                    Console.WriteLine(FormattableString.Invariant($"| {silos} | {shard:N0} | {(long)shard * book.LegCount / 1e6:F2} M | {shards} | {Median(times):F3} | {Median(ratios):F2} | {Median(perShard) * 1e3:F1} | {Median(siloSeconds):F3} | {retries} |"));
                }

                // Least squares t = a + b·shards over the shard sizes (same draws): b is the cost of one more shard,
                // a - local the cost of the run itself (P&L transfer and merge, proportional to draws).
                double mx = points.Average(p => p.Shards), my = points.Average(p => p.Seconds);
                double b = points.Sum(p => (p.Shards - mx) * (p.Seconds - my)) / points.Sum(p => (p.Shards - mx) * (p.Shards - mx));
                double a = my - (b * mx), localFit = points.Average(p => p.Local);
                fits.Add(FormattableString.Invariant($"| {silos} | {b * 1e3:F2} | {a:F3} | {localFit:F3} | {a - localFit:F3} | {(a - localFit) / (draws * 8.0 * book.Book.Layers.Count / 1e6) * 1e3:F1} |"));
                await host.StopAsync();
            }

            Console.WriteLine();
            Console.WriteLine("| silos | per shard ms (slope) | fixed s (intercept) | local s | per run s (intercept - local) | per MB of P&L returned ms |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            foreach (string f in fits) Console.WriteLine(f);
        }
        finally
        {
            foreach (Process p in processes)
            {
                try
                {
                    if (!p.HasExited) p.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task WaitForSilos(ClusterSettings settings, int count)
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            using IHost host = ClusterHosting.BuildClient(settings);
            try
            {
                IClusterClient client = await ClusterHosting.ConnectAsync(host, settings, CancellationToken.None);
                int n = (await ClusterHosting.StatusAsync(client, CancellationToken.None)).Count(s => s.Engine != ClusterHosting.Unreachable);
                await host.StopAsync();
                if (n >= count) return;
            }
            catch (ClusterUnavailableException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{count} silo(s) did not join");
    }

    private static Process StartSilo(string cli, string redis) => Start("dotnet", [cli, "silo", "--redis", redis, "--port", FreePort().ToString(CultureInfo.InvariantCulture),
        "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture), "--engine", "simd"], null);

    private static Process Start(string file, string[] args, string? _)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
