using VixShield.Compute.Time;
namespace VixShield.Compute.Book;

/// <summary>
/// One leg of a spread: a signed quantity of one SPX/SPXW option, VIX option or VIX future.
/// Build legs with <see cref="Option"/> and <see cref="Future"/> (they check the inputs) or from JSON.
/// </summary>
/// <param name="Instrument">What is traded.</param>
/// <param name="Kind">Call or put; null for a VIX future.</param>
/// <param name="Strike">Strike in index points; 0 for a VIX future.</param>
/// <param name="Expiry">Expiry date and settlement style.</param>
/// <param name="Quantity">Signed contracts: positive long, negative short.</param>
/// <param name="Multiplier">Dollars per point per contract (100 for options, 1000 for VIX futures).</param>
/// <param name="OpenPrice">Price per unit paid (long) or received (short) when opened, in index points; always non-negative for options.</param>
public sealed record Leg(Instrument Instrument, OptionKind? Kind, double Strike, Expiry Expiry, int Quantity, double Multiplier, double OpenPrice)
{
    /// <summary>An option leg with the instrument's default multiplier and settlement unless given.</summary>
    /// <exception cref="ArgumentException">When the inputs cannot describe an option leg (the message says which).</exception>
    public static Leg Option(Instrument instrument, OptionKind kind, double strike, DateOnly expiry, int quantity, double openPrice = 0.0,
        double? multiplier = null, SettlementStyle? settlement = null)
    {
        var leg = new Leg(instrument, kind, strike, new Expiry(expiry, settlement ?? InstrumentInfo.DefaultSettlement(instrument)),
            quantity, multiplier ?? InstrumentInfo.DefaultMultiplier(instrument), openPrice);
        leg.ThrowIfInvalid();
        return leg;
    }

    /// <summary>A VIX future leg (AM settlement, multiplier 1000 unless given).</summary>
    /// <exception cref="ArgumentException">When the inputs cannot describe a futures leg.</exception>
    public static Leg Future(DateOnly expiry, int quantity, double openPrice, double? multiplier = null)
    {
        var leg = new Leg(Instrument.VixFuture, null, 0.0, new Expiry(expiry, SettlementStyle.AmOpen), quantity,
            multiplier ?? InstrumentInfo.DefaultMultiplier(Instrument.VixFuture), openPrice);
        leg.ThrowIfInvalid();
        return leg;
    }

    /// <summary>True when the leg is an option (not a VIX future).</summary>
    public bool IsOption => InstrumentInfo.IsOption(Instrument);

    /// <summary>Short readable description, e.g. "-2 SPXW 2026-12-04 PM 5750 P @ 4.10".</summary>
    public string Describe() => IsOption
        ? $"{Quantity:+0;-0} {InstrumentInfo.Symbol(Instrument)} {Expiry} {Strike:0.##} {(Kind == OptionKind.Call ? "C" : "P")} @ {OpenPrice:0.00}"
        : $"{Quantity:+0;-0} VX {Expiry.Date:yyyy-MM-dd} @ {OpenPrice:0.00}";

    /// <summary>What is wrong with the leg, as (field, problem) pairs; empty when valid.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (IsOption)
        {
            if (Kind is null) yield return ("kind", "an option leg needs \"call\" or \"put\"");
            if (!(Strike > 0) || !double.IsFinite(Strike)) yield return ("strike", $"must be a positive number of index points, not {Strike}");
            if (!(OpenPrice >= 0) || !double.IsFinite(OpenPrice)) yield return ("openPrice", $"an option price is non-negative, not {OpenPrice} (the quantity's sign says long or short)");
        }
        else
        {
            if (Kind is not null) yield return ("kind", "a VIX future has no call/put kind: leave it out");
            if (Strike != 0) yield return ("strike", "a VIX future has no strike: leave it out");
            if (!(OpenPrice > 0) || !double.IsFinite(OpenPrice)) yield return ("openPrice", $"the future's traded price must be positive, not {OpenPrice}");
        }

        if (Quantity == 0) yield return ("quantity", "must be a non-zero number of contracts (negative for short)");
        if (!(Multiplier > 0) || !double.IsFinite(Multiplier)) yield return ("multiplier", $"must be positive, not {Multiplier}");
    }

    /// <summary>Throws when <see cref="Problems"/> is not empty.</summary>
    /// <exception cref="ArgumentException">With every problem of the leg.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Problems().Select(p => $"{p.Field}: {p.Problem}").ToList();
        if (problems.Count > 0) throw new ArgumentException($"Invalid leg {Describe()}: {string.Join("; ", problems)}.");
    }
}

