using System.Text.Json;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Book;

public sealed class BookCommandTests : IDisposable
{
    internal const string SmallMarket = """
    {
      "valuationTime": "2026-11-24T15:00:00Z",
      "spx": { "spot": 6000, "dividendYield": 0.013 },
      "rates": { "flat": 0.04 },
      "spxVol": { "flat": 0.16 },
      "vixFutures": [ { "expiry": "2026-12-16", "price": 18.0 }, { "expiry": "2027-01-20", "price": 19.5 } ],
      "vixVol": { "flat": 0.90 },
      "spxVixBeta": -4.0
    }
    """;

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void MarketFileMatchesTheFixture()
    {
        MarketSnapshot m = BookJson.ParseMarket(SmallMarket);
        var fromCode = BookFixtures.Valuator().Value(BookJson.ParseBook(BookJsonTests.SmallBook), BookFixtures.Market());
        var fromFile = BookFixtures.Valuator().Value(BookJson.ParseBook(BookJsonTests.SmallBook), m);
        Assert.Equal(fromCode.Totals, fromFile.Totals);
    }

    [Fact]
    public async Task BookJsonEndToEnd()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook);
        string market = _box.Write("market.json", SmallMarket);
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market, "--json", "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var expected = BookFixtures.Valuator().Value(BookJson.ParseBook(BookJsonTests.SmallBook), BookFixtures.Market());
        Assert.Equal(expected.NormalisedDelta, doc.RootElement.GetProperty("normalisedDelta").GetDouble());
        Assert.Equal(expected.Totals.ThetaPerDay, doc.RootElement.GetProperty("totals").GetProperty("thetaPerDay").GetDouble());
        Assert.Equal(3, doc.RootElement.GetProperty("layers").GetArrayLength());
        Assert.False(doc.RootElement.GetProperty("layers")[1].GetProperty("included").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("findings").GetArrayLength() >= 8);
    }

    /// <summary>A valuation time given at -05:00 is printed with its offset and in UTC (16:00 -05:00 is 21:00 UTC), not as "16:00 UTC".</summary>
    [Fact]
    public async Task TextReportPrintsTheValuationTimeWithItsOffset()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook);
        string market = _box.Write("market.json", SmallMarket.Replace("2026-11-24T15:00:00Z", "2026-11-24T16:00:00-05:00", StringComparison.Ordinal));
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        string flat = string.Join(' ', run.Out.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.Contains("valued 2026-11-24 16:00 -05:00 (21:00 UTC)", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("16:00 UTC", flat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaysForwardMovesTheCurve()
    {
        CliRun run = await _box.RunAsync("book", "--sample", "--engine", "scalar", "--json", "--days", "3");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(3.0, doc.RootElement.GetProperty("curve").GetProperty("daysForward").GetDouble());
        var bes = doc.RootElement.GetProperty("curve").GetProperty("breakEvens");
        Assert.True(bes.GetArrayLength() >= 1);
        run = await _box.RunAsync("book", "--sample", "--days", "-1");
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task ReadableReportOfTheSample()
    {
        CliRun run = await _box.RunAsync("book", "--sample", "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ALVH sample ladder", run.Out, StringComparison.Ordinal);
        Assert.Contains("Rule findings", run.Out, StringComparison.Ordinal);
        Assert.Contains("8 quote parity", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadBookFileNamesFileLineAndPath()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook.Replace("\"strike\": 5700,", "\"strike\": \"x\",", StringComparison.Ordinal));
        string market = _box.Write("market.json", SmallMarket);
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{book}:7: field 'layers[0].positions[0].legs[0].strike': expected a number", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadMarketAndMissingFiles()
    {
        string book = _box.Write("book.json", BookJsonTests.SmallBook);
        string market = _box.Write("market.json", SmallMarket.Replace("\"rates\": { \"flat\": 0.04 }", "\"rates\": { \"flat\": 0.04, \"curve\": [] }", StringComparison.Ordinal));
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("field 'rates.curve': unknown field \"curve\"", run.Err, StringComparison.Ordinal);

        string noVix = _box.Write("m2.json", SmallMarket.Replace("{ \"expiry\": \"2026-12-16\", \"price\": 18.0 }, ", "", StringComparison.Ordinal));
        run = await _box.RunAsync("book", "--book", book, "--market", noVix);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("layers[1].positions[0].legs[0]", run.Err, StringComparison.Ordinal);
        Assert.Contains("no future expiring 2026-12-16", run.Err, StringComparison.Ordinal);

        run = await _box.RunAsync("book", "--book", _box.PathOf("missing.json"), "--market", market);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot read the file", run.Err, StringComparison.Ordinal);

        run = await _box.RunAsync("book", "--book", book);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void MoreBadJsonKinds()
    {
        // Missing required market field, bad date, null, wrong settlement enum, overlay greeks on a premium layer.
        var e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace("\"spxVixBeta\": -4.0", "\"spxVixBet\": -4.0", StringComparison.Ordinal)));
        Assert.Equal("spxVixBet", e.JsonPath);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace(",\n  \"spxVixBeta\": -4.0", "", StringComparison.Ordinal)));
        Assert.Equal("spxVixBeta", e.JsonPath);
        Assert.Contains("required field missing", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace("\"price\": 19.5", "\"price\": \"19.5\"", StringComparison.Ordinal)));
        Assert.Equal("vixFutures[1].price", e.JsonPath);
        Assert.Contains("expected a number", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace("\"flat\": 0.16", "\"flat\": [0.16]", StringComparison.Ordinal)));
        Assert.Equal("spxVol.flat", e.JsonPath);
        Assert.Contains("expected a number", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace("\"2027-01-20\"", "\"2027-01-32\"", StringComparison.Ordinal)));
        Assert.Equal("vixFutures[1].expiry", e.JsonPath);
        Assert.Contains("a date", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseMarket(SmallMarket.Replace("\"2027-01-20\"", "\"2027-01-23\"", StringComparison.Ordinal)));
        Assert.Equal("vixFutures[1].expiry", e.JsonPath);
        Assert.Contains("not a trading day", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(BookJsonTests.SmallBook.Replace("\"name\": \"L1\"", "\"name\": null", StringComparison.Ordinal)));
        Assert.Equal("layers[0].name", e.JsonPath);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(BookJsonTests.SmallBook.Replace("\"expiry\": \"2026-12-16\",", "\"expiry\": \"2026-12-16\", \"settlement\": \"noon\",", StringComparison.Ordinal)));
        Assert.Equal("layers[1].positions[0].legs[0].settlement", e.JsonPath);
        Assert.Contains("\"amOpen\", \"pmClose\"", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(BookJsonTests.SmallBook.Replace("\"quantity\": 10", "\"quantity\": 0", StringComparison.Ordinal)));
        Assert.Equal("layers[1].positions[0].legs[0].quantity", e.JsonPath);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(BookJsonTests.SmallBook.Replace("\"role\": \"overlay\"", "\"role\": \"premium\"", StringComparison.Ordinal)));
        Assert.Equal("layers[2].positions[0].greeks", e.JsonPath);
    }
}

