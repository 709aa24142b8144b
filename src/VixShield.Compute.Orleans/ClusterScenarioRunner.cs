using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Orleans;

/// <summary>How a clustered run is split and watched.</summary>
public sealed record ClusterRunOptions
{
    /// <summary>Scenarios per shard (0: automatic, <see cref="ClusterScenarioRunner.AutoShardSize"/>); rounded up to the
    /// shard alignment of the run.</summary>
    public int ShardSize { get; init; }

    /// <summary>Shards sent to each silo at once (default 2: the next is there when one finishes).</summary>
    public int SlotsPerSilo { get; init; } = 2;

    /// <summary>How often the coordinator reads the membership (silos that died or joined; default 1 s).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a run waits with no silo left before it fails (default 30 s).</summary>
    public TimeSpan NoSiloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per shard before the run fails with the last error (default 8).</summary>
    public int MaxAttempts { get; init; } = 8;

    internal void Validate()
    {
        if (ShardSize < 0) throw new ArgumentException($"{nameof(ShardSize)} must be 0 (automatic) or a positive number of scenarios, not {ShardSize}.");
        if (SlotsPerSilo <= 0) throw new ArgumentException($"{nameof(SlotsPerSilo)} must be positive, not {SlotsPerSilo}.");
        if (MaxAttempts <= 0) throw new ArgumentException($"{nameof(MaxAttempts)} must be positive, not {MaxAttempts}.");
        if (WatchInterval <= TimeSpan.Zero || NoSiloTimeout <= TimeSpan.Zero) throw new ArgumentException("The watch interval and no-silo timeout must be positive.");
    }
}

/// <summary>What a clustered run did: shards, retries and which silos computed them.</summary>
/// <param name="Shards">Shards of the run.</param>
/// <param name="Retries">Shard attempts redone (failed, or moved off a silo that died).</param>
/// <param name="ShardsPerSilo">Shards each silo returned.</param>
/// <param name="KernelSeconds">Seconds the silos spent on the shards, summed.</param>
public sealed record ClusterRunReport(int Shards, int Retries, IReadOnlyDictionary<string, int> ShardsPerSilo, double KernelSeconds);

/// <summary>
/// The client-side coordinator of clustered scenario runs: splits a Monte Carlo run (draw ranges) or a stress grid (run
/// position ranges) into shards, gives each silo its own shards (<see cref="OnNamedSiloPlacement"/>), moves a shard whose
/// silo died or failed to another silo, and merges the shards with the core library's <c>Merge</c>: the result equals the
/// single-machine run of the same seed bit for bit (same vector width; kernels-docs/scale-out.md).
/// Thread-safe: each run keeps its own state.
/// </summary>
public sealed class ClusterScenarioRunner
{
    private readonly IClusterClient _client;
    private readonly ClusterRunOptions _options;
    private readonly ILogger _logger;

