using System.Net;
using System.Net.WebSockets;

namespace Kiwigrid.Client.SockJs;

/// <summary>The default way to open the bus socket: a <see cref="ClientWebSocket"/> that sends the login cookies.</summary>
internal static class ClientWebSocketConnector
{
    public static async Task<WebSocket> ConnectAsync(Uri uri, CookieContainer cookies, CancellationToken cancellationToken)
    {
        // The handshake is an HTTP request to the http(s) form of the address, so cookies set for the desktop or bus
        // host (webcore_sid) are found and sent.
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
