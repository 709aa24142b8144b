using System.Text.Json;
using System.Text.Json.Serialization;

namespace VixShield.Compute.Surfaces;

/// <summary>One slice as stored in JSON.</summary>
public sealed class SviSliceDocument
{
    /// <summary>Time to expiry, years.</summary>
    [JsonRequired]
    public double Time { get; set; }

    /// <summary>Expiry label (optional, e.g. the date).</summary>
    public string? Expiry { get; set; }

    /// <summary>Forward of the expiry.</summary>
    [JsonRequired]
    public double Forward { get; set; }

    /// <summary>SVI a.</summary>
    [JsonRequired]
    public double A { get; set; }

    /// <summary>SVI b.</summary>
    [JsonRequired]
    public double B { get; set; }

    /// <summary>SVI ρ.</summary>
    [JsonRequired]
    public double Rho { get; set; }

    /// <summary>SVI m.</summary>
    [JsonRequired]
    public double M { get; set; }

    /// <summary>SVI σ.</summary>
    [JsonRequired]
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
    [JsonRequired]
    public string Model { get; set; } = "svi-raw";

    /// <summary>Format version (1).</summary>
    [JsonRequired]
    public int Version { get; set; } = 1;

    /// <summary>Conventions, for readers: k = ln(K/F), total variance w = σ²T, linear in T between slices, constant vol beyond.</summary>
    public string Conventions { get; set; } = "k = ln(K/F); w(k) = a + b(rho(k-m) + sqrt((k-m)^2 + sigma^2)) = vol^2 * time; linear in time at fixed k between slices; constant vol beyond the first/last slice";

    /// <summary>Slices.</summary>
    [JsonRequired]
    public List<SviSliceDocument> Slices { get; set; } = [];
}

/// <summary>Source-generated System.Text.Json metadata (trim/AOT safe).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SviSurfaceDocument))]
public sealed partial class SurfaceJsonContext : JsonSerializerContext
{
}

/// <summary>
/// A surface file that cannot be read, with the JSON path of the problem (<c>$.slices[0]</c>). A
/// <see cref="JsonException"/>, so callers that catch malformed JSON catch this too.
/// </summary>
public sealed class SurfaceFileException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jsonPath">JSON path, <c>$</c> for the document.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    /// <param name="line">0-based line, when known.</param>
    /// <param name="inner">The exception behind it.</param>
    public SurfaceFileException(string jsonPath, string problem, long? line = null, Exception? inner = null)
        : base($"{jsonPath}: {problem}", jsonPath, line, null, inner)
    {
        JsonPath = jsonPath;
    }

    /// <summary>Creates the exception.</summary>
    public SurfaceFileException()
        : this("$", "invalid surface file")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public SurfaceFileException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The exception behind it.</param>
    public SurfaceFileException(string message, Exception inner)
        : this("$", message, null, inner)
    {
    }

    /// <summary>The JSON path of the offending value.</summary>
    public string JsonPath { get; }
}

/// <summary>
/// Reads and writes <see cref="SviSurface"/> as JSON (System.Text.Json; doubles round-trip exactly). Strict on read:
/// every slice parameter is required, unknown fields and duplicate keys are errors, and only version 1 is read.
/// </summary>
public static class SurfaceJson
{
    /// <summary>The file format version this build reads and writes.</summary>
    public const int CurrentVersion = 1;

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
    /// <exception cref="SurfaceFileException">Malformed JSON, a missing, unknown or repeated field, or another version; names the JSON path.</exception>
    /// <exception cref="ArgumentException">Not an svi-raw surface or an invalid slice.</exception>
    public static SviSurface Deserialize(string json)
    {
        SviSurfaceDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, SurfaceJsonContext.Default.SviSurfaceDocument);
        }
        catch (JsonException e) when (e is not SurfaceFileException)
        {
            // System.Text.Json appends " Path: ... | LineNumber: ..."; the path is given once, in front.
            string message = e.Message.Split(" Path:", 2)[0];
            string problem =
                message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown field (check its spelling; fields are camelCase: time, expiry, forward, a, b, rho, m, sigma)"
                : message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "this field appears twice in the same object: keep one"
                : message.Contains("missing required properties", StringComparison.Ordinal) ? "required field missing: " + message[(message.IndexOf("including:", StringComparison.Ordinal) + 10)..].Trim().TrimEnd('.')
                : message;
            throw new SurfaceFileException(e.Path ?? "$", problem, e.LineNumber, e);
        }

        if (doc is null) throw new ArgumentException("The surface JSON is empty (null): write a surface with 'vixshield surface fit'.", nameof(json));
        if (doc.Version != CurrentVersion)
        {
            throw new SurfaceFileException("$.version", $"version {doc.Version} is not supported: this build reads version {CurrentVersion} (refit with 'vixshield surface fit')");
        }

        return FromDocument(doc);
    }
}
