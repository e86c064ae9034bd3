using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Spectre.Console.Testing;

namespace Kiwigrid.Cli.Tests;

public sealed class CredentialsTests
{
    private static CliContext Context(TestConsole error, string stdin, bool interactive, Dictionary<string, string>? environment = null) =>
        new(new CliConsole(new TestConsole(), error, new StringReader(stdin), interactive), name => environment?.GetValueOrDefault(name), TimeProvider.System);

    [Fact]
    public async Task The_environment_gives_both()
    {
        var environment = new Dictionary<string, string> { ["KIWIGRID_USERNAME"] = "ann@example.com", ["KIWIGRID_PASSWORD"] = "pw1" };

        var credentials = await Credentials.ResolveAsync(null, false, Context(new TestConsole(), string.Empty, false, environment), CancellationToken.None);

        Assert.Equal("ann@example.com", credentials.UserName);
        Assert.Equal("pw1", credentials.Password);
        Assert.DoesNotContain("pw1", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_stdin_reads_the_first_line_and_beats_the_environment()
    {
        var environment = new Dictionary<string, string> { ["KIWIGRID_PASSWORD"] = "from-env" };

        var credentials = await Credentials.ResolveAsync("bob", true, Context(new TestConsole(), "from-stdin\nrest\n", false, environment), CancellationToken.None);

        Assert.Equal("bob", credentials.UserName);
        Assert.Equal("from-stdin", credentials.Password);
    }

    [Fact]
    public async Task At_a_terminal_the_password_is_asked_for_without_echoing_it()
    {
        var error = new TestConsole();
        error.Interactive();
        error.Input.PushTextWithEnter("s3cret-typed");

        var credentials = await Credentials.ResolveAsync("carol", false, Context(error, string.Empty, true), CancellationToken.None);

        Assert.Equal("s3cret-typed", credentials.Password);
        Assert.Contains("Password for carol", error.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-typed", error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_stdin_is_a_usage_error()
    {
        var error = await Assert.ThrowsAsync<CliUsageException>(
            () => Credentials.ResolveAsync("dave", true, Context(new TestConsole(), string.Empty, false), CancellationToken.None));

        Assert.Contains("--password-stdin", error.Message, StringComparison.Ordinal);
    }
}
