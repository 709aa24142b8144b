using System.Text;
using System.Text.Json;
using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Book;

/// <summary>
/// Issue 14: a 10,000-leg book in 2,500 positions ran the old break-even search out of memory (exit 70): it revalued
/// every leg for each pending break-even. On the resolved book (one leg table, curves through the scenario kernel) the
/// report completes; measured 1.1 GB peak and 50 s on the shared 2-core machine (kernels-docs/book.md).
/// </summary>
public sealed class LargeBookCommandTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task TenThousandLegBook_ReportCompletes_WithBreakEvensPerPosition()
    {
        var positions = new StringBuilder();
        for (int i = 0; i < 2500; i++)
        {
            int w = 5 * (i % 40);
            if (i > 0) positions.Append(',');
            positions.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
                { "name": "IC{{i}}", "legs": [
                  { "instrument": "spxw", "kind": "put", "strike": {{5700 - w}}, "expiry": "2026-12-04", "quantity": 1, "openPrice": 3.1 },
                  { "instrument": "spxw", "kind": "put", "strike": {{5750 - w}}, "expiry": "2026-12-04", "quantity": -1, "openPrice": 4.6 },
                  { "instrument": "spxw", "kind": "call", "strike": {{6100 + w}}, "expiry": "2026-12-04", "quantity": -1, "openPrice": 2.4 },
                  { "instrument": "spxw", "kind": "call", "strike": {{6150 + w}}, "expiry": "2026-12-04", "quantity": 1, "openPrice": 1.2 } ] }
                """);
        }

        string book = _box.Write("book.json", $$"""{ "name": "large", "layers": [ { "name": "big", "role": "premium", "positions": [ {{positions}} ] } ] }""");
        string market = _box.Write("market.json", BookCommandTests.SmallMarket);
        CliRun run = await _box.RunAsync("book", "--book", book, "--market", market, "--json", "--engine", "simd");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(10_000, doc.RootElement.GetProperty("engineRows").GetInt32());
        JsonElement layer = doc.RootElement.GetProperty("layers")[0];
        Assert.Equal(2500, layer.GetProperty("positions").GetArrayLength());
    }
}
