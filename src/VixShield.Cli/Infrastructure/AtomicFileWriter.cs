using System.Text;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Writes a file so that it is either complete or not there: the content goes to a temporary file in the
/// target's directory and is moved over the target only by <see cref="CommitAsync"/>. Disposing without
/// committing (an error, Ctrl+C) deletes the temporary file and leaves any existing target untouched.
/// </summary>
internal sealed class AtomicFileWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFileWriter(string target, string temp, FileStream stream)
    {
        TargetPath = target;
        TempPath = temp;
        _stream = stream;
        Writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>The file that appears on commit.</summary>
    public string TargetPath { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>The raw stream of the temporary file (UTF-8 writers such as CsvHelper's can write here).</summary>
    public Stream Stream => _stream;

    /// <summary>A UTF-8 text writer over <see cref="Stream"/> (flushed on commit).</summary>
    public TextWriter Writer { get; }

    /// <summary>Creates the temporary file next to <paramref name="path"/>.</summary>
    /// <exception cref="CliUserException">When the directory does not exist or cannot be written.</exception>
    public static AtomicFileWriter Create(string path)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new CliUserException($"cannot write '{path}': directory '{dir}' does not exist; create it first or choose another --output.");
        }

        if (Directory.Exists(full))
        {
            throw new CliUserException($"cannot write '{path}': it is a directory; give a file name for --output.");
        }

        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            return new AtomicFileWriter(full, temp, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>Flushes, closes and moves the temporary file over the target.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Move(TempPath, TargetPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(TempPath);
            throw new CliUserException($"cannot write '{TargetPath}': {e.Message}", e);
        }

        _committed = true;
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_committed) return;
        try
        {
            await Writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The temporary file is deleted below either way.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        TryDelete(TempPath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover *.tmp file is harmless and clearly named.
        }
    }
}