    /// <summary>A coordinator on a connected client (<see cref="ClusterHosting.ConnectAsync"/>).</summary>
    public ClusterScenarioRunner(IClusterClient client, ClusterRunOptions? options = null, ILogger<ClusterScenarioRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ClusterRunOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>What the last run on this coordinator did (null before the first).</summary>
    public ClusterRunReport? LastReport { get; private set; }

    /// <summary>The automatic shard size: at least 4 M revaluations (per-shard overhead under 5 %, scale-out.md), at least
    /// 8 shards per silo when the run is big enough, at most 48 MB of P&amp;L per shard; a multiple of <paramref name="alignment"/>.</summary>
    public static int AutoShardSize(long scenarios, int legs, int layers, int silos, int alignment)
    {
        long min = (4_000_000 + Math.Max(legs, 1) - 1) / Math.Max(legs, 1);
        long spread = (scenarios + (8L * Math.Max(silos, 1)) - 1) / (8L * Math.Max(silos, 1));
        long max = 48L * 1024 * 1024 / (8L * Math.Max(layers, 1));
        long size = Math.Min(Math.Max(min, spread), max);
        return (int)Math.Max(alignment, (size + alignment - 1) / alignment * alignment);
    }

    /// <summary>The Monte Carlo run of <paramref name="settings"/> on the cluster (<see cref="VolShockMonteCarlo.Run"/>, spread).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid or a leg cannot be valued.</exception>
    /// <exception cref="ClusterUnavailableException">When no silo is (or remains) in the cluster.</exception>
    /// <exception cref="OperationCanceledException">When cancelled (every shard is cancelled on its silo).</exception>
    public async Task<MonteCarloResult> MonteCarloAsync(PricedBook book, MonteCarloSettings settings, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int align = VolShockMonteCarlo.ShardAlignment(settings);
        List<SiloAddress> silos = await RequireSilosAsync(cancellationToken).ConfigureAwait(false);
        int size = Size(settings.Draws, book, silos.Count, align);
        var ranges = new List<(long First, int Count)>();
        for (long first = 0; first < settings.Draws; first += size) ranges.Add((first, (int)Math.Min(size, settings.Draws - first)));
        string runId = Guid.NewGuid().ToString("N");
        ShardResult[] results = await RunAsync(ranges, silos, (grain, r, ct) =>
            grain.MonteCarlo(new MonteCarloShardRequest(runId, book.Book, book.Market, book.Dynamics, settings, r.First, r.Count), ct), progress, cancellationToken).ConfigureAwait(false);
        return VolShockMonteCarlo.Merge(book, settings, Unpack(results, s => new MonteCarloShard(s.First, s.Count, s.LayerPnl(), s.BreachedWithHedge, s.BreachedWithoutHedge)));
    }

    /// <summary>The stress grid of <paramref name="settings"/> on the cluster (<see cref="StressGrid.Run"/>, spread).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid.</exception>
    /// <exception cref="ClusterUnavailableException">When no silo is (or remains) in the cluster.</exception>
    /// <exception cref="OperationCanceledException">When cancelled (every shard is cancelled on its silo).</exception>
    public async Task<StressGridResult> StressAsync(PricedBook book, StressGridSettings settings, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int chunk = ScenarioRunOptions.DefaultChunkSize, align = StressGrid.ShardAlignment(new ScenarioRunOptions { ChunkSize = chunk });
        List<SiloAddress> silos = await RequireSilosAsync(cancellationToken).ConfigureAwait(false);
        int size = Size(settings.Count, book, silos.Count, align);
        int perDays = settings.Count / settings.DaysForward.Count;
        var ranges = new List<(long First, int Count)>();
        for (int d = 0; d < settings.DaysForward.Count; d++)
        {
            // Shards stay within one days-forward value and are cut on the kernel's blocks.
            for (int j = 0; j < perDays; j += size) ranges.Add(((long)d * perDays + j, Math.Min(size, perDays - j)));
        }

        string runId = Guid.NewGuid().ToString("N");
        ShardResult[] results = await RunAsync(ranges, silos, (grain, r, ct) =>
            grain.Stress(new StressShardRequest(runId, book.Book, book.Market, book.Dynamics, settings, chunk, r.First, r.Count), ct), progress, cancellationToken).ConfigureAwait(false);
        return StressGrid.Merge(book, settings, Unpack(results, s => new StressShard(s.First, s.Count, s.LayerPnl())));
    }

    /// <summary>The shards' P&amp;L as arrays, each shard's wire bytes released as soon as it is unpacked (a big run holds
    /// the bytes or the arrays of a shard, not both for the whole run).</summary>
    private static List<TShard> Unpack<TShard>(ShardResult[] results, Func<ShardResult, TShard> unpack)
    {
        var shards = new List<TShard>(results.Length);
        for (int i = 0; i < results.Length; i++)
        {
            shards.Add(unpack(results[i]));
            results[i] = null!;
        }

        return shards;
    }

    private int Size(long scenarios, PricedBook book, int silos, int align) =>
        _options.ShardSize > 0 ? (_options.ShardSize + align - 1) / align * align : AutoShardSize(scenarios, book.LegCount, book.Book.Layers.Count, silos, align);

    private async Task<List<SiloAddress>> RequireSilosAsync(CancellationToken ct)
    {
        List<SiloAddress>? silos = null;
        for (int attempt = 0; attempt < 20 && (silos is null || silos.Count == 0); attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            silos = await ActiveSilosAsync(ct).ConfigureAwait(false);
        }

        return silos is { Count: > 0 } ? silos : throw new ClusterUnavailableException("the cluster lists no active silo: start one with `vixshield silo --redis HOST:PORT`.");
    }

    /// <summary>The active silos, or null when the membership could not be read just now (the management grain may be
    /// moving off a silo that died).</summary>
    private async Task<List<SiloAddress>?> ActiveSilosAsync(CancellationToken ct)
    {
        try
        {
            Dictionary<SiloAddress, SiloStatus> hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            return [.. hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is OrleansException or TimeoutException or OperationCanceledException)
        {
            _logger.LogDebug(e, "Membership not readable just now");
            return null;
        }
    }

    private sealed record Attempt(int Shard, SiloAddress Silo, string Slot, CancellationTokenSource Cancel);

    private async Task<ShardResult[]> RunAsync(List<(long First, int Count)> ranges, List<SiloAddress> silos,
        Func<IScenarioShardGrain, (long First, int Count), CancellationToken, Task<ShardResult>> call, IProgress<double>? progress, CancellationToken ct)
    {
        var results = new ShardResult?[ranges.Count];
        int done = 0, retries = 0;
        var attempts = new int[ranges.Count];
        var queue = new LinkedList<int>(Enumerable.Range(0, ranges.Count));
        var inFlight = new Dictionary<Task<ShardResult>, Attempt>();
        var busy = new HashSet<string>(StringComparer.Ordinal);
        var suspect = new Dictionary<SiloAddress, DateTime>();
        DateTime lastSilo = DateTime.UtcNow;
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task watch = Task.Delay(_options.WatchInterval, watchStop.Token);
        progress?.Report(0.0);
        _logger.LogInformation("Cluster run: {Shards} shards over {Silos} silo(s)", ranges.Count, silos.Count);
        try
        {
            while (done < ranges.Count)
            {
                ct.ThrowIfCancellationRequested();
                DateTime now = DateTime.UtcNow;
                foreach (SiloAddress silo in silos)
                {
                    if (suspect.TryGetValue(silo, out DateTime until) && until > now) continue;
                    for (int k = 0; k < _options.SlotsPerSilo && queue.Count > 0; k++)
                    {
                        string slot = OnNamedSiloPlacementDirector.Key(silo, "shard-" + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        if (busy.Contains(slot)) continue;
                        int shard = queue.First!.Value;
                        queue.RemoveFirst();
                        attempts[shard]++;
                        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        Task<ShardResult> task = call(_client.GetGrain<IScenarioShardGrain>(slot), ranges[shard], cancel.Token).WaitAsync(cancel.Token);
                        inFlight.Add(task, new Attempt(shard, silo, slot, cancel));
                        busy.Add(slot);
                    }
                }

                if (inFlight.Count > 0) lastSilo = now;
                else if (now - lastSilo > _options.NoSiloTimeout)
                {
                    throw new ClusterUnavailableException($"no silo has been able to take work for {_options.NoSiloTimeout.TotalSeconds:0} s ({done} of {ranges.Count} shards done): start silos and run again.");
                }

                Task finished = await Task.WhenAny(inFlight.Keys.Cast<Task>().Append(watch)).ConfigureAwait(false);
                if (finished == watch)
                {
                    ct.ThrowIfCancellationRequested();
                    List<SiloAddress>? active = await ActiveSilosAsync(ct).ConfigureAwait(false);
                    if (active is not null)
                    {
                        var gone = silos.Where(s => !active.Contains(s)).ToList();
                        if (gone.Count > 0)
                        {
                            // A call to a live silo that went through the dead silo's gateway may never be answered, so every
                            // shard in flight is moved (the draws are keyed by index: redoing one gives the same numbers).
                            _logger.LogWarning("Silo(s) {Silos} left the cluster: {Shards} shard(s) in flight are redone", string.Join(", ", gone), inFlight.Count);
                            foreach (var (task, a) in inFlight.ToList()) Abandon(task, a, inFlight, busy, queue, ref retries);
                        }

                        foreach (SiloAddress s in suspect.Keys.Where(s => !active.Contains(s)).ToList()) suspect.Remove(s);
                        silos = active;
                    }

                    watch = Task.Delay(_options.WatchInterval, watchStop.Token);
                    continue;
                }

                var t = (Task<ShardResult>)finished;
                Attempt at = inFlight[t];
                inFlight.Remove(t);
                busy.Remove(at.Slot);
                at.Cancel.Dispose();
                try
                {
                    ShardResult r = await t.ConfigureAwait(false);
                    if (results[at.Shard] is null)
                    {
                        results[at.Shard] = r;
                        done++;
                        progress?.Report((double)done / ranges.Count);
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested && IsRetryable(e))
                {
                    retries++;
                    if (attempts[at.Shard] >= _options.MaxAttempts)
                    {
                        throw new ClusterUnavailableException($"shard [{ranges[at.Shard].First:N0}, {ranges[at.Shard].First + ranges[at.Shard].Count:N0}) failed {attempts[at.Shard]} times; last on {at.Silo}: {e.GetType().Name}: {e.Message}", e);
                    }

                    _logger.LogWarning("Shard {Shard} failed on {Silo} ({Error}: {Message}); it goes to another silo", at.Shard, at.Silo, e.GetType().Name, e.Message);
                    suspect[at.Silo] = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                    queue.AddFirst(at.Shard);
                }
            }
        }
        finally
        {
            await watchStop.CancelAsync().ConfigureAwait(false);
            if (inFlight.Count > 0)
            {
                // Cancelled or failed: cancel every shard still running so no work is left on the silos.
                foreach (Attempt a in inFlight.Values) await a.Cancel.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(inFlight.Keys).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
                {
                }

                foreach (Attempt a in inFlight.Values) a.Cancel.Dispose();
            }
        }

        LastReport = new ClusterRunReport(ranges.Count, retries,
            results.GroupBy(r => r!.Silo).ToDictionary(g => g.Key, g => g.Count()), results.Sum(r => r!.KernelSeconds));
        return results!;
    }

    private static void Abandon(Task<ShardResult> task, Attempt a, Dictionary<Task<ShardResult>, Attempt> inFlight, HashSet<string> busy, LinkedList<int> queue, ref int retries)
    {
        inFlight.Remove(task);
        busy.Remove(a.Slot);
        a.Cancel.Cancel();
        _ = task.ContinueWith(static (x, state) =>
        {
            _ = x.Exception;
            ((CancellationTokenSource)state!).Dispose();
        }, a.Cancel, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        queue.AddFirst(a.Shard);
        retries++;
    }

    /// <summary>Failures of the cluster (a silo gone, a connection lost, a timeout): the shard is redone elsewhere. An
    /// error of the computation itself (bad input) fails the run at once.</summary>
    private static bool IsRetryable(Exception e) => e is not (ArgumentException or NotSupportedException or InvalidOperationException) || e is OrleansException;
}
