using System.CommandLine;
using VixShield.Compute.Orleans;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace VixShield.Cli.Infrastructure;

/// <summary>The options that say where the cluster is (--redis, --localhost, --cluster-id), shared by <c>silo</c>,
/// <c>cluster status</c> and the scenario commands' client mode.</summary>
internal sealed class ClusterCliOptions
{
    public ClusterCliOptions(string redisName = "--redis")
    {
        Redis = new Option<string>(redisName)
        {
            Description = $"Redis endpoint HOST:PORT holding the cluster membership (default {ClusterSettings.DefaultRedis}).",
        };
        Localhost = new Option<bool>("--localhost")
        {
            Description = "Use Orleans' localhost development clustering (one machine, no Redis) instead of Redis membership.",
        };
        ClusterId = new Option<string>("--cluster-id")
        {
            Description = "Orleans cluster id: silos and clients with the same id form one cluster (default vixshield).",
        };
        ConnectTimeout = new Option<double>("--connect-timeout")
        {
            Description = "Seconds a client waits for the cluster before giving up (default 10).",
            DefaultValueFactory = _ => 10.0,
        };
    }

    public Option<string> Redis { get; }

    public Option<bool> Localhost { get; }

    public Option<string> ClusterId { get; }

    public Option<double> ConnectTimeout { get; }

    public ClusterCliOptions AddTo(Command command)
    {
        command.Add(Redis);
        command.Add(Localhost);
        command.Add(ClusterId);
        command.Add(ConnectTimeout);
        return this;
    }

    /// <summary>The settings of the command line; a bad --redis or --connect-timeout is a usage error (exit 2).</summary>
    public ClusterSettings Settings(ParseResult parse, int siloPort = 11111, int gatewayPort = 30000)
    {
        string redis = parse.GetValue(Redis) ?? ClusterSettings.DefaultRedis;
        try
        {
            ClusterSettings.ParseEndpoint(redis);
        }
        catch (FormatException e)
        {
            throw new CliUserException($"--redis: {e.Message}", ExitCodes.UsageError);
        }

        double timeout = parse.GetValue(ConnectTimeout);
        if (!(timeout > 0 && timeout <= 3600)) throw new CliUserException($"--connect-timeout must be a number of seconds in (0, 3600], not {timeout}.", ExitCodes.UsageError);
        return new ClusterSettings
        {
            Redis = redis,
            LocalhostDevelopment = parse.GetValue(Localhost),
            ClusterId = parse.GetValue(ClusterId) ?? "vixshield",
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            ConnectTimeout = TimeSpan.FromSeconds(timeout),
        };
    }
}

/// <summary>The client mode of <c>montecarlo</c> and <c>stress</c>: <c>--cluster HOST:PORT</c> (the cluster's Redis) or
/// <c>--localhost</c>, <c>--cluster-id</c>, <c>--connect-timeout</c>, <c>--shard-size</c>.</summary>
internal sealed class ScenarioClusterOptions
{
    public ScenarioClusterOptions()
    {
        Cluster = new ClusterCliOptions("--cluster");
        Cluster.Redis.Description = "Run on the compute cluster whose membership is in Redis at HOST:PORT (see `vixshield silo`); each silo computes shards on its own engine.";
        Cluster.Redis.HelpName = "HOST:PORT";
        Cluster.Localhost.Description = "Run on a cluster of Orleans' localhost development clustering (silos started with `vixshield silo --localhost`).";
        ShardSize = new Option<int>("--shard-size")
        {
            Description = "Scenarios per cluster shard (default: automatic, at least 4 M revaluations per shard); rounded up to the kernel's block.",
        };
    }

    public ClusterCliOptions Cluster { get; }

    public Option<int> ShardSize { get; }

    public void AddTo(Command command)
    {
        Cluster.AddTo(command);
        command.Add(ShardSize);
    }

