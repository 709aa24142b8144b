using VixShield.Compute.Time;

namespace VixShield.Compute.Book;

/// <summary>What a leg trades. The instrument fixes the underlying, the pricing model, the default
/// multiplier and the default settlement style.</summary>
public enum Instrument
{
    /// <summary>SPX AM-settled monthly option (third Friday, settles on the opening print, 09:30 ET).
    /// Black-Scholes-Merton on SPX spot with the expiry's dividend yield. Multiplier 100.</summary>
    Spx,

    /// <summary>SPXW PM-settled weekly/daily option (settles on the 16:00 ET close). Black-Scholes-Merton
    /// on SPX spot. Multiplier 100.</summary>
    Spxw,

    /// <summary>VIX option (AM-settled Wednesday, 09:30 ET): Black-76 on the VIX future of the same expiry,
    /// never on spot VIX. Multiplier 100.</summary>
    VixOption,

    /// <summary>VIX future (settles with the VIX options of the same Wednesday). Delta 1 per unit of the
    /// future and no other Greeks. Multiplier 1000.</summary>
    VixFuture,
}

/// <summary>An expiry: the date and how it settles.</summary>
/// <param name="Date">Expiry (settlement) date.</param>
/// <param name="Settlement">AM or PM settlement.</param>
public readonly record struct Expiry(DateOnly Date, SettlementStyle Settlement)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Date:yyyy-MM-dd} {(Settlement == SettlementStyle.AmOpen ? "AM" : "PM")}";
}

/// <summary>Facts about each <see cref="Instrument"/>.</summary>
public static class InstrumentInfo
{
    /// <summary>The exchange multiplier: dollars per point per contract.</summary>
    public static double DefaultMultiplier(Instrument instrument) => instrument switch
    {
        Instrument.VixFuture => 1000.0,
        _ => 100.0,
    };

    /// <summary>The usual settlement style: SPXW PM, everything else AM.</summary>
    public static SettlementStyle DefaultSettlement(Instrument instrument) =>
        instrument == Instrument.Spxw ? SettlementStyle.PmClose : SettlementStyle.AmOpen;

    /// <summary>True for SPX and SPXW options (underlying SPX).</summary>
    public static bool IsSpx(Instrument instrument) => instrument is Instrument.Spx or Instrument.Spxw;

    /// <summary>True for VIX options and VIX futures (underlying: the VIX future of the expiry).</summary>
    public static bool IsVix(Instrument instrument) => instrument is Instrument.VixOption or Instrument.VixFuture;

    /// <summary>True for options (everything but the VIX future).</summary>
    public static bool IsOption(Instrument instrument) => instrument != Instrument.VixFuture;

    /// <summary>Short display name: SPX, SPXW, VIX, VX.</summary>
    public static string Symbol(Instrument instrument) => instrument switch
    {
        Instrument.Spx => "SPX",
        Instrument.Spxw => "SPXW",
        Instrument.VixOption => "VIX",
        _ => "VX",
    };
}
