using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Kiwigrid.Client;

namespace Kiwigrid.Cli;

/// <summary>How a failure ends the process: an exit code and one sentence saying what happened and what to do.</summary>
internal sealed record CommandError(int ExitCode, string Message)
{
    /// <summary>
    /// Classifies a failure. Messages come from our own text or from the client's exceptions, which never carry
    /// passwords or tokens; nothing the user typed as a secret is ever echoed.
    /// </summary>
    public static CommandError From(Exception exception) => exception switch
    {
        CliUsageException usage => new(ExitCodes.Usage, usage.Message),
        CliNotFoundException notFound => new(ExitCodes.NotFound, notFound.Message),
        KiwigridAuthenticationException auth => new(ExitCodes.LoginFailed, DescribeLogin(auth)),
        KiwigridTimeoutException timeout =>
            new(ExitCodes.Unreachable, Sentence("The server did not answer in time", timeout.Message, "check that it is running and reachable")),
        KiwigridConnectionException connection =>
            new(ExitCodes.Unreachable, Sentence("The connection to the server failed", connection.Message, "check the URL and that the server is running")),
        HttpRequestException http =>
            new(ExitCodes.Unreachable, Sentence("The server could not be reached", http.Message, "check the URL and that the server is running")),
        WebSocketException webSocket =>
            new(ExitCodes.Unreachable, Sentence("The connection to the server was lost", webSocket.Message, "check that the server is running and try again")),
        SocketException socket =>
            new(ExitCodes.Unreachable, Sentence("The server could not be reached", socket.Message, "check the URL and that the server is running")),
        KiwigridServiceException service =>
            new(ExitCodes.ServiceError, Sentence($"The server answered with error {service.Code}", service.Message, "try again later")),
        KiwigridProtocolException protocol =>
            new(ExitCodes.ServiceError, Sentence("The server sent something unexpected", protocol.Message, "check that the URL points at a Kiwigrid server")),
        JsonException json =>
            new(ExitCodes.ServiceError, Sentence("The server sent malformed JSON", json.Message, "check that the URL points at an Energy Manager")),
        KiwigridException other =>
            new(ExitCodes.ServiceError, Sentence("The request failed", other.Message, "try again later")),
        _ => new(ExitCodes.ServiceError, Sentence("Unexpected failure", exception.Message, "please report this")),
    };

    private static string DescribeLogin(KiwigridAuthenticationException auth) =>
        auth.StatusCode is 401 or 403
            ? "Login failed: the portal rejected the user name or password; check KIWIGRID_USERNAME and the password and try again."
            : Sentence($"Login failed at step {auth.Step}", auth.Message, "try again later");

    // "What happened (detail); what to do." as one sentence.
    private static string Sentence(string what, string detail, string todo)
    {
        detail = detail.Trim().TrimEnd('.');
        return string.IsNullOrEmpty(detail) ? $"{what}; {todo}." : $"{what} ({detail}); {todo}.";
    }
}
