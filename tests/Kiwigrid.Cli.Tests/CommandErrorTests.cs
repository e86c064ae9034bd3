using Kiwigrid.Client;

namespace Kiwigrid.Cli.Tests;

public sealed class CommandErrorTests
{
    [Fact]
    public void Every_failure_class_has_its_documented_exit_code()
    {
        Assert.Equal(3, CommandError.From(new KiwigridAuthenticationException(1, 401, "Login refused.")).ExitCode);
        Assert.Equal(4, CommandError.From(new KiwigridConnectionException("Connection refused.")).ExitCode);
        Assert.Equal(4, CommandError.From(new KiwigridTimeoutException("No reply.")).ExitCode);
        Assert.Equal(4, CommandError.From(new System.Net.WebSockets.WebSocketException("Dropped.")).ExitCode);
        Assert.Equal(5, CommandError.From(new KiwigridServiceException(500, null, "Boom.")).ExitCode);
        Assert.Equal(5, CommandError.From(new KiwigridProtocolException("Bad frame.")).ExitCode);
        Assert.Equal(2, CommandError.From(new CliUsageException("Bad URL.")).ExitCode);
        Assert.Equal(1, CommandError.From(new CliNotFoundException("No such device.")).ExitCode);
    }

    [Fact]
    public void Messages_are_one_sentence()
    {
        var error = CommandError.From(new KiwigridConnectionException("Cannot reach the server."));

        Assert.Equal("The connection to the server failed (Cannot reach the server); check the URL and that the server is running.", error.Message);
    }

    [Fact]
    public void Only_a_refusal_of_the_credentials_is_reported_as_a_wrong_password()
    {
        var rejected = CommandError.From(new KiwigridAuthenticationException(1, 401, "Login refused."));
        var throttled = CommandError.From(new KiwigridAuthenticationException(1, 429, "Login step 1 (login) failed: the server answered HTTP 429 Too Many Requests."));

        Assert.Contains("rejected the user name or password", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected the user name or password", throttled.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 429", throttled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_reference_documents_every_exit_code()
    {
        var reference = File.ReadAllText(Path.Combine(Kiwigrid.Testing.RepoPaths.Root, "docs", "CLI.md"));

        Assert.All(ExitCodes.Documented, entry => Assert.Contains($"| {entry.Code} | {entry.Meaning} |", reference, StringComparison.Ordinal));
    }

    [Fact]
    public void A_vertx_timeout_is_a_timeout_like_our_own_with_the_same_sentence_and_its_failure_type()
    {
        var ours = CommandError.From(new KiwigridTimeoutException("No reply from 'deviceservice' within 30 s."));
        var vertx = CommandError.From(new KiwigridServiceException(-1, "TIMEOUT", "Timed out after waiting 30000(ms) for a reply. address: __vertx.reply.1, repliedAddress: deviceservice"));

        Assert.Equal(ExitCodes.Unreachable, vertx.ExitCode);
        Assert.Equal(ours.ExitCode, vertx.ExitCode);
        Assert.StartsWith("The server did not answer in time (TIMEOUT: Timed out after waiting 30000(ms)", vertx.Message, StringComparison.Ordinal);
        Assert.EndsWith("); check that it is running and reachable.", vertx.Message, StringComparison.Ordinal);
        Assert.Equal(ours.Message[..ours.Message.IndexOf('(', StringComparison.Ordinal)], vertx.Message[..vertx.Message.IndexOf('(', StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData(-1, "NO_HANDLERS", "No handlers for address deviceservice")]
    [InlineData(42, "RECIPIENT_FAILURE", "device exploded")]
    public void A_vertx_failure_shows_its_failure_type(int code, string failureType, string message)
    {
        var error = CommandError.From(new KiwigridServiceException(code, failureType, message));

        Assert.Equal(ExitCodes.ServiceError, error.ExitCode);
        Assert.Equal($"The event bus answered with {failureType} (failure code {code}) ({message}); try again later.", error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(405)]
    [InlineData(422)]
    public void A_4xx_that_retrying_cannot_fix_is_never_told_to_try_again_later(int code)
    {
        var service = CommandError.From(new KiwigridServiceException(code, null, $"deviceservice.getDevices failed with code {code}: refused."));
        var login = CommandError.From(new KiwigridAuthenticationException(2, code, $"Login step 2 (authorize) failed: the server answered HTTP {code}."));

        Assert.Equal(ExitCodes.ServiceError, service.ExitCode);
        Assert.StartsWith($"The server answered with error {code} (", service.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("try again later", service.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("try again later", login.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.LoginFailed, login.ExitCode);
    }

    [Theory]
    [InlineData(400, "retrying will not help")]
    [InlineData(422, "retrying will not help")]
    [InlineData(403, "the account was refused access")]
    [InlineData(503, "try again later")]
    public void A_recipient_failure_is_advised_by_its_own_code(int code, string advice)
    {
        var error = CommandError.From(new KiwigridServiceException(code, "RECIPIENT_FAILURE", "Unknown projection."));

        Assert.Equal(ExitCodes.ServiceError, error.ExitCode);
        Assert.StartsWith($"The event bus answered with RECIPIENT_FAILURE (failure code {code}) (Unknown projection); ", error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        if (code < 500)
        {
            Assert.DoesNotContain("try again later", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_request_says_that_retrying_will_not_help()
    {
        var error = CommandError.From(new KiwigridServiceException(400, null, "deviceservice.getDevices failed with code 400: Unknown projection."));

        Assert.Equal(
            "The server answered with error 400 (deviceservice.getDevices failed with code 400: Unknown projection); the server refused the request itself, so retrying will not help: check the options, and report it if they are right.",
            error.Message);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(425)]
    public void What_passes_by_itself_is_worth_trying_again(int code)
    {
        var error = CommandError.From(new KiwigridServiceException(code, null, "Busy."));

        Assert.Equal($"The server answered with error {code} (Busy); try again later.", error.Message);
    }

    [Fact]
    public void A_bridge_refusal_names_the_address_and_is_a_service_error()
    {
        var error = CommandError.From(new KiwigridBridgeException("deviceservice", "access_denied", "The event-bus bridge refused the request to 'deviceservice': access_denied."));

        Assert.Equal(ExitCodes.ServiceError, error.ExitCode);
        Assert.Equal(
            "The event-bus bridge refused the request (The event-bus bridge refused the request to 'deviceservice': access_denied); check in the portal that the account may read this site; retrying will not help.",
            error.Message);
    }

    [Theory]
    [InlineData(1, 401)]
    [InlineData(1, 403)]
    public void Refused_credentials_say_so(int step, int? status)
    {
        var error = CommandError.From(new KiwigridAuthenticationException(step, status, "Login failed."));

        Assert.Equal(ExitCodes.LoginFailed, error.ExitCode);
        Assert.StartsWith("Login failed: the portal rejected the user name or password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_login_server_error_at_the_first_step_is_not_called_a_wrong_password()
    {
        var error = CommandError.From(new KiwigridAuthenticationException(1, 503, "Login step 1 (login) failed: the server answered HTTP 503 Service Unavailable."));

        Assert.Equal("Login failed at step 1 (Login step 1 (login) failed: the server answered HTTP 503 Service Unavailable); try again later.", error.Message);
    }
}
