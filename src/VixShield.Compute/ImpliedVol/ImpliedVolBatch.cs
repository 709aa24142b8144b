namespace VixShield.Compute.ImpliedVol;

/// <summary>
/// A batch of quoted European options to invert, as structure-of-arrays spans: the inputs of
/// <see cref="OptionBatch{T}"/> with the (discounted) market <see cref="Price"/> in place of the vol.
/// </summary>
public readonly ref struct ImpliedVolBatch
{
    /// <summary>Creates a batch; every non-optional span must have the same length.</summary>
    /// <param name="kind">Call or put per row.</param>
    /// <param name="underlying">Spot (Black-Scholes-Merton rows) or forward (Black-76 rows).</param>
    /// <param name="strike">Strike per row.</param>
    /// <param name="time">Time to expiry in years, &gt; 0.</param>
    /// <param name="price">Discounted option price per row (what the market quotes).</param>
    /// <param name="rate">Continuously compounded rate per row.</param>
    /// <param name="dividendYield">Dividend yield per row; empty means 0. Ignored by Black-76 rows.</param>
    /// <param name="model">Model per row; empty means Black-Scholes-Merton.</param>
    /// <exception cref="ArgumentException">When span lengths differ.</exception>
    public ImpliedVolBatch(
        ReadOnlySpan<OptionKind> kind,
        ReadOnlySpan<double> underlying,
        ReadOnlySpan<double> strike,
        ReadOnlySpan<double> time,
        ReadOnlySpan<double> price,
        ReadOnlySpan<double> rate,
        ReadOnlySpan<double> dividendYield = default,
        ReadOnlySpan<PricingModel> model = default)
    {
        int n = kind.Length;
        Require(underlying.Length, n, nameof(underlying));
        Require(strike.Length, n, nameof(strike));
        Require(time.Length, n, nameof(time));
        Require(price.Length, n, nameof(price));
        Require(rate.Length, n, nameof(rate));
        if (!dividendYield.IsEmpty) Require(dividendYield.Length, n, nameof(dividendYield));
        if (!model.IsEmpty) Require(model.Length, n, nameof(model));
        Kind = kind;
        Underlying = underlying;
        Strike = strike;
        Time = time;
        Price = price;
        Rate = rate;
        DividendYield = dividendYield;
        Model = model;
    }

    /// <summary>Number of rows.</summary>
    public int Count => Kind.Length;

    /// <summary>Call or put per row.</summary>
    public ReadOnlySpan<OptionKind> Kind { get; }

    /// <summary>Spot (BSM) or forward (Black-76) per row.</summary>
    public ReadOnlySpan<double> Underlying { get; }

    /// <summary>Strike per row.</summary>
    public ReadOnlySpan<double> Strike { get; }

    /// <summary>Time to expiry in years per row.</summary>
    public ReadOnlySpan<double> Time { get; }

    /// <summary>Discounted option price per row.</summary>
    public ReadOnlySpan<double> Price { get; }

    /// <summary>Rate per row.</summary>
    public ReadOnlySpan<double> Rate { get; }

    /// <summary>Dividend yield per row, or empty for all zero.</summary>
    public ReadOnlySpan<double> DividendYield { get; }

    /// <summary>Model per row, or empty for all Black-Scholes-Merton.</summary>
    public ReadOnlySpan<PricingModel> Model { get; }

    /// <summary>Rows [start, start + length) as a batch over the same memory.</summary>
    /// <param name="start">First row.</param>
    /// <param name="length">Row count.</param>
    /// <returns>The slice.</returns>
    public ImpliedVolBatch Slice(int start, int length) => new(
        Kind.Slice(start, length), Underlying.Slice(start, length), Strike.Slice(start, length),
        Time.Slice(start, length), Price.Slice(start, length), Rate.Slice(start, length),
        DividendYield.IsEmpty ? default : DividendYield.Slice(start, length),
        Model.IsEmpty ? default : Model.Slice(start, length));

    private static void Require(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                $"Span '{name}' has {length} rows but 'kind' has {expected}: every input span of an implied-vol batch must have one element per option.",
                name);
        }
    }
}

/// <summary>What a bulk inversion did.</summary>
/// <param name="Count">Rows processed.</param>
/// <param name="OkCount">Rows with <see cref="ImpliedVolStatus.Ok"/>.</param>
/// <param name="Threads">Worker threads used (1 for the sequential path).</param>
/// <param name="VectorLanes">float64 lanes of the vectorised normalisation/parity pass (1 when not hardware accelerated).</param>
public readonly record struct ImpliedVolResult(int Count, int OkCount, int Threads, int VectorLanes);

/// <summary>Options of the bulk solver.</summary>
public sealed record ImpliedVolOptions
{
    /// <summary>Single-threaded, default chunking.</summary>
    public static ImpliedVolOptions Sequential { get; } = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>All cores.</summary>
    public static ImpliedVolOptions Default { get; } = new();

    /// <summary>Most worker threads; -1 (default) means <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Rows per chunk (the unit of work and of cancellation); default 1024.</summary>
    public int ChunkSize { get; init; } = 1024;

    /// <summary>Batches smaller than this run on the calling thread; default 8192.</summary>
    public int ParallelThreshold { get; init; } = 8192;

    /// <summary>
    /// Solve four rows at a time in Vector256 lanes where their initial guess is in the middle branches (default true;
    /// false keeps every row on the scalar code, e.g. to measure the difference).
    /// </summary>
    public bool VectorizeSolve { get; init; } = true;
}
