using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using StackExchange.Redis;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Orleans;

/// <summary>Builds silo and client hosts for a <see cref="ClusterSettings"/> (Redis membership, or localhost development clustering).</summary>
public static class ClusterHosting
{
    /// <summary>
    /// A silo host: Redis (or localhost) clustering, loopback/advertised endpoints, the placement director, and the silo's
    /// engine (<paramref name="createEngine"/>: the best local engine, GPU where present) with its device survey.
    /// </summary>
    /// <param name="settings">Cluster and endpoints.</param>
    /// <param name="createEngine">Creates the silo's engine (called once, at start).</param>
    /// <param name="devices">The silo's device survey, reported by <c>vixshield cluster status</c>.</param>
    /// <param name="configureLogging">Where the host logs.</param>
    public static IHost BuildSilo(ClusterSettings settings, Func<ILoggerFactory, IGreeksEngine> createEngine, SiloDevices devices, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(createEngine);
        ArgumentNullException.ThrowIfNull(devices);
        // A shard's kernel blocks pool threads on every core (Parallel.For); without spare threads the silo's own messages
        // (status, cancellation, the next shard's request) wait for the pool's thread injection, seconds on a small
        // machine. Enough threads up front keep the silo responsive while it computes.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, (4 * Environment.ProcessorCount) + 16), io);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(devices);
        builder.Services.AddSingleton(sp => createEngine(sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(sp => SiloScenarioEngine.ForEngine(sp.GetRequiredService<IGreeksEngine>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddPlacementDirector<OnNamedSiloPlacement, OnNamedSiloPlacementDirector>();
        builder.UseOrleans(silo =>
        {
            if (settings.LocalhostDevelopment)
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            }
            else
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(settings));
                silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            // A shard may run for minutes (the coordinator, not a response timeout, notices a dead silo).
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ShardTimeout);
            // A dead silo is declared dead within seconds on a small cluster, so its shards move quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        return builder.Build();
    }

    /// <summary>A client host connected to the cluster of <paramref name="settings"/> (start it with <see cref="ConnectAsync"/>).</summary>
    public static IHost BuildClient(ClusterSettings settings, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            if (settings.LocalhostDevelopment)
            {
                client.UseLocalhostClustering(settings.GatewayPort);
            }
            else
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(settings));
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ShardTimeout);
        });
        return builder.Build();
    }

    /// <summary>Starts a client host and waits until it is connected, or fails with a message saying what to check.</summary>
    /// <exception cref="ClusterUnavailableException">When no silo answers within <see cref="ClusterSettings.ConnectTimeout"/>.</exception>
    public static async Task<IClusterClient> ConnectAsync(IHost client, ClusterSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            await client.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OperationCanceledException or OrleansException or RedisException or SiloUnavailableException or TimeoutException)
        {
            throw new ClusterUnavailableException(
                settings.LocalhostDevelopment
                    ? $"no silo answered on the localhost gateway port {settings.GatewayPort} within {settings.ConnectTimeout.TotalSeconds:0} s: start one with `vixshield silo --localhost`."
                    : $"no silo of cluster '{settings.ClusterId}' answered within {settings.ConnectTimeout.TotalSeconds:0} s through Redis {settings.Redis}{(e is OperationCanceledException ? "" : $" ({e.Message})")}: check that redis-server runs there and that `vixshield silo --redis {settings.Redis}` is started.",
                e);
        }

        return client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The longest a grain call (one shard) may take before Orleans gives up on it (30 minutes): shards are sized
    /// to seconds, and a silo that dies is noticed by the coordinator's membership watch, not by this timeout.</summary>
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The <see cref="SiloInfo.Engine"/> of a silo that is in the membership table but does not answer.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The active silos and what each runs (<see cref="Unreachable"/> for one that does not answer within 10 s).</summary>
    public static async Task<IReadOnlyList<SiloInfo>> StatusAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        IManagementGrain management = client.GetGrain<IManagementGrain>(0);
        Dictionary<SiloAddress, SiloStatus> hosts;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                hosts = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (attempt < 20 && e is OrleansException or TimeoutException)
            {
                // The management grain lived on a silo that just died: it is re-activated elsewhere once the cluster
                // notices, within seconds.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }

        var infos = new List<SiloInfo>();
        foreach (SiloAddress silo in hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal))
        {
            try
            {
                infos.Add(await client.GetGrain<ISiloInfoGrain>(OnNamedSiloPlacementDirector.Key(silo, "info")).Describe()
                    .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Still in the membership table, but not answering: a silo that died and is not yet declared dead.
                infos.Add(new SiloInfo(silo.ToString(), "?", 0, 0, Unreachable, e.GetType().Name + ": " + e.Message, [], "?"));
            }
        }

        return infos;
    }

    private static ConfigurationOptions RedisOptions(ClusterSettings settings)
    {
        ConfigurationOptions o = ConfigurationOptions.Parse(ClusterSettings.ParseEndpoint(settings.Redis));
        o.AbortOnConnectFail = false;
        o.ConnectTimeout = (int)Math.Min(settings.ConnectTimeout.TotalMilliseconds, int.MaxValue);
        return o;
    }
}

/// <summary>The cluster could not be reached; the message says what to check.</summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message)
        : base(message)
    {
    }
}
