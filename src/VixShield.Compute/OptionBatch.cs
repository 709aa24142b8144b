using System.Numerics;

namespace VixShield.Compute;

/// <summary>
/// A batch of European options as structure-of-arrays spans: what the kernels see and nothing else
/// (no instrument objects, no evaluation date). Row i is (Kind[i], Model[i], Underlying[i], Strike[i],
/// Time[i], Vol[i], Rate[i], DividendYield[i]).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public readonly ref struct OptionBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a batch; every non-optional span must have the same length.</summary>
    /// <param name="kind">Call or put per row.</param>
    /// <param name="underlying">Spot for Black-Scholes-Merton rows, forward (futures price) for Black-76 rows.</param>
    /// <param name="strike">Strike per row.</param>
    /// <param name="time">Time to expiry in years (see the Time namespace for settlement-aware year fractions); 0 means at expiry.</param>
    /// <param name="vol">Black volatility per row, per 1.00 (0.20 is 20 %).</param>
    /// <param name="rate">Continuously compounded risk-free rate per row.</param>
    /// <param name="dividendYield">Continuous dividend yield q per row; empty means 0 for every row. Ignored by Black-76.</param>
    /// <param name="model">Model per row; empty means Black-Scholes-Merton for every row.</param>
    /// <exception cref="ArgumentException">When span lengths differ.</exception>
    public OptionBatch(
        ReadOnlySpan<OptionKind> kind,
        ReadOnlySpan<T> underlying,
        ReadOnlySpan<T> strike,
        ReadOnlySpan<T> time,
        ReadOnlySpan<T> vol,
        ReadOnlySpan<T> rate,
        ReadOnlySpan<T> dividendYield = default,
        ReadOnlySpan<PricingModel> model = default)
    {
        int n = kind.Length;
        Require(underlying.Length, n, nameof(underlying));
        Require(strike.Length, n, nameof(strike));
        Require(time.Length, n, nameof(time));
        Require(vol.Length, n, nameof(vol));
        Require(rate.Length, n, nameof(rate));
        if (!dividendYield.IsEmpty) Require(dividendYield.Length, n, nameof(dividendYield));
        if (!model.IsEmpty) Require(model.Length, n, nameof(model));
        Kind = kind;
        Underlying = underlying;
        Strike = strike;
        Time = time;
        Vol = vol;
        Rate = rate;
        DividendYield = dividendYield;
        Model = model;
    }

    /// <summary>Number of rows.</summary>
    public int Count => Kind.Length;

    /// <summary>Call or put per row.</summary>
    public ReadOnlySpan<OptionKind> Kind { get; }

    /// <summary>Spot (BSM) or forward (Black-76) per row.</summary>
    public ReadOnlySpan<T> Underlying { get; }

    /// <summary>Strike per row.</summary>
    public ReadOnlySpan<T> Strike { get; }

    /// <summary>Time to expiry in years per row.</summary>
    public ReadOnlySpan<T> Time { get; }

    /// <summary>Volatility per row.</summary>
    public ReadOnlySpan<T> Vol { get; }

    /// <summary>Risk-free rate per row.</summary>
    public ReadOnlySpan<T> Rate { get; }

    /// <summary>Dividend yield per row, or empty for all zero.</summary>
    public ReadOnlySpan<T> DividendYield { get; }

    /// <summary>Model per row, or empty for all Black-Scholes-Merton.</summary>
    public ReadOnlySpan<PricingModel> Model { get; }

    /// <summary>Rows [start, start + length) as a batch over the same memory.</summary>
    public OptionBatch<T> Slice(int start, int length) => new(
        Kind.Slice(start, length), Underlying.Slice(start, length), Strike.Slice(start, length),
        Time.Slice(start, length), Vol.Slice(start, length), Rate.Slice(start, length),
        DividendYield.IsEmpty ? default : DividendYield.Slice(start, length),
        Model.IsEmpty ? default : Model.Slice(start, length));

    private static void Require(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                $"Span '{name}' has {length} rows but 'kind' has {expected}: every input span of a batch must have one element per option.",
                name);
        }
    }
}
