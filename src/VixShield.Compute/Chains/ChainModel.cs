using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Time;

namespace VixShield.Compute.Chains;

/// <summary>One quoted option of a chain, as an exchange or vendor download gives it.</summary>
/// <param name="Root">Option root (SPX, SPXW, VIX): with <paramref name="Expiry"/> it fixes the settlement instant.</param>
/// <param name="Expiry">Expiry date (the trading day the option settles on).</param>
/// <param name="Kind">Call or put.</param>
/// <param name="Strike">Strike.</param>
/// <param name="Bid">Bid (NaN or 0 when there is none).</param>
/// <param name="Ask">Ask (NaN or 0 when there is none).</param>
/// <param name="Underlying">Forward of the expiry when known (the VIX future of a VIX expiry); NaN to imply it from put-call parity.</param>
public readonly record struct ChainQuote(OptionRoot Root, DateOnly Expiry, OptionKind Kind, double Strike, double Bid, double Ask, double Underlying = double.NaN);

/// <summary>What became of one quote.</summary>
public enum ChainQuoteStatus : byte
{
    /// <summary>Mid, implied vols and Greeks computed.</summary>
    Ok = 0,

    /// <summary>No bid (empty or 0): no mid; the ask's implied vol only.</summary>
    NoBid = 1,

    /// <summary>No ask (empty or 0): no mid; the bid's implied vol only.</summary>
    NoAsk = 2,

    /// <summary>Bid above ask: no mid, no vols.</summary>
    Crossed = 3,

    /// <summary>Mid below the discounted intrinsic value D·max(±(F-K), 0): no vol.</summary>
    BelowIntrinsic = 4,

    /// <summary>Mid above the option's maximum (D·F for a call, D·K for a put): no vol.</summary>
    AboveMaximum = 5,

    /// <summary>The implied-vol solver did not converge.</summary>
    NotConverged = 6,

    /// <summary>The expiry has settled (time to settlement ≤ 0) or is not a trading day: see its <see cref="ChainExpiry.Status"/>.</summary>
    Settled = 7,

    /// <summary>The expiry has no forward or discount factor (too few call/put pairs for parity): see its <see cref="ChainExpiry.Status"/>.</summary>
    NoForward = 8,

    /// <summary>Strike not finite and positive, or a negative or non-finite bid or ask.</summary>
    InvalidQuote = 9,
}

/// <summary>What became of one expiry (one root and expiry date).</summary>
public enum ChainExpiryStatus : byte
{
    /// <summary>Forward and discount factor implied; rows priced.</summary>
    Ok = 0,

    /// <summary>Fewer usable call/put pairs than <see cref="ChainOptions.MinimumParityPairs"/>: no forward, rows <see cref="ChainQuoteStatus.NoForward"/>.</summary>
    TooFewPairs = 1,

    /// <summary>The parity fit failed (e.g. the quotes imply no positive forward and discount): rows <see cref="ChainQuoteStatus.NoForward"/>.</summary>
    ParityFailed = 2,

    /// <summary>Settled at or before the valuation instant: rows <see cref="ChainQuoteStatus.Settled"/>.</summary>
    Settled = 3,

    /// <summary>The expiry date is not an exchange trading day, so nothing settles then: rows <see cref="ChainQuoteStatus.Settled"/>.</summary>
    NotTradingDay = 4,
}

/// <summary>Settings of <see cref="ChainAnalyzer"/>.</summary>
public sealed record ChainOptions
{
    /// <summary>Defaults: 12 near-the-money pairs, at least 3, the calendar clock, no surface fit.</summary>
    public static ChainOptions Default { get; } = new();

    /// <summary>Year-fraction clock from the valuation instant to settlement; null for ACT/365 calendar time.</summary>
    public IYearFractionClock? Clock { get; init; }

    /// <summary>How many call/put pairs nearest the money (around the strike where |C - P| is smallest) enter the parity fit; default 12.</summary>
    public int ParityPairs { get; init; } = 12;

    /// <summary>An expiry with fewer usable pairs than this gets <see cref="ChainExpiryStatus.TooFewPairs"/>; default 3 (at least 2).</summary>
    public int MinimumParityPairs { get; init; } = 3;

    /// <summary>Robust rejection and conversion/reversal tolerance of the parity fit.</summary>
    public ParityOptions Parity { get; init; } = ParityOptions.Default;

    /// <summary>Threads and chunking of the bulk implied-vol solver; null for all cores.</summary>
    public ImpliedVolOptions? ImpliedVol { get; init; }

    /// <summary>Fit one raw SVI slice per expiry to the out-of-the-money mid vols (default false).</summary>
    public bool FitSurface { get; init; }

    /// <summary>Bounds of the SVI fit; null for defaults.</summary>
    public SviFitOptions? Svi { get; init; }

    /// <summary>Most smile points one SVI fit uses (default 120): a denser smile is thinned evenly across strikes, since five
    /// parameters gain nothing from 1,000 quotes while the calibrator's cost grows with each.</summary>
    public int MaxFitQuotes { get; init; } = 120;

    /// <summary>Floor of the bid/ask vol spread in the fit weights 1/spread² (per 1.00 vol), so one-tick-wide quotes do not dominate; default 0.0005.</summary>
    public double MinimumVolSpread { get; init; } = 0.0005;
}

