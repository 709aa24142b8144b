namespace VixShield.Compute.Scenarios;

/// <summary>How the scenario kernel groups scenarios into blocks (one rule for the kernel and for shard boundaries).</summary>
public static class ScenarioBlocks
{
    /// <summary>Scenarios per kernel block for a requested chunk size: rounded up to a multiple of 8 (the widest vector of
    /// doubles), so that vector lanes hold the same scenarios whatever the chunk size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="chunkSize"/> is not positive.</exception>
    public static int Size(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        return (int)Math.Min(((long)chunkSize + 7) / 8 * 8, int.MaxValue - 7);
    }
}

/// <summary>Places the per-group P&amp;L of shards (ranges of a run, in any order) into whole-run arrays.</summary>
internal static class ScenarioShards
{
    /// <summary>[group][position] for positions 0..<paramref name="total"/>-1 from shards that cover them exactly once; a
    /// single shard of the whole run is returned as it is (no copy).</summary>
    /// <exception cref="ArgumentException">When the shards overlap, leave a gap or do not have <paramref name="groups"/> columns of their length.</exception>
    public static double[][] Place(IReadOnlyList<(long First, int Count, double[][] Pnl)> shards, int groups, long total, string what, int length)
    {
        if (total > int.MaxValue) throw new ArgumentException($"A run holds at most {int.MaxValue:N0} {what}, not {total:N0}.");
        foreach (var (first, count, pnl) in shards)
        {
            if (pnl is null || pnl.Length != groups || pnl.Any(g => g is null || g.Length != count))
            {
                throw new ArgumentException($"The shard of {what} [{first:N0}, {first + count:N0}) does not hold {groups} column(s) of {count:N0} values: it is from another book or run.");
            }
        }

        var ordered = shards.OrderBy(s => s.First).ToList();
        long next = 0;
        foreach (var (first, count, _) in ordered)
        {
            if (first != next)
            {
                throw new ArgumentException(first > next
                    ? $"The shards leave {what} [{next:N0}, {first:N0}) out: every {what[..^1]} of the run must be in exactly one shard."
                    : $"The shards overlap at {what} [{first:N0}, {Math.Min(next, first + count):N0}): every {what[..^1]} of the run must be in exactly one shard.");
            }

            next = first + count;
        }

        if (next != total) throw new ArgumentException($"The shards end at {next:N0} of the run's {total:N0} {what}: every {what[..^1]} must be in exactly one shard.");
        if (ordered.Count == 1) return ordered[0].Pnl;
        var output = new double[groups][];
        for (int g = 0; g < groups; g++)
        {
            output[g] = new double[length];
            foreach (var (first, count, pnl) in ordered) Array.Copy(pnl[g], 0, output[g], first, count);
        }

        return output;
    }
}
