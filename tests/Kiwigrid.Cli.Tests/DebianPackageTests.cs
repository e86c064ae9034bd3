using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>A test whose Debian package is missing, on a machine where it cannot be installed, says what to run.</summary>
public sealed class DebianPackageTests
{
    [Fact]
    public async Task A_missing_tool_that_only_root_may_install_fails_with_the_one_command_that_installs_them_all()
    {
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => DebianPackage.EnsureAsync("/nonexistent/mosquitto", "mosquitto", asRoot: false));

        Assert.Equal(
            "/nonexistent/mosquitto is missing and cannot be installed (only root may install it): "
            + "run `sudo apt-get install -y --no-install-recommends chromium mosquitto prometheus jq systemd` first.",
            missing.Message);
    }
}