/// <summary>The smile of one expiry on the out-of-the-money side (puts below the forward, calls at and above it), by strike: what a smile plot draws.</summary>
/// <param name="Strikes">Strikes, ascending.</param>
/// <param name="Kinds">The side quoted at each strike.</param>
/// <param name="Rows">The chain row of each point.</param>
/// <param name="BidVols">Implied vol of the bid (NaN without one).</param>
/// <param name="MidVols">Implied vol of the mid.</param>
/// <param name="AskVols">Implied vol of the ask.</param>
public sealed record ChainSmile(double[] Strikes, OptionKind[] Kinds, int[] Rows, double[] BidVols, double[] MidVols, double[] AskVols)
{
    /// <summary>Number of points.</summary>
    public int Count => Strikes.Length;
}

/// <summary>One expiry of the chain: settlement, forward and discount, parity residuals, smile and (optionally) its SVI slice.</summary>
/// <param name="Root">Option root.</param>
/// <param name="Expiry">Expiry date.</param>
/// <param name="Settlement">Settlement instant (09:30 New York for AM, the close for PM roots).</param>
/// <param name="Time">Time to settlement in years on the options' clock.</param>
/// <param name="Status">What became of the expiry.</param>
/// <param name="Message">Why, when not <see cref="ChainExpiryStatus.Ok"/> (or why the SVI fit failed).</param>
/// <param name="Forward">The forward the rows are priced off (NaN without one).</param>
/// <param name="DiscountFactor">The discount factor to settlement (NaN without one).</param>
/// <param name="ForwardFromUnderlying">True when the forward is the quotes' underlying column (a VIX future), false when implied by parity.</param>
/// <param name="Parity">The parity fit of the near-the-money pairs with its per-pair residuals (null when it could not run).</param>
/// <param name="Rows">Chain rows of this expiry, in input order.</param>
/// <param name="Smile">Out-of-the-money bid/mid/ask vols by strike (empty without a forward).</param>
/// <param name="Fit">The SVI slice fitted to the smile, when <see cref="ChainOptions.FitSurface"/> and the fit succeeded.</param>
public sealed record ChainExpiry(OptionRoot Root, DateOnly Expiry, DateTimeOffset Settlement, double Time, ChainExpiryStatus Status, string? Message,
    double Forward, double DiscountFactor, bool ForwardFromUnderlying, ImpliedForward? Parity, int[] Rows, ChainSmile Smile, SviFitResult? Fit)
{
    /// <summary>The continuously compounded rate -ln(D)/T implied by the discount factor.</summary>
    public double Rate => -Math.Log(DiscountFactor) / Time;

    /// <summary>A readable label such as "SPXW 2022-07-15".</summary>
    public string Label => $"{Root.ToString().ToUpperInvariant()} {Expiry:yyyy-MM-dd}";
}

/// <summary>Everything <see cref="ChainAnalyzer.Analyze"/> computed, per row (arrays indexed like the input quotes) and per expiry.</summary>
public sealed class ChainResult
{
    internal ChainResult(int count)
    {
        Status = new ChainQuoteStatus[count];
        ExpiryIndex = new int[count];
        Time = new double[count];
        Forward = new double[count];
        DiscountFactor = new double[count];
        Mid = new double[count];
        BidVol = new double[count];
        MidVol = new double[count];
        AskVol = new double[count];
        Greeks = new GreeksBuffer<double>(Math.Max(count, 1), Greek.All);
    }

    /// <summary>Number of rows.</summary>
    public int Count => Status.Length;

    /// <summary>Status per row.</summary>
    public ChainQuoteStatus[] Status { get; }

    /// <summary>Index into <see cref="Expiries"/> per row.</summary>
    public int[] ExpiryIndex { get; }

    /// <summary>Time to settlement in years per row.</summary>
    public double[] Time { get; }

    /// <summary>Forward per row (its expiry's).</summary>
    public double[] Forward { get; }

    /// <summary>Discount factor per row (its expiry's).</summary>
    public double[] DiscountFactor { get; }

    /// <summary>(bid + ask) / 2 per row, NaN without a two-sided, uncrossed market.</summary>
    public double[] Mid { get; }

    /// <summary>Implied vol of the bid per row.</summary>
    public double[] BidVol { get; }

    /// <summary>Implied vol of the mid per row (the vol of the Greeks).</summary>
    public double[] MidVol { get; }

    /// <summary>Implied vol of the ask per row.</summary>
    public double[] AskVol { get; }

    /// <summary>Price and Greeks per row (Black-76 on the expiry's forward and discount at the mid vol; raw units; NaN unless Ok).</summary>
    public GreeksBuffer<double> Greeks { get; }

    /// <summary>The expiries, ordered by settlement instant then root.</summary>
    public IReadOnlyList<ChainExpiry> Expiries { get; internal set; } = [];

    /// <summary>The engine that computed the Greeks.</summary>
    public EngineInfo? Engine { get; internal set; }

    /// <summary>Rows with <see cref="ChainQuoteStatus.Ok"/>.</summary>
    public int OkCount { get; internal set; }
}
