using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Orleans;
using VixShield.Compute.Surfaces;
using Xunit;

namespace VixShield.Compute.Tests.Cluster;

/// <summary>Books and markets through Orleans' generated serializers (the wire records and their converters): what a
/// silo rebuilds values exactly like the client's original.</summary>
public sealed class ClusterWireTests
{
    private static readonly Serializer Wire = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(BookConverter).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Wire.Deserialize<T>(Wire.SerializeToArray(value))!;

    [Fact]
    public void ClusterWire_SampleBookAndMarket_ValueIdenticallyAfterTheTrip()
    {
        AlvhBook book = SampleBook.Create();
        MarketSnapshot market = SampleMarket.Create();
        AlvhBook book2 = RoundTrip(book);
        MarketSnapshot market2 = RoundTrip(market);
        Assert.Equal(BookJson.WriteBook(book), BookJson.WriteBook(book2));
        var valuator = new BookValuator(new ScalarGreeksEngine());
        BookValuation a = valuator.Value(book, market), b = valuator.Value(book2, market2 with { Quotes = market.Quotes });
        Assert.Equal(a.Totals, b.Totals);
        Assert.Equal(a.Layers.Select(l => l.Totals), b.Layers.Select(l => l.Totals));
    }

    [Fact]
    public void ClusterWire_SviAndFlatSurfaces_ReadTheSameVols()
    {
        var svi = new SviSurface([new SviSlice(0.02, 6030, new SviParameters(0.0002, 0.02, -0.7, 0, 0.05)), new SviSlice(0.06, 6040, new SviParameters(0.0008, 0.04, -0.7, 0, 0.08))]);
        MarketSnapshot market = SampleMarket.Create() with { SpxVolatility = svi, VixVolatility = new FlatVolatilitySurface(0.85), Quotes = null };
        MarketSnapshot back = RoundTrip(market);
        foreach (double t in new[] { 0.0, 0.01, 0.04, 0.2 })
        {
            foreach (double k in new[] { 5000.0, 6000.0, 6500.0 })
            {
                Assert.Equal(market.SpxVolatility.Vol(t, k, 6020), back.SpxVolatility.Vol(t, k, 6020));
            }
        }

        Assert.Equal(0.85, back.VixVolatility.Vol(0.1, 20, 18));
        Assert.Equal(market.ValuationTime, back.ValuationTime);
        Assert.Equal(market.VixFutures.Points, back.VixFutures.Points);
    }

    [Fact]
    public void ClusterWire_ASurfaceWithNoWireForm_IsAClearError()
    {
        MarketSnapshot market = SampleMarket.Create() with { SpxVolatility = new VixShield.Compute.Scenarios.ShockedSurface(new SviSurface([new SviSlice(0.1, 6000, new SviParameters(0.001, 0.02, -0.5, 0, 0.1))]), default) };
        var e = Assert.ThrowsAny<Exception>(() => Wire.SerializeToArray(market));
        Assert.Contains("cannot be sent to a cluster", (e.InnerException ?? e).Message, StringComparison.Ordinal);
    }
}
