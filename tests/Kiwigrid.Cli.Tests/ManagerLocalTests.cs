using System.Text.Json;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Manager;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>--local</c> against the emulated SOLARWATT Manager flex: detection, the gateway login, TLS trust.</summary>
public sealed class ManagerLocalTests
{
    private static async Task<KiwigridEmulator> StartAsync(FakeTimeProvider clock, ManagerOptions manager) =>
        await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock) with { Manager = manager });

    private static CliRun Cli(FakeTimeProvider clock, string password = EmulatorOptions.DemoPassword)
    {
        var run = new CliRun { TimeProvider = clock };
        run.Environment["KIWIGRID_MANAGER_PASSWORD"] = password;
        return run;
    }

    private static string Origin(KiwigridEmulator emulator) => emulator.ManagerUri!.AbsoluteUri.TrimEnd('/');

    [Theory]
    [InlineData(ManagerFirmware.New, "energy overview API")]
    [InlineData(ManagerFirmware.Old, "openHAB items API of older firmware")]
    public async Task Status_says_what_the_device_is_and_shows_its_flow(ManagerFirmware firmware, string api)
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default with { Firmware = firmware });

        var outcome = await Cli(clock).RunAsync("status", "--local", emulator.ManagerUri!.ToString(), "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal($"The device at {Origin(emulator)} is a SOLARWATT Manager ({api}).", outcome.Error.Trim());
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.True(json.RootElement.GetProperty("pvPowerW").GetDouble() > 0, outcome.Out);
        Assert.Equal(0, json.RootElement.GetProperty("balanceGaps").GetArrayLength());
    }

    [Fact]
    public async Task Devices_lists_the_things_as_kiwigrid_devices()
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default);

        var outcome = await Cli(clock).RunAsync("devices", "--local", emulator.ManagerUri!.ToString(), "--json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.Out);
        var guids = json.RootElement.EnumerateArray().Select(d => d.GetProperty("guid").GetString()!).ToList();
        Assert.Contains(guids, g => g.StartsWith("kiwigrid-location:standard:", StringComparison.Ordinal));
        Assert.Contains(guids, g => g.StartsWith("foxesshybrid:battery:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_gateway_password_exits_3_in_one_sentence_without_the_password()
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default);

        var outcome = await Cli(clock, "hunter2-wrong").RunAsync("status", "--local", emulator.ManagerUri!.ToString());

        Assert.Equal(3, outcome.ExitCode);
        var lines = outcome.Error.Trim().Split('\n');
        Assert.Equal($"kiwigrid: Login failed: the SOLARWATT Manager at {Origin(emulator)} refused the user name or password; check --user (default installer) and the gateway password (KIWIGRID_MANAGER_PASSWORD, --password-stdin or the prompt).", lines[^1]);
        Assert.DoesNotContain("hunter2-wrong", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_outage_is_ridden_out_and_each_retry_is_said_in_one_line()
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default with { LoginOutage = 2 });
        var cli = Cli(clock);

        var run = cli.RunAsync("status", "--local", emulator.ManagerUri!.ToString(), "--json");
        foreach (var (line, wait) in new[] { ("HTTP 504 (attempt 1 of 3); trying again in 2 s.", 2), ("HTTP 500 (attempt 2 of 3); trying again in 4 s.", 4) })
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!cli.Error.Output.Contains(line, StringComparison.Ordinal))
            {
                Assert.False(run.IsCompleted || DateTime.UtcNow > deadline, "no retry line: " + cli.Error.Output);
                await Task.Delay(20);
            }

            clock.Advance(TimeSpan.FromSeconds(wait));
        }

        var outcome = await run;
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            [
                $"The SOLARWATT Manager at {Origin(emulator)} answered its login with HTTP 504 (attempt 1 of 3); trying again in 2 s.",
                $"The SOLARWATT Manager at {Origin(emulator)} answered its login with HTTP 500 (attempt 2 of 3); trying again in 4 s.",
                $"The device at {Origin(emulator)} is a SOLARWATT Manager (energy overview API).",
            ],
            outcome.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_until_pinned_or_trusted_on_first_use()
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default with { Https = true });
        var fingerprint = emulator.ManagerCertificateFingerprint!;
        var address = emulator.ManagerUri!.ToString();

        var refused = await Cli(clock).RunAsync("status", "--local", address);
        var pinned = await Cli(clock).RunAsync("status", "--local", address, "--tls-fingerprint", fingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant());
        var trusted = await Cli(clock).RunAsync("status", "--local", address, "--tls-trust-on-first-use");

        Assert.Equal(4, refused.ExitCode);
        Assert.Equal(
            $"kiwigrid: The device at {Origin(emulator)} presented an HTTPS certificate that no authority vouches for (SHA-256 {fingerprint}); if it is your device's own, run again with --tls-fingerprint {fingerprint}.",
            refused.Error.Trim());
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.DoesNotContain("WARNING", pinned.Error, StringComparison.Ordinal);
        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        Assert.StartsWith($"WARNING: trusting the HTTPS certificate of {Origin(emulator)} on first use, unchecked: SHA-256 {fingerprint}.", trusted.Error, StringComparison.Ordinal);
        Assert.Single(trusted.Error.Split('\n'), l => l.Contains("WARNING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_classic_energy_manager_is_named_and_read_as_before()
    {
        var clock = new FakeTimeProvider(EmulatedHome.Noon);
        await using var emulator = await StartAsync(clock, ManagerOptions.Default);

        var outcome = await Cli(clock).RunAsync("status", "--local", emulator.BaseUri.ToString());

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal($"The device at {emulator.BaseUri.AbsoluteUri.TrimEnd('/')} is a classic SOLARWATT Energy Manager.", outcome.Error.Trim());
    }

    [Theory]
    [InlineData("--tls-fingerprint applies only to an https:// address given with --local.", "--local", "http://192.168.1.20", "--tls-fingerprint", "AA")]
    [InlineData("--tls-trust-on-first-use applies only to a device on the LAN given with --local https://….", "--tls-trust-on-first-use")]
    [InlineData("--tls-fingerprint needs a SHA-256 fingerprint (64 hex digits, colons allowed) such as the one --tls-trust-on-first-use prints, not 'AB:CD'.", "--local", "https://192.168.1.20", "--tls-fingerprint", "AB:CD")]
    public async Task Tls_options_out_of_place_are_one_sentence(string sentence, params string[] args)
    {
        var outcome = await new CliRun().RunAsync(["status", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("kiwigrid: " + sentence, outcome.Error.Trim());
    }
}
