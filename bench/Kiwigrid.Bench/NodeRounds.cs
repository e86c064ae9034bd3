using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kiwigrid.Testing;

namespace Kiwigrid.Bench;

/// <summary>
/// A Node.js side of benchmark 1 (<c>bench/node/decode.js</c>, <c>hems.js</c>) kept running for one row, so that its
/// measured rounds take turns with the client's (the protocol is in <c>bench/node/rounds.js</c>).
/// </summary>
internal sealed class NodeRounds : IAsyncDisposable
{
    private static readonly TimeSpan ReplyLimit = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly string _script;

    private NodeRounds(Process process, string script)
    {
        _process = process;
        _script = script;
    }

    /// <summary>Starts <c>node bench/node/script file mode</c> and waits until it has warmed up.</summary>
    public static async Task<NodeRounds> StartAsync(string script, string file, string mode)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "bench", "node", script));
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(mode);
        var node = new NodeRounds(Process.Start(info)!, script);
        using var ready = await node.ReadReplyAsync();
        return node;
    }

    /// <summary>One measured round of <paramref name="length"/>: messages per second.</summary>
    public async Task<double> RoundAsync(TimeSpan length)
    {
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"round {length.TotalSeconds}"));
        using var reply = await ReadReplyAsync();
        return reply.RootElement.GetProperty("messagesPerSecond").GetDouble();
    }

    /// <summary>What one run of the work read, to compare with the client's.</summary>
    public async Task<T> TallyAsync<T>()
    {
        await _process.StandardInput.WriteLineAsync("tally");
        using var reply = await ReadReplyAsync();
        return reply.RootElement.GetProperty("tally").Deserialize<T>()!;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(ReplyLimit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task<JsonDocument> ReadReplyAsync()
    {
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(ReplyLimit);
        if (line is null)
        {
            var error = await _process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"bench/node/{_script} ended:\n{error}");
        }

        return JsonDocument.Parse(line);
    }
}
