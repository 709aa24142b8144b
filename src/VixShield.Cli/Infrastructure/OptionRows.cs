using System.Runtime.InteropServices;
using VixShield.Compute;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// The option rows of a <c>price</c> or <c>iv</c> input file as growable columns, plus each row's input text for the
/// output. The two files differ only in their value column (<c>vol</c> for price, <c>price</c> for iv): one reader for both.
/// </summary>
internal sealed class OptionRows(IReadOnlyList<string> headers)
{
    /// <summary>Column names shared by the option-row files.</summary>
    public const string KindColumn = "kind", ModelColumn = "model", UnderlyingColumn = "underlying", StrikeColumn = "strike",
        TimeColumn = "t", RateColumn = "r", DividendColumn = "q";

    public IReadOnlyList<string> Headers { get; } = headers;

    public List<string[]> Fields { get; } = [];

    public List<OptionKind> Kind { get; } = [];

    public List<PricingModel> Model { get; } = [];

    public List<double> Underlying { get; } = [];

    public List<double> Strike { get; } = [];

    public List<double> Time { get; } = [];

    /// <summary>The value column: the vol (price command) or the option price (iv command).</summary>
    public List<double> Value { get; } = [];

    public List<double> Rate { get; } = [];

    public List<double> Dividend { get; } = [];

    public int Count => Kind.Count;

    /// <summary>The rows as an engine batch, <see cref="Value"/> being the vol.</summary>
    public OptionBatch<double> AsBatch() => new(
        CollectionsMarshal.AsSpan(Kind), CollectionsMarshal.AsSpan(Underlying), CollectionsMarshal.AsSpan(Strike),
        CollectionsMarshal.AsSpan(Time), CollectionsMarshal.AsSpan(Value), CollectionsMarshal.AsSpan(Rate),
        CollectionsMarshal.AsSpan(Dividend), CollectionsMarshal.AsSpan(Model));

    /// <summary>Parses an input file; malformed content (missing column, non-number, unknown kind/model) is a user error
    /// naming file, line and field.</summary>
    public static OptionRows Read(string path, string valueColumn, CancellationToken ct)
    {
        using CsvTable table = CsvTable.Open(path);
        int kind = table.Require(KindColumn), underlying = table.Require(UnderlyingColumn), strike = table.Require(StrikeColumn),
            time = table.Require(TimeColumn), value = table.Require(valueColumn), rate = table.Require(RateColumn);
        int model = table.Find(ModelColumn), dividend = table.Find(DividendColumn);
        var rows = new OptionRows(table.Headers);
        while (table.Read())
        {
            if ((rows.Count & 4095) == 0) ct.ThrowIfCancellationRequested();
            rows.Fields.Add(table.GetAll());
            rows.Kind.Add(table.GetChoice(kind, OptionColumnNames.Kinds));
            rows.Model.Add(model < 0 || table.GetString(model).Length == 0 ? PricingModel.BlackScholesMerton : table.GetChoice(model, OptionColumnNames.Models));
            rows.Underlying.Add(table.GetDouble(underlying));
            rows.Strike.Add(table.GetDouble(strike));
            rows.Time.Add(table.GetDouble(time));
            rows.Value.Add(table.GetDouble(value));
            rows.Rate.Add(table.GetDouble(rate));
            rows.Dividend.Add(table.GetDoubleOrDefault(dividend, 0.0));
        }

        return rows;
    }
}
