using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;

namespace Kiwigrid.Client.Tests.SockJs;

/// <summary>
/// A real client/server WebSocket pair (RFC 6455 framing by <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>)
/// over in-memory pipes: no sockets, no clock, so tests drive time with FakeTimeProvider alone.
/// </summary>
internal sealed class InMemoryWebSocketPair : IDisposable
{
    public InMemoryWebSocketPair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        Client = WebSocket.CreateFromStream(
            new DuplexPipeStream(toClient.Reader, toServer.Writer),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        Server = WebSocket.CreateFromStream(
            new DuplexPipeStream(toServer.Reader, toClient.Writer),
            new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
    }

    public WebSocket Client { get; }

    public WebSocket Server { get; }

    /// <summary>The addresses the client asked to connect to.</summary>
    public List<Uri> ConnectedUris { get; } = [];

    /// <summary>Hands out <see cref="Client"/> as <c>KiwigridClientOptions.WebSocketConnector</c>.</summary>
    public Task<WebSocket> ConnectAsync(Uri uri, System.Net.CookieContainer cookies, CancellationToken cancellationToken)
    {
        ConnectedUris.Add(uri);
        return Task.FromResult(Client);
    }

    /// <summary>Sends one text frame from the server, as one WebSocket message.</summary>
    public Task SendAsync(string frame) =>
        Server.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends one WebSocket message from the server, cut into fragments of <paramref name="fragmentBytes"/>.</summary>
    public async Task SendFragmentedAsync(string frame, int fragmentBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        for (var at = 0; at < bytes.Length; at += fragmentBytes)
        {
            var length = Math.Min(fragmentBytes, bytes.Length - at);
            await Server.SendAsync(bytes.AsMemory(at, length), WebSocketMessageType.Text, at + length == bytes.Length, CancellationToken.None);
        }
    }

    /// <summary>The next frame the client sent, as text.</summary>
    public async Task<string> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var count = 0;
        while (true)
        {
            var result = await Server.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            count += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, count);
            }
        }
    }

    /// <summary>
    /// Reads the server side until the client's close frame and answers it, as a server completes the close
    /// handshake; returns the status the client closed with, or null when the socket ended without a close frame.
    /// </summary>
    public async Task<WebSocketCloseStatus?> AnswerCloseAsync()
    {
        // Bounded by WaitAsync, not a token: cancelling a receive on the pipes would not end the read under it.
        var patience = TimeSpan.FromSeconds(10);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await Server.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(patience);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await Server.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(patience);
                    return result.CloseStatus;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }

    private sealed class DuplexPipeStream(PipeReader input, PipeWriter output) : Stream
    {
        private readonly Stream _input = input.AsStream();
        private readonly Stream _output = output.AsStream();

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _input.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _output.WriteAsync(buffer, cancellationToken);

        public override void Flush() => _output.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
                _output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
