using VixShield.Compute.Time;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VixShield.Compute.Surfaces;

namespace VixShield.Compute.Book.Json;

/// <summary>A book or market file that cannot be read: says which file, which JSON path and line, and what is wrong.</summary>
public sealed class BookFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BookFileException(string source, string jsonPath, long? line, string problem, Exception? inner = null)
        : base($"{source}{(line is long l ? $" line {l + 1}" : "")}: {(string.IsNullOrEmpty(jsonPath) ? "" : jsonPath + ": ")}{problem}", inner)
    {
        Source = source;
        JsonPath = jsonPath;
        Line = line is long ln ? ln + 1 : null;
        Problem = problem;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public BookFileException() : this("input", "", null, "invalid file")
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public BookFileException(string message) : this("input", "", null, message)
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public BookFileException(string message, Exception inner) : this("input", "", null, message, inner)
    {
    }

    /// <summary>The JSON path of the offending value, e.g. <c>layers[2].positions[0].legs[0].strike</c> (no leading <c>$.</c>).</summary>
    public string JsonPath { get; }

    /// <summary>1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>What is wrong and what to do.</summary>
    public string Problem { get; }

    /// <summary>The file (or label) read.</summary>
    public new string Source { get; }
}

/// <summary>
/// Reads and writes the book and market JSON files (schema: kernels-docs/book.md). Strict: unknown fields,
/// missing required fields, wrong types and unknown enum names are errors naming the JSON path.
/// </summary>
public static partial class BookJson
{
    /// <summary>Largest |quantity| of a leg, in contracts (larger is a typo, and int.MinValue has no absolute value).</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>Reads a book file.</summary>
    /// <exception cref="BookFileException">When the file is missing or invalid.</exception>
    public static AlvhBook ReadBookFile(string path) => ParseBook(ReadText(path), path);

