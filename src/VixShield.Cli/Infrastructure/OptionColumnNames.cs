using VixShield.Compute;

namespace VixShield.Cli.Infrastructure;

/// <summary>The spellings the CSV commands accept for the <c>kind</c> and <c>model</c> columns (one place for all).</summary>
internal static class OptionColumnNames
{
    /// <summary>call | put.</summary>
    public static readonly IReadOnlyDictionary<string, OptionKind> Kinds = new Dictionary<string, OptionKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = OptionKind.Call,
        ["put"] = OptionKind.Put,
    };

    /// <summary>bsm | black76.</summary>
    public static readonly IReadOnlyDictionary<string, PricingModel> Models = new Dictionary<string, PricingModel>(StringComparer.OrdinalIgnoreCase)
    {
        ["bsm"] = PricingModel.BlackScholesMerton,
        ["black76"] = PricingModel.Black76,
    };
}
