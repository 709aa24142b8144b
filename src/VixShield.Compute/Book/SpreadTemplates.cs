namespace VixShield.Compute.Book;

/// <summary>The spreads <see cref="SpreadTemplates"/> builds (the <c>template.type</c> of a book file).</summary>
public enum SpreadTemplate
{
    /// <summary>Short iron condor: strikes long put, short put, short call, long call.</summary>
    IronCondor,

    /// <summary>Broken-wing butterfly (+1/-2/+1): kind and strikes lower wing, body, upper wing.</summary>
    BrokenWingButterfly,

    /// <summary>Credit put vertical: strikes short, long.</summary>
    PutVertical,

    /// <summary>Credit call vertical: strikes short, long.</summary>
    CallVertical,

    /// <summary>Long calendar: kind, one strike, expiry (near) and far expiry.</summary>
    Calendar,

    /// <summary>Long VIX calls: one strike.</summary>
    VixCall,

    /// <summary>Long VIX call spread: strikes long, short.</summary>
    VixCallSpread,

    /// <summary>VIX futures: units is the signed quantity, one open price.</summary>
    VixFuture,
}

/// <summary>
/// Builds the usual spreads from a few numbers. Quantities are in spread units: a positive
/// <c>units</c> sells the premium side (short iron condor, credit vertical, short-body butterfly),
/// except for the VIX hedges and calendars, which are bought. Open prices are per leg, in leg order
/// (omitted: 0, i.e. P&amp;L is measured from zero cost).
/// </summary>
public static class SpreadTemplates
{
    /// <summary>Short iron condor: +long put, -short put, -short call, +long call (legs in that order).</summary>
    /// <exception cref="ArgumentException">When strikes are not increasing or units not positive.</exception>
    public static Position IronCondor(Instrument instrument, DateOnly expiry, double longPut, double shortPut, double shortCall, double longCall,
        int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        RequireIncreasing(longPut, shortPut, shortCall, longCall);
        RequireUnits(units);
        return Build($"IC {longPut:0.##}/{shortPut:0.##}/{shortCall:0.##}/{longCall:0.##} {expiry:MM-dd}", units, openPrices,
            (instrument, OptionKind.Put, longPut, expiry, units),
            (instrument, OptionKind.Put, shortPut, expiry, -units),
            (instrument, OptionKind.Call, shortCall, expiry, -units),
            (instrument, OptionKind.Call, longCall, expiry, units));
    }

    /// <summary>Broken-wing butterfly, short body: +1 lower wing, -2 body, +1 upper wing (per unit); the wings may have
    /// different widths (the broken wing).</summary>
    /// <exception cref="ArgumentException">When strikes are not increasing or units not positive.</exception>
    public static Position BrokenWingButterfly(Instrument instrument, DateOnly expiry, OptionKind kind, double lowerWing, double body, double upperWing,
        int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        RequireIncreasing(lowerWing, body, upperWing);
        RequireUnits(units);
        return Build($"BWB {(kind == OptionKind.Put ? "P" : "C")} {lowerWing:0.##}/{body:0.##}/{upperWing:0.##} {expiry:MM-dd}", units, openPrices,
            (instrument, kind, lowerWing, expiry, units),
            (instrument, kind, body, expiry, -2 * units),
            (instrument, kind, upperWing, expiry, units));
    }

    /// <summary>Credit put vertical: -short put, +long put (long strike below the short).</summary>
    /// <exception cref="ArgumentException">When the long strike is not below the short, or units not positive.</exception>
    public static Position PutVertical(Instrument instrument, DateOnly expiry, double shortStrike, double longStrike, int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        RequireIncreasing(longStrike, shortStrike);
        RequireUnits(units);
        return Build($"PV {shortStrike:0.##}/{longStrike:0.##} {expiry:MM-dd}", units, openPrices,
            (instrument, OptionKind.Put, shortStrike, expiry, -units),
            (instrument, OptionKind.Put, longStrike, expiry, units));
    }

    /// <summary>Credit call vertical: -short call, +long call (long strike above the short).</summary>
    /// <exception cref="ArgumentException">When the long strike is not above the short, or units not positive.</exception>
    public static Position CallVertical(Instrument instrument, DateOnly expiry, double shortStrike, double longStrike, int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        RequireIncreasing(shortStrike, longStrike);
        RequireUnits(units);
        return Build($"CV {shortStrike:0.##}/{longStrike:0.##} {expiry:MM-dd}", units, openPrices,
            (instrument, OptionKind.Call, shortStrike, expiry, -units),
            (instrument, OptionKind.Call, longStrike, expiry, units));
    }

    /// <summary>Long calendar: -near expiry, +far expiry, same strike and kind.</summary>
    /// <exception cref="ArgumentException">When the far expiry is not after the near one, or units not positive.</exception>
    public static Position Calendar(Instrument instrument, OptionKind kind, double strike, DateOnly nearExpiry, DateOnly farExpiry, int units = 1,
        IReadOnlyList<double>? openPrices = null)
    {
        if (farExpiry <= nearExpiry) throw new ArgumentException($"A calendar's far expiry ({farExpiry}) must be after its near expiry ({nearExpiry}).", nameof(farExpiry));
        RequireUnits(units);
        return Build($"CAL {(kind == OptionKind.Put ? "P" : "C")} {strike:0.##} {nearExpiry:MM-dd}/{farExpiry:MM-dd}", units, openPrices,
            (instrument, kind, strike, nearExpiry, -units),
            (instrument, kind, strike, farExpiry, units));
    }

