using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

/// <summary>
/// Shards of scenario runs (what a cluster computes on each silo): any split of a run at shard boundaries, merged in any
/// order, equals the single run bit for bit; a split that overlaps, leaves a gap or is not cut on the kernel's blocks is refused.
/// </summary>
public sealed class ShardTests
{
    private static PricedBook Sample() => PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());

    private static void AssertSameBits(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int g = 0; g < expected.Count; g++)
        {
            Assert.Equal(expected[g].Length, actual[g].Length);
            for (int i = 0; i < expected[g].Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[g][i]) != BitConverter.DoubleToInt64Bits(actual[g][i]))
                {
                    Assert.Fail($"group {g}, scenario {i}: {expected[g][i]:R} vs {actual[g][i]:R}");
                }
            }
        }
    }

    /// <summary>Every number of two P&amp;L summaries equal (NaN components too).</summary>
    internal static void AssertSameDistribution(PnlDistribution expected, PnlDistribution actual)
    {
        Assert.Equal(expected.Mean, actual.Mean);
        Assert.Equal(expected.StdDev, actual.StdDev);
        Assert.Equal(expected.Quantiles, actual.Quantiles);
        Assert.Equal(expected.Tails.Count, actual.Tails.Count);
        for (int c = 0; c < expected.Tails.Count; c++)
        {
            Assert.Equal(expected.Tails[c] with { TailDraws = [] }, actual.Tails[c] with { TailDraws = [] });
            Assert.Equal(expected.Tails[c].TailDraws, actual.Tails[c].TailDraws);
        }

        Assert.Equal(expected.LayerComponents.Count, actual.LayerComponents.Count);
        for (int c = 0; c < expected.LayerComponents.Count; c++) Assert.Equal(expected.LayerComponents[c], actual.LayerComponents[c]);
    }

    [Theory]
    [InlineData(ScenarioEngine.Simd, 0)]
    [InlineData(ScenarioEngine.Simd, 256)]
    [InlineData(ScenarioEngine.Scalar, 0)]
    public void MonteCarloShards_MergedInAnyOrder_EqualTheSingleRunBitForBit(ScenarioEngine engine, int bits)
    {
        if (bits == 256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) return;
        PricedBook book = Sample();
        // 3 blocks of 64 and a ragged last shard: the kernel's tail lands in the same place as in the single run.
        var settings = new MonteCarloSettings { Draws = 64 * 7 + 29, Seed = 11, ChunkSize = 64 };
        var options = new ScenarioRunOptions { Engine = engine, VectorBits = bits, Threads = 2 };
        MonteCarloResult single = VolShockMonteCarlo.Run(book, settings, options);
        var rng = new Random(5);
        for (int trial = 0; trial < 4; trial++)
        {
            var shards = new List<MonteCarloShard>();
            for (long first = 0; first < settings.Draws;)
            {
                int count = (int)Math.Min(64 * rng.Next(1, 4), settings.Draws - first);
                shards.Add(VolShockMonteCarlo.RunShard(book, settings, first, count, options with { Threads = 1 }));
                first += count;
            }

            MonteCarloResult merged = VolShockMonteCarlo.Merge(book, settings, shards.OrderBy(_ => rng.Next()).ToList());
            AssertSameBits(single.Pnl.LayerPnl, merged.Pnl.LayerPnl);
            AssertSameDistribution(single.WithHedge, merged.WithHedge);
            AssertSameDistribution(single.WithoutHedge, merged.WithoutHedge);
            Assert.Equal(single.DeltaBandBreachWithHedge, merged.DeltaBandBreachWithHedge);
            Assert.Equal(single.DeltaBandBreachWithoutHedge, merged.DeltaBandBreachWithoutHedge);
        }
    }

    [Fact]
    public void MonteCarloShard_HoldsTheDrawsOfItsIndices()
    {
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 4096 * 3, Seed = 3 };
        MonteCarloResult single = VolShockMonteCarlo.Run(book, settings);
        MonteCarloShard shard = VolShockMonteCarlo.RunShard(book, settings, 4096, 4096);
        for (int li = 0; li < shard.LayerPnl.Length; li++)
        {
            Assert.Equal(single.Pnl.LayerPnl[li].AsSpan(4096, 4096).ToArray(), shard.LayerPnl[li]);
        }
    }

    [Fact]
    public void StressShards_MergedInAnyOrder_EqualTheSingleGridBitForBit()
    {
        PricedBook book = Sample();
        var settings = new StressGridSettings(); // 9 x 7 x 2 x 3 x 3 = 1,134 cells, 378 per days value
        var options = new ScenarioRunOptions { ChunkSize = 40, Threads = 2 };
        StressGridResult single = StressGrid.Run(book, settings, options);
        int align = StressGrid.ShardAlignment(options), perDays = settings.Count / settings.DaysForward.Count;
        Assert.Equal(40, align);
        // Cut at a random third of the boundaries: some shards stop inside a days value, some run across into the next.
        var rng = new Random(9);
        var cuts = new List<long> { 0 };
        for (int d = 0; d < settings.DaysForward.Count; d++)
        {
            for (int j = 0; j < perDays; j += align)
            {
                long p = ((long)d * perDays) + j;
                if (p > 0 && rng.Next(3) == 0) cuts.Add(p);
            }
        }

        cuts.Add(settings.Count);
        var shards = new List<StressShard>();
        for (int k = 0; k + 1 < cuts.Count; k++)
        {
            Assert.True(StressGrid.IsShardBoundary(settings, cuts[k], align) && StressGrid.IsShardBoundary(settings, cuts[k + 1], align));
            shards.Add(StressGrid.RunShard(book, settings, cuts[k], (int)(cuts[k + 1] - cuts[k]), options));
        }

        Assert.Contains(shards, s => s.First / perDays != (s.First + s.Count - 1) / perDays); // one crosses a days value
        StressGridResult merged = StressGrid.Merge(book, settings, shards.OrderBy(_ => rng.Next()).ToList());
        AssertSameBits(single.Pnl.LayerPnl, merged.Pnl.LayerPnl);
    }

    [Fact]
    public void StressRunPosition_NamesTheCellTheShardComputed()
    {
        PricedBook book = Sample();
        var settings = new StressGridSettings();
        StressGridResult single = StressGrid.Run(book, settings);
        StressShard shard = StressGrid.RunShard(book, settings, 378, 378); // the whole T+1 slice
        for (int k = 0; k < shard.Count; k++)
        {
            StressCell c = StressGrid.CellOfRunPosition(settings, 378 + k);
            Assert.Equal(1, c.Days);
            int index = single.IndexOf(c.Spot, c.Vol, c.Skew, c.Days, c.Rate);
            for (int li = 0; li < shard.LayerPnl.Length; li++) Assert.Equal(single.Pnl.LayerPnl[li][index], shard.LayerPnl[li][k]);
        }
    }

    [Fact]
    public void Shards_ThatOverlapLeaveAGapOrAreNotAligned_AreRefused()
    {
        PricedBook book = Sample();
        var settings = new MonteCarloSettings { Draws = 300, ChunkSize = 64 };
        MonteCarloShard a = VolShockMonteCarlo.RunShard(book, settings, 0, 128), b = VolShockMonteCarlo.RunShard(book, settings, 128, 172);
        MonteCarloShard c = VolShockMonteCarlo.RunShard(book, settings, 64, 64);
        Assert.Contains("end at 128", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Merge(book, settings, [a])).Message, StringComparison.Ordinal);
        Assert.Contains("leave draws [0, 128) out", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Merge(book, settings, [b])).Message, StringComparison.Ordinal);
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Merge(book, settings, [a, c, b])).Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 64", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.RunShard(book, settings, 10, 64)).Message, StringComparison.Ordinal);
        Assert.Contains("multiple of 64", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.RunShard(book, settings, 0, 100)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.RunShard(book, settings, 256, 64)); // beyond the run
        var other = new MonteCarloShard(0, 300, [new double[300]], 0, 0); // one column: another book
        Assert.Contains("another book", Assert.Throws<ArgumentException>(() => VolShockMonteCarlo.Merge(book, settings, [other])).Message, StringComparison.Ordinal);
        var grid = new StressGridSettings();
        Assert.Contains("multiple of", Assert.Throws<ArgumentException>(() => StressGrid.RunShard(book, grid, 8, 100)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioBlocks_RoundUpToEightDraws()
    {
        Assert.Equal(8, ScenarioBlocks.Size(1));
        Assert.Equal(4096, ScenarioBlocks.Size(4096));
        Assert.Equal(4104, ScenarioBlocks.Size(4097));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioBlocks.Size(0));
    }
}
