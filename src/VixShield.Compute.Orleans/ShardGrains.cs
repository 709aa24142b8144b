using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using VixShield.Compute.Book;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Orleans;

// Shards of scenario runs on the wire. A shard is a range of Monte Carlo draw indices or of stress-grid run positions;
// the request carries the whole book, market and settings (a few kB for a desk book), so any silo can compute any shard
// with nothing set up before (a silo that joins mid-run takes shards at once, one that restarts loses nothing).

/// <summary>The Monte Carlo model and run parameters on the wire (every field of <see cref="MonteCarloSettings"/>).</summary>
[GenerateSerializer, Alias("vixshield.montecarlo-settings.v1"), Immutable]
public readonly record struct MonteCarloSettingsWire(
    [property: Id(0)] int Draws, [property: Id(1)] int Seed, [property: Id(2)] double HorizonDays, [property: Id(3)] double SpxReturnVolatility,
    [property: Id(4)] double StudentTDegreesOfFreedom, [property: Id(5)] double JumpIntensity, [property: Id(6)] double JumpMean, [property: Id(7)] double JumpStdDev,
    [property: Id(8)] double VolOfVol, [property: Id(9)] double SpotVolCorrelation, [property: Id(10)] double JumpVolPerReturn, [property: Id(11)] double SkewPerReturn,
    [property: Id(12)] double SkewVolatility, [property: Id(13)] double VixNoiseVolatility, [property: Id(14)] double VixNoiseVolCorrelation,
    [property: Id(15)] double VixOptionVolPerFutureMove, [property: Id(16)] double RateVolatility, [property: Id(17)] double[] Confidences,
    [property: Id(18)] double[] QuantileProbabilities, [property: Id(19)] double DeltaBand, [property: Id(20)] int ChunkSize);

/// <summary>Maps <see cref="MonteCarloSettings"/> to <see cref="MonteCarloSettingsWire"/> and back.</summary>
[RegisterConverter]
public sealed class MonteCarloSettingsConverter : IConverter<MonteCarloSettings, MonteCarloSettingsWire>
{
    /// <inheritdoc/>
    public MonteCarloSettings ConvertFromSurrogate(in MonteCarloSettingsWire w) => new()
    {
        Draws = w.Draws, Seed = w.Seed, HorizonDays = w.HorizonDays, SpxReturnVolatility = w.SpxReturnVolatility,
        StudentTDegreesOfFreedom = w.StudentTDegreesOfFreedom, JumpIntensity = w.JumpIntensity, JumpMean = w.JumpMean, JumpStdDev = w.JumpStdDev,
        VolOfVol = w.VolOfVol, SpotVolCorrelation = w.SpotVolCorrelation, JumpVolPerReturn = w.JumpVolPerReturn, SkewPerReturn = w.SkewPerReturn,
        SkewVolatility = w.SkewVolatility, VixNoiseVolatility = w.VixNoiseVolatility, VixNoiseVolCorrelation = w.VixNoiseVolCorrelation,
        VixOptionVolPerFutureMove = w.VixOptionVolPerFutureMove, RateVolatility = w.RateVolatility, Confidences = w.Confidences,
        QuantileProbabilities = w.QuantileProbabilities, DeltaBand = w.DeltaBand, ChunkSize = w.ChunkSize,
    };

    /// <inheritdoc/>
    public MonteCarloSettingsWire ConvertToSurrogate(in MonteCarloSettings s) => new(
        s.Draws, s.Seed, s.HorizonDays, s.SpxReturnVolatility, s.StudentTDegreesOfFreedom, s.JumpIntensity, s.JumpMean, s.JumpStdDev,
        s.VolOfVol, s.SpotVolCorrelation, s.JumpVolPerReturn, s.SkewPerReturn, s.SkewVolatility, s.VixNoiseVolatility, s.VixNoiseVolCorrelation,
        s.VixOptionVolPerFutureMove, s.RateVolatility, [.. s.Confidences], [.. s.QuantileProbabilities], s.DeltaBand, s.ChunkSize);
}

