using Microsoft.Extensions.Hosting;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Orleans;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Tests.Cli;
using VixShield.Compute.Tests.Scenarios;
using Xunit;

namespace VixShield.Compute.Tests.Cluster;

/// <summary>
/// Clustered scenario runs for real: a private redis-server, 2-3 silo processes of the built CLI (SIMD engine, the same
/// vector width as this process), and the coordinator in this process or the CLI as a client. Results are compared
/// with the single-machine run bit for bit.
/// </summary>
public sealed class ClusterScenarioTests : IDisposable
{
    private readonly ClusterFixture _cluster = new();
    private readonly CliSandbox _box = new();

    public void Dispose()
    {
        _box.Dispose();
        _cluster.Dispose();
    }

    private ClusterSettings Settings => new() { Redis = _cluster.Redis, ConnectTimeout = TimeSpan.FromSeconds(30) };

    private async Task<(IHost Host, IClusterClient Client)> ConnectAsync()
    {
        IHost host = ClusterHosting.BuildClient(Settings);
        return (host, await ClusterHosting.ConnectAsync(host, Settings, CancellationToken.None));
    }

    private static PricedBook Sample() => PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());

    private static void AssertSameRun(MonteCarloResult expected, MonteCarloResult actual)
    {
        for (int li = 0; li < expected.Pnl.LayerPnl.Count; li++)
        {
            double[] e = expected.Pnl.LayerPnl[li], a = actual.Pnl.LayerPnl[li];
            Assert.Equal(e.Length, a.Length);
            for (int i = 0; i < e.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(e[i]) != BitConverter.DoubleToInt64Bits(a[i])) Assert.Fail($"layer {li}, draw {i}: {e[i]:R} local vs {a[i]:R} clustered");
            }
        }

        ShardTests.AssertSameDistribution(expected.WithHedge, actual.WithHedge);
        ShardTests.AssertSameDistribution(expected.WithoutHedge, actual.WithoutHedge);
        Assert.Equal(expected.DeltaBandBreachWithHedge, actual.DeltaBandBreachWithHedge);
        Assert.Equal(expected.DeltaBandBreachWithoutHedge, actual.DeltaBandBreachWithoutHedge);
    }

    [Fact]
    public async Task ClusterMonteCarloAndStress_FromTheCli_EqualTheLocalRunByteForByte()
    {
        _cluster.StartSilo();
        _cluster.StartSilo();
        string[] mc = ["montecarlo", "--sample", "--draws", "40000", "--seed", "17", "--json"];
        CliRun local = await _box.RunAsync([.. mc, "--engine", "simd", "--pnl-out", _box.PathOf("local.csv")]);
        CliRun clustered = await _box.RunAsync([.. mc, "--cluster", _cluster.Redis, "--shard-size", "4096", "--connect-timeout", "30", "--pnl-out", _box.PathOf("cluster.csv")]);
        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.True(clustered.ExitCode == 0, clustered.ToString());
        Assert.Equal(local.Out, clustered.Out);
        Assert.Equal(File.ReadAllText(_box.PathOf("local.csv")), File.ReadAllText(_box.PathOf("cluster.csv")));

        string[] stress = ["stress", "--sample", "--spot", "-20,-15,-10,-5,-2,0,2,5,10,15,20", "--days", "0,1,2,5,10", "--json"];
        CliRun localStress = await _box.RunAsync([.. stress, "--engine", "simd", "--pnl-out", _box.PathOf("local-cells.csv")]);
        CliRun clusteredStress = await _box.RunAsync([.. stress, "--cluster", _cluster.Redis, "--connect-timeout", "30", "--pnl-out", _box.PathOf("cluster-cells.csv")]);
        Assert.True(localStress.ExitCode == 0, localStress.ToString());
        Assert.True(clusteredStress.ExitCode == 0, clusteredStress.ToString());
        Assert.Equal(localStress.Out, clusteredStress.Out);
        Assert.Equal(File.ReadAllText(_box.PathOf("local-cells.csv")), File.ReadAllText(_box.PathOf("cluster-cells.csv")));
    }

    [Fact]
    public async Task ClusterMonteCarlo_WhenASiloIsKilledMidRun_RedoesItsShardsElsewhere_SameResultBitForBit()
    {
        SiloProcess a = _cluster.StartSilo(), b = _cluster.StartSilo(), c = _cluster.StartSilo();
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 4096 * 120, Seed = 23 };
        MonteCarloResult local = VolShockMonteCarlo.Run(book, settings);
        var (host, client) = await ConnectAsync();
        using (host)
        {
            var runner = new ClusterScenarioRunner(client, new ClusterRunOptions { ShardSize = 4096 * 2 });
            var killed = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            var progress = new SyncProgress(p =>
            {
                if (p >= 0.15 && killed.TrySetResult(p)) b.Process.Kill(entireProcessTree: true);
            });
            MonteCarloResult clustered = await runner.MonteCarloAsync(book, settings, progress).WaitAsync(TimeSpan.FromMinutes(4));
            Assert.True(killed.Task.IsCompleted, "the silo was not killed during the run");
            Assert.True(b.Process.HasExited);
            AssertSameRun(local, clustered);
            ClusterRunReport report = runner.LastReport!;
            Assert.Equal(60, report.Shards);
            Assert.True(report.Retries > 0, "no shard was redone after the kill");
            Assert.Equal(60, report.ShardsPerSilo.Values.Sum());
            Assert.True(report.ShardsPerSilo.Count >= 2);
            GC.KeepAlive(a);
            GC.KeepAlive(c);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task ClusterClient_WithNoReachableCluster_FailsWithExitTwoAndAClearMessage()
    {
        int nothing = ClusterFixture.FreePort();
        CliRun noRedis = await _box.RunAsync("montecarlo", "--sample", "--draws", "1000", "--cluster", $"127.0.0.1:{nothing}", "--connect-timeout", "2", "--pnl-out", _box.PathOf("p.csv"));
        Assert.Equal(2, noRedis.ExitCode);
        Assert.Contains($"Redis 127.0.0.1:{nothing}", noRedis.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", noRedis.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_box.PathOf("p.csv")));

        CliRun noSilo = await _box.RunAsync("stress", "--sample", "--cluster", _cluster.Redis, "--connect-timeout", "2");
        Assert.Equal(2, noSilo.ExitCode);
        Assert.Contains("vixshield silo --redis " + _cluster.Redis, noSilo.Err, StringComparison.Ordinal);

        CliRun engineOnCluster = await _box.RunAsync("montecarlo", "--sample", "--cluster", _cluster.Redis, "--engine", "gpu");
        Assert.Equal(2, engineOnCluster.ExitCode);
        Assert.Contains("each silo runs its own engine", engineOnCluster.Err, StringComparison.Ordinal);
        CliRun shardsLocally = await _box.RunAsync("montecarlo", "--sample", "--shard-size", "4096");
        Assert.Equal(2, shardsLocally.ExitCode);
        Assert.Contains("--cluster", shardsLocally.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterCancellation_StopsEveryShardOnTheSilos()
    {
        _cluster.StartSilo();
        _cluster.StartSilo();
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 4096 * 2000, Seed = 5 }; // minutes of work on 2 cores
        var (host, client) = await ConnectAsync();
        using (host)
        {
            var runner = new ClusterScenarioRunner(client, new ClusterRunOptions { ShardSize = 4096 * 16 });
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p =>
            {
                if (p > 0) cts.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.MonteCarloAsync(book, settings, progress, cts.Token).WaitAsync(TimeSpan.FromMinutes(4)));
            IReadOnlyList<SiloInfo> silos = [];
            for (int attempt = 0; attempt < 40; attempt++)
            {
                silos = await ClusterHosting.StatusAsync(client, CancellationToken.None);
                if (silos.All(s => s.RunningShards == 0)) break;
                await Task.Delay(250);
            }

            Assert.Equal(2, silos.Count);
            Assert.All(silos, s => Assert.Equal(0, s.RunningShards));
            long completed = silos.Sum(s => s.CompletedShards);
            Assert.True(completed < 2000 / 16, $"{completed} shards completed: the run was not cancelled early");
            await Task.Delay(1500);
            IReadOnlyList<SiloInfo> later = await ClusterHosting.StatusAsync(client, CancellationToken.None);
            Assert.Equal(completed, later.Sum(s => s.CompletedShards)); // nothing kept running after the cancellation
            Assert.All(later, s => Assert.Equal(0, s.RunningShards));

            // The CLI client the same way (Ctrl+C is this token there): exit 130, no output file, no shard left running.
            using var ctrlC = new CancellationTokenSource();
            Task<CliRun> running = _box.RunAsync(ctrlC.Token, "montecarlo", "--sample", "--draws", (4096 * 3000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--cluster", _cluster.Redis, "--shard-size", "65536", "--pnl-out", _box.PathOf("draws.csv"), "--verbose");
            var seen = new System.Text.StringBuilder();
            for (int attempt = 0; attempt < 600 && !running.IsCompleted; attempt++)
            {
                // Cancel once the CLI's shards run on the silos.
                IReadOnlyList<SiloInfo> now = await ClusterHosting.StatusAsync(client, CancellationToken.None);
                seen.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append(' ')
                    .AppendJoin(", ", now.Select(s => $"{s.Engine} {s.RunningShards}/{s.CompletedShards}")).Append('\n');
                if (now.Any(s => s.RunningShards > 0 || s.CompletedShards > completed)) break;
                await Task.Delay(100);
            }

            if (running.IsCompleted) Assert.Fail("the CLI run ended before it could be cancelled:\n" + seen + (await running).Err);
            seen.Append("cancel at ").Append(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            await ctrlC.CancelAsync();
            CliRun cli = await running.WaitAsync(TimeSpan.FromMinutes(1));
            seen.Append("CLI done at ").Append(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            Assert.True(cli.ExitCode == 130, seen + cli.Err);
            Assert.False(File.Exists(_box.PathOf("draws.csv")));
            Assert.DoesNotContain("   at ", cli.Err, StringComparison.Ordinal);
            for (int attempt = 0; attempt < 40; attempt++)
            {
                later = await ClusterHosting.StatusAsync(client, CancellationToken.None);
                if (later.All(s => s.RunningShards == 0)) break;
                await Task.Delay(250);
            }

            Assert.All(later, s => Assert.Equal(0, s.RunningShards));
            await host.StopAsync();
        }
    }

    /// <summary>Reports on the caller's thread (System.Progress would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
