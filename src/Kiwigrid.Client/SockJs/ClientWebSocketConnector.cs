using System.Net;
using System.Net.WebSockets;

namespace Kiwigrid.Client.SockJs;

/// <summary>The default way to open the bus socket: a <see cref="ClientWebSocket"/> that sends the login cookies.</summary>
internal static class ClientWebSocketConnector
{
    /// <summary>Opens the socket, its handshake through <paramref name="handler"/> when there is one.</summary>
    public static async Task<WebSocket> ConnectAsync(Uri uri, CookieContainer cookies, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            if (handler is null)
            {
                // The handshake is an HTTP request to the http(s) form of the address, so cookies set for the desktop
                // or bus host (webcore_sid) are found and sent.
                socket.Options.Cookies = cookies;
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Over the caller's handler the socket may not keep cookies itself: they go as a header, looked up for
                // the http(s) form of the address as above.
                var header = cookies.GetCookieHeader(HttpFormOf(uri));
                if (header.Length > 0)
                {
                    socket.Options.SetRequestHeader("Cookie", header);
                }

                using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
                await socket.ConnectAsync(uri, invoker, cancellationToken).ConfigureAwait(false);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Uri HttpFormOf(Uri uri) => uri.Scheme switch
    {
        "ws" => new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp }.Uri,
        "wss" => new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps }.Uri,
        _ => uri,
    };
}
