namespace VixShield.Compute;

/// <summary>
/// The outputs an engine can compute, as a flag set: the caller asks for what it needs and outputs
/// not asked for cost nothing. Raw units throughout (see kernels-docs/black-scholes.md):
/// vega per 1.00 of vol, theta = dV/dt per year of calendar time, rho and phi per 1.00 of rate.
/// Every time derivative (theta, charm, veta, color) is d/dt with t calendar time, i.e. -d/d(time to expiry).
/// </summary>
[Flags]
public enum Greek : uint
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Present value V.</summary>
    Price = 1u << 0,

    /// <summary>dV/dS (BSM) or dV/dF (Black-76).</summary>
    Delta = 1u << 1,

    /// <summary>d²V/dS².</summary>
    Gamma = 1u << 2,

    /// <summary>dV/dσ, per 1.00 of vol.</summary>
    Vega = 1u << 3,

    /// <summary>dV/dt per year of calendar time (negative for a long option, QuantLib's convention).</summary>
    Theta = 1u << 4,

    /// <summary>dV/dr per 1.00 of rate; BSM holds spot fixed, Black-76 holds the forward fixed (rho = -t V).</summary>
    Rho = 1u << 5,

    /// <summary>dV/dq (dividend rho) per 1.00 of yield; zero for Black-76.</summary>
    Phi = 1u << 6,

    /// <summary>d²V/dS dσ.</summary>
    Vanna = 1u << 7,

    /// <summary>d²V/dσ² (vomma).</summary>
    Volga = 1u << 8,

    /// <summary>d(delta)/dt per year.</summary>
    Charm = 1u << 9,

    /// <summary>d(vega)/dt per year.</summary>
    Veta = 1u << 10,

    /// <summary>d³V/dS³.</summary>
    Speed = 1u << 11,

    /// <summary>d(gamma)/dσ.</summary>
    Zomma = 1u << 12,

    /// <summary>d(gamma)/dt per year.</summary>
    Color = 1u << 13,

    /// <summary>d³V/dσ³.</summary>
    Ultima = 1u << 14,

    /// <summary>dV/dK.</summary>
    DualDelta = 1u << 15,

    /// <summary>d²V/dK².</summary>
    DualGamma = 1u << 16,

    /// <summary>Risk-neutral probability of finishing in the money: N(d2) for a call, N(-d2) for a put.</summary>
    ItmProbability = 1u << 17,

    /// <summary>Price and the five first-order Greeks: delta, vega, theta, rho, phi.</summary>
    PriceAndFirstOrder = Price | Delta | Vega | Theta | Rho | Phi,

    /// <summary>Second-order Greeks.</summary>
    SecondOrder = Gamma | Vanna | Volga | Charm | Veta | DualGamma,

    /// <summary>Third-order Greeks.</summary>
    ThirdOrder = Speed | Zomma | Color | Ultima,

    /// <summary>Every output.</summary>
    All = (1u << 18) - 1,
}

/// <summary>Names and order of the outputs, as they appear in CSV and JSON.</summary>
public static class GreekInfo
{
    /// <summary>Number of distinct outputs.</summary>
    public const int Count = 18;

    /// <summary>Every single-flag output in canonical order (the column order of <c>vixshield price</c>).</summary>
    public static ReadOnlySpan<Greek> All =>
    [
        Greek.Price, Greek.Delta, Greek.Gamma, Greek.Vega, Greek.Theta, Greek.Rho, Greek.Phi,
        Greek.Vanna, Greek.Volga, Greek.Charm, Greek.Veta, Greek.Speed, Greek.Zomma, Greek.Color,
        Greek.Ultima, Greek.DualDelta, Greek.DualGamma, Greek.ItmProbability,
    ];

    /// <summary>The machine name of one output (snake_case, as in CSV headers).</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public static string Name(Greek greek) => greek switch
    {
        Greek.Price => "price",
        Greek.Delta => "delta",
        Greek.Gamma => "gamma",
        Greek.Vega => "vega",
        Greek.Theta => "theta",
        Greek.Rho => "rho",
        Greek.Phi => "phi",
        Greek.Vanna => "vanna",
        Greek.Volga => "volga",
        Greek.Charm => "charm",
        Greek.Veta => "veta",
        Greek.Speed => "speed",
        Greek.Zomma => "zomma",
        Greek.Color => "color",
        Greek.Ultima => "ultima",
        Greek.DualDelta => "dual_delta",
        Greek.DualGamma => "dual_gamma",
        Greek.ItmProbability => "itm_prob",
        _ => throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Delta.", nameof(greek)),
    };

    /// <summary>Index of a single-flag output in <see cref="All"/>.</summary>
    public static int IndexOf(Greek greek) =>
        greek != Greek.None && (greek & (greek - 1)) == 0 && greek <= Greek.ItmProbability
            ? System.Numerics.BitOperations.TrailingZeroCount((uint)greek)
            : throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Delta.", nameof(greek));
}
