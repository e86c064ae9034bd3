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
    public void The_readme_documents_every_exit_code()
    {
        var readme = File.ReadAllText(Path.Combine(Kiwigrid.Testing.RepoPaths.Root, "README.md"));

        Assert.All(ExitCodes.Documented, entry => Assert.Contains($"| {entry.Code} | {entry.Meaning} |", readme, StringComparison.Ordinal));
    }
}
