using System.Security.Cryptography;

namespace Kiwigrid.Client.SockJs;

/// <summary>
/// Builds the WebSocket address of a SockJS session, <c>{bus}/&lt;server&gt;/&lt;session&gt;/websocket</c>.
/// </summary>
/// <remarks>
/// [design] Like sockjs-client (not the original Kiwigrid client, which hard-codes <c>1/1</c>), every connection
/// gets a random three-digit server id and a random eight-character session id: the protocol allows any id, and a
/// load balancer that routes by these ids spreads fresh sessions instead of pinning them all to one node.
/// </remarks>
internal static class SockJsSessionUri
{
    private const string SessionIdCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <param name="eventBusUri">The bus base: <c>ws</c>, <c>wss</c>, <c>http</c> (→ ws) or <c>https</c> (→ wss).</param>
    public static Uri Create(Uri eventBusUri)
    {
        ArgumentNullException.ThrowIfNull(eventBusUri);
        var scheme = eventBusUri.Scheme switch
        {
            "ws" or "http" => "ws",
            "wss" or "https" => "wss",
            _ => throw new ArgumentException(
                $"The event-bus address must use ws, wss, http or https, not '{eventBusUri.Scheme}'.", nameof(eventBusUri)),
        };

        var server = RandomNumberGenerator.GetInt32(1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        var session = RandomNumberGenerator.GetString(SessionIdCharacters, 8);
        var builder = new UriBuilder(eventBusUri)
        {
            Scheme = scheme,
            Path = eventBusUri.AbsolutePath.TrimEnd('/') + $"/{server}/{session}/websocket",
            Query = string.Empty,
            Fragment = string.Empty,
        };
        return builder.Uri;
    }
}
