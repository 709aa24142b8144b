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
