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

/// <summary>
/// Enum as its exact camelCase name only: numbers and other casings ("Premium" for "premium") are rejected, because a
/// reader that guesses hides typos. Throws a plain <see cref="JsonException"/>, which the serializer turns into
/// "could not be converted" with the JSON path (translated by <see cref="BookJson"/> into the list of valid names).
/// </summary>
internal sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, string> NameOf = ByName.ToDictionary(p => p.Value, p => p.Key);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out TEnum value)) return value;
        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf[value]);
    }
}

/// <summary>A problem a converter found in one value, with its own message (the JSON path is added by the reader).</summary>
internal sealed class JsonValueProblemException : JsonException
{
    public JsonValueProblemException(string message)
        : base(message)
    {
    }

    public JsonValueProblemException()
    {
    }

    public JsonValueProblemException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A timestamp with an explicit UTC offset ("Z" or ±hh:mm) only: without one, System.Text.Json would read it in the
/// machine's time zone, so the same file would value differently on another machine.
/// </summary>
internal sealed partial class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        string text = reader.GetString()!;
        if (!OffsetRegex().IsMatch(text))
        {
            throw new JsonValueProblemException($"\"{text}\" has no UTC offset: add one, e.g. \"2026-11-24T15:00:00-05:00\" or \"2026-11-24T20:00:00Z\" (without it the time would be read in this machine's time zone)");
        }

        return reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"T.*(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex OffsetRegex();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    Converters = [typeof(StrictDateTimeOffsetConverter), typeof(StrictEnumConverter<Instrument>), typeof(StrictEnumConverter<OptionKind>), typeof(StrictEnumConverter<SettlementStyle>), typeof(StrictEnumConverter<LayerRole>), typeof(StrictEnumConverter<SpreadTemplate>)])]
[JsonSerializable(typeof(BookDocument))]
[JsonSerializable(typeof(MarketDocument))]
internal sealed partial class BookJsonContext : JsonSerializerContext
{
}