/// <summary>The stress-grid axes on the wire.</summary>
[GenerateSerializer, Alias("vixshield.stress-settings.v1"), Immutable]
public readonly record struct StressGridSettingsWire(
    [property: Id(0)] double[] SpotMoves, [property: Id(1)] double[] VolShifts, [property: Id(2)] double[] SkewSteepenings,
    [property: Id(3)] double[] DaysForward, [property: Id(4)] double[] RateShifts, [property: Id(5)] double VixPointsPerVolPoint);

/// <summary>Maps <see cref="StressGridSettings"/> to <see cref="StressGridSettingsWire"/> and back.</summary>
[RegisterConverter]
public sealed class StressGridSettingsConverter : IConverter<StressGridSettings, StressGridSettingsWire>
{
    /// <inheritdoc/>
    public StressGridSettings ConvertFromSurrogate(in StressGridSettingsWire w) => new()
    {
        SpotMoves = w.SpotMoves, VolShifts = w.VolShifts, SkewSteepenings = w.SkewSteepenings, DaysForward = w.DaysForward,
        RateShifts = w.RateShifts, VixPointsPerVolPoint = w.VixPointsPerVolPoint,
    };

    /// <inheritdoc/>
    public StressGridSettingsWire ConvertToSurrogate(in StressGridSettings s) =>
        new([.. s.SpotMoves], [.. s.VolShifts], [.. s.SkewSteepenings], [.. s.DaysForward], [.. s.RateShifts], s.VixPointsPerVolPoint);
}

/// <summary>A shard of a Monte Carlo run: draws [<paramref name="First"/>, <paramref name="First"/> + <paramref name="Count"/>).</summary>
/// <param name="RunId">The coordinator's id of the run (a silo resolves the book once per run).</param>
/// <param name="Book">The book.</param>
/// <param name="Market">The base market.</param>
/// <param name="Dynamics">The smile rule.</param>
/// <param name="Settings">The model and run parameters (the seed keys every draw).</param>
/// <param name="First">The first draw index.</param>
/// <param name="Count">The number of draws.</param>
[GenerateSerializer, Alias("vixshield.montecarlo-shard-request.v1"), Immutable]
public sealed record MonteCarloShardRequest(
    [property: Id(0)] string RunId, [property: Id(1)] AlvhBook Book, [property: Id(2)] MarketSnapshot Market, [property: Id(3)] SmileDynamics Dynamics,
    [property: Id(4)] MonteCarloSettings Settings, [property: Id(5)] long First, [property: Id(6)] int Count);

/// <summary>A shard of a stress grid: run positions [<paramref name="First"/>, <paramref name="First"/> + <paramref name="Count"/>).</summary>
/// <param name="RunId">The coordinator's id of the run.</param>
/// <param name="Book">The book.</param>
/// <param name="Market">The base market.</param>
/// <param name="Dynamics">The smile rule.</param>
/// <param name="Settings">The grid axes.</param>
/// <param name="ChunkSize">The kernel's block size of the run (shard boundaries are cut on it).</param>
/// <param name="First">The first run position.</param>
/// <param name="Count">The number of cells.</param>
[GenerateSerializer, Alias("vixshield.stress-shard-request.v1"), Immutable]
public sealed record StressShardRequest(
    [property: Id(0)] string RunId, [property: Id(1)] AlvhBook Book, [property: Id(2)] MarketSnapshot Market, [property: Id(3)] SmileDynamics Dynamics,
    [property: Id(4)] StressGridSettings Settings, [property: Id(5)] int ChunkSize, [property: Id(6)] long First, [property: Id(7)] int Count);

