using System.Globalization;

namespace VixShield.Compute.Signals;

/// <summary>A series of daily closes: SPX, spot VIX and the front-month VIX future, oldest first.</summary>
/// <param name="Dates">Trading dates, strictly increasing.</param>
/// <param name="Spx">SPX closes.</param>
/// <param name="Vix">Spot VIX closes.</param>
/// <param name="VixFuture">Front-month VIX future closes.</param>
public sealed record DailyCloses(IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Spx, IReadOnlyList<double> Vix, IReadOnlyList<double> VixFuture)
{
    /// <summary>The header a closes CSV must have.</summary>
    public const string Header = "date,spx,vix,vix_future";

    /// <summary>Number of days.</summary>
    public int Count => Dates.Count;

    /// <summary>Reads a CSV file with the header <c>date,spx,vix,vix_future</c> (dates yyyy-MM-dd, oldest first).</summary>
    /// <exception cref="FormatException">Naming the file, line and field of the first problem.</exception>
    public static DailyCloses ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FormatException($"{path}: cannot read the file ({e.Message}); check the path.", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses CSV text (see <see cref="ReadFile"/>).</summary>
    /// <exception cref="FormatException">Naming the source, line and field of the first problem.</exception>
    public static DailyCloses Parse(string csv, string source = "closes.csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        string[] lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim().Replace(" ", "", StringComparison.Ordinal), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{source} line 1: the header must be \"{Header}\".");
        }

        var dates = new List<DateOnly>();
        var spx = new List<double>();
        var vix = new List<double>();
        var fut = new List<double>();
        string[] names = Header.Split(',');
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            string[] f = line.Split(',');
            if (f.Length != 4) throw new FormatException($"{source} line {i + 1}: expected 4 fields ({Header}), found {f.Length}.");
            if (!DateOnly.TryParseExact(f[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
            {
                throw new FormatException($"{source} line {i + 1} field date: \"{f[0]}\" is not a date yyyy-MM-dd.");
            }

            if (dates.Count > 0 && d <= dates[^1]) throw new FormatException($"{source} line {i + 1} field date: {d:yyyy-MM-dd} is not after the previous date; sort oldest first.");
            var values = new double[3];
            for (int c = 1; c < 4; c++)
            {
                if (!double.TryParse(f[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c - 1]) || !(values[c - 1] > 0) || !double.IsFinite(values[c - 1]))
                {
                    throw new FormatException($"{source} line {i + 1} field {names[c]}: \"{f[c]}\" is not a positive number.");
                }
            }

            dates.Add(d);
            spx.Add(values[0]);
            vix.Add(values[1]);
            fut.Add(values[2]);
        }

        return new DailyCloses(dates, spx, vix, fut);
    }
}
