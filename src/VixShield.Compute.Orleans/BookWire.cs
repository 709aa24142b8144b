using VixShield.Compute.Book;
using VixShield.Compute.Time;

namespace VixShield.Compute.Orleans;

// The book on the wire: Orleans-generated serializers for plain wire records, and converters that map them to and
// from the core library's model types (which stay free of Orleans attributes). Each contract has a versioned alias:
// a change of shape gets a new alias (v2), never a silent reinterpretation of v1 bytes.

/// <summary>A leg on the wire.</summary>
[GenerateSerializer, Alias("vixshield.leg.v1"), Immutable]
public sealed record LegWire(
    [property: Id(0)] Instrument Instrument,
    [property: Id(1)] OptionKind? Kind,
    [property: Id(2)] double Strike,
    [property: Id(3)] DateOnly ExpiryDate,
    [property: Id(4)] SettlementStyle Settlement,
    [property: Id(5)] int Quantity,
    [property: Id(6)] double Multiplier,
    [property: Id(7)] double OpenPrice);

/// <summary>Overlay Greeks on the wire.</summary>
[GenerateSerializer, Alias("vixshield.overlay.v1"), Immutable]
public sealed record OverlayWire(
    [property: Id(0)] double Value, [property: Id(1)] double Delta, [property: Id(2)] double Gamma, [property: Id(3)] double Vega,
    [property: Id(4)] double ThetaPerDay, [property: Id(5)] double Rho, [property: Id(6)] double PnL);

/// <summary>A position on the wire.</summary>
[GenerateSerializer, Alias("vixshield.position.v1"), Immutable]
public sealed record PositionWire([property: Id(0)] string Name, [property: Id(1)] LegWire[] Legs, [property: Id(2)] double? Units, [property: Id(3)] OverlayWire? Greeks);

/// <summary>A layer on the wire.</summary>
[GenerateSerializer, Alias("vixshield.layer.v1"), Immutable]
public sealed record LayerWire([property: Id(0)] string Name, [property: Id(1)] LayerRole Role, [property: Id(2)] DateOnly? Opened,
    [property: Id(3)] PositionWire[] Positions, [property: Id(4)] bool Active);

/// <summary>A book on the wire (a struct: Orleans surrogates are value types).</summary>
[GenerateSerializer, Alias("vixshield.book.v1"), Immutable]
public readonly record struct BookWire([property: Id(0)] string Name, [property: Id(1)] LayerWire[] Layers);

/// <summary>Maps <see cref="AlvhBook"/> to <see cref="BookWire"/> and back, so books travel in grain calls.</summary>
[RegisterConverter]
public sealed class BookConverter : IConverter<AlvhBook, BookWire>
{
    /// <inheritdoc/>
    public AlvhBook ConvertFromSurrogate(in BookWire surrogate) => new(surrogate.Name, surrogate.Layers.Select(l => new Layer(
        l.Name, l.Role, l.Opened, l.Positions.Select(p => new Position(
            p.Name,
            p.Legs.Select(g => new Leg(g.Instrument, g.Kind, g.Strike, new Expiry(g.ExpiryDate, g.Settlement), g.Quantity, g.Multiplier, g.OpenPrice)).ToList(),
            p.Units,
            p.Greeks is { } o ? new OverlayGreeks(o.Value, o.Delta, o.Gamma, o.Vega, o.ThetaPerDay, o.Rho, o.PnL) : null)).ToList(),
        l.Active)).ToList());

    /// <inheritdoc/>
    public BookWire ConvertToSurrogate(in AlvhBook value) => new(value.Name, value.Layers.Select(l => new LayerWire(
        l.Name, l.Role, l.Opened, l.Positions.Select(p => new PositionWire(
            p.Name,
            p.Legs.Select(g => new LegWire(g.Instrument, g.Kind, g.Strike, g.Expiry.Date, g.Expiry.Settlement, g.Quantity, g.Multiplier, g.OpenPrice)).ToArray(),
            p.Units,
            p.Greeks is { } o ? new OverlayWire(o.Value, o.Delta, o.Gamma, o.Vega, o.ThetaPerDay, o.Rho, o.PnL) : null)).ToArray(),
        l.Active)).ToArray());
}
