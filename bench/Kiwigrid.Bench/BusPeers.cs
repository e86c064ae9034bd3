using System.Diagnostics;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// The bus benchmark's peer bridges in <c>bench/bus</c>: its npm packages (sockjs-node and the Vert.x 3 jars of
/// <c>vertx3-full</c>) installed with <c>npm ci</c> on first use, the Node.js bridge started with node, the Vert.x
/// bridge compiled with javac into <c>bench/Kiwigrid.Bench/bin/vertx</c> and started with java.
/// </summary>
internal static class BusPeers
{
    /// <summary>The Vert.x jars the bridge needs, from <c>vertx3-full</c>'s <c>vertx/lib</c>.</summary>
    private static readonly string[] VertxJarPrefixes =
        ["vertx-core-", "vertx-web-3", "vertx-web-common-", "vertx-auth-common-", "vertx-bridge-common-", "netty-", "jackson-"];

    private static string Folder => Path.Combine(RepoPaths.Root, "bench", "bus");

    public static async Task<BusPeerProcess> StartNodeAsync()
    {
        await EnsureInstalledAsync();
        return await BusPeerProcess.StartAsync("node", Folder, ["bus-bridge.js", BusTokenSecret.Hex]);
    }

    /// <exception cref="InvalidOperationException">Java is missing or the bridge does not compile or start; the message says why.</exception>
    public static async Task<BusPeerProcess> StartVertxAsync()
    {
        await EnsureInstalledAsync();
        var lib = Path.Combine(Folder, "node_modules", "vertx3-full", "vertx", "lib");
        var jars = Directory.GetFiles(lib, "*.jar")
            .Where(jar => VertxJarPrefixes.Any(prefix => Path.GetFileName(jar).StartsWith(prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var classes = Path.Combine(RepoPaths.Root, "bench", "Kiwigrid.Bench", "bin", "vertx");
        Directory.CreateDirectory(classes);
        var classPath = string.Join(Path.PathSeparator, jars);
        var (exitCode, output) = await RunAsync("javac", ["-d", classes, "-cp", classPath, "BusBridge.java"]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("javac could not compile bench/bus/BusBridge.java: " + output.Trim());
        }

        return await BusPeerProcess.StartAsync("java", Folder, ["-cp", classPath + Path.PathSeparator + classes, "BusBridge", BusTokenSecret.Hex]);
    }

    private static async Task EnsureInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            return;
        }

        var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("npm ci in bench/bus failed: " + output.Trim().Split('\n')[^1]);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, $"there is no {file} on this machine");
        }
    }
}
