using Kiwigrid.Emulator.Hosting;

namespace Kiwigrid.Emulator.Tests.Hosting;

public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Options_are_read_from_the_command_line()
    {
        var parsed = EmulatorCommandLine.Parse([
            "--urls", "http://127.0.0.1:8080", "--user", "ann@example.com:pa:ss", "--token-lifetime", "00:05:00",
            "--heartbeat", "5", "--ping-timeout", "2.5", "--dialect", "vertx3", "--seed", "7", "--speed", "60",
        ]);

        Assert.Equal(["http://127.0.0.1:8080"], parsed.Options.Urls);
        Assert.Equal("pa:ss", parsed.Options.Users["ann@example.com"]);
        Assert.Single(parsed.Options.Users);
        Assert.Equal(TimeSpan.FromMinutes(5), parsed.Options.TokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.Options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2.5), parsed.Options.PingTimeout);
        Assert.Equal(EventBusDialect.VertX3, parsed.Options.Dialect);
        Assert.Equal(7, parsed.Simulation.Seed);
        Assert.Equal(60, parsed.Simulation.Speed);
    }

    [Theory]
    [InlineData("--dialect", "vertx4", "--dialect")]
    [InlineData("--user", "nopassword", "--user")]
    [InlineData("--heartbeat", "-1", "--heartbeat")]
    [InlineData("--bogus", "1", "--bogus")]
    public void Bad_arguments_get_a_message_naming_the_option(string option, string value, string named)
    {
        var error = Assert.Throws<FormatException>(() => EmulatorCommandLine.Parse([option, value]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
