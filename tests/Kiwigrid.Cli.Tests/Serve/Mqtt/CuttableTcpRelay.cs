using System.Net;
using System.Net.Sockets;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>
/// A loopback TCP relay in front of the broker whose connections can be reset on demand: the broker sees its
/// client vanish without a DISCONNECT (as when a process crashes or a cable is pulled), so it sends the last will.
/// New connections keep being relayed.
/// </summary>
internal sealed class CuttableTcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Client, Socket Server)> _links = [];
    private readonly Task _accepting;

    public CuttableTcpRelay(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Uri => new($"mqtt://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int ConnectionCount
    {
        get
        {
            lock (_links)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Resets both ends of every open connection.</summary>
    public void CutAll()
    {
        lock (_links)
        {
            foreach (var (client, server) in _links)
            {
                Reset(client);
                Reset(server);
            }

            _links.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            lock (_links)
            {
                _links.Add((client, server));
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read));
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Cut: the other pump or CutAll already reset both ends.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, not FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
