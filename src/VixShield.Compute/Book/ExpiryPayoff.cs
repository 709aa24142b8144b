namespace VixShield.Compute.Book;

/// <summary>
/// The at-expiry P&amp;L of a set of legs as a function of the underlying's terminal level x ≥ 0:
/// P(x) = Σ q·m·max(ω(x - K), 0) + Σ futures q·m·(x - open) - Σ options q·m·open. It is piecewise linear with
/// kinks at the strikes, so its break-evens are solved exactly on each linear segment.
/// Legs of different expiries are each taken at their own expiry against the same terminal level.
/// </summary>
public sealed class ExpiryPayoff
{
    private readonly double[] _kinks;    // 0, strikes ascending (distinct)
    private readonly double[] _values;   // P at each kink
    private readonly double _rightSlope; // slope beyond the last kink

    /// <summary>Builds the payoff of <paramref name="legs"/> (all on one underlying).</summary>
    /// <exception cref="ArgumentException">When the legs mix SPX and VIX underlyings.</exception>
    public ExpiryPayoff(IReadOnlyList<Leg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        Legs = legs;
        if (legs.Select(l => InstrumentInfo.IsSpx(l.Instrument)).Distinct().Count() > 1)
        {
            throw new ArgumentException("An expiry payoff is a function of one underlying: pass SPX legs or VIX legs, not both.", nameof(legs));
        }

        _kinks = legs.Where(l => l.IsOption).Select(l => l.Strike).Append(0.0).Distinct().Order().ToArray();
        _values = _kinks.Select(Evaluate).ToArray();
        _rightSlope = legs.Sum(l => l.IsOption ? (l.Kind == OptionKind.Call ? l.Quantity * l.Multiplier : 0.0) : l.Quantity * l.Multiplier);
        double leftSlope = _kinks.Length > 1 ? (_values[1] - _values[0]) / _kinks[1] : _rightSlope;
        LeftSlope = leftSlope;
        RightSlope = _rightSlope;
        DefinedRisk = leftSlope <= 1e-9 * Scale() && _rightSlope >= -1e-9 * Scale() && !legs.Any(l => !l.IsOption);
        BreakEvens = SolveBreakEvens();
        double minValue = _values.Min(), maxValue = _values.Max();
        MaxLoss = _rightSlope < 0 ? double.PositiveInfinity : Math.Max(-minValue, 0.0);
        MaxProfit = _rightSlope > 0 ? double.PositiveInfinity : Math.Max(maxValue, 0.0);
        SingleExpiry = legs.Select(l => l.Expiry).Distinct().Count() <= 1;
    }

    /// <summary>The legs.</summary>
    public IReadOnlyList<Leg> Legs { get; }

    /// <summary>Dollar slope for x between 0 and the first strike.</summary>
    public double LeftSlope { get; }

    /// <summary>Dollar slope beyond the last strike.</summary>
    public double RightSlope { get; }

    /// <summary>True when the loss is capped by the structure: no future, the payoff does not fall as the level rises
    /// beyond the last strike (no naked short call) nor as it falls below the first strike (no naked short put).
    /// Iron condors, verticals, butterflies, long options and calendars are defined-risk.</summary>
    public bool DefinedRisk { get; }

    /// <summary>True when every leg has the same expiry (then the break-evens are the position's exact at-expiry ones).</summary>
    public bool SingleExpiry { get; }

    /// <summary>Exact break-evens, ascending.</summary>
    public IReadOnlyList<double> BreakEvens { get; }

    /// <summary>Largest gain in dollars (+∞ when unbounded).</summary>
    public double MaxProfit { get; }

    /// <summary>Largest loss in dollars as a positive number (+∞ when unbounded).</summary>
    public double MaxLoss { get; }

    /// <summary>Margin: the maximum loss for a defined-risk position; NaN (undefined risk) otherwise.</summary>
    public double Margin => DefinedRisk ? MaxLoss : double.NaN;

    /// <summary>P&amp;L in dollars at terminal level <paramref name="x"/>.</summary>
    public double Evaluate(double x)
    {
        double sum = 0;
        foreach (Leg l in Legs)
        {
            double mult = l.Quantity * l.Multiplier;
            if (!l.IsOption)
            {
                sum += mult * (x - l.OpenPrice);
                continue;
            }

            double intrinsic = l.Kind == OptionKind.Call ? Math.Max(x - l.Strike, 0.0) : Math.Max(l.Strike - x, 0.0);
            sum += mult * (intrinsic - l.OpenPrice);
        }

        return sum;
    }

    private double Scale() => Math.Max(1.0, Legs.Sum(l => Math.Abs(l.Quantity * l.Multiplier)));

    private List<double> SolveBreakEvens()
    {
        var roots = new List<double>();
        double tol = 1e-9 * Scale();
        for (int i = 0; i < _kinks.Length; i++)
        {
            double a = _kinks[i], pa = _values[i];
            if (Math.Abs(pa) <= tol && a > 0)
            {
                Add(roots, a);
            }

            if (i + 1 < _kinks.Length)
            {
                double b = _kinks[i + 1], pb = _values[i + 1];
                if ((pa < -tol && pb > tol) || (pa > tol && pb < -tol)) Add(roots, a + ((b - a) * (-pa / (pb - pa))));
            }
            else if (Math.Abs(_rightSlope) > 0 && Math.Abs(pa) > tol)
            {
                double x = a - (pa / _rightSlope);
                if (x > a) Add(roots, x);
            }
        }

        return roots;
    }

    private static void Add(List<double> roots, double x)
    {
        if (roots.Count == 0 || Math.Abs(roots[^1] - x) > 1e-9 * Math.Max(1.0, x)) roots.Add(x);
    }
}
