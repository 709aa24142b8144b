using System.Text.Json;
using VixShield.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

public class BenchCommandTests
{
    [Fact]
    public async Task BenchJsonListsEveryEngineOutputSetAndPrecision()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int rc = await CliApp.RunAsync(["bench", "--size", "100", "--seconds", "0.01", "--json"], output, error);
        Assert.Equal(0, rc);
        using var doc = JsonDocument.Parse(output.ToString());
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(12, results.Count); // scalar, simd x1, simd x all; first/all; double/single
        Assert.Equal(100, doc.RootElement.GetProperty("batchSize").GetInt32());
        Assert.Contains(results, r => r.GetProperty("engine").GetString() == "simd" && r.GetProperty("threads").GetInt32() == 1);
        Assert.All(results, r => Assert.True(r.GetProperty("optionsPerSecond").GetDouble() > 0));
        Assert.Equal(1.0, results[0].GetProperty("ratioToScalar").GetDouble());
    }

    [Fact]
    public async Task BenchRejectsABadSizeWithoutAStackTrace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int rc = await CliApp.RunAsync(["bench", "--size", "0"], output, error);
        Assert.NotEqual(0, rc);
        Assert.Contains("--size 0 is out of range", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
