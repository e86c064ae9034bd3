using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// A loopback TCP proxy between client and emulator that misbehaves on request: holds back the server's bytes,
/// forwards one byte at a time, cuts the connection at the client's next bytes, slips extra bytes to the client, or
/// meets chosen event-bus requests with a <see cref="BusFault"/> (the server's reply replaced, or the connection cut
/// while the request waits). Of HTTP it knows only where a head ends; of the event bus, the WebSocket frames and the
/// SockJS messages inside them.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Action, BusFault Fault)> _busFaults = new();

    // Reply addresses of faulted requests, and what the client gets instead of the server's reply.
    private readonly ConcurrentDictionary<string, BusFault> _replacedReplies = new(StringComparer.Ordinal);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];
    private TaskCompletionSource _forwarding = NewOpenGate();
    private volatile bool _cutOnNextClientBytes;

    public FaultProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Loopback, upstream.Port);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>Where the client connects instead of the emulator.</summary>
    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Forward every chunk one byte per write, both ways, so every read on either side ends at every byte.</summary>
    public bool ByteByByte { get; set; }

    /// <summary>Stop passing the server's bytes to the client (they wait in the proxy) until <see cref="Release"/>.</summary>
    public void Hold() => Interlocked.Exchange(ref _forwarding, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release() => Volatile.Read(ref _forwarding).TrySetResult();

    /// <summary>The next bytes any client sends are not forwarded: both sides of that connection are reset instead.</summary>
    public void CutOnNextClientBytes() => _cutOnNextClientBytes = true;

    /// <summary>Whether <see cref="CutOnNextClientBytes"/> still waits for the client's next bytes.</summary>
    public bool CutPending => _cutOnNextClientBytes;

    /// <summary>
    /// The next event-bus requests (<c>send</c>) whose body's <c>action</c> is <paramref name="action"/> meet
    /// <paramref name="faults"/>, one each, in order, on whichever connection they come; later ones pass as usual.
    /// </summary>
    public void FaultNextRequests(string action, params BusFault[] faults)
    {
        foreach (var fault in faults)
        {
            _busFaults.Enqueue((action, fault));
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to the client end of the event-bus connection, between the server's frames.</summary>
    public async Task InjectIntoBusAsync(byte[] bytes)
    {
        Link bus;
        lock (_links)
        {
            bus = _links.Last(link => link.IsBus);
        }

        await bus.WriteToClientAsync(bytes, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_links)
        {
            foreach (var link in _links)
            {
                link.Dispose();
            }
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                client.Close(0);
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            lock (_links)
            {
                _links.Add(link);
            }

            _ = PumpAsync(link, fromClient: true);
            _ = PumpAsync(link, fromClient: false);
        }
    }

    private async Task PumpAsync(Link link, bool fromClient)
    {
        var source = fromClient ? link.Client : link.Server;
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await source.ReceiveAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    link.Reset();
                    return;
                }

                if (fromClient)
                {
                    link.SawClientBytes(buffer.AsSpan(0, read));
                    if (_cutOnNextClientBytes)
                    {
                        _cutOnNextClientBytes = false;
                        link.Reset();
                        return;
                    }

                    var outgoing = link.IsBus ? link.FromClient.Feed(buffer.AsSpan(0, read)) : [buffer.AsSpan(0, read).ToArray()];
                    foreach (var unit in outgoing)
                    {
                        if (CutsRequest(unit))
                        {
                            link.Reset();
                            return;
                        }

                        await ForwardAsync(unit, chunk => link.Server.SendAsync(chunk, _stop.Token));
                    }
                }
                else
                {
                    var incoming = link.IsBus ? link.FromServer.Feed(buffer.AsSpan(0, read)) : [buffer.AsSpan(0, read).ToArray()];
                    await Volatile.Read(ref _forwarding).Task.WaitAsync(_stop.Token);
                    foreach (var unit in incoming)
                    {
                        var (bytes, replaced) = ReplaceReplies(unit);
                        await ForwardAsync(bytes, chunk => link.WriteToClientAsync(chunk, _stop.Token));
                        foreach (var fault in replaced)
                        {
                            fault.MarkApplied();
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            link.Reset();
        }
    }

    /// <summary>
    /// Looks at one whole client frame for requests that meet a fault: true when the connection is to be cut before the
    /// frame reaches the server; for a replaced reply, notes the request's reply address.
    /// </summary>
    private bool CutsRequest(byte[] unit)
    {
        if (_busFaults.IsEmpty || WebSocketUnit.TextOf(unit) is not { } text)
        {
            return false;
        }

        foreach (var message in SockJsMessages(text))
        {
            if (message["type"]?.GetValue<string>() != "send" || message["body"]?["action"] is not JsonValue action
                || !_busFaults.TryPeek(out var next) || next.Action != action.GetValue<string>() || !_busFaults.TryDequeue(out next))
            {
                continue;
            }

            if (next.Fault.Reply is null)
            {
                next.Fault.MarkApplied();
                return true;
            }

            _replacedReplies[message["replyAddress"]!.GetValue<string>()] = next.Fault;
        }

        return false;
    }

    /// <summary>The unit as the client gets it: a server frame carrying a faulted request's reply gets the fault's message instead.</summary>
    private (byte[] Bytes, List<BusFault> Replaced) ReplaceReplies(byte[] unit)
    {
        var replaced = new List<BusFault>();
        if (_replacedReplies.IsEmpty || WebSocketUnit.TextOf(unit) is not { } text || !text.StartsWith('a'))
        {
            return (unit, replaced);
        }

        var messages = JsonSerializer.Deserialize<string[]>(text[1..])!;
        for (var i = 0; i < messages.Length; i++)
        {
            if (JsonNode.Parse(messages[i])?["address"] is JsonValue address
                && _replacedReplies.TryRemove(address.GetValue<string>(), out var fault))
            {
                messages[i] = fault.Reply!(address.GetValue<string>());
                replaced.Add(fault);
            }
        }

        return replaced.Count == 0 ? (unit, replaced) : (WebSocketUnit.ServerText("a" + JsonSerializer.Serialize(messages)), replaced);
    }

    /// <summary>The messages of a SockJS client frame (a JSON array of JSON strings), each parsed; none if it is not one.</summary>
    private static IEnumerable<JsonNode> SockJsMessages(string frame)
    {
        string[]? texts;
        try
        {
            texts = frame.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(frame) : null;
        }
        catch (JsonException)
        {
            texts = null;
        }

        foreach (var text in texts ?? [])
        {
            JsonNode? message;
            try
            {
                message = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                message = null;
            }

            if (message is JsonObject)
            {
                yield return message;
            }
        }
    }

    private async Task ForwardAsync(ReadOnlyMemory<byte> data, Func<ReadOnlyMemory<byte>, ValueTask<int>> send)
    {
        if (!ByteByByte)
        {
            await send(data);
            return;
        }

        for (var i = 0; i < data.Length; i++)
        {
            await send(data.Slice(i, 1));
        }
    }

    /// <summary>One proxied connection.</summary>
    private sealed class Link(Socket client, Socket server) : IDisposable
    {
        private readonly SemaphoreSlim _clientWrites = new(1, 1);
        private int _reset;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        /// <summary>Whether the client opened this connection as the event-bus WebSocket.</summary>
        public bool IsBus { get; private set; }

        /// <summary>The client's bytes on the bus: its HTTP head, then masked WebSocket frames.</summary>
        public WebSocketUnit.Reader FromClient { get; } = new();

        /// <summary>The server's bytes on the bus: its HTTP head, then WebSocket frames.</summary>
        public WebSocketUnit.Reader FromServer { get; } = new();

        public void SawClientBytes(ReadOnlySpan<byte> bytes)
        {
            if (!IsBus && bytes.IndexOf("GET /kiwibus/"u8) >= 0)
            {
                IsBus = true;
            }
        }

        public async ValueTask<int> WriteToClientAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await _clientWrites.WaitAsync(cancellationToken);
            try
            {
                return await Client.SendAsync(bytes, cancellationToken);
            }
            finally
            {
                _clientWrites.Release();
            }
        }

        /// <summary>Ends both sides at once with a TCP reset, as a dropped mobile connection or a crashed host looks.</summary>
        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) != 0)
            {
                return;
            }

            Client.Close(0);
            Server.Close(0);
        }

        public void Dispose()
        {
            Reset();
            _clientWrites.Dispose();
        }
    }
}

