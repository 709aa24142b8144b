using System.Globalization;
using CsvHelper;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Reads a CSV file with a header (CsvHelper 34) by column name, in any column order, and turns every problem
/// into a <see cref="CliUserException"/> that names the file, the line and the field: a missing file, a missing
/// required column, malformed quoting, a record with the wrong number of fields, a value that does not parse.
/// Usage: <c>using var t = CsvTable.Open(path); int vol = t.Require("vol"); while (t.Read()) { double v = t.GetDouble(vol); }</c>.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly string[] _headers;

    private CsvTable(string displayPath, CsvReader reader, string[] headers)
    {
        DisplayPath = displayPath;
        _reader = reader;
        _headers = headers;
    }

    /// <summary>The path as the user gave it (used in messages).</summary>
    public string DisplayPath { get; }

    /// <summary>The underlying CsvHelper reader, positioned after the header (for typed reads, see <see cref="CsvRecords"/>).</summary>
    public CsvReader Reader => _reader;

    /// <summary>The header names, in file order, trimmed.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>The 1-based line of the current record in the file (the header is line 1).</summary>
    public long Line => _reader.LineNumber;

    /// <summary>The reader options every table uses: comma separated, header, line numbers, strict quoting and field counts.</summary>
    public static CsvReaderOptions Options { get; } = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Opens a file and reads its header.</summary>
    /// <exception cref="CliUserException">When the file is missing, unreadable, empty or its header is malformed.</exception>
    public static CsvTable Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUserException(Directory.Exists(path)
                ? $"'{path}' is a directory; give the path of a CSV file."
                : $"input file '{path}' does not exist; check the path (relative paths start at {Environment.CurrentDirectory}).");
        }

        CsvReader reader;
        try
        {
            reader = CsvReader.FromFile(path, Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot read '{path}': {e.Message}", e);
        }

        try
        {
            reader.ReadHeader();
            string[] headers = reader.Headers.Select(h => h.Trim()).ToArray();
            if (headers.Length == 0 || headers.All(h => h.Length == 0))
            {
                throw CliUserException.At(path, 1, null, "the file is empty; the first line must be a header naming the columns.");
            }

            var duplicate = headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw CliUserException.At(path, 1, duplicate.Key, "the column appears more than once in the header; keep one.");
            }

            return new CsvTable(path, reader, headers);
        }
        catch (CsvFormatException e)
        {
            reader.Dispose();
            throw Translate(path, e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The index of a required column (matched ignoring case and surrounding spaces).</summary>
    /// <exception cref="CliUserException">Naming the file, line 1 and the column when it is missing.</exception>
    public int Require(string column)
    {
        int i = Find(column);
        if (i >= 0) return i;
        throw CliUserException.At(DisplayPath, 1, column,
            $"required column is missing from the header (found: {string.Join(", ", _headers)}).");
    }

    /// <summary>The index of an optional column, or -1 when the header does not have it.</summary>
    public int Find(string column)
    {
        for (int i = 0; i < _headers.Length; i++)
        {
            if (string.Equals(_headers[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return -1;
    }

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    /// <exception cref="CliUserException">When the record is malformed (quoting, field count).</exception>
    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw Translate(DisplayPath, e);
        }
        catch (IOException e)
        {
            throw new CliUserException($"cannot read '{DisplayPath}': {e.Message}", e);
        }
    }

    /// <summary>The text of field <paramref name="index"/> of the current record (trimmed); empty when the column is -1.</summary>
    public string GetString(int index) => index < 0 ? string.Empty : Text(index);

    /// <summary>Every field of the current record as text, in header order.</summary>
    public string[] GetAll()
    {
        var fields = new string[_headers.Length];
        for (int i = 0; i < fields.Length; i++) fields[i] = Text(i);
        return fields;
    }

    /// <summary>Parses field <paramref name="index"/> as an invariant-culture number (also NaN, Infinity, -Infinity).</summary>
    /// <exception cref="CliUserException">Naming file, line and field when the text is empty or not a number.</exception>
    public double GetDouble(int index)
    {
        string text = Text(index);
        if (TryParseDouble(text, out double value)) return value;
        throw Error(index, text.Length == 0
            ? "the value is empty; give a number such as 0.2 (invariant culture: '.' is the decimal separator)."
            : $"'{text}' is not a number; use invariant-culture numbers such as 0.2 or 1e-4 ('.' as the decimal separator, no thousands separators).");
    }

    /// <summary>Parses field <paramref name="index"/> as a number, or returns <paramref name="fallback"/> when the column is -1 or the field is empty.</summary>
    /// <exception cref="CliUserException">Naming file, line and field when the text is not a number.</exception>
    public double GetDoubleOrDefault(int index, double fallback)
    {
        if (index < 0 || Text(index).Length == 0) return fallback;
        return GetDouble(index);
    }

    /// <summary>Parses field <paramref name="index"/> as one of <paramref name="names"/> (ignoring case).</summary>
    /// <exception cref="CliUserException">Naming file, line, field and the accepted values when it is none of them.</exception>
    public T GetChoice<T>(int index, IReadOnlyDictionary<string, T> names)
    {
        string text = Text(index);
        if (names.TryGetValue(text, out T? value)) return value;
        foreach (var (key, v) in names)
        {
            if (string.Equals(key, text, StringComparison.OrdinalIgnoreCase)) return v;
        }

        throw Error(index, $"'{text}' is not one of: {string.Join(", ", names.Keys)}.");
    }

    /// <summary>A user error at field <paramref name="index"/> of the current record.</summary>
    public CliUserException Error(int index, string message) =>
        index >= 0 && index < _headers.Length
            ? CliUserException.At(DisplayPath, Line, _headers[index], message, column: index + 1)
            : CliUserException.At(DisplayPath, Line, null, message);

    /// <summary>
    /// Field <paramref name="index"/> as text. The reader decodes bytes that are not UTF-8 as U+FFFD, which would
    /// silently change a pass-through column; so where U+FFFD appears, the raw bytes are checked and invalid UTF-8 is an
    /// error naming the field (a genuine U+FFFD in valid UTF-8 passes).
    /// </summary>
    /// <exception cref="CliUserException">Naming file, line and field when the bytes are not UTF-8.</exception>
    private string Text(int index)
    {
        string text = _reader.GetString(index);
        if (text.Contains('\uFFFD', StringComparison.Ordinal) && !System.Text.Unicode.Utf8.IsValid(_reader.GetRawSpan(index)))
        {
            throw Error(index, "the bytes are not valid UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 in.csv > in-utf8.csv).");
        }

        return text;
    }

    /// <summary>Parses an invariant-culture floating-point number.</summary>
    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    /// <summary>Turns a CsvHelper format exception into a user error with file, line and (where known) the member/field.</summary>
    public static CliUserException Translate(string path, CsvFormatException e)
    {
        string message = e.Message;
        string? field = string.IsNullOrEmpty(e.Member) ? null : e.Member;
        int column = e.FieldIndex >= 0 ? (int)e.FieldIndex + 1 : 0;
        return CliUserException.At(path, e.LineNumber, field, $"malformed CSV: {message}", e, column);
    }
}
