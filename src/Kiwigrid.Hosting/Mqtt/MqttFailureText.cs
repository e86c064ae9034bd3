using System.Net.Sockets;

namespace Kiwigrid.Hosting.Mqtt;

/// <summary>Why the broker could not be used, in words a user reads rather than the MQTT library's own.</summary>
internal static class MqttFailureText
{
    public static string Describe(Exception error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name was not found",
                    SocketError.TimedOut => "no answer in time",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "the connection was dropped",
                    _ => socket.Message.TrimEnd('.'),
                };
            }
        }

        return error.Message.TrimEnd('.');
    }
}