public sealed class SviMarketTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void MarketReadsAnSviSurfaceFile()
    {
        double t1 = 10.25 / 365, t2 = 30.0 / 365;
        var surface = new VixShield.Compute.Surfaces.SviSurface(
        [
            new VixShield.Compute.Surfaces.SviSlice(t1, 6005, new VixShield.Compute.Surfaces.SviParameters(0.0004, 0.02, -0.7, 0.01, 0.05)),
            new VixShield.Compute.Surfaces.SviSlice(t2, 6015, new VixShield.Compute.Surfaces.SviParameters(0.0012, 0.04, -0.7, 0.01, 0.06)),
        ]);
        _box.Write("svi.json", VixShield.Compute.Surfaces.SurfaceJson.Serialize(surface));
        string market = _box.Write("market.json", BookCommandTests.SmallMarket.Replace("\"spxVol\": { \"flat\": 0.16 }", "\"spxVol\": { \"sviFile\": \"svi.json\" }", StringComparison.Ordinal));
        MarketSnapshot m = BookJson.ReadMarketFile(market);
        var v = BookFixtures.Valuator().Value(BookJson.ParseBook(BookJsonTests.SmallBook), m);
        LegValuation put = v.Layers[0].Positions[0].Legs[0];
        double fwd = 6000 * Math.Exp((0.04 - 0.013) * put.Time);
        Assert.Equal(surface.Vol(put.Time, 5700, fwd), put.Vol, 1e-15);
        Assert.True(put.Vol > v.Layers[0].Positions[0].Legs[3].Vol); // skew: the 5700 put above the 6150 call

        string bad = _box.Write("bad.json", BookCommandTests.SmallMarket.Replace("\"spxVol\": { \"flat\": 0.16 }", "\"spxVol\": { \"sviFile\": \"nope.json\" }", StringComparison.Ordinal));
        var e = Assert.Throws<BookFileException>(() => BookJson.ReadMarketFile(bad));
        Assert.Equal("spxVol.sviFile", e.JsonPath);
    }
}
