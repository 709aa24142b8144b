using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VixShield.Compute.Tests.Cluster;

/// <summary>
/// A real cluster on loopback: a private redis-server on a free port and silo processes of the built CLI
/// (<c>dotnet vixshield.dll silo</c>), all stopped (killed if need be) on dispose. redis-server comes from the
/// machine (<c>.ci/run</c> installs Debian's package when it is missing).
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("vixshield-cluster-").FullName;

    public ClusterFixture()
    {
        string redis = FindRedisServer();
        RedisPort = FreePort();
        Redis = $"127.0.0.1:{RedisPort}";
        RedisProcess = Start(redis, ["--port", RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir], "redis");
        WaitForPort(RedisPort, TimeSpan.FromSeconds(10));
    }

    public int RedisPort { get; }

    public string Redis { get; }

    public Process RedisProcess { get; }

    /// <summary>The built CLI next to the test assembly.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "vixshield.dll");

    /// <summary>Starts a silo and waits until it has joined (its "joined cluster" line), or fails with its output.</summary>
    public SiloProcess StartSilo(string clusterId = "vixshield")
    {
        int port = FreePort(), gateway = FreePort();
        var output = new StringBuilder();
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process p = Start("dotnet", [CliDll, "silo", "--redis", Redis, "--cluster-id", clusterId, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", gateway.ToString(System.Globalization.CultureInfo.InvariantCulture), "--engine", "simd"], "silo", line =>
        {
            lock (output) output.AppendLine(line);
            if (line.Contains("joined cluster", StringComparison.Ordinal)) joined.TrySetResult();
        });
        if (!joined.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            lock (output) throw new InvalidOperationException($"The silo did not join within 60 s:\n{output}");
        }

        return new SiloProcess(p, port, gateway, output);
    }

    public void Dispose()
    {
        foreach (Process p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
            }

            p.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A port that was free a moment ago (the OS picks it; the loopback listener is closed at once).</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string FindRedisServer()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/sbin"))
        {
            string path = Path.Combine(dir, "redis-server");
            if (File.Exists(path)) return path;
        }

        throw new InvalidOperationException("redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this when it is missing).");
    }

    private static void WaitForPort(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
        }
    }

    private Process Start(string file, string[] args, string name, Action<string>? onLine = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name} ({file})");
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        lock (_processes) _processes.Add(p);
        return p;
    }
}

/// <summary>One silo process.</summary>
public sealed record SiloProcess(Process Process, int Port, int GatewayPort, StringBuilder Output)
{
    public string Log
    {
        get
        {
            lock (Output) return Output.ToString();
        }
    }
}
