using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace VixShield.Compute.Orleans;

/// <summary>
/// Places a grain on the silo its string key names (the key starts with the silo address, e.g. "S127.0.0.1:11111:123456789/worker").
/// The coordinator uses it to give each silo its own work and to ask each silo what it runs; when that silo is gone, the
/// call fails and the coordinator moves the work (it never silently runs on another silo).
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class OnNamedSiloPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static OnNamedSiloPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as placed by <see cref="OnNamedSiloPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OnNamedSiloAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public OnNamedSiloAttribute()
        : base(OnNamedSiloPlacement.Instance)
    {
    }
}

/// <summary>The director of <see cref="OnNamedSiloPlacement"/>.</summary>
public sealed class OnNamedSiloPlacementDirector : IPlacementDirector
{
    /// <summary>The grain key of a grain on <paramref name="silo"/>, with a suffix naming the grain.</summary>
    public static string Key(SiloAddress silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ToParsableString() + "/" + name;
    }

    /// <inheritdoc/>
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = target.GrainIdentity.Key.ToString() ?? "";
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        SiloAddress wanted = SiloAddress.FromParsableString(slash < 0 ? key : key[..slash]);
        foreach (SiloAddress s in context.GetCompatibleSilos(target))
        {
            if (s.Equals(wanted)) return Task.FromResult(s);
        }

        throw new SiloUnavailableException($"Silo {wanted} is not in the cluster any more: its work must go to another silo.");
    }
}