    /// <summary>Reads a market file.</summary>
    /// <exception cref="BookFileException">When the file is missing or invalid.</exception>
    public static MarketSnapshot ReadMarketFile(string path) => ParseMarket(ReadText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>Parses a book document.</summary>
    /// <exception cref="BookFileException">When the JSON is invalid.</exception>
    public static AlvhBook ParseBook(string json, string source = "book.json")
    {
        BookDocument doc = Deserialize(json, source, BookJsonContext.Default.BookDocument);
        var layers = new List<Layer>();
        for (int li = 0; li < doc.Layers.Count; li++)
        {
            LayerDocument ld = doc.Layers[li];
            string lp = $"layers[{li}]";
            var positions = new List<Position>();
            for (int pi = 0; pi < ld.Positions.Count; pi++)
            {
                PositionDocument pd = ld.Positions[pi];
                string pp = $"{lp}.positions[{pi}]";
                if (pd.Greeks is not null)
                {
                    if (ld.Role != LayerRole.Overlay) throw new BookFileException(source, pp + ".greeks", null, "user-supplied greeks belong to positions of an \"overlay\" layer; give legs instead");
                    if (pd.Legs is { Count: > 0 }) throw new BookFileException(source, pp + ".legs", null, "an overlay position carries greeks, not legs: remove one of them");
                    OverlayDocument g = pd.Greeks;
                    positions.Add(new Position(pd.Name, [], pd.Units ?? 0, new OverlayGreeks(g.Value, g.Delta, g.Gamma, g.Vega, g.ThetaPerDay, g.Rho, g.Pnl)));
                    continue;
                }

                if (pd.Template is TemplateDocument td)
                {
                    if (pd.Legs is not null) throw new BookFileException(source, pp + ".legs", null, "give either \"legs\" or a \"template\", not both");
                    Instrument inst = td.Instrument ?? (td.Type is SpreadTemplate.VixCall or SpreadTemplate.VixCallSpread ? Instrument.VixOption
                        : td.Type == SpreadTemplate.VixFuture ? Instrument.VixFuture : Instrument.Spxw);
                    Position built;
                    try
                    {
                        built = SpreadTemplates.Create(td.Type, inst, td.Kind, td.Expiry, td.FarExpiry, td.Strikes ?? [], td.Units ?? 1, td.OpenPrices);
                    }
                    catch (ArgumentException e)
                    {
                        throw new BookFileException(source, pp + ".template", null, e.Message, e);
                    }

                    for (int gi = 0; gi < built.Legs.Count; gi++) CheckTradingDay(source, $"{pp}.template.expiry", built.Legs[gi].Expiry);
                    positions.Add(built with { Name = pd.Name, Units = pd.Units ?? built.Units });
                    continue;
                }

                if (pd.Legs is null || pd.Legs.Count == 0)
                {
                    throw new BookFileException(source, pp + ".legs", null, ld.Role == LayerRole.Overlay
                        ? "an overlay position needs \"greeks\" (or legs)"
                        : "a position needs at least one leg");
                }

                var legs = new List<Leg>();
                for (int gi = 0; gi < pd.Legs.Count; gi++)
                {
                    LegDocument d = pd.Legs[gi];
                    if (d.Quantity is < -MaxQuantity or > MaxQuantity)
                    {
                        throw new BookFileException(source, $"{pp}.legs[{gi}].quantity", null, $"{d.Quantity} contracts is not a position: |quantity| is at most {MaxQuantity:N0}");
                    }

                    var leg = new Leg(d.Instrument, d.Kind, d.Strike ?? 0.0, new Expiry(d.Expiry, d.Settlement ?? InstrumentInfo.DefaultSettlement(d.Instrument)),
                        d.Quantity, d.Multiplier ?? InstrumentInfo.DefaultMultiplier(d.Instrument), d.OpenPrice);
                    foreach (var (field, problem) in leg.Problems())
                    {
                        throw new BookFileException(source, $"{pp}.legs[{gi}].{field}", null, problem);
                    }

                    CheckTradingDay(source, $"{pp}.legs[{gi}].expiry", leg.Expiry);

                    legs.Add(leg);
                }

                if (pd.Units is double u && !(u > 0)) throw new BookFileException(source, pp + ".units", null, $"spread units must be positive, not {u}");
                positions.Add(new Position(pd.Name, legs, pd.Units));
            }

            if (ld.Active is not null && ld.Role != LayerRole.Hedge) throw new BookFileException(source, lp + ".active", null, "only a hedge layer is switched on or off: remove \"active\"");
            layers.Add(new Layer(ld.Name, ld.Role, ld.Opened, positions, ld.Active ?? ld.Role != LayerRole.Hedge));
        }

        return new AlvhBook(doc.Name, layers);
    }

    /// <summary>Parses a market document; <c>sviFile</c> paths are relative to <paramref name="baseDirectory"/> (default: the current directory).</summary>
    /// <exception cref="BookFileException">When the JSON is invalid.</exception>
    public static MarketSnapshot ParseMarket(string json, string source = "market.json", string? baseDirectory = null)
    {
        MarketDocument doc = Deserialize(json, source, BookJsonContext.Default.MarketDocument);
        DateTimeOffset now = doc.ValuationTime;
        Positive(source, "spx.spot", doc.Spx.Spot);
        Finite(source, "spx.dividendYield", doc.Spx.DividendYield);
        Finite(source, "rates.flat", doc.Rates.Flat);
        Finite(source, "spxVixBeta", doc.SpxVixBeta);
        var carry = new List<SpxCarryPoint>();
        for (int i = 0; i < (doc.Spx.Carry?.Count ?? 0); i++)
        {
            CarryDocument c = doc.Spx.Carry![i];
            if ((c.Forward is null) == (c.DividendYield is null)) throw new BookFileException(source, $"spx.carry[{i}]", null, "give exactly one of \"forward\" or \"dividendYield\"");
            if (c.Forward is double f) Positive(source, $"spx.carry[{i}].forward", f);
            carry.Add(new SpxCarryPoint(c.Expiry, c.Forward, c.DividendYield));
        }

        if (doc.VixFutures.Count == 0) throw new BookFileException(source, "vixFutures", null, "give at least one VIX future (expiry and price)");
        for (int i = 0; i < doc.VixFutures.Count; i++)
        {
            Positive(source, $"vixFutures[{i}].price", doc.VixFutures[i].Price);
            CheckTradingDay(source, $"vixFutures[{i}].expiry", new Expiry(doc.VixFutures[i].Expiry, SettlementStyle.AmOpen));
        }

        for (int i = 0; i < (doc.Quotes?.Count ?? 0); i++)
        {
            CheckTradingDay(source, $"quotes[{i}].expiry", new Expiry(doc.Quotes![i].Expiry, doc.Quotes[i].Settlement ?? SettlementStyle.PmClose));
        }

        var quotes = doc.Quotes?.Select(q => new ParityQuote(new Expiry(q.Expiry, q.Settlement ?? SettlementStyle.PmClose), q.Strike, q.Call, q.Put)).ToList();
        return new MarketSnapshot(
            now, doc.Spx.Spot, new FlatRateCurve(doc.Rates.Flat), new SpxCarry(doc.Spx.DividendYield, carry),
            Surface(source, "spxVol", doc.SpxVol, now, SettlementStyle.PmClose, baseDirectory),
            new VixFuturesCurve(doc.VixFutures.Select(v => new VixFuturePoint(v.Expiry, v.Price)).ToList()),
            Surface(source, "vixVol", doc.VixVol, now, SettlementStyle.AmOpen, baseDirectory),
            doc.SpxVixBeta, quotes);
    }

    /// <summary>Writes a book as JSON in the file schema.</summary>
    public static string WriteBook(AlvhBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var doc = new BookDocument
        {
            Name = book.Name,
            Layers = book.Layers.Select(l => new LayerDocument
            {
                Name = l.Name,
                Role = l.Role,
                Opened = l.Opened,
                Active = l.Role == LayerRole.Hedge ? l.Active : null,
                Positions = l.Positions.Select(p => new PositionDocument
                {
                    Name = p.Name,
                    Units = p.Units,
                    Legs = p.Greeks is null ? p.Legs.Select(g => new LegDocument
                    {
                        Instrument = g.Instrument,
                        Kind = g.Kind,
                        Strike = g.IsOption ? g.Strike : null,
                        Expiry = g.Expiry.Date,
                        Settlement = g.Expiry.Settlement == InstrumentInfo.DefaultSettlement(g.Instrument) ? null : g.Expiry.Settlement,
                        Quantity = g.Quantity,
                        Multiplier = g.Multiplier == InstrumentInfo.DefaultMultiplier(g.Instrument) ? null : g.Multiplier,
                        OpenPrice = g.OpenPrice,
                    }).ToList() : null,
                    Greeks = p.Greeks is { } o ? new OverlayDocument { Value = o.Value, Delta = o.Delta, Gamma = o.Gamma, Vega = o.Vega, ThetaPerDay = o.ThetaPerDay, Rho = o.Rho, Pnl = o.PnL } : null,
                }).ToList(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(doc, WriteContext.BookDocument);
    }

    private static BookJsonContext WriteContext { get; } = new(new JsonSerializerOptions(BookJsonContext.Default.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BookFileException(path, "", null, $"cannot read the file ({e.Message}); check the path", e);
        }
    }

    private static T Deserialize<T>(string json, string source, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, info)
                ?? throw new BookFileException(source, "", null, "the file holds null; it must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw Translate(e, source);
        }
    }

    /// <summary>Turns System.Text.Json's exception into a path-naming message.</summary>
    internal static BookFileException Translate(JsonException e, string source)
    {
        string path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        string msg = e.Message;
        if (e is JsonValueProblemException) return new BookFileException(source, path, e.LineNumber, msg, e);
        Match m;
        if ((m = DuplicateRegex().Match(msg)).Success)
        {
            return new BookFileException(source, path, e.LineNumber, "this field appears twice in the same object: keep one", e);
        }

        if ((m = UnmappedRegex().Match(msg)).Success)
        {
            string prop = m.Groups[1].Value;
            string full = Join(path, prop);
            if (full.EndsWith("." + prop + "." + prop, StringComparison.Ordinal) || path.EndsWith(prop, StringComparison.Ordinal)) full = path;
            return new BookFileException(source, full, e.LineNumber, $"unknown field \"{prop}\" (check its spelling; fields are camelCase, see kernels-docs/book.md)", e);
        }

        if ((m = MissingRegex().Match(msg)).Success)
        {
            var names = QuotedRegex().Matches(m.Groups[1].Value).Select(x => x.Groups[1].Value).ToList();
            string first = names.Count > 0 ? names[0] : "?";
            return new BookFileException(source, Join(path, first), e.LineNumber,
                $"required field missing{(names.Count > 1 ? $" (also missing: {string.Join(", ", names.Skip(1))})" : "")}", e);
        }

        if ((m = ConvertRegex().Match(msg)).Success)
        {
            string type = m.Groups[1].Value;
            return new BookFileException(source, path, e.LineNumber, $"expected {Describe(PropertyType(type, path))}", e);
        }

        if (msg.Contains("null", StringComparison.OrdinalIgnoreCase) && msg.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return new BookFileException(source, path, e.LineNumber, "null is not allowed here: give a value or leave optional fields out", e);
        }

        string first2 = msg.Split(" Path:", 2)[0];
        return new BookFileException(source, path, e.LineNumber, $"invalid JSON: {first2}", e);
    }

    /// <summary>Every document type reachable from the two roots, found through the source-generated metadata.</summary>
    private static readonly Lazy<Dictionary<string, Type>> DocumentTypes = new(() =>
    {
        var found = new Dictionary<string, Type>(StringComparer.Ordinal);
        var pending = new Stack<Type>([typeof(BookDocument), typeof(MarketDocument)]);
        while (pending.Count > 0)
        {
            Type t = pending.Pop();
            if (t.FullName is null || found.ContainsKey(t.FullName)) continue;
            var info = BookJsonContext.Default.GetTypeInfo(t);
            if (info is null || info.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object) continue;
            found[t.FullName] = t;
            foreach (var p in info.Properties)
            {
                Type pt = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (pt.IsGenericType) pt = pt.GetGenericArguments()[0];
                if (pt.IsClass && pt != typeof(string)) pending.Push(pt);
            }
        }

        return found;
    });

    /// <summary>The .NET type of the value at <paramref name="path"/> when System.Text.Json names the containing document type.</summary>
    private static string PropertyType(string reportedType, string path)
    {
        if (!DocumentTypes.Value.TryGetValue(reportedType, out Type? container)) return reportedType;
        string last = path.Split('.')[^1];
        bool element = last.EndsWith(']');
        string name = element ? last[..last.IndexOf('[', StringComparison.Ordinal)] : last;
        var info = BookJsonContext.Default.GetTypeInfo(container);
        var prop = info?.Properties.FirstOrDefault(p => p.Name == name);
        if (prop is null) return reportedType;
        Type t = prop.PropertyType;
        if (element && t.IsGenericType) t = t.GetGenericArguments()[0];
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.FullName ?? t.Name;
    }

    private static string Describe(string type) => type switch
    {
        _ when type.EndsWith("Instrument", StringComparison.Ordinal) => "one of \"spx\", \"spxw\", \"vixOption\", \"vixFuture\"",
        _ when type.EndsWith("OptionKind", StringComparison.Ordinal) => "one of \"call\", \"put\"",
        _ when type.EndsWith("SettlementStyle", StringComparison.Ordinal) => "one of \"amOpen\", \"pmClose\"",
        _ when type.EndsWith("SpreadTemplate", StringComparison.Ordinal) => "one of \"ironCondor\", \"brokenWingButterfly\", \"putVertical\", \"callVertical\", \"calendar\", \"vixCall\", \"vixCallSpread\", \"vixFuture\"",
        _ when type.EndsWith("LayerRole", StringComparison.Ordinal) => "one of \"premium\", \"hedge\", \"overlay\"",
        _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date \"yyyy-MM-dd\"",
        _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "a timestamp like \"2026-11-24T15:00:00Z\"",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("List", StringComparison.Ordinal) => "an array",
        _ => "an object",
    };

    private static string Join(string path, string prop) => string.IsNullOrEmpty(path) ? prop : $"{path}.{prop}";

    private static IVolatilitySurface Surface(string source, string path, VolDocument doc, DateTimeOffset now, SettlementStyle defaultSettlement, string? baseDirectory)
    {
        int given = (doc.Flat is null ? 0 : 1) + (doc.Slices is null ? 0 : 1) + (doc.SviFile is null ? 0 : 1);
        if (given != 1) throw new BookFileException(source, path, null, "give exactly one of \"flat\" (one vol), \"slices\" (per-strike vols per expiry) or \"sviFile\" (an SVI surface from 'vixshield surface fit')");
        if (doc.SviFile is string svi)
        {
            string file = Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), svi);
            try
            {
                return SurfaceJson.Deserialize(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or JsonException)
            {
                throw new BookFileException(source, path + ".sviFile", null, $"cannot use the SVI surface {file}: {e.Message}", e);
            }
        }

        if (doc.Flat is double f)
        {
            if (!(f >= 0) || !double.IsFinite(f)) throw new BookFileException(source, path + ".flat", null, $"a vol is a non-negative number per 1.00 (0.15 is 15 %), not {f}");
            return new FlatVolatilitySurface(f);
        }

        var slices = new List<(double, IReadOnlyList<double>, IReadOnlyList<double>)>();
        for (int i = 0; i < doc.Slices!.Count; i++)
        {
            VolSliceDocument s = doc.Slices[i];
            var expiry = new Expiry(s.Expiry, s.Settlement ?? defaultSettlement);
            CheckTradingDay(source, $"{path}.slices[{i}].expiry", expiry);
            double t = SettlementTime.YearsToExpiry(now, expiry);
            if (!(t > 0)) throw new BookFileException(source, $"{path}.slices[{i}].expiry", null, $"{s.Expiry:yyyy-MM-dd} has settled at the valuation time: remove the slice");
            if (s.Strikes.Count == 0 || s.Strikes.Count != s.Vols.Count) throw new BookFileException(source, $"{path}.slices[{i}].vols", null, $"give one vol per strike ({s.Strikes.Count} strikes, {s.Vols.Count} vols)");
            for (int k = 0; k < s.Strikes.Count; k++)
            {
                if (k > 0 && !(s.Strikes[k] > s.Strikes[k - 1])) throw new BookFileException(source, $"{path}.slices[{i}].strikes[{k}]", null, "strikes must increase");
                if (!(s.Vols[k] >= 0) || !double.IsFinite(s.Vols[k])) throw new BookFileException(source, $"{path}.slices[{i}].vols[{k}]", null, "a vol is a non-negative number per 1.00");
            }

            slices.Add((t, s.Strikes, s.Vols));
        }

        if (slices.Count == 0) throw new BookFileException(source, path + ".slices", null, "give at least one slice");
        return new StrikeVolatilitySurface(slices);
    }

    private static void CheckTradingDay(string source, string path, Expiry expiry)
    {
        try
        {
            _ = SettlementTime.SettlementInstant(expiry);
        }
        catch (ArgumentException e)
        {
            throw new BookFileException(source, path, null, e.Message, e);
        }
    }

    private static void Positive(string source, string path, double x)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new BookFileException(source, path, null, $"must be a positive number, not {x.ToString(CultureInfo.InvariantCulture)}");
    }

    private static void Finite(string source, string path, double x)
    {
        if (!double.IsFinite(x)) throw new BookFileException(source, path, null, "must be a finite number");
    }

    [GeneratedRegex("Duplicate property '([^']+)'")]
    private static partial Regex DuplicateRegex();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedRegex();

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingRegex();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex("could not be converted to ([^\\s.]+(?:\\.[^\\s.]+)*)")]
    private static partial Regex ConvertRegex();
}
