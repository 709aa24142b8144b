using System.Text.RegularExpressions;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Book.Rules;
using Xunit;

namespace VixShield.Compute.Tests.Book;

public class BookDocsTests
{
    [Fact]
    public void TheSchemaExamplesInKernelsDocsParseAndValue()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "kernels-docs", "book.md"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("kernels-docs/book.md not found above the test directory");
        string md = File.ReadAllText(Path.Combine(dir, "kernels-docs", "book.md"));
        var blocks = Regex.Matches(md, "```json\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, blocks.Count);
        AlvhBook book = BookJson.ParseBook(blocks[0], "book.md");
        MarketSnapshot market = BookJson.ParseMarket(blocks[1], "book.md");
        Assert.Equal(6012.4, market.SpxForward(new Expiry(new DateOnly(2026, 12, 18), VixShield.Compute.Time.SettlementStyle.AmOpen)), 1e-9);
        RuleReport report = new RuleEngine(BookFixtures.Valuator()).Run(book, market);
        Assert.Empty(report.Valuation.Problems);
        Assert.Equal(3, report.Valuation.Layers.Count);
    }
}
