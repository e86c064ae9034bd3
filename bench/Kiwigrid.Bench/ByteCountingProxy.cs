using System.Net;
using System.Net.Sockets;

namespace Kiwigrid.Bench;

/// <summary>
/// A TCP forwarder on a free loopback port to <c>127.0.0.1:target</c> that counts the bytes each way: what serve's
/// MQTT publisher sends the broker (and gets back), on the wire, framing included.
/// </summary>
internal sealed class ByteCountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _sent;
    private long _received;

    public ByteCountingProxy(int target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes from the clients to the target so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Bytes from the target back to the clients so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = CopyAsync(client.GetStream(), target.GetStream(), bytes => Interlocked.Add(ref _sent, bytes), either.Token);
                var down = CopyAsync(target.GetStream(), client.GetStream(), bytes => Interlocked.Add(ref _received, bytes), either.Token);
                await Task.WhenAny(up, down);
                await either.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // One side closed; the other goes with it.
            }
        }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, Action<int> count, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                count(read);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The connection ended.
        }
    }
}
