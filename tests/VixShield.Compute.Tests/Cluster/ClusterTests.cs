using System.Text.Json;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Cluster;

/// <summary>
/// The compute cluster for real: a private redis-server, silo processes of the built CLI on loopback ports, and
/// <c>vixshield cluster status</c> as a client. Every process stops by itself or is killed by the fixture.
/// </summary>
public sealed class ClusterTests : IDisposable
{
    private readonly ClusterFixture _cluster = new();
    private readonly CliSandbox _box = new();

    public void Dispose()
    {
        _box.Dispose();
        _cluster.Dispose();
    }

    private async Task<JsonElement[]> StatusAsync(string clusterId = "vixshield")
    {
        CliRun run = await _box.RunAsync("cluster", "status", "--redis", _cluster.Redis, "--cluster-id", clusterId, "--json", "--connect-timeout", "20");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public async Task ClusterStatus_ListsEverySilo_WithItsEngineAndProcess()
    {
        SiloProcess a = _cluster.StartSilo(), b = _cluster.StartSilo();
        JsonElement[] silos = await StatusAsync();
        Assert.Equal(2, silos.Length);
        Assert.Equal(new[] { a.Process.Id, b.Process.Id }.Order(), silos.Select(s => s.GetProperty("processId").GetInt32()).Order());
        Assert.All(silos, s => Assert.Equal("simd", s.GetProperty("engine").GetString()));
        Assert.All(silos, s => Assert.StartsWith("SIMD", s.GetProperty("scenarioKernel").GetString(), StringComparison.Ordinal));
        Assert.All(silos, s => Assert.Equal(0, s.GetProperty("runningShards").GetInt32()));
        Assert.Equal(new[] { a.Port, b.Port }.Order(), silos.Select(s => int.Parse(s.GetProperty("silo").GetString()!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task ClusterStatus_AfterOneSiloIsKilled_ListsOnlyTheSurvivor()
    {
        SiloProcess a = _cluster.StartSilo(), b = _cluster.StartSilo();
        Assert.Equal(2, (await StatusAsync()).Length);
        b.Process.Kill(entireProcessTree: true);
        JsonElement[] silos = [];
        for (int attempt = 0; attempt < 60; attempt++)
        {
            silos = await StatusAsync();
            if (silos.Length == 1) break;
            await Task.Delay(500);
        }

        Assert.Single(silos);
        Assert.Equal(a.Process.Id, silos[0].GetProperty("processId").GetInt32());
    }

    [Fact]
    public async Task ClusterSilo_OnSigterm_LeavesTheClusterAndExitsZero()
    {
        SiloProcess a = _cluster.StartSilo(), b = _cluster.StartSilo();
        Assert.Equal(2, (await StatusAsync()).Length);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", b.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        Assert.True(b.Process.WaitForExit(30_000), b.Log);
        b.Process.WaitForExit(); // the timed wait does not wait for the redirected output to be read to its end
        Assert.Equal(0, b.Process.ExitCode);
        Assert.Contains("left the cluster", b.Log, StringComparison.Ordinal);
        JsonElement[] silos = await StatusAsync();
        Assert.Single(silos);
        Assert.Equal(a.Process.Id, silos[0].GetProperty("processId").GetInt32());
    }

    [Fact]
    public async Task ClusterClient_WithNoSilo_FailsWithExitTwoAndSaysWhatToStart()
    {
        CliRun run = await _box.RunAsync("cluster", "status", "--redis", _cluster.Redis, "--connect-timeout", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("vixshield silo --redis " + _cluster.Redis, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterClient_WithNoRedis_FailsWithExitTwo()
    {
        int nothing = ClusterFixture.FreePort();
        CliRun run = await _box.RunAsync("cluster", "status", "--redis", $"127.0.0.1:{nothing}", "--connect-timeout", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Redis 127.0.0.1:{nothing}", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterClient_WithABadRedisEndpoint_IsAUsageError()
    {
        CliRun run = await _box.RunAsync("cluster", "status", "--redis", "localhost");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HOST:PORT", run.Err, StringComparison.Ordinal);
    }
}
