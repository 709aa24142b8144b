using System.Text.Json;
using System.Text.Json.Serialization;

namespace VixShield.Compute.Surfaces;

/// <summary>One slice as stored in JSON.</summary>
public sealed class SviSliceDocument
{
    /// <summary>Time to expiry, years.</summary>
    public double Time { get; set; }

    /// <summary>Expiry label (optional, e.g. the date).</summary>
    public string? Expiry { get; set; }

    /// <summary>Forward of the expiry.</summary>
    public double Forward { get; set; }

    /// <summary>SVI a.</summary>
    public double A { get; set; }

    /// <summary>SVI b.</summary>
    public double B { get; set; }

    /// <summary>SVI ρ.</summary>
    public double Rho { get; set; }

    /// <summary>SVI m.</summary>
    public double M { get; set; }

    /// <summary>SVI σ.</summary>
    public double Sigma { get; set; }

    /// <summary>Fit RMSE in vol (optional, informational).</summary>
    public double? RmseVol { get; set; }

    /// <summary>Minimum of g(k) on the check grid (optional, informational).</summary>
    public double? MinButterflyDensity { get; set; }

    /// <summary>Minimum calendar spread of total variance against the previous slice (optional, informational).</summary>
    public double? MinCalendarSpread { get; set; }
}

/// <summary>The JSON form of an SVI surface.</summary>
public sealed class SviSurfaceDocument
{
    /// <summary>Always "svi-raw".</summary>
    public string Model { get; set; } = "svi-raw";

    /// <summary>Format version (1).</summary>
    public int Version { get; set; } = 1;

    /// <summary>Conventions, for readers: k = ln(K/F), total variance w = σ²T, linear in T between slices, constant vol beyond.</summary>
    public string Conventions { get; set; } = "k = ln(K/F); w(k) = a + b(rho(k-m) + sqrt((k-m)^2 + sigma^2)) = vol^2 * time; linear in time at fixed k between slices; constant vol beyond the first/last slice";

    /// <summary>Slices.</summary>
    public List<SviSliceDocument> Slices { get; set; } = [];
}

/// <summary>Source-generated System.Text.Json metadata (trim/AOT safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SviSurfaceDocument))]
public sealed partial class SurfaceJsonContext : JsonSerializerContext
{
}

/// <summary>Reads and writes <see cref="SviSurface"/> as JSON (System.Text.Json; doubles round-trip exactly).</summary>
public static class SurfaceJson
{
    /// <summary>The document of a surface (add diagnostics to its slices before writing if wanted).</summary>
    /// <param name="surface">Surface.</param>
    /// <returns>The document.</returns>
    public static SviSurfaceDocument ToDocument(SviSurface surface)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var doc = new SviSurfaceDocument();
        foreach (var s in surface.Slices)
        {
            doc.Slices.Add(new SviSliceDocument
            {
                Time = s.Time, Forward = s.Forward, A = s.Parameters.A, B = s.Parameters.B, Rho = s.Parameters.Rho,
                M = s.Parameters.M, Sigma = s.Parameters.Sigma,
            });
        }

        return doc;
    }

    /// <summary>The surface of a document.</summary>
    /// <param name="document">Document.</param>
    /// <returns>The surface.</returns>
    /// <exception cref="ArgumentException">When the document is not an svi-raw surface or a slice is invalid.</exception>
    public static SviSurface FromDocument(SviSurfaceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!string.Equals(document.Model, "svi-raw", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Surface model '{document.Model}' is not supported: expected \"svi-raw\".", nameof(document));
        }

        return new SviSurface(document.Slices.Select(s => new SviSlice(s.Time, s.Forward, new SviParameters(s.A, s.B, s.Rho, s.M, s.Sigma))));
    }

    /// <summary>Serialises a document.</summary>
    /// <param name="document">Document.</param>
    /// <returns>Indented JSON.</returns>
    public static string Serialize(SviSurfaceDocument document) => JsonSerializer.Serialize(document, SurfaceJsonContext.Default.SviSurfaceDocument);

    /// <summary>Serialises a surface.</summary>
    /// <param name="surface">Surface.</param>
    /// <returns>Indented JSON.</returns>
    public static string Serialize(SviSurface surface) => Serialize(ToDocument(surface));

    /// <summary>Parses a surface.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The surface.</returns>
    /// <exception cref="JsonException">Malformed JSON.</exception>
    /// <exception cref="ArgumentException">Not an svi-raw surface or an invalid slice.</exception>
    public static SviSurface Deserialize(string json)
    {
        var doc = JsonSerializer.Deserialize(json, SurfaceJsonContext.Default.SviSurfaceDocument)
            ?? throw new ArgumentException("The surface JSON is empty (null): write a surface with 'vixshield surface fit'.", nameof(json));
        return FromDocument(doc);
    }
}
