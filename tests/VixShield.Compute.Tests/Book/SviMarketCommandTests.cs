using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Book;

/// <summary>
/// `book` and `stress` on a market whose SPX vol is an SVI surface file: the front-expiry curve and T+20 cells roll
/// legs to t ≤ 0, where the surface used to return NaN (book: exit 70 from Math.Sign(NaN); stress: null P&amp;L, exit 0).
/// </summary>
public sealed class SviMarketCommandTests : IDisposable
{
    private const string Surface = """
    { "model": "svi-raw", "version": 1, "slices": [
      { "time": 0.02, "forward": 6030, "a": 0.0002, "b": 0.02, "rho": -0.7, "m": 0.0, "sigma": 0.05 },
      { "time": 0.06, "forward": 6040, "a": 0.0008, "b": 0.04, "rho": -0.7, "m": 0.0, "sigma": 0.08 } ] }
    """;

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private (string Book, string Market) Files()
    {
        _box.Write("spx-svi.json", Surface);
        string market = _box.Write("market.json", BookCommandTests.SmallMarket.Replace("\"spxVol\": { \"flat\": 0.16 }", "\"spxVol\": { \"sviFile\": \"spx-svi.json\" }", StringComparison.Ordinal));
        Assert.Contains("sviFile", File.ReadAllText(market), StringComparison.Ordinal);
        return (_box.Write("book.json", BookJsonTests.SmallBook), market);
    }

    [Fact]
    public async Task BookReport_OnAnSviMarket_Succeeds()
    {
        var (book, market) = Files();
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("small: valued", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stress_PastTheFrontExpiry_OnAnSviMarket_HasNoNullPnl()
    {
        var (book, market) = Files();
        CliRun run = await _box.RunAsync("stress", "--book", book, "--market", market, "--days", "0,20", "--json", "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("null", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);
    }
}
