using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Writes a command's output file. A regular file (or a new one) is either complete or not there: the content goes to
/// a temporary file in the target's directory and is moved over the target only by <see cref="CommitAsync"/>;
/// disposing without committing (an error, Ctrl+C, SIGTERM) deletes the temporary file and leaves any existing target
/// untouched. A symbolic link is followed (its final target is replaced, the link stays), and an existing file keeps
/// its permissions. A target that is not a regular file (<c>/dev/null</c>, <c>/dev/stdout</c>, a FIFO, a terminal)
/// cannot be replaced atomically and must not be replaced at all, so it is written through: it receives the output
/// as it is produced.
/// </summary>
internal sealed class AtomicFileWriter : IAsyncDisposable
{
    /// <summary>Temporary files not yet committed or deleted, for a process that must exit without unwinding (a signal).</summary>
    private static readonly ConcurrentDictionary<string, byte> LiveTemps = new(StringComparer.Ordinal);

    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFileWriter(string target, string? temp, FileStream stream)
    {
        TargetPath = target;
        TempPath = temp;
        _stream = stream;
        Writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>The file that appears on commit (for a symbolic link: its final target).</summary>
    public string TargetPath { get; }

    /// <summary>The temporary file being written, or null when writing through to a non-regular file.</summary>
    public string? TempPath { get; }

    /// <summary>Whether the output goes straight to a device, FIFO or terminal (not atomic: there is nothing to rename).</summary>
    public bool WritesThrough => TempPath is null;

    /// <summary>The raw stream being written (UTF-8 writers such as CsvHelper's can write here).</summary>
    public Stream Stream => _stream;

    /// <summary>A UTF-8 text writer over <see cref="Stream"/> (flushed on commit).</summary>
    public TextWriter Writer { get; }

    /// <summary>
    /// Refuses an output that is one of the command's inputs (after following symbolic links): it would be replaced while
    /// it is read. Commands call this before reading anything.
    /// </summary>
    /// <param name="output">The --output path (null or "-": standard output, always fine).</param>
    /// <param name="inputs">The command's input files.</param>
    /// <exception cref="CliUserException">Exit 2, naming both.</exception>
    public static void EnsureNotAnInput(string? output, params ReadOnlySpan<string?> inputs)
    {
        if (string.IsNullOrEmpty(output) || output == "-") return;
        foreach (string? input in inputs)
        {
            if (!string.IsNullOrEmpty(input) && input != "-" && SameFile(output, input))
            {
                throw new CliUserException(
                    $"--output '{output}' is also an input of this command ('{input}'); write to another file and rename it afterwards.",
                    ExitCodes.UsageError);
            }
        }
    }

    /// <summary>Opens the output <paramref name="path"/>: a temporary file next to its (final) target, or the non-regular file itself.</summary>
    /// <param name="path">The output path as the user gave it.</param>
    /// <exception cref="CliUserException">When the directory does not exist or cannot be written, or the path is a directory.</exception>
    public static AtomicFileWriter Create(string path)
    {
        FileKind kind = KindOf(path);
        if (kind == FileKind.Directory)
        {
            throw new CliUserException($"cannot write '{path}': it is a directory; give a file name for --output.", ExitCodes.UsageError);
        }

        try
        {
            if (kind == FileKind.Other)
            {
                // Open the path itself, not a resolved name: /dev/stdout -> /proc/self/fd/1 -> "pipe:[...]" only works that way.
                // Append: where the stream leads to a file ("> out.csv" or ">> log.csv"), write after what is there.
                var through = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1 << 16, FileOptions.None);
                return new AtomicFileWriter(path, null, through);
            }

            string full = FinalTarget(path);
            string dir = Path.GetDirectoryName(full) ?? ".";
            if (!Directory.Exists(dir))
            {
                throw new CliUserException($"cannot write '{path}': directory '{dir}' does not exist; create it first or choose another --output.");
            }

            string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            if (!OperatingSystem.IsWindows() && File.Exists(full))
            {
                // The replacement keeps the replaced file's permissions (0600 stays 0600).
                File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(full));
            }

            LiveTemps[temp] = 0;
            return new AtomicFileWriter(full, temp, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>Flushes and closes; for a regular file, moves the temporary file over the target.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (TempPath is null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _committed = true;
            return;
        }

        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Move(TempPath, TargetPath, overwrite: true);
            LiveTemps.TryRemove(TempPath, out _);
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

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A closed pipe reader: nothing more can be written there anyway.
        }

        if (TempPath is not null) TryDelete(TempPath);
    }

    /// <summary>Whether two paths name the same file (after following symbolic links).</summary>
    internal static bool SameFile(string a, string b)
    {
        StringComparison cmp = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(FinalTarget(a), FinalTarget(b), cmp);
    }

    /// <summary>The full path a write to <paramref name="path"/> lands on: symbolic links followed to their final target (which may not exist yet).</summary>
    private static string FinalTarget(string path)
    {
        string full = Path.GetFullPath(path);
        for (int hops = 0; hops < 40; hops++)
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not { } link) return full;
            full = Path.GetFullPath(link, Path.GetDirectoryName(full) ?? ".");
        }

        throw new CliUserException($"cannot write '{path}': too many levels of symbolic links.");
    }

    private enum FileKind
    {
        Missing,
        Regular,
        Directory,
        Other,
    }

    /// <summary>What <paramref name="path"/> is, following symbolic links.</summary>
    private static FileKind KindOf(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (OperatingSystem.IsWindows()) return File.Exists(path) ? FileKind.Regular : FileKind.Missing;

        // /dev/stdout, /dev/fd/N, /proc/self/fd/N name an open stream even when it leads to a regular file
        // ("> out.csv", ">> log.csv"): write to that stream, never replace the file behind it.
        string full = Path.GetFullPath(path);
        if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal)) return File.Exists(full) ? FileKind.Other : FileKind.Missing;

        // The BCL says whether a path is a directory or a link but not whether it is a device or a FIFO; the runtime's
        // own System.Native stat does (its FileStatus starts with Flags, Mode on every Unix, S_IF* bits normalised).
        if (NativeStat.Stat(path, out NativeStat.FileStatusPrefix st) != 0) return FileKind.Missing;
        return (st.Mode & NativeStat.TypeMask) switch
        {
            NativeStat.Regular => FileKind.Regular,
            NativeStat.DirectoryType => FileKind.Directory,
            _ => FileKind.Other,
        };
    }

    /// <summary>Deletes every temporary file still being written (Program calls this before a forced exit on a signal).</summary>
    internal static void DeleteLiveTemporaryFiles()
    {
        foreach (string temp in LiveTemps.Keys) TryDelete(temp);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            LiveTemps.TryRemove(path, out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover *.tmp file is harmless and clearly named.
        }
    }

    /// <summary>stat(2) through the runtime's System.Native library (file type only).</summary>
    private static class NativeStat
    {
        public const int TypeMask = 0xF000;
        public const int Regular = 0x8000;
        public const int DirectoryType = 0x4000;

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; one call per command does not matter.
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatusPrefix output);
#pragma warning restore SYSLIB1054

        /// <summary>The start of System.Native's FileStatus; the rest of the struct is reserved space (it is ~130 bytes).</summary>
        [StructLayout(LayoutKind.Sequential, Size = 512)]
        public struct FileStatusPrefix
        {
            public int Flags;
            public int Mode;
        }
    }
}