    /// <summary>Whether the command runs as a cluster client (--cluster or --localhost given).</summary>
    public bool IsClient(ParseResult parse) => parse.GetResult(Cluster.Redis) is not null || parse.GetValue(Cluster.Localhost);

    /// <summary>Throws a usage error when a cluster-only option is given without --cluster, or --engine with it.</summary>
    public void Check(ParseResult parse, Option engine)
    {
        bool client = IsClient(parse);
        if (parse.GetValue(ShardSize) < 0) throw new CliUserException($"--shard-size must be a positive number of scenarios (or 0: automatic), not {parse.GetValue(ShardSize)}.", ExitCodes.UsageError);
        if (!client)
        {
            foreach (Option o in new Option[] { Cluster.ClusterId, Cluster.ConnectTimeout, ShardSize })
            {
                if (parse.GetResult(o) is { Implicit: false }) throw new CliUserException($"{o.Name} applies to cluster runs: add --cluster HOST:PORT (or --localhost).", ExitCodes.UsageError);
            }
        }
        else if (parse.GetResult(engine) is { Implicit: false })
        {
            throw new CliUserException("--engine applies to local runs: on the cluster each silo runs its own engine (`vixshield silo --engine ...`; `vixshield cluster status` lists them).", ExitCodes.UsageError);
        }
    }

    /// <summary>Connects to the cluster, runs <paramref name="run"/> on a coordinator and disconnects. No reachable cluster,
    /// or a cluster that loses every silo, is exit code 2 with what to start.</summary>
    public Task<T> RunAsync<T>(CliContext context, ParseResult parse, Func<VixShield.Compute.Orleans.ClusterScenarioRunner, Task<T>> run, CancellationToken cancellationToken) =>
        ClusterClientSession.RunAsync(context, Cluster.Settings(parse), async client =>
        {
            var runner = new VixShield.Compute.Orleans.ClusterScenarioRunner(client, new ClusterRunOptions { ShardSize = parse.GetValue(ShardSize) },
                context.LoggerFactory.CreateLogger<VixShield.Compute.Orleans.ClusterScenarioRunner>());
            T result = await run(runner).ConfigureAwait(false);
            if (runner.LastReport is { } r && context.Verbose)
            {
                context.Note(FormattableString.Invariant($"cluster: {r.Shards} shard(s) on {r.ShardsPerSilo.Count} silo(s) ({string.Join(", ", r.ShardsPerSilo.Select(kv => $"{kv.Key}: {kv.Value}"))}), {r.Retries} redone, {r.KernelSeconds:F2} s of silo time."));
            }

            return result;
        }, cancellationToken);
}

/// <summary>A client connection of one CLI command to the cluster: connect, work, disconnect; cluster failures become
/// one-line errors with exit code 2 (what to check or start), never a stack trace.</summary>
internal static class ClusterClientSession
{
    public static async Task<T> RunAsync<T>(CliContext context, ClusterSettings settings, Func<IClusterClient, Task<T>> work, CancellationToken cancellationToken)
    {
        using Microsoft.Extensions.Hosting.IHost host = ClusterHosting.BuildClient(settings, logging =>
        {
            logging.AddProvider(new ForwardingLoggerProvider(context.LoggerFactory));
            if (!context.Verbose) logging.AddFilter("Orleans", LogLevel.Error);
        });
        try
        {
            return await work(await ClusterHosting.ConnectAsync(host, settings, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException e)
        {
            throw new CliUserException(e.Message, e, ExitCodes.UsageError);
        }
        catch (OrleansException e)
        {
            throw new CliUserException($"the cluster failed the request ({e.GetType().Name}: {e.Message}); check `vixshield cluster status` and run again in a few seconds.", e, ExitCodes.UsageError);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Sends the client host's log lines to the CLI's logger factory (one logging setup for the process).</summary>
    private sealed class ForwardingLoggerProvider(Microsoft.Extensions.Logging.ILoggerFactory factory) : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
