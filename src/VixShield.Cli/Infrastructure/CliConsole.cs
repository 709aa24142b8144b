using Spectre.Console;

namespace VixShield.Cli.Infrastructure;

/// <summary>The Spectre.Console every command writes its tables to: colours only on a terminal, never ANSI codes in a
/// redirected output, and a fixed width when redirected so that files and tests see whole rows.</summary>
internal static class CliConsole
{
    /// <summary>A console on <see cref="CliContext.Out"/>, at least <paramref name="width"/> columns wide.</summary>
    public static IAnsiConsole Create(CliContext context, int width, bool interactive = false)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = context.OutIsConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.OutIsConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(context.Out),
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!context.OutIsConsole || console.Profile.Width < width) console.Profile.Width = width;
        return console;
    }
}
