using System.CommandLine;
using VixShield.Compute.Orleans;

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
