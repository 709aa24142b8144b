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
            foreach (Greek g in GreekInfo.All)
            {
                if (!Get(g).IsEmpty) r |= g;
            }

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

    /// <summary>A copy with the span of one output flag replaced.</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public GreeksOutput<T> With(Greek greek, Span<T> span) => greek switch
    {
        Greek.Price => this with { Price = span },
        Greek.Delta => this with { Delta = span },
        Greek.Gamma => this with { Gamma = span },
        Greek.Vega => this with { Vega = span },
        Greek.Theta => this with { Theta = span },
        Greek.Rho => this with { Rho = span },
        Greek.Phi => this with { Phi = span },
        Greek.Vanna => this with { Vanna = span },
        Greek.Volga => this with { Volga = span },
        Greek.Charm => this with { Charm = span },
        Greek.Veta => this with { Veta = span },
        Greek.Speed => this with { Speed = span },
        Greek.Zomma => this with { Zomma = span },
        Greek.Color => this with { Color = span },
        Greek.Ultima => this with { Ultima = span },
        Greek.DualDelta => this with { DualDelta = span },
        Greek.DualGamma => this with { DualGamma = span },
        Greek.ItmProbability => this with { ItmProbability = span },
        _ => throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Delta.", nameof(greek)),
    };

    /// <summary>Rows [start, start + length) over the same memory.</summary>
    public GreeksOutput<T> Slice(int start, int length)
    {
        var r = new GreeksOutput<T> { Status = Status.Slice(start, length) };
        foreach (Greek g in GreekInfo.All)
        {
            Span<T> span = Get(g);
            if (!span.IsEmpty) r = r.With(g, span.Slice(start, length));
        }

        return r;
    }

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

        foreach (GreekDescriptor d in GreekInfo.Descriptors)
        {
            Span<T> span = Get(d.Flag);
            if (!span.IsEmpty && span.Length != n)
            {
                throw new ArgumentException(
                    $"Output '{d.Property}' has {span.Length} rows but the batch has {n}: pass an empty span to skip an output, or one element per option.",
                    d.Property);
            }
        }
    }

    internal static GreeksOutput<T> FromArrays(OptionStatus[] status, T[]?[] arrays, int start, int length)
    {
        var r = new GreeksOutput<T> { Status = status.AsSpan(start, length) };
        for (int i = 0; i < GreekInfo.Count; i++)
        {
            if (arrays[i] is T[] a) r = r.With(GreekInfo.All[i], a.AsSpan(start, length));
        }

        return r;
    }
}