    /// <summary>Long VIX calls.</summary>
    /// <exception cref="ArgumentException">When units are not positive.</exception>
    public static Position VixCall(DateOnly expiry, double strike, int units = 1, double openPrice = 0.0)
    {
        RequireUnits(units);
        return Build($"VIX C {strike:0.##} {expiry:MM-dd}", units, [openPrice], (Instrument.VixOption, OptionKind.Call, strike, expiry, units));
    }

    /// <summary>Long VIX call spread: +long call, -short call (short strike above the long).</summary>
    /// <exception cref="ArgumentException">When the short strike is not above the long, or units not positive.</exception>
    public static Position VixCallSpread(DateOnly expiry, double longStrike, double shortStrike, int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        RequireIncreasing(longStrike, shortStrike);
        RequireUnits(units);
        return Build($"VIX CS {longStrike:0.##}/{shortStrike:0.##} {expiry:MM-dd}", units, openPrices,
            (Instrument.VixOption, OptionKind.Call, longStrike, expiry, units),
            (Instrument.VixOption, OptionKind.Call, shortStrike, expiry, -units));
    }

    /// <summary>A VIX future position (positive long).</summary>
    /// <exception cref="ArgumentException">When the quantity is zero or the price not positive.</exception>
    public static Position VixFuture(DateOnly expiry, int quantity, double openPrice) =>
        new($"VX {expiry:yyyy-MM}", [Leg.Future(expiry, quantity, openPrice)]);

    /// <summary>Any list of legs as one position.</summary>
    /// <exception cref="ArgumentException">When the list is empty or a leg is invalid.</exception>
    public static Position Custom(string name, IReadOnlyList<Leg> legs, double? units = null)
    {
        if (legs.Count == 0) throw new ArgumentException("A position needs at least one leg.", nameof(legs));
        foreach (Leg leg in legs) leg.ThrowIfInvalid();
        return new Position(name, legs, units);
    }

    /// <summary>Builds a spread by template type from strikes (in the order each template documents), units and open prices.</summary>
    /// <exception cref="ArgumentException">When the numbers do not fit the template (the message says what it needs).</exception>
    public static Position Create(SpreadTemplate type, Instrument instrument, OptionKind? kind, DateOnly expiry, DateOnly? farExpiry,
        IReadOnlyList<double> strikes, int units = 1, IReadOnlyList<double>? openPrices = null)
    {
        ArgumentNullException.ThrowIfNull(strikes);
        void Need(int n, string what)
        {
            if (strikes.Count != n) throw new ArgumentException($"{type} needs {n} strike(s): {what}; got {strikes.Count}.", nameof(strikes));
        }

        OptionKind NeedKind() => kind ?? throw new ArgumentException($"{type} needs a kind (call or put).", nameof(kind));
        switch (type)
        {
            case SpreadTemplate.IronCondor:
                Need(4, "long put, short put, short call, long call");
                return IronCondor(instrument, expiry, strikes[0], strikes[1], strikes[2], strikes[3], units, openPrices);
            case SpreadTemplate.BrokenWingButterfly:
                Need(3, "lower wing, body, upper wing");
                return BrokenWingButterfly(instrument, expiry, NeedKind(), strikes[0], strikes[1], strikes[2], units, openPrices);
            case SpreadTemplate.PutVertical:
                Need(2, "short, long");
                return PutVertical(instrument, expiry, strikes[0], strikes[1], units, openPrices);
            case SpreadTemplate.CallVertical:
                Need(2, "short, long");
                return CallVertical(instrument, expiry, strikes[0], strikes[1], units, openPrices);
            case SpreadTemplate.Calendar:
                Need(1, "the common strike");
                return Calendar(instrument, NeedKind(), strikes[0], expiry, farExpiry ?? throw new ArgumentException("A calendar needs a far expiry.", nameof(farExpiry)), units, openPrices);
            case SpreadTemplate.VixCall:
                Need(1, "the strike");
                return VixCall(expiry, strikes[0], units, openPrices is { Count: > 0 } ? openPrices[0] : 0.0);
            case SpreadTemplate.VixCallSpread:
                Need(2, "long, short");
                return VixCallSpread(expiry, strikes[0], strikes[1], units, openPrices);
            case SpreadTemplate.VixFuture:
                Need(0, "none (a future has no strike)");
                return VixFuture(expiry, units, openPrices is { Count: 1 } ? openPrices[0] : throw new ArgumentException("A VIX future needs one open price.", nameof(openPrices)));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown spread template.");
        }
    }

    private static Position Build(string name, int units, IReadOnlyList<double>? openPrices,
        params (Instrument Instrument, OptionKind Kind, double Strike, DateOnly Expiry, int Quantity)[] legs)
    {
        if (openPrices is not null && openPrices.Count != legs.Length)
        {
            throw new ArgumentException($"{name}: give {legs.Length} open prices (one per leg, in leg order), not {openPrices.Count}.", nameof(openPrices));
        }

        var built = new Leg[legs.Length];
        for (int i = 0; i < legs.Length; i++)
        {
            var l = legs[i];
            built[i] = Leg.Option(l.Instrument, l.Kind, l.Strike, l.Expiry, l.Quantity, openPrices?[i] ?? 0.0);
        }

        return new Position(name, built, units);
    }

    private static void RequireIncreasing(params double[] strikes)
    {
        for (int i = 1; i < strikes.Length; i++)
        {
            if (!(strikes[i] > strikes[i - 1]))
            {
                throw new ArgumentException($"Strikes must increase in the order given ({string.Join(" < ", strikes)}).", nameof(strikes));
            }
        }
    }

    private static void RequireUnits(int units)
    {
        if (units <= 0) throw new ArgumentException($"Units must be positive, not {units}: the template decides which legs are short.", nameof(units));
    }
}