/// <summary>What a shard computed: per-layer P&amp;L of its range and (Monte Carlo) the draws outside the delta band.</summary>
/// <param name="First">The first index of the range.</param>
/// <param name="Count">Its length.</param>
/// <param name="Pnl">The per-layer P&amp;L as raw little-endian doubles, layer-major ([layer][index - First]): one block
/// copy on the wire (Orleans writes a double[] element by element), see <see cref="LayerPnl"/>.</param>
/// <param name="BreachedWithHedge">Monte Carlo: draws outside the band with the hedge on.</param>
/// <param name="BreachedWithoutHedge">Monte Carlo: the same without the hedge.</param>
/// <param name="Silo">The silo that computed it.</param>
/// <param name="Engine">What ran the kernel there.</param>
/// <param name="KernelSeconds">Seconds the silo spent on the shard (book resolution and kernel).</param>
[GenerateSerializer, Alias("vixshield.shard-result.v1"), Immutable]
public sealed record ShardResult(
    [property: Id(0)] long First, [property: Id(1)] int Count, [property: Id(2)] byte[] Pnl,
    [property: Id(3)] long BreachedWithHedge, [property: Id(4)] long BreachedWithoutHedge,
    [property: Id(5)] string Silo, [property: Id(6)] string Engine, [property: Id(7)] double KernelSeconds)
{
    /// <summary>Packs [layer][index] P&amp;L into <see cref="Pnl"/>'s bytes.</summary>
    public static byte[] Pack(double[][] layerPnl, int count)
    {
        ArgumentNullException.ThrowIfNull(layerPnl);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The shard wire format is little-endian.");
        byte[] bytes = new byte[checked(layerPnl.Length * count * sizeof(double))];
        for (int g = 0; g < layerPnl.Length; g++)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(layerPnl[g].AsSpan(0, count)).CopyTo(bytes.AsSpan(g * count * sizeof(double)));
        }

        return bytes;
    }

    /// <summary>The per-layer P&amp;L: [layer][index - First], bit for bit what the silo computed.</summary>
    /// <exception cref="ArgumentException">When the bytes do not hold whole columns of <see cref="Count"/> doubles.</exception>
    public double[][] LayerPnl()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The shard wire format is little-endian.");
        long column = (long)Count * sizeof(double);
        if (Count <= 0 || Pnl.Length % column != 0) throw new ArgumentException($"A shard result of {Pnl.Length} bytes does not hold whole columns of {Count} doubles.");
        var layers = new double[Pnl.Length / column][];
        for (int g = 0; g < layers.Length; g++)
        {
            layers[g] = new double[Count];
            Pnl.AsSpan((int)(g * column), (int)column).CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(layers[g].AsSpan()));
        }

        return layers;
    }
}

/// <summary>
/// Computes shards of scenario runs on one named silo (<see cref="OnNamedSiloPlacement"/>: the coordinator chooses the
/// silo, and a call to a silo that is gone fails instead of running elsewhere unseen). Each silo has a few of these
/// grains (slots), so the next shard is already there when one finishes.
/// </summary>
[Alias("vixshield.IScenarioShardGrain")]
public interface IScenarioShardGrain : IGrainWithStringKey
{
    /// <summary>Computes a Monte Carlo shard on the silo's scenario engine; cancelling the token stops it there.</summary>
    [Alias("MonteCarlo")]
    Task<ShardResult> MonteCarlo(MonteCarloShardRequest request, CancellationToken cancellationToken);

    /// <summary>Computes a stress-grid shard on the silo's scenario engine; cancelling the token stops it there.</summary>
    [Alias("Stress")]
    Task<ShardResult> Stress(StressShardRequest request, CancellationToken cancellationToken);
}

/// <summary>Implementation of <see cref="IScenarioShardGrain"/>.</summary>
/// <param name="engine">The silo's scenario engine.</param>
/// <param name="local">The silo's own details.</param>
[OnNamedSilo]
public sealed class ScenarioShardGrain(SiloScenarioEngine engine, ILocalSiloDetails local) : Grain, IScenarioShardGrain
{
    private string? _runId;
    private PricedBook? _book;

