using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Book;

/// <summary>
/// The book's legs resolved against a market, in structure-of-arrays form: THE one place where a leg meets the market
/// (its own expiry's time, zero rate, dividend yield, underlying, forward and smile vol at its strike). The
/// <see cref="BookValuator"/> batches its option rows into an engine; <see cref="PricedBook"/> keeps it and derives the
/// scenario kernel's per-horizon constants from it. Overlay positions carry Greeks instead of legs and are listed apart.
/// </summary>
internal sealed class LegTable
{
    private LegTable(int count)
    {
        Legs = new Leg[count];
        Layer = new int[count];
        Position = new int[count];
        Paths = new string[count];
        Kind = new int[count];
        Omega = new double[count];
        Strike = new double[count];
        Weight = new double[count];
        Time = new double[count];
        Underlying = new double[count];
        Forward = new double[count];
        Vol = new double[count];
        Rate = new double[count];
        Dividend = new double[count];
        OptionRowOfLeg = new int[count];
    }

    public Leg[] Legs { get; }

    /// <summary>Layer index of each leg.</summary>
    public int[] Layer { get; }

    /// <summary>Position index of each leg over the whole book (layers in order; see <see cref="PricedBook.PositionIndex"/>).</summary>
    public int[] Position { get; }

    /// <summary>JSON path of each leg (error messages).</summary>
    public string[] Paths { get; }

    /// <summary><see cref="LegKind"/> of each leg.</summary>
    public int[] Kind { get; }

    /// <summary>+1 call (and futures), -1 put.</summary>
    public double[] Omega { get; }

    public double[] Strike { get; }

    /// <summary>Quantity × multiplier: dollars per point of the unit price.</summary>
    public double[] Weight { get; }

    /// <summary>Years to the leg's own expiry settlement (negative once it has settled).</summary>
    public double[] Time { get; }

    /// <summary>SPX spot for SPX legs, the VIX future of the expiry for VIX legs.</summary>
    public double[] Underlying { get; }

    /// <summary>The forward the vol surface is read with (SPX forward S·e^{(r-q)t}, VIX future).</summary>
    public double[] Forward { get; }

    /// <summary>The smile vol at the leg's strike on its own expiry (at t = max(t, 0)); 0 for futures.</summary>
    public double[] Vol { get; }

    /// <summary>Zero rate to the expiry.</summary>
    public double[] Rate { get; }

    /// <summary>SPX dividend yield to the expiry; 0 for VIX legs.</summary>
    public double[] Dividend { get; }

    /// <summary>Index into the option batch, or -1 for a futures leg.</summary>
    public int[] OptionRowOfLeg { get; }

    /// <summary>Leg index of each option row.</summary>
    public int[] OptionRows { get; private set; } = [];

    /// <summary>Overlay positions: layer, book-wide position index, Greeks.</summary>
    public (int Layer, int Position, OverlayGreeks Greeks)[] Overlays { get; private set; } = [];

    /// <summary>Layer of each book-wide position index.</summary>
    public int[] PositionLayer { get; private set; } = [];

    public int Count => Legs.Length;

    /// <summary>Resolves every leg of <paramref name="book"/> against <paramref name="market"/>.</summary>
    /// <exception cref="ArgumentException">When a leg cannot be priced from the market (e.g. a VIX expiry missing from the futures curve).</exception>
    public static LegTable Resolve(AlvhBook book, MarketSnapshot market)
    {
        int count = book.Layers.Sum(l => l.Positions.Sum(p => p.Greeks is null ? p.Legs.Count : 0));
        var t = new LegTable(count);
        var rows = new List<int>();
        var overlays = new List<(int, int, OverlayGreeks)>();
        var positionLayer = new List<int>();
        int i = 0;
        for (int li = 0; li < book.Layers.Count; li++)
        {
            for (int pi = 0; pi < book.Layers[li].Positions.Count; pi++)
            {
                Position p = book.Layers[li].Positions[pi];
                int gp = positionLayer.Count;
                positionLayer.Add(li);
                if (p.Greeks is OverlayGreeks g)
                {
                    overlays.Add((li, gp, g));
                    continue;
                }

                for (int gi = 0; gi < p.Legs.Count; gi++, i++)
                {
                    Leg leg = p.Legs[gi];
                    t.Legs[i] = leg;
                    t.Layer[i] = li;
                    t.Position[i] = gp;
                    t.Paths[i] = $"layers[{li}].positions[{pi}].legs[{gi}]";
                    t.Omega[i] = leg.Kind == OptionKind.Put ? -1.0 : 1.0;
                    t.Strike[i] = leg.Strike;
                    t.Weight[i] = leg.Quantity * leg.Multiplier;
                    double time = market.YearsTo(leg.Expiry);
                    t.Time[i] = time;
                    double tc = Math.Max(time, 0.0);
                    double r = market.Rates.ZeroRate(tc);
                    t.Rate[i] = r;
                    if (InstrumentInfo.IsSpx(leg.Instrument))
                    {
                        double q = market.Carry.DividendYield(leg.Expiry.Date, tc, r, market.SpxSpot);
                        t.Kind[i] = LegKind.SpxOption;
                        t.Dividend[i] = q;
                        t.Underlying[i] = market.SpxSpot;
                        t.Forward[i] = market.SpxSpot * Math.Exp((r - q) * tc);
                        t.Vol[i] = market.SpxVolatility.Vol(tc, leg.Strike, t.Forward[i]);
                    }
                    else
                    {
                        double f;
                        try
                        {
                            f = market.VixFutures.Price(leg.Expiry.Date);
                        }
                        catch (KeyNotFoundException e)
                        {
                            throw new ArgumentException($"{t.Paths[i]} ({leg.Describe()}): {e.Message}", e);
                        }

                        t.Kind[i] = leg.IsOption ? LegKind.VixOption : LegKind.VixFuture;
                        t.Underlying[i] = f;
                        t.Forward[i] = f;
                        t.Vol[i] = leg.IsOption ? market.VixVolatility.Vol(tc, leg.Strike, f) : 0.0;
                    }

                    if (leg.IsOption)
                    {
                        t.OptionRowOfLeg[i] = rows.Count;
                        rows.Add(i);
                    }
                    else
                    {
                        t.OptionRowOfLeg[i] = -1;
                    }
                }
            }
        }

        t.OptionRows = rows.ToArray();
        t.Overlays = overlays.ToArray();
        t.PositionLayer = positionLayer.ToArray();
        return t;
    }
}
