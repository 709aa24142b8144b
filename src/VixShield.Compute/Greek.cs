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

/// <summary>The intermediate quantities of the shared formula an output needs (so that unrequested ones cost nothing).</summary>
[Flags]
public enum GreekInputs : byte
{
    /// <summary>None beyond d1, d2 and the discount factors.</summary>
    None = 0,

    /// <summary>N(ωd1).</summary>
    CdfD1 = 1,

    /// <summary>N(ωd2).</summary>
    CdfD2 = 2,

    /// <summary>The density n(d1).</summary>
    Pdf = 4,

    /// <summary>The density n(d2) only.</summary>
    PdfD2 = 8,
}

/// <summary>
/// One output in the table of outputs: its flag, canonical index (column order, bit position), machine name, the
/// <see cref="GreeksOutput{T}"/> property, the desk-unit conversion (raw × 0.01^VolPower × 0.01^RatePower ×
/// (1/days per year)^TimePower; see <see cref="Units.DeskUnits"/>) and the formula inputs it needs.
/// </summary>
/// <param name="Flag">The single output flag.</param>
/// <param name="Index">Canonical index = bit position of <paramref name="Flag"/>.</param>
/// <param name="Name">snake_case name (CSV/JSON).</param>
/// <param name="Property">The property name on <see cref="GreeksOutput{T}"/> (error messages).</param>
/// <param name="VolPower">Powers of vol in the denominator (vega 1, volga 2, ultima 3).</param>
/// <param name="TimePower">Powers of time in the denominator (theta, charm, veta, color: 1).</param>
/// <param name="RatePower">Powers of rate in the denominator (rho, phi: 1).</param>
/// <param name="Needs">Formula intermediates it uses.</param>
public readonly record struct GreekDescriptor(Greek Flag, int Index, string Name, string Property, int VolPower, int TimePower, int RatePower, GreekInputs Needs);

/// <summary>The table of outputs (the one place that lists them) and lookups over it.</summary>
public static class GreekInfo
{
    /// <summary>Number of distinct outputs.</summary>
    public const int Count = 18;

    private static readonly GreekDescriptor[] Table =
    [
        new(Greek.Price, 0, "price", "Price", 0, 0, 0, GreekInputs.CdfD1 | GreekInputs.CdfD2),
        new(Greek.Delta, 1, "delta", "Delta", 0, 0, 0, GreekInputs.CdfD1),
        new(Greek.Gamma, 2, "gamma", "Gamma", 0, 0, 0, GreekInputs.Pdf),
        new(Greek.Vega, 3, "vega", "Vega", 1, 0, 0, GreekInputs.Pdf),
        new(Greek.Theta, 4, "theta", "Theta", 0, 1, 0, GreekInputs.CdfD1 | GreekInputs.CdfD2 | GreekInputs.Pdf),
        new(Greek.Rho, 5, "rho", "Rho", 0, 0, 1, GreekInputs.CdfD1 | GreekInputs.CdfD2),
        new(Greek.Phi, 6, "phi", "Phi", 0, 0, 1, GreekInputs.CdfD1),
        new(Greek.Vanna, 7, "vanna", "Vanna", 1, 0, 0, GreekInputs.Pdf),
        new(Greek.Volga, 8, "volga", "Volga", 2, 0, 0, GreekInputs.Pdf),
        new(Greek.Charm, 9, "charm", "Charm", 0, 1, 0, GreekInputs.CdfD1 | GreekInputs.Pdf),
        new(Greek.Veta, 10, "veta", "Veta", 1, 1, 0, GreekInputs.Pdf),
        new(Greek.Speed, 11, "speed", "Speed", 0, 0, 0, GreekInputs.Pdf),
        new(Greek.Zomma, 12, "zomma", "Zomma", 1, 0, 0, GreekInputs.Pdf),
        new(Greek.Color, 13, "color", "Color", 0, 1, 0, GreekInputs.Pdf),
        new(Greek.Ultima, 14, "ultima", "Ultima", 3, 0, 0, GreekInputs.Pdf),
        new(Greek.DualDelta, 15, "dual_delta", "DualDelta", 0, 0, 0, GreekInputs.CdfD2),
        new(Greek.DualGamma, 16, "dual_gamma", "DualGamma", 0, 0, 0, GreekInputs.PdfD2),
        new(Greek.ItmProbability, 17, "itm_prob", "ItmProbability", 0, 0, 0, GreekInputs.CdfD2),
    ];

    private static readonly Greek[] Flags = [.. Table.Select(d => d.Flag)];

    /// <summary>The outputs needing N(ωd1), N(ωd2), n(d1), the Gaussian exponential: unions over the table.</summary>
    internal static readonly Greek NeedCdfD1 = Needing(GreekInputs.CdfD1), NeedCdfD2 = Needing(GreekInputs.CdfD2), NeedPdf = Needing(GreekInputs.Pdf),
        NeedExp = Needing(GreekInputs.CdfD1 | GreekInputs.CdfD2 | GreekInputs.Pdf | GreekInputs.PdfD2);

    /// <summary>Every output's descriptor, in canonical order.</summary>
    public static ReadOnlySpan<GreekDescriptor> Descriptors => Table;

    /// <summary>Every single-flag output in canonical order (the column order of <c>vixshield price</c>).</summary>
    public static ReadOnlySpan<Greek> All => Flags;

    /// <summary>The descriptor of one output.</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public static ref readonly GreekDescriptor Describe(Greek greek) => ref Table[IndexOf(greek)];

    /// <summary>The machine name of one output (snake_case, as in CSV headers).</summary>
    /// <exception cref="ArgumentException">When <paramref name="greek"/> is not a single output flag.</exception>
    public static string Name(Greek greek) => Describe(greek).Name;

    /// <summary>Index of a single-flag output in <see cref="All"/>.</summary>
    public static int IndexOf(Greek greek) =>
        greek != Greek.None && (greek & (greek - 1)) == 0 && greek <= Greek.ItmProbability
            ? System.Numerics.BitOperations.TrailingZeroCount((uint)greek)
            : throw new ArgumentException($"'{greek}' is not a single output; pass one flag such as Greek.Delta.", nameof(greek));

    private static Greek Needing(GreekInputs input)
    {
        Greek g = Greek.None;
        foreach (GreekDescriptor d in Table)
        {
            if ((d.Needs & input) != 0) g |= d.Flag;
        }

        return g;
    }
}
