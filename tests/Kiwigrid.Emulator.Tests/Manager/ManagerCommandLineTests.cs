using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Kiwigrid.Emulator.Tests.Support;

namespace Kiwigrid.Emulator.Tests.Manager;

/// <summary>The Manager's options on the emulator's command line (shared with <c>kiwigrid emulator</c>).</summary>
public sealed class ManagerCommandLineTests
{
    [Fact]
    public void Without_manager_options_no_manager_is_played_and_the_default_address_stays()
    {
        var options = Parse().Options;

        Assert.Null(options.Manager);
        Assert.Equal(EmulatorOptions.Default.Urls, options.Urls);
    }

    [Fact]
    public void The_manager_options_are_read()
    {
        var manager = Parse("--manager", "rail", "--manager-firmware", "old", "--manager-https", "--manager-login-outage", "4").Options.Manager!;

        Assert.Equal(ManagerModel.Rail, manager.Model);
        Assert.Equal(ManagerFirmware.Old, manager.Firmware);
        Assert.True(manager.Https);
        Assert.Equal(4, manager.LoginOutage);
        Assert.Equal(ManagerOptions.InstallerUserName, manager.UserName);
        Assert.Equal(EmulatorOptions.DemoPassword, manager.Password);
    }

    [Fact]
    public void The_firmware_option_also_answers_to_the_short_name_firmware() =>
        Assert.Equal(ManagerFirmware.Old, Parse("--manager", "flex", "--firmware", "old").Options.Manager!.Firmware);

    [Fact]
    public void A_plain_manager_is_a_flex_with_new_firmware_over_http()
    {
        Assert.Equal(ManagerOptions.Default, Parse("--manager", "flex").Options.Manager);
    }

    [Fact]
    public void An_account_named_installer_gives_the_manager_its_password()
    {
        using var users = new TemporaryFile("ann@example.com:pw-ann\ninstaller:s3cret:x\n");

        var manager = Parse("--manager", "flex", "--users-file", users.Path).Options.Manager!;

        Assert.Equal("s3cret:x", manager.Password);
        Assert.DoesNotContain("s3cret", manager.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--manager-firmware", "old")]
    [InlineData("--manager-https", null)]
    [InlineData("--manager-login-outage", "2")]
    public void A_manager_option_without_manager_says_what_is_missing(string option, string? value)
    {
        var error = Assert.Throws<FormatException>(() => Parse(value is null ? [option] : [option, value]));

        Assert.Equal($"The option {option} shapes the emulated Manager, so it needs --manager flex or --manager rail too.", error.Message);
    }

    [Theory]
    [InlineData("--manager", "pro")]
    [InlineData("--manager-firmware", "10.26")]
    [InlineData("--manager-login-outage", "-1")]
    public void Bad_values_are_usage_errors(string option, string value)
    {
        var error = Assert.Throws<FormatException>(() => Parse("--manager", "flex", option, value));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    private static EmulatorCommandLine Parse(params string[] args) => EmulatorCommandLine.Parse(args, _ => null, TextReader.Null);
}
