using System.Text.Json;
using Kiwigrid.Cli.Tests.Serve.Mqtt;
using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Sites;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary><c>watch</c> and <c>export --watch</c> against the emulator, including the emulator going away and coming back.</summary>
[Collection(AloneInTheProcess.Name)]
public sealed class WatchCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Watch_prints_the_changes_of_the_simulated_home()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock));
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync("watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--interval", "5", "--count", "3", "--json").WaitAsync(Patience);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var changes = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var site = (SimulatedSite)emulator.Site;
        Assert.Contains(changes, c => c.GetProperty("guid").GetString() == site.LocationGuid && c.GetProperty("tag").GetString() == "PowerProduced");
        Assert.All(changes, c => Assert.NotEqual(c.GetProperty("before").GetRawText(), c.GetProperty("after").GetRawText()));
        Assert.Contains("Watching", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watch", "PowerConsumd")]
    [InlineData("watch", "PowerConsumed", "--tag", "Nope")]
    [InlineData("watch", "PowerConsumed", "--device", "battery")]
    [InlineData("export", "PowerConsumd", "--watch")]
    public async Task A_tag_that_no_watched_device_has_is_refused_in_one_sentence_instead_of_watching_nothing(string command, string tag, params string[] more)
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock));
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync([command, "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--tag", tag, .. more, "--interval", "5", "--count", "3"]).WaitAsync(Patience);
        }

        var missing = more.Length == 2 && more[0] == "--tag" ? more[1] : tag;
        Assert.True(outcome.ExitCode == ExitCodes.NotFound, outcome.ToString());
        Assert.Equal($"kiwigrid: No watched device has the tag '{missing}'; run 'kiwigrid tags <device>' to list a device's tags.", outcome.Error.Trim().Split('\n')[^1].Trim());
    }

    [Theory]
    [InlineData("location", "PowerConsumed")]
    [InlineData("battery", "StateOfCharge")]
    [InlineData("name of the battery", "StateOfCharge")]
    public async Task Watch_finds_the_device_by_kind_or_name_also_with_tag(string device, string tag)
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock));
        var site = (SimulatedSite)emulator.Site;
        var guid = device == "location" ? site.LocationGuid : site.BatteryGuid;
        var selector = device == "name of the battery" ? site.Devices.GetValue(guid, "IdName")!.GetValue<string>() : device;
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync("watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--device", selector, "--tag", tag, "--interval", "5", "--count", "3", "--json").WaitAsync(Patience);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("Watching 1 device ", outcome.Error, StringComparison.Ordinal);
        var changes = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(changes, c => Assert.Equal((guid, tag), (c.GetProperty("guid").GetString(), c.GetProperty("tag").GetString())));
    }

    [Fact]
    public async Task Export_watch_with_tag_names_every_device()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock));
        var site = (SimulatedSite)emulator.Site;
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            outcome = await cli.RunAsync("export", "--watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--tag", "PowerProduced", "--interval", "5", "--count", "1").WaitAsync(Patience);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var values = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var location = Assert.Single(values, v => v.GetProperty("guid").GetString() == site.LocationGuid);
        Assert.Equal(site.Devices.GetValue(site.LocationGuid, "IdName")!.GetValue<string>(), location.GetProperty("device").GetString());
        Assert.All(values, v => Assert.Equal("PowerProduced", v.GetProperty("tag").GetString()));
    }

    [Fact]
    public async Task Watch_outlives_the_access_token_by_logging_in_again()
    {
        var clock = new PumpedClock(EmulatedHome.Noon);
        var emulatorLog = new RecordingLoggers();
        await using var emulator = await KiwigridEmulator.StartAsync(EmulatedHome.Options(clock) with
        {
            TokenLifetime = TimeSpan.FromSeconds(20),
            LoggerFactory = emulatorLog,
        });
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();

        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            // Twelve reads five seconds apart, from 0 s to 55 s: the token of 20 s expires at least twice on the way.
            outcome = await cli.RunAsync("watch", "--cloud", "legacy", "--server", emulator.BaseUri.ToString(), "--interval", "5", "--count", "12", "--json", "--tag", "PowerProduced").WaitAsync(Patience);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.DoesNotContain("kiwigrid:", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection lost", outcome.Error, StringComparison.Ordinal);
        Assert.NotEmpty(outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // The portal saw the first login and one more for each expired token.
        var logins = emulatorLog.Lines.Count(line => line.StartsWith("Information: Login of demo@example.com succeeded", StringComparison.Ordinal));
        Assert.True(logins >= 3, $"{logins} logins:\n{string.Join('\n', emulatorLog.Lines)}");
    }

    [Fact]
    public async Task Watch_survives_the_emulator_restarting_on_the_same_port_and_reports_the_new_values_once()
    {
        var dump = RepoPaths.Fixture("wizard-devices", "solarwatt-em-1.json");
        var location = LocationGuid(dump);
        var clock = new PumpedClock(EmulatedHome.Noon);
        ReplaySite Site(double produced)
        {
            var site = new ReplaySite(dump, clock);
            site.Devices.Set(location, "PowerProduced", produced, clock.GetUtcNow());
            return site;
        }

        var first = await KiwigridEmulator.StartAsync(EmulatorOptions.Default with { TimeProvider = clock, SiteFactory = _ => Site(1111) });
        var address = first.BaseUri;
        var cli = new CliRun { TimeProvider = clock }.WithDemoUser();
        using var stop = new CancellationTokenSource();
        CliOutcome outcome;
        await using (new ClockPump(clock))
        {
            var run = cli.RunAsync(stop.Token, "export", "--watch", "--cloud", "legacy", "--server", address.ToString(), "--interval", "5", "--tag", "PowerProduced");
            await CommandProgress.UntilAsync(() => cli.Out.Output.Contains("1111", StringComparison.Ordinal), run, Patience);

            await first.DisposeAsync();
            await CommandProgress.UntilAsync(() => cli.Error.Output.Contains("Connection lost", StringComparison.Ordinal), run, Patience);

            await using var second = await KiwigridEmulator.StartAsync(EmulatorOptions.Default with
            {
                TimeProvider = clock,
                Urls = [address.GetLeftPart(UriPartial.Authority)],
                SiteFactory = _ => Site(2222),
            });
            await CommandProgress.UntilAsync(() => cli.Out.Output.Contains("2222", StringComparison.Ordinal), run, Patience);

            await stop.CancelAsync();
            outcome = await run.WaitAsync(Patience);
        }

        Assert.Equal(130, outcome.ExitCode);
        Assert.Contains("Reconnected", outcome.Error, StringComparison.Ordinal);
        var values = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(v => v.GetProperty("guid").GetString() == location)
            .Select(v => v.GetProperty("value").GetDouble())
            .ToList();
        Assert.Equal([1111, 2222], values);
    }

    private static string LocationGuid(string dump)
    {
        var bytes = File.ReadAllBytes(dump);
        using var json = JsonDocument.Parse(bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        return json.RootElement.GetProperty("result").GetProperty("items").EnumerateArray()
            .First(d => d.GetProperty("deviceModel").EnumerateArray().Any(m => m.GetProperty("deviceClass").GetString() == "com.kiwigrid.devices.location.Location"))
            .GetProperty("guid").GetString()!;
    }
}