/// <summary>
/// Greeks the user supplies for an overlay position (anything priced elsewhere), already in the book's
/// dollar units so that they add straight into the totals.
/// </summary>
/// <param name="Value">Market value in dollars.</param>
/// <param name="Delta">SPX-equivalent dollar delta: dollars per 1 SPX point.</param>
/// <param name="Gamma">Dollar gamma: change of the dollar delta per 1 SPX point.</param>
/// <param name="Vega">Dollars per 1 vol point (0.01) of SPX implied vol.</param>
/// <param name="ThetaPerDay">Dollars per calendar day.</param>
/// <param name="Rho">Dollars per 1 % (100 bp) of rates.</param>
/// <param name="PnL">Profit and loss since opened, in dollars.</param>
public sealed record OverlayGreeks(double Value = 0, double Delta = 0, double Gamma = 0, double Vega = 0, double ThetaPerDay = 0, double Rho = 0, double PnL = 0);

/// <summary>
/// A position: one spread (a list of legs, usually built by <see cref="SpreadTemplates"/>), or, in an
/// overlay layer, a position carrying user-supplied <see cref="OverlayGreeks"/> and no legs.
/// </summary>
/// <param name="Name">Readable name, e.g. "IC 5700/5750/6050/6100".</param>
/// <param name="Legs">The legs (empty for an overlay position).</param>
/// <param name="Units">Spread units (one iron condor = one unit); null means the greatest common divisor of the legs' absolute quantities
/// (a 5-lot iron condor is 5 units, a 1x2x1 butterfly is 1 unit).</param>
/// <param name="Greeks">User-supplied Greeks of an overlay position; null for a position made of legs.</param>
public sealed record Position(string Name, IReadOnlyList<Leg> Legs, double? Units = null, OverlayGreeks? Greeks = null)
{
    /// <summary>The spread units of the position (see <see cref="Units"/>).</summary>
    public double SpreadUnits => Units ?? GcdOfQuantities(Legs);

    /// <summary>True when the position's Greeks are user-supplied.</summary>
    public bool IsOverlay => Greeks is not null;

    private static double GcdOfQuantities(IReadOnlyList<Leg> legs)
    {
        int g = 0;
        foreach (Leg leg in legs)
        {
            int a = Math.Abs(leg.Quantity), b = g;
            while (b != 0) (a, b) = (b, a % b);
            g = a;
        }

        return g;
    }
}

/// <summary>The role of a layer in the ALVH book.</summary>
public enum LayerRole
{
    /// <summary>Short-dated defined-risk SPX spreads opened on one date, selling premium.</summary>
    Premium,

    /// <summary>VIX calls, call spreads or futures; counted only while switched on.</summary>
    Hedge,

    /// <summary>Positions priced elsewhere with user-supplied Greeks.</summary>
    Overlay,
}

/// <summary>A layer: positions opened on one date with one role.</summary>
/// <param name="Name">Readable name, e.g. "L3 2026-11-18".</param>
/// <param name="Role">Premium, hedge or overlay.</param>
/// <param name="Opened">The date the layer was opened (null if unknown).</param>
/// <param name="Positions">The positions.</param>
/// <param name="Active">For a hedge layer: on (counted in the totals) or off (reported but excluded). Ignored for other roles.</param>
public sealed record Layer(string Name, LayerRole Role, DateOnly? Opened, IReadOnlyList<Position> Positions, bool Active = true)
{
    /// <summary>True when the layer counts in the book's totals: always, except a hedge layer that is off.</summary>
    public bool IsIncluded => Role != LayerRole.Hedge || Active;

    /// <summary>Sum of the positions' spread units.</summary>
    public double SpreadUnits => Positions.Sum(p => p.SpreadUnits);
}

/// <summary>An ALVH book: a ladder of premium layers, a hedge layer (on or off) and overlay layers.</summary>
/// <param name="Name">Readable name.</param>
/// <param name="Layers">The layers, in display order.</param>
public sealed record AlvhBook(string Name, IReadOnlyList<Layer> Layers)
{
    /// <summary>A copy with every hedge layer switched on or off (the book itself is never changed).</summary>
    public AlvhBook WithHedge(bool active) => this with
    {
        Layers = Layers.Select(l => l.Role == LayerRole.Hedge ? l with { Active = active } : l).ToList(),
    };
}
