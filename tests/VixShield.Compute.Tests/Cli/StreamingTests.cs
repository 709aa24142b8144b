using System.Globalization;
using System.Text;
using VixShield.Cli.Commands;
using VixShield.Cli.Infrastructure;
using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

/// <summary>
/// Issue 14: <c>price</c> and <c>iv</c> stream their input in chunks (memory flat in the row count). The output is the
/// same whatever the chunk size, a bad row is reported when reached, and with --output a bad row in a later chunk still
/// leaves no output file (the temporary file, already holding earlier chunks, is removed).
/// </summary>
public sealed class StreamingTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static string PriceInput(int rows, string? badLast = null)
    {
        var sb = new StringBuilder("id,kind,underlying,strike,t,vol,r,q\n");
        for (int i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{(i % 2 == 0 ? "call" : "put")},5900,{5000 + (i * 37 % 1800)},{0.02 + (i % 7 * 0.1)},{0.12 + (i % 5 * 0.03)},0.043,0.013\n");
        }

        if (badLast is not null) sb.Append(badLast).Append('\n');
        return sb.ToString();
    }

    private static async Task<(int Code, string Out, string Err)> Price(string input, string? output, int chunkRows)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var context = new CliContext(stdout, stderr);
        try
        {
            int code = await PriceCommand.RunAsync(context, new ScalarGreeksEngine(), new PriceCommand.PriceOptions(input, output, false, Precision.Double), CancellationToken.None, chunkRows);
            return (code, stdout.ToString(), stderr.ToString());
        }
        catch (CliUserException e)
        {
            return (e.ExitCode, stdout.ToString(), e.Describe());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task PriceOutputDoesNotDependOnTheChunkSize(int chunkRows)
    {
        string input = _box.Write("in.csv", PriceInput(200));
        var whole = await Price(input, null, 1000);
        var chunked = await Price(input, null, chunkRows);
        Assert.Equal(0, chunked.Code);
        Assert.Equal(201, whole.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(whole.Out, chunked.Out);
    }

    [Fact]
    public async Task ABadRowInALaterChunkLeavesNoOutputFile()
    {
        string input = _box.Write("in.csv", PriceInput(100, badLast: "bad,call,5900,6000,0.1,abc,0.043,0.013"));
        string output = _box.PathOf("out.csv");
        var run = await Price(input, output, chunkRows: 16);
        Assert.Equal(1, run.Code);
        Assert.Contains("in.csv:102: field 'vol'", run.Err);
        Assert.False(File.Exists(output));
        Assert.Equal(["in.csv"], _box.FilesExcept()); // the temporary file holding 6 chunks is gone
    }

    [Fact]
    public async Task OnStandardOutputTheRowsBeforeABadRowAreStreamed()
    {
        // Documented: standard output cannot be taken back, so it holds the chunks priced before the bad row.
        string input = _box.Write("in.csv", PriceInput(100, badLast: "bad,call,5900,6000,0.1,abc,0.043,0.013"));
        var run = await Price(input, null, chunkRows: 16);
        Assert.Equal(1, run.Code);
        Assert.Equal(97, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 6 full chunks of 16
    }

    [Fact]
    public async Task IvOutputDoesNotDependOnTheChunkSize()
    {
        var sb = new StringBuilder("kind,underlying,strike,t,price,r,q\n");
        for (int i = 0; i < 50; i++) sb.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "call" : "put")},100,{80 + i},0.5,{2.0 + (i % 9)},0.03,0.01\n");
        string input = _box.Write("prices.csv", sb.ToString());
        async Task<string> Run(int chunk)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            using var context = new CliContext(stdout, stderr);
            Assert.Equal(0, await IvCommand.RunAsync(context, input, null, 1, CancellationToken.None, chunkRows: chunk));
            return stdout.ToString();
        }

        string whole = await Run(1000);
        Assert.Equal(51, whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(whole, await Run(7));
    }

    [Fact]
    public void TheReaderReusesItsChunkColumns()
    {
        string input = _box.Write("in.csv", PriceInput(100));
        using OptionRows rows = OptionRows.Open(input, PriceCommand.VolColumn, chunkRows: 16);
        double[] strikes = rows.Strike;
        int chunks = 0;
        while (rows.ReadChunk(CancellationToken.None))
        {
            Assert.Same(strikes, rows.Strike);
            Assert.InRange(rows.Count, 1, 16);
            chunks++;
        }

        Assert.Equal(7, chunks);
        Assert.Equal(100, rows.RowsRead);
    }

    /// <summary>Chunks are whole multiples of the widest vector (16 rows), so rows meet the same vector groups in any chunking.</summary>
    [Theory]
    [InlineData(1, 16)]
    [InlineData(7, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    public void ChunkSizesRoundUpToWholeVectors(int asked, int capacity)
    {
        string input = _box.Write("in.csv", PriceInput(10));
        using OptionRows rows = OptionRows.Open(input, PriceCommand.VolColumn, chunkRows: asked);
        Assert.Equal(capacity, rows.Capacity);
    }
}
