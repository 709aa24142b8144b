using VixShield.Cli;

namespace VixShield.Compute.Tests.Cli;

/// <summary>Runs <c>vixshield</c> in-process with captured standard output and error, in a private temp directory.</summary>
public sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("vixshield-cli-test-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        string path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CliApp.RunAsync(args, output, error, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Files in the sandbox other than the inputs (temporary files left behind would show here).</summary>
    public string[] FilesExcept(params string[] names) =>
        System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).Where(n => !names.Contains(n)).Select(n => n!).Order().ToArray();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>A parsed CSV without quoting (what <c>price</c> writes for plain inputs).</summary>
public sealed class SimpleCsv
{
    public SimpleCsv(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Header = lines[0].TrimEnd('\r').Split(',');
        Rows = lines.Skip(1).Select(l => l.TrimEnd('\r').Split(',')).ToArray();
    }

    public string[] Header { get; }

    public string[][] Rows { get; }

    public string Get(int row, string column) => Rows[row][Array.IndexOf(Header, column)];

    public double Number(int row, string column) => double.Parse(Get(row, column), System.Globalization.CultureInfo.InvariantCulture);
}
