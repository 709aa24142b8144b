namespace VixShield.Compute.Surfaces;

/// <summary>
/// A Black implied volatility as a function of expiry and strike: what the grid API, the book and
/// the scenario engine read vols from. Implementations must be immutable (thread-safe) and cheap to call.
/// </summary>
public interface IVolatilitySurface
{
    /// <summary>The Black volatility for an option of time to expiry <paramref name="time"/> (years) and
    /// strike <paramref name="strike"/>, given the forward <paramref name="forward"/> of that expiry
    /// (smile surfaces are parameterised in log-moneyness ln(K/F)).</summary>
    double Vol(double time, double strike, double forward);
}

/// <summary>One volatility for every expiry and strike.</summary>
/// <param name="Volatility">The vol, per 1.00.</param>
public sealed record FlatVolatilitySurface(double Volatility) : IVolatilitySurface
{
    /// <inheritdoc/>
    public double Vol(double time, double strike, double forward) => Volatility;
}
