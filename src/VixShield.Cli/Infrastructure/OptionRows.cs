using VixShield.Compute;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Streams the option rows of a <c>price</c> or <c>iv</c> input file in chunks of reusable columns, plus each row's
/// input text for the output, so that memory stays flat however long the file (kernels-docs/black-scholes.md, "Memory
/// per row"). The two files differ only in their value column (<c>vol</c> for price, <c>price</c> for iv): one reader
/// for both. Not thread-safe: one command reads it.
/// </summary>
internal sealed class OptionRows : IDisposable
{
    /// <summary>Column names shared by the option-row files.</summary>
    public const string KindColumn = "kind", ModelColumn = "model", UnderlyingColumn = "underlying", StrikeColumn = "strike",
        TimeColumn = "t", RateColumn = "r", DividendColumn = "q";

    /// <summary>Rows per chunk: large enough for the engines' parallel chunks, small enough to keep memory flat (~10 MB).</summary>
    public const int DefaultChunkRows = 16_384;

    private readonly CsvTable _table;
    private readonly int _kind, _underlying, _strike, _time, _value, _rate, _model, _dividend;

    private OptionRows(CsvTable table, string valueColumn, int chunkRows)
    {
        _table = table;
        _kind = table.Require(KindColumn);
        _underlying = table.Require(UnderlyingColumn);
        _strike = table.Require(StrikeColumn);
        _time = table.Require(TimeColumn);
        _value = table.Require(valueColumn);
        _rate = table.Require(RateColumn);
        _model = table.Find(ModelColumn);
        _dividend = table.Find(DividendColumn);
        Headers = table.Headers;
        Capacity = chunkRows;
        Fields = new string[chunkRows][];
        Kind = new OptionKind[chunkRows];
        Model = new PricingModel[chunkRows];
        Underlying = new double[chunkRows];
        Strike = new double[chunkRows];
        Time = new double[chunkRows];
        Value = new double[chunkRows];
        Rate = new double[chunkRows];
        Dividend = new double[chunkRows];
    }

    /// <summary>The header, in file order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Rows a chunk holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Rows in the current chunk (the first <see cref="Count"/> entries of every column).</summary>
    public int Count { get; private set; }

    /// <summary>Rows read so far, the current chunk included.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The input text of each row of the chunk, in header order.</summary>
    public string[][] Fields { get; }

    /// <summary>Kind per row.</summary>
    public OptionKind[] Kind { get; }

    /// <summary>Model per row.</summary>
    public PricingModel[] Model { get; }

    /// <summary>Spot or forward per row.</summary>
    public double[] Underlying { get; }

    /// <summary>Strike per row.</summary>
    public double[] Strike { get; }

    /// <summary>Time to expiry per row.</summary>
    public double[] Time { get; }

    /// <summary>The value column: the vol (price command) or the option price (iv command).</summary>
    public double[] Value { get; }

    /// <summary>Rate per row.</summary>
    public double[] Rate { get; }

    /// <summary>Dividend yield per row (0 when the column is absent or empty).</summary>
    public double[] Dividend { get; }

    /// <summary>Chunks hold a whole number of this many rows: the widest vector (16 float32 lanes of 512 bits), so that
    /// rows fall into the same vector groups whatever the chunk size. The implied-vol solver takes a vector path only for
    /// groups whose lanes all need the same branch, and its vector and scalar elementary functions may differ in the last
    /// bit; with aligned chunks a row's output never depends on the chunk size (StreamingTests).</summary>
    public const int ChunkMultiple = 16;

    /// <summary>Opens an input file and checks its header (missing columns are a user error naming file and column);
    /// <paramref name="chunkRows"/> is rounded up to a multiple of <see cref="ChunkMultiple"/>.</summary>
    public static OptionRows Open(string path, string valueColumn, int chunkRows = DefaultChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        chunkRows = checked((chunkRows + ChunkMultiple - 1) / ChunkMultiple * ChunkMultiple);
        CsvTable table = CsvTable.Open(path);
        try
        {
            return new OptionRows(table, valueColumn, chunkRows);
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next chunk (up to <see cref="Capacity"/> rows); false when the file has no more rows. A malformed row
    /// (non-number, unknown kind/model, bad quoting) is a user error naming file, line and field, raised when reached.
    /// </summary>
    public bool ReadChunk(CancellationToken ct)
    {
        Count = 0;
        while (Count < Capacity && _table.Read())
        {
            if ((Count & 4095) == 0) ct.ThrowIfCancellationRequested();
            int i = Count;
            Fields[i] = _table.GetAll();
            Kind[i] = _table.GetChoice(_kind, OptionColumnNames.Kinds);
            Model[i] = _model < 0 || _table.GetString(_model).Length == 0 ? PricingModel.BlackScholesMerton : _table.GetChoice(_model, OptionColumnNames.Models);
            Underlying[i] = _table.GetDouble(_underlying);
            Strike[i] = _table.GetDouble(_strike);
            Time[i] = _table.GetDouble(_time);
            Value[i] = _table.GetDouble(_value);
            Rate[i] = _table.GetDouble(_rate);
            Dividend[i] = _table.GetDoubleOrDefault(_dividend, 0.0);
            Count++;
        }

        RowsRead += Count;
        return Count > 0;
    }

    /// <summary>The current chunk as an engine batch, <see cref="Value"/> being the vol.</summary>
    public OptionBatch<double> AsBatch() => new(
        Kind.AsSpan(0, Count), Underlying.AsSpan(0, Count), Strike.AsSpan(0, Count), Time.AsSpan(0, Count), Value.AsSpan(0, Count),
        Rate.AsSpan(0, Count), Dividend.AsSpan(0, Count), Model.AsSpan(0, Count));

    /// <inheritdoc/>
    public void Dispose() => _table.Dispose();
}
