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
        Hosting.KiwigridSetupException setup => new(ExitCodes.Usage, setup.Message),
        CliNotFoundException notFound => new(ExitCodes.NotFound, notFound.Message),
        CliLoginRefusedException refused => new(ExitCodes.LoginFailed, refused.Message),
        KiwigridAuthenticationException auth => new(ExitCodes.LoginFailed, DescribeLogin(auth)),
        KiwigridTimeoutException timeout => NoAnswerInTime(timeout.Message),

        // Vert.x gave up waiting for the service's reply: a timeout like our own.
        KiwigridServiceException { IsTimeout: true } vertx => NoAnswerInTime($"{vertx.FailureType}: {vertx.Message}"),
        KiwigridCertificateException { Fingerprint: { } fingerprint } certificate => new(ExitCodes.Unreachable,
            $"The device at {certificate.Origin} presented an HTTPS certificate that no authority vouches for (SHA-256 {fingerprint}); if it is your device's own, run again with --tls-fingerprint {fingerprint}."),
        KiwigridConnectionException connection =>
            new(ExitCodes.Unreachable, Sentence("The connection to the server failed", connection.Message, "check the URL and that the server is running")),
        HttpRequestException http =>
            new(ExitCodes.Unreachable, Sentence("The server could not be reached", http.Message, "check the URL and that the server is running")),
        WebSocketException webSocket =>
            new(ExitCodes.Unreachable, Sentence("The connection to the server was lost", webSocket.Message, "check that the server is running and try again")),
        SocketException socket =>
            new(ExitCodes.Unreachable, Sentence("The server could not be reached", socket.Message, "check the URL and that the server is running")),
        KiwigridServiceException service => new(ExitCodes.ServiceError, DescribeService(service)),
        KiwigridBridgeException bridge => new(ExitCodes.ServiceError, Sentence(
            "The event-bus bridge refused the request",
            bridge.Message,
            bridge.IsRefusal ? "check in the portal that the account may read this site; retrying will not help" : "please report this")),
        KiwigridProtocolException protocol =>
            new(ExitCodes.ServiceError, Sentence("The server sent something unexpected", protocol.Message, "check that the URL points at a Kiwigrid server")),
        JsonException json =>
            new(ExitCodes.ServiceError, Sentence("The server sent malformed JSON", json.Message, "check that the URL points at an Energy Manager")),
        KiwigridException other =>
            new(ExitCodes.ServiceError, Sentence("The request failed", other.Message, "try again later")),
        _ => new(ExitCodes.ServiceError, Sentence("Unexpected failure", exception.Message, "please report this")),
    };

    private static CommandError NoAnswerInTime(string detail) =>
        new(ExitCodes.Unreachable, Sentence("The server did not answer in time", detail, "check that it is running and reachable"));

    private static string DescribeLogin(KiwigridAuthenticationException auth)
    {
        const string WrongCredentials = "Login failed: the portal rejected the user name or password; check KIWIGRID_USERNAME and the password and try again.";
        var what = $"Login failed at step {auth.Step}";
        return auth.StatusCode switch
        {
            401 or 403 => WrongCredentials,
            429 => Sentence(what, auth.Message, "too many attempts: wait a minute before trying again"),
            _ when TransientStatus.Is(auth.StatusCode) => Sentence(what, auth.Message, "try again later"),
            >= 400 => Sentence(what, auth.Message, "retrying will not help: check that --server or --auth-url points at the portal's login server"),

            // A success without what the step needs (a cookie, a code, a token): the portal's trouble, not the password's.
            _ => Sentence(what, auth.Message, "try again later"),
        };
    }

    /// <summary>
    /// A service's error reply, or a Vert.x failure (shown by its type, e.g. NO_HANDLERS). Only what passes — a 5xx, an
    /// overloaded or restarting server — is worth trying again; a refused request is not, also when the service
    /// refused it by failing the message (RECIPIENT_FAILURE with its own code, such as 400).
    /// </summary>
    private static string DescribeService(KiwigridServiceException service)
    {
        if (service.FailureType is { } failureType)
        {
            return Sentence(
                $"The event bus answered with {failureType} (failure code {service.Code})",
                service.Message,
                failureType == "RECIPIENT_FAILURE" ? Advice(service.Code) : "try again later");
        }

        return Sentence($"The server answered with error {service.Code}", service.Message, Advice(service.Code));
    }

    /// <summary>What to do about a service's error code.</summary>
    private static string Advice(int code) => code switch
    {
        401 or 403 or 419 => "the account was refused access: check in the portal that it may read this site",
        404 => "check the device, guid or address asked for",
        _ when TransientStatus.Is(code) => "try again later",
        >= 400 and < 500 => "the server refused the request itself, so retrying will not help: check the options, and report it if they are right",
        _ => "try again later",
    };

    // "What happened (detail); what to do." as one sentence.
    private static string Sentence(string what, string detail, string todo)
    {
        detail = detail.Trim().TrimEnd('.');
        return string.IsNullOrEmpty(detail) ? $"{what}; {todo}." : $"{what} ({detail}); {todo}.";
    }
}
