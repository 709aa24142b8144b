using CsvHelper;
using VixShield.Cli.Infrastructure;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

[CsvRecord]
public sealed partial class LegRecord
{
    [CsvColumn("strike")]
    public double Strike { get; set; }

    [CsvColumn("kind")]
    public string Kind { get; set; } = string.Empty;

    [CsvColumn("qty")]
    public int Quantity { get; set; }
}

public sealed class CsvRecordsTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void ReadsTypedRecordsInAnyColumnOrder()
    {
        string path = _box.Write("legs.csv", "qty,kind,strike\n-2,put,5500\n1,call,6000.5\n");
        List<LegRecord> legs = CsvRecords.Read<LegRecord>(path);
        Assert.Equal(2, legs.Count);
        Assert.Equal(5500.0, legs[0].Strike);
        Assert.Equal(-2, legs[0].Quantity);
        Assert.Equal("call", legs[1].Kind);
    }

    [Fact]
    public void BadFieldIsReportedWithFileLineAndColumn()
    {
        string path = _box.Write("legs.csv", "qty,kind,strike\n-2,put,5500\n1,call,abc\n");
        var e = Assert.Throws<CliUserException>(() => CsvRecords.Read<LegRecord>(path));
        Assert.StartsWith($"{path}:3: field 'strike' (column 3): ", e.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumnIsReported()
    {
        string path = _box.Write("legs.csv", "qty,kind\n-2,put\n");
        var e = Assert.Throws<CliUserException>(() => CsvRecords.Read<LegRecord>(path));
        Assert.True(e.Describe().StartsWith($"{path}:1: field 'strike': required column is missing", StringComparison.Ordinal), e.Describe());
    }
}