/// <summary>What the <see cref="FaultProxy"/> does to one event-bus request instead of passing it on.</summary>
internal sealed class BusFault
{
    private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BusFault(Func<string, string>? reply) => Reply = reply;

    /// <summary>The SockJS message the client gets for the request's reply address instead of the reply; null to cut.</summary>
    public Func<string, string>? Reply { get; }

    /// <summary>Completes once the fault has reached the client (the replaced reply forwarded, or the connection cut).</summary>
    public Task Applied => _applied.Task;

    /// <summary>The connection is cut (TCP reset) instead of passing the request on, so it is lost while pending.</summary>
    public static BusFault Cut() => new(null);

    /// <summary>The server's reply is replaced by <paramref name="message"/>, made for the reply address.</summary>
    public static BusFault Answer(Func<string, string> message) => new(message);

    /// <summary>A Kiwigrid error reply: <c>{"status":"error","code":…}</c>.</summary>
    public static BusFault ServiceError(int code, string message) => Answer(replyAddress => new JsonObject
    {
        ["address"] = replyAddress,
        ["body"] = new JsonObject { ["status"] = "error", ["result"] = null, ["code"] = code, ["message"] = message },
    }.ToJsonString());

    /// <summary>A reply whose body breaks off in the middle of the device list.</summary>
    public static BusFault MalformedReply() => Answer(replyAddress =>
        $$"""{"address":"{{replyAddress}}","body":{"status":"ok","code":200,"result":{"items":[{"guid":""");

