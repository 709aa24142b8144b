using System.Globalization;
using System.Text;
using VixShield.Compute.Engines;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>One CSV row: header name to text.</summary>
public sealed class CsvRow
{
    private readonly Dictionary<string, string> _cells;

    internal CsvRow(string file, int line, Dictionary<string, string> cells)
    {
        File = file;
        Line = line;
        _cells = cells;
    }

    /// <summary>File name.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>The text of a column ("" when blank).</summary>
    public string this[string column] => _cells.TryGetValue(column, out string? v)
        ? v
        : throw new KeyNotFoundException($"{File} has no column '{column}'.");

    /// <summary>True when the column exists and is not blank.</summary>
    public bool Has(string column) => _cells.TryGetValue(column, out string? v) && v.Length > 0;

    /// <summary>The column as a double (invariant culture).</summary>
    public double D(string column) => double.Parse(this[column], NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Reads the CSV files of ReferenceData/ (RFC 4180 quoting).</summary>
public static class ReferenceFiles
{
    private static readonly Dictionary<string, IReadOnlyList<CsvRow>> Cache = [];

    /// <summary>The directory holding the reference files next to the test assembly.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    /// <summary>All data rows of a file.</summary>
    public static IReadOnlyList<CsvRow> Read(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var rows)) return rows;
            string[] lines = System.IO.File.ReadAllLines(Path.Combine(Directory, name));
            string[] header = Split(lines[0]);
            var list = new List<CsvRow>();
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                string[] cells = Split(lines[i]);
                var dict = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int c = 0; c < header.Length; c++) dict[header[c]] = c < cells.Length ? cells[c].Trim() : "";
                list.Add(new CsvRow(name, i + 1, dict));
            }

            Cache[name] = list;
            return list;
        }
    }

    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}

/// <summary>Evaluates single options with the scalar reference engine (the formula under test).</summary>
public static class Eval
{
    private static readonly ScalarGreeksEngine Engine = new();

    /// <summary>All 18 outputs of one option, indexed like <see cref="GreekInfo.All"/>, and its status.</summary>
    public static (OptionStatus Status, double[] Values) One(OptionKind kind, PricingModel model, double s, double k, double t, double vol, double r, double q)
    {
        var buffer = new GreeksBuffer<double>(1, Greek.All);
        Engine.Compute(new OptionBatch<double>([kind], [s], [k], [t], [vol], [r], [q], [model]), buffer.AsOutput(1));
        var values = new double[GreekInfo.Count];
        for (int g = 0; g < GreekInfo.Count; g++) values[g] = buffer[GreekInfo.All[g]][0];
        return (buffer.Status[0], values);
    }

    /// <summary>One output of one option.</summary>
    public static double Get(Greek greek, OptionKind kind, PricingModel model, double s, double k, double t, double vol, double r, double q)
    {
        var (status, values) = One(kind, model, s, k, t, vol, r, q);
        if (status != OptionStatus.Ok) throw new InvalidOperationException($"row is {status}");
        return values[GreekInfo.IndexOf(greek)];
    }

    /// <summary>Index of an output by its CSV name (price, delta, ..., itm_prob).</summary>
    public static int Index(string name)
    {
        for (int g = 0; g < GreekInfo.Count; g++)
        {
            if (GreekInfo.Name(GreekInfo.All[g]) == name) return g;
        }

        throw new ArgumentException($"unknown output '{name}'");
    }

    /// <summary>
    /// The natural scale of an output for an option on underlying <paramref name="s"/>: underlying^(1 - spot order),
    /// used for the absolute floors (price, vega, theta, rho, phi, volga, veta, ultima: S; delta, vanna, charm,
    /// dual delta, itm prob: 1; gamma, zomma, color, dual gamma: 1/S; speed: 1/S²).
    /// </summary>
    public static double NaturalScale(string name, double s) => name switch
    {
        "price" or "vega" or "theta" or "rho" or "phi" or "volga" or "veta" or "ultima" => s,
        "delta" or "vanna" or "charm" or "dual_delta" or "itm_prob" => 1.0,
        "gamma" or "zomma" or "color" or "dual_gamma" => 1.0 / s,
        "speed" => 1.0 / (s * s),
        _ => throw new ArgumentException($"unknown output '{name}'"),
    };

    /// <summary>Kind from "call"/"put".</summary>
    public static OptionKind Kind(string text) => text switch
    {
        "call" => OptionKind.Call,
        "put" => OptionKind.Put,
        _ => throw new ArgumentException($"unknown kind '{text}'"),
    };
}
