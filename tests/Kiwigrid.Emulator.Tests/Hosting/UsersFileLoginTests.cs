using System.Net;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Hosting;

public sealed class UsersFileLoginTests
{
    [Fact]
    public async Task Accounts_from_a_users_file_log_in_through_the_portal_and_the_demo_account_does_not()
    {
        using var file = new TemporaryFile("# test accounts\nann@example.com:pa:ss word\nbob@example.com:pw-bob\n");
        var commandLine = EmulatorCommandLine.Parse(["--users-file", file.Path], _ => null, TextReader.Null);
        await using var emulator = await EmulatorRun.StartAsync(options => options with { Users = commandLine.Options.Users });
        using var http = EmulatorRun.HttpClient(emulator);

        // The first account goes through all four steps of the portal flow to a token.
        Assert.Equal("ann@example.com", emulator.UserName);
        Assert.NotEmpty(await RawLogin.AccessTokenAsync(emulator));
        using var bob = await RawLogin.PostLoginAsync(http, "bob@example.com", "pw-bob");
        using var wrongPassword = await RawLogin.PostLoginAsync(http, "ann@example.com", "pa");
        using var demo = await RawLogin.PostLoginAsync(http, EmulatorOptions.DemoUserName, EmulatorOptions.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
    }
}