    /// <summary>A Vert.x reply failure, e.g. <c>-1 TIMEOUT</c> or <c>-1 NO_HANDLERS</c>.</summary>
    public static BusFault VertxFailure(int code, string failureType, string message) => Answer(replyAddress => new JsonObject
    {
        ["type"] = "err",
        ["address"] = replyAddress,
        ["failureCode"] = code,
        ["failureType"] = failureType,
        ["message"] = message,
    }.ToJsonString());

    /// <summary>A bridge error without address (<c>{"type":"err","body":"access_denied"}</c>) instead of the reply.</summary>
    public static BusFault BridgeError(string error) => Answer(_ => new JsonObject { ["type"] = "err", ["body"] = error }.ToJsonString());

    internal void MarkApplied() => _applied.TrySetResult();
}

/// <summary>The units of one direction of a WebSocket connection as the proxy passes them: the HTTP head, then whole frames.</summary>
internal static class WebSocketUnit
{
    /// <summary>The text of a whole, final text frame (unmasked), or null for the HTTP head and any other frame.</summary>
    public static string? TextOf(byte[] unit)
    {
        if (unit.Length < 2 || unit[0] != 0x81)
        {
            return null;
        }

        var masked = (unit[1] & 0x80) != 0;
        var (length, at) = (unit[1] & 0x7f) switch
        {
            126 => ((long)BinaryPrimitives.ReadUInt16BigEndian(unit.AsSpan(2)), 4),
            127 => ((long)BinaryPrimitives.ReadUInt64BigEndian(unit.AsSpan(2)), 10),
            var small => (small, 2),
        };
        var payload = unit.AsSpan(at + (masked ? 4 : 0), (int)length).ToArray();
        if (masked)
        {
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= unit[at + (i % 4)];
            }
        }

        return Encoding.UTF8.GetString(payload);
    }

    /// <summary>A final, unmasked text frame, as a server sends it.</summary>
    public static byte[] ServerText(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = payload.Length switch
        {
            < 126 => new byte[] { 0x81, (byte)payload.Length },
            <= ushort.MaxValue => [0x81, 126, (byte)(payload.Length >> 8), (byte)payload.Length],
            _ => [0x81, 127, 0, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length],
        };
        return [.. header, .. payload];
    }

    /// <summary>Cuts one direction's byte stream into units. A head that is not a WebSocket upgrade makes the rest pass as it comes.</summary>
    internal sealed class Reader
    {
        private readonly List<byte> _pending = [];
        private bool _inHead = true;
        private bool _passThrough;

        public List<byte[]> Feed(ReadOnlySpan<byte> bytes)
        {
            _pending.AddRange(bytes);
            var units = new List<byte[]>();
            while (_pending.Count > 0)
            {
                var available = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
                int length;
                if (_passThrough)
                {
                    length = available.Length;
                }
                else if (_inHead)
                {
                    var end = available.IndexOf("\r\n\r\n"u8);
                    if (end < 0)
                    {
                        break;
                    }

                    length = end + 4;
                    _inHead = false;
                    var head = Encoding.ASCII.GetString(available[..length]);
                    _passThrough = !(head.StartsWith("GET ", StringComparison.Ordinal) || head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal));
                }
                else if ((length = FrameLength(available)) == 0)
                {
                    break;
                }

                units.Add(available[..length].ToArray());
                _pending.RemoveRange(0, length);
            }

            return units;
        }

        /// <summary>The length of the whole frame at the start of <paramref name="bytes"/>, or 0 while it is incomplete.</summary>
        private static int FrameLength(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length < 2)
            {
                return 0;
            }

            var mask = (bytes[1] & 0x80) != 0 ? 4 : 0;
            var (payload, header) = (bytes[1] & 0x7f) switch
            {
                126 when bytes.Length >= 4 => ((long)BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]), 4),
                127 when bytes.Length >= 10 => ((long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]), 10),
                126 or 127 => (-1L, 0),
                var small => (small, 2),
            };
            var total = header + mask + payload;
            return payload < 0 || bytes.Length < total ? 0 : (int)total;
        }
    }
}
