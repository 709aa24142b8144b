using VixShield.Compute.Time;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using Xunit;
using Xunit.Abstractions;

namespace VixShield.Compute.Tests.Book;

public class BookJsonTests(ITestOutputHelper output)
{
    internal const string SmallBook = """
    {
      "name": "small",
      "layers": [
        { "name": "L1", "role": "premium", "opened": "2026-11-20",
          "positions": [
            { "name": "IC", "legs": [
              { "instrument": "spxw", "kind": "put",  "strike": 5700, "expiry": "2026-12-04", "quantity": 1,  "openPrice": 3.10 },
              { "instrument": "spxw", "kind": "put",  "strike": 5750, "expiry": "2026-12-04", "quantity": -1, "openPrice": 4.60 },
              { "instrument": "spxw", "kind": "call", "strike": 6100, "expiry": "2026-12-04", "quantity": -1, "openPrice": 2.40 },
              { "instrument": "spxw", "kind": "call", "strike": 6150, "expiry": "2026-12-04", "quantity": 1,  "openPrice": 1.20 }
            ] }
          ] },
        { "name": "hedge", "role": "hedge", "active": false,
          "positions": [
            { "name": "VIX call", "legs": [
              { "instrument": "vixOption", "kind": "call", "strike": 22, "expiry": "2026-12-16", "quantity": 10, "openPrice": 1.05 }
            ] }
          ] },
        { "name": "notes", "role": "overlay",
          "positions": [ { "name": "note", "greeks": { "value": 1000, "delta": 50, "vega": -20, "thetaPerDay": 3 } } ] }
      ]
    }
    """;

    [Theory]
    [InlineData("\"strike\": 5700,", "\"strike\": 5700, \"strik\": 1,", "layers[0].positions[0].legs[0].strik", "unknown field")]
    [InlineData("\"strike\": 5700, \"expiry\": \"2026-12-04\", \"quantity\": 1,  \"openPrice\": 3.10", "\"strike\": 5700, \"expiry\": \"2026-12-04\", \"openPrice\": 3.10", "layers[0].positions[0].legs[0].quantity", "required field missing")]
    [InlineData("\"strike\": 5700,", "\"strike\": \"5700\",", "layers[0].positions[0].legs[0].strike", "expected a number")]
    [InlineData("\"kind\": \"put\",  \"strike\": 5700", "\"kind\": \"puts\",  \"strike\": 5700", "layers[0].positions[0].legs[0].kind", "one of \"call\", \"put\"")]
    [InlineData("\"role\": \"hedge\"", "\"role\": 1", "layers[1].role", "one of \"premium\", \"hedge\", \"overlay\"")]
    public void BadBookJsonNamesThePath(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, SmallBook, StringComparison.Ordinal);
        string json = SmallBook.Replace(find, replace, StringComparison.Ordinal);
        var e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(json));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("book.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallBookParses()
    {
        AlvhBook book = BookJson.ParseBook(SmallBook);
        Assert.Equal(3, book.Layers.Count);
        Assert.False(book.Layers[1].Active);
        Assert.False(book.Layers[1].IsIncluded);
        Leg put = book.Layers[0].Positions[0].Legs[0];
        Assert.Equal(SettlementStyle.PmClose, put.Expiry.Settlement);
        Assert.Equal(100.0, put.Multiplier);
        Assert.Equal(1.0, book.Layers[0].Positions[0].SpreadUnits);
        Assert.Equal(50.0, book.Layers[2].Positions[0].Greeks!.Delta);
        AlvhBook again = BookJson.ParseBook(BookJson.WriteBook(book));
        Assert.Equal(book.Layers[0].Positions[0].Legs, again.Layers[0].Positions[0].Legs);
    }
}

public class BookJsonTemplateTests
{
    [Fact]
    public void TemplatesBuildTheSameLegsAsTheExplicitList()
    {
        const string json = """
        { "name": "t", "layers": [
          { "name": "L1", "role": "premium", "positions": [
            { "name": "IC", "template": { "type": "ironCondor", "expiry": "2026-12-04", "strikes": [5700, 5750, 6100, 6150], "openPrices": [3.10, 4.60, 2.40, 1.20] } },
            { "name": "BWB", "template": { "type": "brokenWingButterfly", "instrument": "spx", "kind": "put", "expiry": "2026-12-18", "strikes": [5600, 5700, 5750], "units": 2 } }
          ] },
          { "name": "H", "role": "hedge", "active": true, "positions": [
            { "name": "VIX call", "template": { "type": "vixCall", "expiry": "2026-12-16", "strikes": [22], "units": 10, "openPrices": [1.05] } },
            { "name": "VX", "template": { "type": "vixFuture", "expiry": "2027-01-20", "units": -1, "openPrices": [19.0] } }
          ] }
        ] }
        """;
        AlvhBook fromTemplates = BookJson.ParseBook(json);
        AlvhBook explicitLegs = BookJson.ParseBook(BookJsonTests.SmallBook);
        Assert.Equal(explicitLegs.Layers[0].Positions[0].Legs, fromTemplates.Layers[0].Positions[0].Legs);
        Assert.Equal(explicitLegs.Layers[1].Positions[0].Legs, fromTemplates.Layers[1].Positions[0].Legs);
        Position bwb = fromTemplates.Layers[0].Positions[1];
        Assert.Equal([2, -4, 2], bwb.Legs.Select(l => l.Quantity));
        Assert.Equal(SettlementStyle.AmOpen, bwb.Legs[0].Expiry.Settlement);
        Assert.Equal(2.0, bwb.SpreadUnits);
        Assert.Equal(-1, fromTemplates.Layers[1].Positions[1].Legs[0].Quantity);
        Assert.True(fromTemplates.Layers[1].Active);

        var e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(json.Replace("[5700, 5750, 6100, 6150]", "[5700, 5750, 6100]", StringComparison.Ordinal)));
        Assert.Equal("layers[0].positions[0].template", e.JsonPath);
        Assert.Contains("needs 4 strike(s)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<BookFileException>(() => BookJson.ParseBook(json.Replace("\"ironCondor\"", "\"ironCondr\"", StringComparison.Ordinal)));
        Assert.Equal("layers[0].positions[0].template.type", e.JsonPath);
        Assert.Contains("\"ironCondor\"", e.Message, StringComparison.Ordinal);
    }
}
