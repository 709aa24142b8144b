using System.Numerics;

namespace VixShield.Compute;

/// <summary>
/// Where an engine writes a batch's results: one status per row and one span per requested output.
/// An empty span means "not requested": it is neither computed nor written. Every non-empty span must
/// have the batch's row count. Use <see cref="GreeksBuffer{T}"/> to own reusable arrays.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public readonly ref struct GreeksOutput<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Per-row status (required).</summary>
    public Span<OptionStatus> Status { get; init; }

    /// <summary>Output for <see cref="Greek.Price"/>; empty when not requested.</summary>
    public Span<T> Price { get; init; }

    /// <summary>Output for <see cref="Greek.Delta"/>; empty when not requested.</summary>
    public Span<T> Delta { get; init; }

    /// <summary>Output for <see cref="Greek.Gamma"/>; empty when not requested.</summary>
    public Span<T> Gamma { get; init; }

    /// <summary>Output for <see cref="Greek.Vega"/>; empty when not requested.</summary>
    public Span<T> Vega { get; init; }

    /// <summary>Output for <see cref="Greek.Theta"/>; empty when not requested.</summary>
    public Span<T> Theta { get; init; }

    /// <summary>Output for <see cref="Greek.Rho"/>; empty when not requested.</summary>
    public Span<T> Rho { get; init; }

    /// <summary>Output for <see cref="Greek.Phi"/>; empty when not requested.</summary>
    public Span<T> Phi { get; init; }

    /// <summary>Output for <see cref="Greek.Vanna"/>; empty when not requested.</summary>
    public Span<T> Vanna { get; init; }

    /// <summary>Output for <see cref="Greek.Volga"/>; empty when not requested.</summary>
    public Span<T> Volga { get; init; }

    /// <summary>Output for <see cref="Greek.Charm"/>; empty when not requested.</summary>
    public Span<T> Charm { get; init; }

    /// <summary>Output for <see cref="Greek.Veta"/>; empty when not requested.</summary>
    public Span<T> Veta { get; init; }

    /// <summary>Output for <see cref="Greek.Speed"/>; empty when not requested.</summary>
    public Span<T> Speed { get; init; }

    /// <summary>Output for <see cref="Greek.Zomma"/>; empty when not requested.</summary>
    public Span<T> Zomma { get; init; }

    /// <summary>Output for <see cref="Greek.Color"/>; empty when not requested.</summary>
    public Span<T> Color { get; init; }

    /// <summary>Output for <see cref="Greek.Ultima"/>; empty when not requested.</summary>
    public Span<T> Ultima { get; init; }

    /// <summary>Output for <see cref="Greek.DualDelta"/>; empty when not requested.</summary>
    public Span<T> DualDelta { get; init; }

    /// <summary>Output for <see cref="Greek.DualGamma"/>; empty when not requested.</summary>
    public Span<T> DualGamma { get; init; }

    /// <summary>Output for <see cref="Greek.ItmProbability"/>; empty when not requested.</summary>
    public Span<T> ItmProbability { get; init; }

    /// <summary>The set of outputs requested (the non-empty spans).</summary>
    public Greek Requested
    {
        get
        {
            Greek r = Greek.None;
            if (!Price.IsEmpty) r |= Greek.Price;
            if (!Delta.IsEmpty) r |= Greek.Delta;
            if (!Gamma.IsEmpty) r |= Greek.Gamma;
            if (!Vega.IsEmpty) r |= Greek.Vega;
            if (!Theta.IsEmpty) r |= Greek.Theta;
            if (!Rho.IsEmpty) r |= Greek.Rho;
            if (!Phi.IsEmpty) r |= Greek.Phi;
            if (!Vanna.IsEmpty) r |= Greek.Vanna;
            if (!Volga.IsEmpty) r |= Greek.Volga;
            if (!Charm.IsEmpty) r |= Greek.Charm;
            if (!Veta.IsEmpty) r |= Greek.Veta;
            if (!Speed.IsEmpty) r |= Greek.Speed;
            if (!Zomma.IsEmpty) r |= Greek.Zomma;
            if (!Color.IsEmpty) r |= Greek.Color;
            if (!Ultima.IsEmpty) r |= Greek.Ultima;
            if (!DualDelta.IsEmpty) r |= Greek.DualDelta;
            if (!DualGamma.IsEmpty) r |= Greek.DualGamma;
            if (!ItmProbability.IsEmpty) r |= Greek.ItmProbability;
            return r;
        }
    }

    /// <summary>The span of one output flag (empty when not requested).</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public Span<T> Get(Greek greek) => greek switch
    {
        Greek.Price => Price,
        Greek.Delta => Delta,
        Greek.Gamma => Gamma,
        Greek.Vega => Vega,
        Greek.Theta => Theta,
        Greek.Rho => Rho,
        Greek.Phi => Phi,
        Greek.Vanna => Vanna,
        Greek.Volga => Volga,
        Greek.Charm => Charm,
        Greek.Veta => Veta,
        Greek.Speed => Speed,
        Greek.Zomma => Zomma,
        Greek.Color => Color,
        Greek.Ultima => Ultima,
        Greek.DualDelta => DualDelta,
        Greek.DualGamma => DualGamma,
        Greek.ItmProbability => ItmProbability,
        _ => throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Delta.", nameof(greek)),
    };

    /// <summary>Rows [start, start + length) over the same memory.</summary>
    public GreeksOutput<T> Slice(int start, int length) => new()
    {
        Status = Status.Slice(start, length),
            Price = Price.IsEmpty ? default : Price.Slice(start, length),
            Delta = Delta.IsEmpty ? default : Delta.Slice(start, length),
            Gamma = Gamma.IsEmpty ? default : Gamma.Slice(start, length),
            Vega = Vega.IsEmpty ? default : Vega.Slice(start, length),
            Theta = Theta.IsEmpty ? default : Theta.Slice(start, length),
            Rho = Rho.IsEmpty ? default : Rho.Slice(start, length),
            Phi = Phi.IsEmpty ? default : Phi.Slice(start, length),
            Vanna = Vanna.IsEmpty ? default : Vanna.Slice(start, length),
            Volga = Volga.IsEmpty ? default : Volga.Slice(start, length),
            Charm = Charm.IsEmpty ? default : Charm.Slice(start, length),
            Veta = Veta.IsEmpty ? default : Veta.Slice(start, length),
            Speed = Speed.IsEmpty ? default : Speed.Slice(start, length),
            Zomma = Zomma.IsEmpty ? default : Zomma.Slice(start, length),
            Color = Color.IsEmpty ? default : Color.Slice(start, length),
            Ultima = Ultima.IsEmpty ? default : Ultima.Slice(start, length),
            DualDelta = DualDelta.IsEmpty ? default : DualDelta.Slice(start, length),
            DualGamma = DualGamma.IsEmpty ? default : DualGamma.Slice(start, length),
            ItmProbability = ItmProbability.IsEmpty ? default : ItmProbability.Slice(start, length),
    };

    /// <summary>Checks that the output fits a batch of <paramref name="n"/> rows.</summary>
    /// <exception cref="ArgumentException">When a span's length is not <paramref name="n"/>.</exception>
    public void Validate(int n)
    {
        if (Status.Length != n)
        {
            throw new ArgumentException(
                $"Output 'Status' has {Status.Length} rows but the batch has {n}: allocate one status per option (GreeksBuffer<T> does this).",
                nameof(Status));
        }

        Check(Price, n, nameof(Price));
        Check(Delta, n, nameof(Delta));
        Check(Gamma, n, nameof(Gamma));
        Check(Vega, n, nameof(Vega));
        Check(Theta, n, nameof(Theta));
        Check(Rho, n, nameof(Rho));
        Check(Phi, n, nameof(Phi));
        Check(Vanna, n, nameof(Vanna));
        Check(Volga, n, nameof(Volga));
        Check(Charm, n, nameof(Charm));
        Check(Veta, n, nameof(Veta));
        Check(Speed, n, nameof(Speed));
        Check(Zomma, n, nameof(Zomma));
        Check(Color, n, nameof(Color));
        Check(Ultima, n, nameof(Ultima));
        Check(DualDelta, n, nameof(DualDelta));
        Check(DualGamma, n, nameof(DualGamma));
        Check(ItmProbability, n, nameof(ItmProbability));
    }

    internal static GreeksOutput<T> FromArrays(OptionStatus[] status, T[]?[] arrays, int start, int length) => new()
    {
        Status = status.AsSpan(start, length),
            Price = Get(arrays, Greek.Price, start, length),
            Delta = Get(arrays, Greek.Delta, start, length),
            Gamma = Get(arrays, Greek.Gamma, start, length),
            Vega = Get(arrays, Greek.Vega, start, length),
            Theta = Get(arrays, Greek.Theta, start, length),
            Rho = Get(arrays, Greek.Rho, start, length),
            Phi = Get(arrays, Greek.Phi, start, length),
            Vanna = Get(arrays, Greek.Vanna, start, length),
            Volga = Get(arrays, Greek.Volga, start, length),
            Charm = Get(arrays, Greek.Charm, start, length),
            Veta = Get(arrays, Greek.Veta, start, length),
            Speed = Get(arrays, Greek.Speed, start, length),
            Zomma = Get(arrays, Greek.Zomma, start, length),
            Color = Get(arrays, Greek.Color, start, length),
            Ultima = Get(arrays, Greek.Ultima, start, length),
            DualDelta = Get(arrays, Greek.DualDelta, start, length),
            DualGamma = Get(arrays, Greek.DualGamma, start, length),
            ItmProbability = Get(arrays, Greek.ItmProbability, start, length),
    };

    private static Span<T> Get(T[]?[] arrays, Greek g, int start, int length)
    {
        T[]? a = arrays[GreekInfo.IndexOf(g)];
        return a is null ? default : a.AsSpan(start, length);
    }

    private static void Check(Span<T> span, int n, string name)
    {
        if (!span.IsEmpty && span.Length != n)
        {
            throw new ArgumentException(
                $"Output '{name}' has {span.Length} rows but the batch has {n}: pass an empty span to skip an output, or one element per option.",
                name);
        }
    }
}
