using VixShield.Compute.Time;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VixShield.Compute.Book.Json;

#pragma warning disable CS1591 // JSON document shapes; documented in kernels-docs/book.md
#pragma warning disable CA1812 // instantiated by System.Text.Json

internal sealed class BookDocument
{
    public required string Name { get; init; }

    public required List<LayerDocument> Layers { get; init; }
}

internal sealed class LayerDocument
{
    public required string Name { get; init; }

    public required LayerRole Role { get; init; }

    public DateOnly? Opened { get; init; }

    public bool? Active { get; init; }

    public required List<PositionDocument> Positions { get; init; }
}

internal sealed class PositionDocument
{
    public required string Name { get; init; }

    public double? Units { get; init; }

    public List<LegDocument>? Legs { get; init; }

    public OverlayDocument? Greeks { get; init; }

    public TemplateDocument? Template { get; init; }
}

internal sealed class TemplateDocument
{
    public required SpreadTemplate Type { get; init; }

    public Instrument? Instrument { get; init; }

    public OptionKind? Kind { get; init; }

    public required DateOnly Expiry { get; init; }

    public DateOnly? FarExpiry { get; init; }

    public List<double>? Strikes { get; init; }

    public int? Units { get; init; }

    public List<double>? OpenPrices { get; init; }
}

internal sealed class LegDocument
{
    public required Instrument Instrument { get; init; }

    public OptionKind? Kind { get; init; }

    public double? Strike { get; init; }

    public required DateOnly Expiry { get; init; }

    public SettlementStyle? Settlement { get; init; }

    public required int Quantity { get; init; }

    public double? Multiplier { get; init; }

    public required double OpenPrice { get; init; }
}

internal sealed class OverlayDocument
{
    public double Value { get; init; }

    public double Delta { get; init; }

    public double Gamma { get; init; }

    public double Vega { get; init; }

    public double ThetaPerDay { get; init; }

    public double Rho { get; init; }

    public double Pnl { get; init; }
}

internal sealed class MarketDocument
{
    public required DateTimeOffset ValuationTime { get; init; }

    public required SpxDocument Spx { get; init; }

    public required RatesDocument Rates { get; init; }

    public required VolDocument SpxVol { get; init; }

    public required List<VixFutureDocument> VixFutures { get; init; }

    public required VolDocument VixVol { get; init; }

    public required double SpxVixBeta { get; init; }

    public List<QuoteDocument>? Quotes { get; init; }
}

internal sealed class SpxDocument
{
    public required double Spot { get; init; }

    public required double DividendYield { get; init; }

    public List<CarryDocument>? Carry { get; init; }
}

internal sealed class CarryDocument
{
    public required DateOnly Expiry { get; init; }

    public double? Forward { get; init; }

    public double? DividendYield { get; init; }
}

internal sealed class RatesDocument
{
    public required double Flat { get; init; }
}

internal sealed class VolDocument
{
    public double? Flat { get; init; }

    public List<VolSliceDocument>? Slices { get; init; }

    public string? SviFile { get; init; }
}

internal sealed class VolSliceDocument
{
    public required DateOnly Expiry { get; init; }

    public SettlementStyle? Settlement { get; init; }

    public required List<double> Strikes { get; init; }

    public required List<double> Vols { get; init; }
}

internal sealed class VixFutureDocument
{
    public required DateOnly Expiry { get; init; }

    public required double Price { get; init; }
}

internal sealed class QuoteDocument
{
    public required DateOnly Expiry { get; init; }

    public SettlementStyle? Settlement { get; init; }

    public required double Strike { get; init; }

    public required double Call { get; init; }

    public required double Put { get; init; }
}

/// <summary>Enum as a camelCase string only (numbers are rejected).</summary>
internal sealed class StrictEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public StrictEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(StrictEnumConverter<Instrument>), typeof(StrictEnumConverter<OptionKind>), typeof(StrictEnumConverter<SettlementStyle>), typeof(StrictEnumConverter<LayerRole>), typeof(StrictEnumConverter<SpreadTemplate>)])]
[JsonSerializable(typeof(BookDocument))]
[JsonSerializable(typeof(MarketDocument))]
internal sealed partial class BookJsonContext : JsonSerializerContext
{
}
