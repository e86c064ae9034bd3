using Kiwigrid.Cli.Serve;
using Kiwigrid.Hosting;

namespace Kiwigrid.Cli.Tests.Serve;

/// <summary><c>serve --allow-control</c> and the named access tokens it logs changes with.</summary>
public sealed class ServeControlOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiwigrid-tokens-").FullName;

    [Fact]
    public async Task Allow_control_without_an_access_token_is_refused_also_on_loopback()
    {
        var outcome = await new CliRun().WithDemoUser().RunAsync("serve", "--cloud", "legacy", "--server", "http://127.0.0.1:9", "--allow-control");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains(
            "--allow-control needs an access token, also on this machine alone; set one with --access-token-file or KIWIGRID_SERVE_TOKEN.",
            outcome.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard:", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_control_with_an_energy_manager_on_the_lan_which_cannot_change_settings_is_refused_before_serving()
    {
        var run = new CliRun().WithDemoUser();
        run.Environment[ServeAccess.TokenVariable] = "kitchen:0123456789abcdef-test";
        var outcome = await run.RunAsync("serve", "--local", "http://127.0.0.1:9", "--allow-control");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains("cannot change settings here", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard:", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_names_each_token_and_a_bare_token_is_named_token()
    {
        var file = Write("# who may read and change\nkitchen:0123456789abcdef-kitchen\n\nphone: 0123456789abcdef-phone\n");
        var bare = Write("0123456789abcdef-only\n");

        var tokens = ServeAccess.Resolve(file, _ => null)!;
        var single = ServeAccess.Resolve(bare, _ => null)!;

        Assert.Equal(["kitchen", "phone"], tokens.Names);
        Assert.Equal("phone", tokens.Find("0123456789abcdef-phone")?.Name);
        Assert.Null(tokens.Find("kitchen:0123456789abcdef-kitchen"));
        Assert.Equal("token", single.Find("0123456789abcdef-only")?.Name);
        Assert.DoesNotContain("0123456789abcdef", tokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_variable_takes_a_named_token_too()
    {
        var tokens = ServeAccess.Resolve(null, name => name == ServeAccess.TokenVariable ? "wall-display:0123456789abcdef-wall" : null)!;

        Assert.Equal("wall-display", tokens.Find("0123456789abcdef-wall")?.Name);
    }

    [Theory]
    [InlineData("a:0123456789abcdef-one\na:0123456789abcdef-two\n", "names two tokens 'a'")]
    [InlineData("a:0123456789abcdef-one\nb:0123456789abcdef-one\n", "lists one token under two names")]
    [InlineData("a:short\n", "The access token 'a' is shorter than 16 characters")]
    public void A_token_file_that_cannot_tell_who_is_who_is_refused_without_showing_a_token(string content, string sentence)
    {
        var error = Assert.Throws<KiwigridSetupException>(() => ServeAccess.Resolve(Write(content), _ => null));

        Assert.Contains(sentence, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }
}