    /// <inheritdoc/>
    public Task<ShardResult> MonteCarlo(MonteCarloShardRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PricedBook book = Resolve(request.RunId, request.Book, request.Market, request.Dynamics);
        return engine.RunAsync(request.Count, options =>
        {
            MonteCarloShard s = VolShockMonteCarlo.RunShard(book, request.Settings, request.First, request.Count, options, null, cancellationToken);
            return (s.LayerPnl, s.BreachedWithHedge, s.BreachedWithoutHedge);
        }, request.First, local.SiloAddress.ToString(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ShardResult> Stress(StressShardRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PricedBook book = Resolve(request.RunId, request.Book, request.Market, request.Dynamics);
        return engine.RunAsync(request.Count, options =>
        {
            StressShard s = StressGrid.RunShard(book, request.Settings, request.First, request.Count, options with { ChunkSize = request.ChunkSize }, null, cancellationToken);
            return (s.LayerPnl, 0L, 0L);
        }, request.First, local.SiloAddress.ToString(), cancellationToken);
    }

    private PricedBook Resolve(string runId, AlvhBook book, MarketSnapshot market, SmileDynamics dynamics)
    {
        // One resolution per run and slot (the leg table, base prices): the shards of a run share it.
        if (_book is null || _runId != runId)
        {
            _book = PricedBook.Resolve(book, market, dynamics);
            _runId = runId;
        }

        return _book;
    }
}

/// <summary>
/// A silo's scenario kernel: the silo's best local engine (the ILGPU scenario kernel when the silo's engine is the GPU,
/// else SIMD on every core, or scalar when asked for), with counts of the shards it is running and has run.
/// </summary>
public sealed class SiloScenarioEngine : IDisposable
{
    private readonly ScenarioDevice? _device;
    private readonly SemaphoreSlim _deviceGate = new(1, 1);
    private readonly ILogger _logger;
    private int _running;
    private long _completed;

    /// <summary>An engine running the kernel with <paramref name="options"/> (it owns <see cref="ScenarioRunOptions.Device"/>).</summary>
    public SiloScenarioEngine(ScenarioRunOptions options, ILogger<SiloScenarioEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _device = options.Device;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The scenario kernel for a silo's Greeks engine: the ILGPU scenario device on that engine's accelerator for
    /// an <see cref="IlgpuGreeksEngine"/>, scalar for the scalar engine, else SIMD.</summary>
    public static SiloScenarioEngine ForEngine(IGreeksEngine engine, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ScenarioRunOptions options = engine switch
        {
            IlgpuGreeksEngine gpu => new ScenarioRunOptions { Engine = ScenarioEngine.Device, Device = new IlgpuScenarioDevice(gpu, loggerFactory) },
            ScalarGreeksEngine => new ScenarioRunOptions { Engine = ScenarioEngine.Scalar },
            _ => new ScenarioRunOptions { Engine = ScenarioEngine.Simd },
        };
        return new SiloScenarioEngine(options, loggerFactory.CreateLogger<SiloScenarioEngine>());
    }

    /// <summary>How the silo runs the kernel.</summary>
    public ScenarioRunOptions Options { get; }

    /// <summary>Shards running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Shards finished (successfully) since the silo started.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Runs a shard off the grain's scheduler (the kernel takes every core), counting it while it runs; device runs
    /// take turns (one accelerator).</summary>
    internal async Task<ShardResult> RunAsync(int count, Func<ScenarioRunOptions, (double[][] Pnl, long With, long Without)> work, long first, string silo, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (_device is not null) await _deviceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var (pnl, with, without) = await Task.Run(() => work(Options), cancellationToken).ConfigureAwait(false);
                double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
                Interlocked.Increment(ref _completed);
                _logger.LogInformation("Shard [{First}, {End}) done in {Seconds:F3} s on {Engine}", first, first + count, seconds, Options.Describe());
                return new ShardResult(first, count, ShardResult.Pack(pnl, count), with, without, silo, Options.Describe(), seconds);
            }
            finally
            {
                if (_device is not null) _deviceGate.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Shard [{First}, {End}) cancelled by the client", first, first + count);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _device?.Dispose();
        _deviceGate.Dispose();
    }
}
