using System.Text.Json;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Book;

/// <summary>
/// Issue 14: the JSON readers reject what they used to guess: duplicate keys (took the last value), a casing other than
/// the documented camelCase name ("Premium"), a quantity of int.MinValue (crashed with exit 70), a valuation time
/// without a UTC offset (read in the machine's time zone), and in surface files a slice missing a parameter (read as 0),
/// an unknown field and a version other than 1. Every error names the JSON path.
/// </summary>
public sealed class StrictJsonTests : IDisposable
{
    private const string Surface = """
    {
      "model": "svi-raw",
      "version": 1,
      "slices": [ { "time": 0.25, "forward": 6000, "a": 0.004, "b": 0.03, "rho": -0.6, "m": 0.01, "sigma": 0.1 } ]
    }
    """;

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("\"strike\": 5700,", "\"strike\": 5700, \"strike\": 5800,", "layers[0].positions[0].legs[0].strike", "appears twice")]
    [InlineData("\"role\": \"premium\"", "\"role\": \"Premium\"", "layers[0].role", "one of \"premium\", \"hedge\", \"overlay\"")]
    [InlineData("\"kind\": \"put\",  \"strike\": 5700", "\"kind\": \"PUT\",  \"strike\": 5700", "layers[0].positions[0].legs[0].kind", "one of \"call\", \"put\"")]
    [InlineData("\"quantity\": 1,  \"openPrice\": 3.10", "\"quantity\": -2147483648,  \"openPrice\": 3.10", "layers[0].positions[0].legs[0].quantity", "at most 1,000,000")]
    [InlineData("\"name\": \"small\",", "\"name\": \"small\", \"name\": \"again\",", "name", "appears twice")]
    public void BookJsonIsStrict(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, BookJsonTests.SmallBook, StringComparison.Ordinal);
        var e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(BookJsonTests.SmallBook.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2026-11-24T15:00:00Z\"", "\"2026-11-24T15:00:00\"", "valuationTime", "has no UTC offset: add one")]
    [InlineData("\"flat\": 0.04", "\"flat\": 0.04, \"flat\": 0.05", "rates.flat", "appears twice")]
    public void MarketJsonIsStrict(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, BookCommandTests.SmallMarket, StringComparison.Ordinal);
        var e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(BookCommandTests.SmallMarket.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-24T15:00:00Z")]
    [InlineData("2026-11-24T10:00:00-05:00")]
    [InlineData("2026-11-24T16:00:00+01:00")]
    public void ValuationTimesWithAnOffsetAreTheSameInstant(string time)
    {
        var m = BookJson.ParseMarket(BookCommandTests.SmallMarket.Replace("2026-11-24T15:00:00Z", time, StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero), m.ValuationTime);
    }

    [Fact]
    public void TheValidSurfaceParses()
    {
        SviSurface s = SurfaceJson.Deserialize(Surface);
        Assert.Equal(0.004, s.Slices[0].Parameters.A);
        Assert.Equal(-0.6, s.Slices[0].Parameters.Rho);
    }

    [Theory]
    [InlineData("\"a\": 0.004, ", "", "$.slices[0]", "'a'")]
    [InlineData("\"version\": 1", "\"version\": 99", "$.version", "version 99")]
    [InlineData("\"b\": 0.03,", "\"b\": 0.03, \"b\": 0.5,", "$.slices[0].b", "twice")]
    [InlineData("\"sigma\": 0.1", "\"sigma\": 0.1, \"sigam\": 0.2", "$.slices[0].sigam", "unknown")]
    [InlineData("\"model\": \"svi-raw\",", "", "$", "'model'")]
    public void SurfaceJsonIsStrict(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Surface, StringComparison.Ordinal);
        var e = Assert.Throws<SurfaceFileException>(() => SurfaceJson.Deserialize(Surface.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurfaceEvalNamesThePathAndExits1()
    {
        string surface = _box.Write("surface.json", Surface.Replace("\"a\": 0.004, ", "", StringComparison.Ordinal));
        CliRun run = await _box.RunAsync("surface", "eval", "--surface", surface, "--strikes", "6000", "--expiries", "0.25");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$.slices[0]", run.Err);
        Assert.Contains("'a'", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public async Task BookQuantityMinValueExits1()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook.Replace("\"quantity\": 1,  \"openPrice\": 3.10", "\"quantity\": -2147483648,  \"openPrice\": 3.10", StringComparison.Ordinal));
        string market = _box.Write("market.json", BookCommandTests.SmallMarket);
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("layers[0].positions[0].legs[0].quantity", run.Err);
    }

    [Fact]
    public void JsonExceptionTypeIsKeptForCallers()
    {
        // SurfaceFileException is a JsonException, so existing callers that catch JsonException keep working.
        Assert.True(typeof(JsonException).IsAssignableFrom(typeof(SurfaceFileException)));
    }
}
