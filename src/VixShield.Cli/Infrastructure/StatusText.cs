using VixShield.Compute;

namespace VixShield.Cli.Infrastructure;

/// <summary>The machine names of <see cref="OptionStatus"/> values, as written in CSV output (snake_case).</summary>
internal static class StatusText
{
    /// <summary>ok, invalid_kind, invalid_model, invalid_underlying, invalid_strike, invalid_time, invalid_vol, invalid_rate, invalid_dividend, out_of_range.</summary>
    public static string Name(OptionStatus status) => status switch
    {
        OptionStatus.Ok => "ok",
        OptionStatus.InvalidKind => "invalid_kind",
        OptionStatus.InvalidModel => "invalid_model",
        OptionStatus.InvalidUnderlying => "invalid_underlying",
        OptionStatus.InvalidStrike => "invalid_strike",
        OptionStatus.InvalidTime => "invalid_time",
        OptionStatus.InvalidVol => "invalid_vol",
        OptionStatus.InvalidRate => "invalid_rate",
        OptionStatus.InvalidDividend => "invalid_dividend",
        OptionStatus.OutOfRange => "out_of_range",
        _ => "invalid_" + status.ToString().ToLowerInvariant(),
    };
}
