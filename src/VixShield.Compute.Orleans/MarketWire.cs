using VixShield.Compute.Book;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Orleans;

/// <summary>The kind of a volatility surface on the wire.</summary>
public enum SurfaceWireKind
{
    /// <summary><see cref="FlatVolatilitySurface"/>.</summary>
    Flat = 0,

    /// <summary><see cref="StrikeVolatilitySurface"/>: per-strike vols on expiry slices.</summary>
    Strikes = 1,

    /// <summary><see cref="SviSurface"/>: raw SVI slices.</summary>
    Svi = 2,
}

/// <summary>One expiry slice of a surface on the wire: per-strike vols, or the five raw-SVI parameters and the slice forward.</summary>
[GenerateSerializer, Alias("vixshield.surface-slice.v1"), Immutable]
public sealed record SurfaceSliceWire(
    [property: Id(0)] double Time,
    [property: Id(1)] double[] Strikes,
    [property: Id(2)] double[] Vols,
    [property: Id(3)] double Forward,
    [property: Id(4)] double[] Svi);

/// <summary>A volatility surface on the wire.</summary>
[GenerateSerializer, Alias("vixshield.surface.v1"), Immutable]
public sealed record SurfaceWire([property: Id(0)] SurfaceWireKind Kind, [property: Id(1)] double FlatVol, [property: Id(2)] SurfaceSliceWire[] Slices)
{
    /// <summary>The wire form of a surface.</summary>
    /// <exception cref="NotSupportedException">For a surface type that has no wire form (say which types do).</exception>
    public static SurfaceWire From(IVolatilitySurface surface, string role) => surface switch
    {
        FlatVolatilitySurface f => new SurfaceWire(SurfaceWireKind.Flat, f.Volatility, []),
        StrikeVolatilitySurface s => new SurfaceWire(SurfaceWireKind.Strikes, 0, s.Slices.Select(x => new SurfaceSliceWire(x.Time, [.. x.Strikes], [.. x.Vols], 0, [])).ToArray()),
        SviSurface v => new SurfaceWire(SurfaceWireKind.Svi, 0, v.Slices.Select(x => new SurfaceSliceWire(x.Time, [], [], x.Forward,
            [x.Parameters.A, x.Parameters.B, x.Parameters.Rho, x.Parameters.M, x.Parameters.Sigma])).ToArray()),
        _ => throw new NotSupportedException(
            $"The {role} surface is a {surface.GetType().Name}, which cannot be sent to a cluster: use a flat, per-strike or SVI surface (the market file's spxVol/vixVol forms)."),
    };

    /// <summary>The surface.</summary>
    public IVolatilitySurface ToSurface() => Kind switch
    {
        SurfaceWireKind.Flat => new FlatVolatilitySurface(FlatVol),
        SurfaceWireKind.Strikes => new StrikeVolatilitySurface(Slices.Select(x => (x.Time, (IReadOnlyList<double>)x.Strikes, (IReadOnlyList<double>)x.Vols))),
        SurfaceWireKind.Svi => new SviSurface(Slices.Select(x => new SviSlice(x.Time, x.Forward, new SviParameters(x.Svi[0], x.Svi[1], x.Svi[2], x.Svi[3], x.Svi[4])))),
        _ => throw new NotSupportedException($"Unknown surface kind {(int)Kind} on the wire: the sender is a newer version; upgrade this silo."),
    };
}

/// <summary>A market snapshot on the wire (flat rate curves only: the market file's form).</summary>
[GenerateSerializer, Alias("vixshield.market.v1"), Immutable]
public readonly record struct MarketWire(
    [property: Id(0)] DateTimeOffset ValuationTime,
    [property: Id(1)] double SpxSpot,
    [property: Id(2)] double FlatRate,
    [property: Id(3)] double DefaultDividendYield,
    [property: Id(4)] DateOnly[] CarryExpiries,
    [property: Id(5)] double?[] CarryForwards,
    [property: Id(6)] double?[] CarryDividendYields,
    [property: Id(7)] SurfaceWire SpxVolatility,
    [property: Id(8)] DateOnly[] VixFutureExpiries,
    [property: Id(9)] double[] VixFuturePrices,
    [property: Id(10)] SurfaceWire VixVolatility,
    [property: Id(11)] double SpxVixBeta);

/// <summary>Maps <see cref="MarketSnapshot"/> to <see cref="MarketWire"/> and back, so markets travel in grain calls.
/// Parity quotes stay with the client (they feed rule 8, not scenario revaluation).</summary>
[RegisterConverter]
public sealed class MarketConverter : IConverter<MarketSnapshot, MarketWire>
{
    /// <inheritdoc/>
    public MarketSnapshot ConvertFromSurrogate(in MarketWire surrogate)
    {
        MarketWire w = surrogate;
        return new MarketSnapshot(
            w.ValuationTime, w.SpxSpot, new FlatRateCurve(w.FlatRate),
            new SpxCarry(w.DefaultDividendYield, w.CarryExpiries.Select((e, i) => new SpxCarryPoint(e, w.CarryForwards[i], w.CarryDividendYields[i])).ToList()),
            w.SpxVolatility.ToSurface(),
            new VixFuturesCurve(w.VixFutureExpiries.Select((e, i) => new VixFuturePoint(e, w.VixFuturePrices[i])).ToList()),
            w.VixVolatility.ToSurface(), w.SpxVixBeta);
    }

    /// <inheritdoc/>
    public MarketWire ConvertToSurrogate(in MarketSnapshot value)
    {
        if (value.Rates is not FlatRateCurve rates)
        {
            throw new NotSupportedException($"The market's rate curve is a {value.Rates.GetType().Name}; only a flat curve can be sent to a cluster (the market file's form).");
        }

        return new MarketWire(
            value.ValuationTime, value.SpxSpot, rates.Rate, value.Carry.DefaultDividendYield,
            value.Carry.Points.Select(p => p.Expiry).ToArray(), value.Carry.Points.Select(p => p.Forward).ToArray(), value.Carry.Points.Select(p => p.DividendYield).ToArray(),
            SurfaceWire.From(value.SpxVolatility, "SPX"),
            value.VixFutures.Points.Select(p => p.Expiry).ToArray(), value.VixFutures.Points.Select(p => p.Price).ToArray(),
            SurfaceWire.From(value.VixVolatility, "VIX"), value.SpxVixBeta);
    }
}
