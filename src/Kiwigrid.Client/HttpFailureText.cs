namespace Kiwigrid.Client;

/// <summary>Why an HTTP request never got an answer, in words a user reads (not the enum's member name).</summary>
internal static class HttpFailureText
{
    public static string Describe(HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name was not found",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
        HttpRequestError.ResponseEnded => "the server closed the connection before answering",
        HttpRequestError.VersionNegotiationError or HttpRequestError.ExtendedConnectNotSupported => "no HTTP version could be agreed on",
        HttpRequestError.ProxyTunnelError => "the proxy refused the tunnel",
        HttpRequestError.UserAuthenticationError => "the proxy or server asked for credentials this client does not have",
        HttpRequestError.ConfigurationLimitExceeded => "the answer exceeded a size limit",
        _ => "a network error",
    };
}
