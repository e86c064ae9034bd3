using System.Net;
using System.Net.Sockets;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>
/// A loopback TCP proxy between client and emulator that misbehaves on request: holds back the server's bytes,
/// forwards one byte at a time, cuts the connection at the client's next bytes, or slips extra bytes to the client.
/// It knows nothing of HTTP or WebSocket beyond spotting which connection is the event bus.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
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

                    await ForwardAsync(buffer.AsMemory(0, read), chunk => link.Server.SendAsync(chunk, _stop.Token));
                }
                else
                {
                    await Volatile.Read(ref _forwarding).Task.WaitAsync(_stop.Token);
                    await ForwardAsync(buffer.AsMemory(0, read), chunk => link.WriteToClientAsync(chunk, _stop.Token));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            link.Reset();
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
