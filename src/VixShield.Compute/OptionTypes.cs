namespace VixShield.Compute;

/// <summary>Call or put. The numeric value is the payoff sign ω used by the kernels (call +1, put -1).</summary>
public enum OptionKind : sbyte
{
    /// <summary>Put: pays max(K - S, 0) at expiry.</summary>
    Put = -1,

    /// <summary>Call: pays max(S - K, 0) at expiry.</summary>
    Call = 1,
}

/// <summary>The pricing model of a row.</summary>
public enum PricingModel : byte
{
    /// <summary>Black-Scholes-Merton on spot with a continuous dividend yield q (SPX options).</summary>
    BlackScholesMerton = 0,

    /// <summary>Black-76 on a forward or future (VIX options off the VIX future of the same expiry).</summary>
    Black76 = 1,
}

/// <summary>Floating-point precision an engine computes in.</summary>
public enum Precision
{
    /// <summary>IEEE-754 binary64 (float64): the reference precision.</summary>
    Double = 0,

    /// <summary>IEEE-754 binary32 (float32): twice the vector lanes, error bounds in kernels-docs.</summary>
    Single = 1,
}

/// <summary>
/// Per-row outcome of a batch. A row that is not <see cref="Ok"/> has NaN in every requested output
/// and never affects any other row. When a row has several problems, the first in declaration order is reported.
/// </summary>
public enum OptionStatus : byte
{
    /// <summary>Valid inputs; outputs computed.</summary>
    Ok = 0,

    /// <summary>Kind is neither call nor put.</summary>
    InvalidKind = 1,

    /// <summary>Model is not a known <see cref="PricingModel"/>.</summary>
    InvalidModel = 2,

    /// <summary>Underlying (spot or forward) is outside [1e-8, 1e12] or NaN (<see cref="Kernels.InputValidation"/>).</summary>
    InvalidUnderlying = 3,

    /// <summary>Strike is outside [1e-8, 1e12] or NaN.</summary>
    InvalidStrike = 4,

    /// <summary>Time to expiry is neither 0 nor in [1e-12, 100] years (an expired option is an error, t = 0 is valid).</summary>
    InvalidTime = 5,

    /// <summary>Volatility is neither 0 nor in [1e-9, 100].</summary>
    InvalidVol = 6,

    /// <summary>|Rate| is above 5 (500 % a year) or NaN.</summary>
    InvalidRate = 7,

    /// <summary>|Dividend yield| is above 5 or NaN.</summary>
    InvalidDividend = 8,

    /// <summary>
    /// Every input is in its range, but an output overflows the precision (only float32 corners of the domain, e.g.
    /// speed at a tiny spot with a tiny vol): compute in float64.
    /// </summary>
    OutOfRange = 9,
}
