using System.Net;

namespace VixShield.Compute.Orleans;

/// <summary>
/// Where a silo or client finds the cluster. Membership lives in Redis (<see cref="Redis"/>); localhost development
/// clustering (one machine, fixed ports, no Redis) is only used when asked for explicitly.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The default Redis endpoint.</summary>
    public const string DefaultRedis = "127.0.0.1:6379";

    /// <summary>Redis endpoint (host:port) holding the membership table.</summary>
    public string Redis { get; init; } = DefaultRedis;

    /// <summary>Use Orleans' localhost development clustering instead of Redis (one machine; the primary silo on
    /// <see cref="SiloPort"/> 11111 by default).</summary>
    public bool LocalhostDevelopment { get; init; }

    /// <summary>Orleans cluster id: silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; init; } = "vixshield";

    /// <summary>Orleans service id (stable across deployments of the same service).</summary>
    public string ServiceId { get; init; } = "vixshield-compute";

    /// <summary>Silo-to-silo port (0: a free port is picked).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port (0: a free port is picked).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (loopback by default).</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>How long a client keeps trying to reach the cluster before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Parses "host:port" for <see cref="Redis"/>.</summary>
    /// <exception cref="FormatException">When it is not host:port with a port in 1..65535.</exception>
    public static string ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1
            || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not HOST:PORT (e.g. 127.0.0.1:6379).");
        }

        return text;
    }
}
