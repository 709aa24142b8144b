namespace VixShield.Compute.Book.Rules;

/// <summary>The ALVH rules (DOMAIN.md, numbered as there).</summary>
public enum BookRule
{
    /// <summary>1: normalised delta outside the band.</summary>
    DeltaBand = 1,

    /// <summary>2: VIX hedge size from the down-shock scenario.</summary>
    HedgeSizing = 2,

    /// <summary>3: book gamma negative but bounded.</summary>
    GammaBound = 3,

    /// <summary>4: several layers near a break-even at once.</summary>
    BreakEvenProximity = 4,

    /// <summary>5: MACD/RSI signals for a new layer.</summary>
    NewLayerSignal = 5,

    /// <summary>6: rho and the ±25 bp rate shock.</summary>
    RateShock = 6,

    /// <summary>7: theta per unit of margin against the hurdle rate.</summary>
    ThetaYield = 7,

    /// <summary>8: put-call parity of input quotes.</summary>
    QuoteParity = 8,
}

/// <summary>What a finding proposes.</summary>
public enum ActionKind
{
    /// <summary>Switch the hedge layer on.</summary>
    ActivateHedge,

    /// <summary>Set the hedge layer's size.</summary>
    SizeHedge,

    /// <summary>Reduce layers by a fraction (not close them).</summary>
    ReduceSize,

    /// <summary>Open a new premium layer of the given type.</summary>
    AddLayer,

    /// <summary>Rebalance the premium layers (the hedge would not help).</summary>
    RebalancePremium,

    /// <summary>Check a layer.</summary>
    ReviewLayer,

    /// <summary>Check quotes before using them.</summary>
    ReviewQuotes,
}

/// <summary>An action a rule proposes. The rule engine never changes the book.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Target">Which layer(s), e.g. "hedge" or "L3, L4".</param>
/// <param name="Description">Readable instruction.</param>
/// <param name="Numbers">The numbers of the action (quantities, fractions).</param>
public sealed record ProposedAction(ActionKind Kind, string Target, string Description, IReadOnlyDictionary<string, double> Numbers);

/// <summary>One rule's finding: whether it triggered, its numbers and its proposed action.</summary>
/// <param name="Rule">The rule that produced it.</param>
/// <param name="Triggered">True when the rule's threshold was crossed.</param>
/// <param name="Message">Readable summary with the numbers.</param>
/// <param name="Numbers">The figures the rule used, by name.</param>
/// <param name="Action">What it proposes, if anything.</param>
public sealed record RuleFinding(BookRule Rule, bool Triggered, string Message, IReadOnlyDictionary<string, double> Numbers, ProposedAction? Action = null)
{
    /// <summary>"1 delta band" style label.</summary>
    public string RuleName => $"{(int)Rule} {Rule switch
    {
        BookRule.DeltaBand => "delta band",
        BookRule.HedgeSizing => "hedge sizing",
        BookRule.GammaBound => "gamma bound",
        BookRule.BreakEvenProximity => "break-even proximity",
        BookRule.NewLayerSignal => "new-layer signal",
        BookRule.RateShock => "rate shock",
        BookRule.ThetaYield => "theta yield",
        _ => "quote parity",
    }}";
}
