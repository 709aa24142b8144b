namespace VixShield.Cli;

/// <summary>Entry point of the <c>vixshield</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("vixshield: commands arrive with the foundation issue.");
        return args.Length == 0 ? 1 : 1;
    }
}
