using CsvHelper;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Reads a whole CSV file as typed records with CsvHelper's source-generated mappers: declare the record type
/// <c>[CsvRecord] internal sealed partial class Leg { [CsvColumn("strike")] public double Strike { get; set; } ... }</c>
/// and call <see cref="Read{T}"/>. Every problem (missing file, missing column, a field that does not parse,
/// malformed quoting) becomes a <see cref="CliUserException"/> naming the file, the line and the column.
/// Use <see cref="CsvTable"/> instead when columns are optional in ways a record type cannot say, or the input text must pass through.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Reads every record of <paramref name="path"/>.</summary>
    /// <exception cref="CliUserException">Naming file, line and field for every input problem.</exception>
    public static List<T> Read<T>(string path, CancellationToken cancellationToken = default)
    {
        using CsvTable table = CsvTable.Open(path);
        CsvReader reader = table.Reader;
        if (!reader.TryValidateHeader<T>(out IReadOnlyList<string>? missing) && missing is { Count: > 0 })
        {
            string[] names = missing.Select(ColumnName).ToArray();
            throw CliUserException.At(path, 1, names[0],
                $"required column is missing from the header (missing: {string.Join(", ", names)}; found: {string.Join(", ", table.Headers)}).");
        }

        var records = new List<T>();
        try
        {
            foreach (T record in reader.GetRecords<T>())
            {
                if ((records.Count & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
                records.Add(record);
            }
        }
        catch (CsvFormatException e)
        {
            throw Describe(path, e, table);
        }

        return records;
    }

    /// <summary>The column name in CsvHelper's member description <c>Type.Member ('column')</c>.</summary>
    private static string ColumnName(string description)
    {
        int open = description.IndexOf("('", StringComparison.Ordinal);
        int close = description.LastIndexOf("')", StringComparison.Ordinal);
        return open >= 0 && close > open + 2 ? description[(open + 2)..close] : description;
    }

    private static CliUserException Describe(string path, CsvFormatException e, CsvTable table)
    {
        int column = e.FieldIndex >= 0 ? (int)e.FieldIndex + 1 : 0;
        string? field = e.FieldIndex >= 0 && e.FieldIndex < table.Headers.Count ? table.Headers[(int)e.FieldIndex] : (string.IsNullOrEmpty(e.Member) ? null : e.Member);
        string message = e.InnerException is { } inner ? inner.Message : e.Message;
        return CliUserException.At(path, e.LineNumber, field, message, e, column);
    }
}
