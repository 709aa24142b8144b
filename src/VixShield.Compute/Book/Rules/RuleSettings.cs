namespace VixShield.Compute.Book.Rules;

/// <summary>Every threshold of the ALVH rules, with the defaults of DOMAIN.md (kernels-docs/book.md explains each).</summary>
public sealed record RuleSettings
{
    /// <summary>Rule 1: the band on the book's normalised delta (per spread unit): ±0.15.</summary>
    public double DeltaBand { get; init; } = 0.15;

    /// <summary>Rule 2: SPX move of the down-shock scenario: -5 %.</summary>
    public double ShockSpotMove { get; init; } = -0.05;

    /// <summary>Rule 2: skew steepening of the down-shock (added vol per unit of -ln(K/F)); the ATM SPX vol rises by the
    /// front VIX future's move in points / 100.</summary>
    public double ShockSkewSteepening { get; init; } = 0.10;

    /// <summary>Rule 2: the share of the premium layers' down-shock loss the hedge must offset: 50 %.</summary>
    public double HedgeTargetShare { get; init; } = 0.50;

    /// <summary>Rule 2: when the book has no hedge layer, the default hedge is a VIX call on the first VIX future at least
    /// this many days out...</summary>
    public double DefaultHedgeMinDays { get; init; } = 30;

    /// <summary>Rule 2: ...struck this fraction above that future (rounded up to a whole point).</summary>
    public double DefaultHedgeStrikeOffset { get; init; } = 0.10;

    /// <summary>Rule 3: the most negative normalised gamma allowed: the normalised delta may move by at most 0.10 for a 1 % SPX move.</summary>
    public double GammaBound { get; init; } = 0.10;

    /// <summary>Rule 4: a layer is near a break-even when spot is within this fraction of spot of its nearest at-expiry break-even: 1 %.</summary>
    public double BreakEvenDistance { get; init; } = 0.01;

    /// <summary>Rule 4: how many layers near a break-even at once trigger a reduction: 2.</summary>
    public int BreakEvenLayerCount { get; init; } = 2;

    /// <summary>Rule 3 and 4: the fraction of each near layer to close (a third), not the whole layer.</summary>
    public double ReductionFraction { get; init; } = 1.0 / 3.0;

    /// <summary>Rule 5: MACD periods (12, 26, 9).</summary>
    public (int Fast, int Slow, int Signal) Macd { get; init; } = (12, 26, 9);

    /// <summary>Rule 5: the VIX MACD histogram is compressing when |histogram| fell on each of the last this many days.</summary>
    public int MacdCompressionDays { get; init; } = 3;

    /// <summary>Rule 5: RSI period (14).</summary>
    public int RsiPeriod { get; init; } = 14;

    /// <summary>Rule 5: front VIX future RSI below this...</summary>
    public double VixRsiBelow { get; init; } = 35;

    /// <summary>Rule 5: ...while SPX RSI is above this favours a put spread skewed toward lower delta over an iron condor.</summary>
    public double SpxRsiAbove { get; init; } = 60;

    /// <summary>Rule 6: the rate shock, ±25 bp.</summary>
    public double RateShock { get; init; } = 0.0025;

    /// <summary>Rule 6: flag when the rate shock loses more than this share of the book's margin: 1 %.</summary>
    public double RateShockLossLimit { get; init; } = 0.01;

    /// <summary>Rule 7: the hurdle rate (cost of capital, annual): a premium layer's theta per unit of margin, annualised ×365, below it is flagged: 5 %.</summary>
    public double HurdleRate { get; init; } = 0.05;

    /// <summary>Rule 8: |(C - P) - e^{-rt}(F - K)| above this many index points flags a quote pair: 0.50.</summary>
    public double ParityTolerance { get; init; } = 0.50;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">Naming the first setting out of range.</exception>
    public void Validate()
    {
        Require(DeltaBand > 0, nameof(DeltaBand), "positive");
        Require(ShockSpotMove is < 0 and > -1, nameof(ShockSpotMove), "a fall in (-1, 0), e.g. -0.05");
        Require(HedgeTargetShare is > 0 and <= 1, nameof(HedgeTargetShare), "in (0, 1]");
        Require(GammaBound > 0, nameof(GammaBound), "positive");
        Require(BreakEvenDistance > 0, nameof(BreakEvenDistance), "positive");
        Require(BreakEvenLayerCount >= 1, nameof(BreakEvenLayerCount), "at least 1");
        Require(ReductionFraction is > 0 and < 1, nameof(ReductionFraction), "in (0, 1)");
        Require(Macd.Fast > 0 && Macd.Fast < Macd.Slow && Macd.Signal > 0, nameof(Macd), "0 < fast < slow, signal > 0");
        Require(MacdCompressionDays >= 1, nameof(MacdCompressionDays), "at least 1");
        Require(RsiPeriod >= 1, nameof(RsiPeriod), "at least 1");
        Require(RateShock > 0, nameof(RateShock), "positive");
        Require(ParityTolerance > 0, nameof(ParityTolerance), "positive");
    }

    private static void Require(bool ok, string name, string what)
    {
        if (!ok) throw new ArgumentException($"Rule setting {name} must be {what}.", name);
    }
}
